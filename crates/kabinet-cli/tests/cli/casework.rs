//! `application`, `debt` and `issue` as an operator runs them: the citizen's data changes
//! through the same core calls the staff console will use, and each change reaches the inbox.

use std::collections::BTreeMap;
use std::path::Path;

use crate::common::*;
use kabinet_core::applications::types::SubmitApplication;
use kabinet_core::contract::SignInRequest;
use kabinet_core::{Caller, Kabinet};

/// Registers a citizen and submits one application through the core; returns the account number.
async fn citizen_with_application(dir: &Path) -> String {
    let kabinet = Kabinet::open(config(dir)).await.unwrap();
    let caller = Caller::new();
    let citizen = kabinet.client(&caller);
    let number = register(&citizen).await;
    let sign_in = SignInRequest { identifier: PHONE.into(), password: PASSWORD.into(), remember_me: false };
    citizen.session().sign_in(sign_in).await.unwrap();
    let fields: BTreeMap<String, String> = [("snils", "112-233-445 95"), ("request", "Назначение пенсии")]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    citizen.applications().submit(SubmitApplication { service: "pension".into(), fields }).await.unwrap();
    kabinet.close().await;
    number
}

#[test]
fn an_operator_moves_an_application_and_books_and_confirms_a_debt() {
    let dir = tempfile::tempdir().unwrap();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let account = runtime.block_on(citizen_with_application(dir.path()));

    let list = ok(cli(dir.path(), &["application", "list", "--account", &account]));
    assert!(list.starts_with("2026-000001  Принято"), "{list}");
    assert!(list.contains("Пенсии и пособия"));
    let refused =
        cli(dir.path(), &["application", "status", "--number", "2026-000001", "--status", "refused"]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("Комментарий: обязательное поле"));
    let moved = ok(cli(
        dir.path(),
        &[
            "application",
            "status",
            "--number",
            "2026-000001",
            "--status",
            "documents-required",
            "--comment",
            "Нужна трудовая книжка",
        ],
    ));
    assert!(moved.contains("Требуются документы"), "{moved}");

    let added = ok(cli(
        dir.path(),
        &[
            "--json",
            "debt",
            "add",
            "--account",
            &account,
            "--kind",
            "tax",
            "--agency",
            "ФНС России",
            "--purpose",
            "Налог на имущество за 2025 год",
            "--amount",
            "2 340,00",
            "--due",
            "01.12.2026",
        ],
    ));
    let debt: serde_json::Value = serde_json::from_str(added.trim()).unwrap();
    assert_eq!(debt["amount_kopecks"], 234_000);
    assert_eq!(debt["status"], "open");
    let bad = cli(
        dir.path(),
        &[
            "debt",
            "add",
            "--account",
            &account,
            "--kind",
            "tax",
            "--agency",
            "ФНС",
            "--purpose",
            "Налог",
            "--amount",
            "12,345",
            "--due",
            "01.12.2026",
        ],
    );
    assert!(String::from_utf8_lossy(&bad.stderr).contains("Сумма: введите сумму в рублях"));

    let id = debt["id"].to_string();
    let confirmed = ok(cli(dir.path(), &["--json", "debt", "confirm", "--id", &id]));
    assert!(confirmed.contains("\"status\":\"paid\""), "{confirmed}");
    let listed = ok(cli(dir.path(), &["debt", "list", "--account", &account]));
    assert!(listed.trim_end().ends_with("= 0,00\u{a0}₽"), "{listed}");
}
