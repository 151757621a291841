//! `block`, `unblock`, `forced close` and `forced list` as an operator runs them: the citizen's
//! sign-in is refused while blocked and after the closure, with the reason and how to appeal, and
//! the act the closure issued verifies against the registry.

use std::path::Path;
use std::process::Output;

use crate::common::*;

use kabinet_core::contract::SignInRequest;
use kabinet_core::{Caller, ErrorCode, Kabinet};
use time::{Date, Duration, OffsetDateTime};

fn refused(output: Output) -> String {
    assert!(!output.status.success(), "{}", String::from_utf8_lossy(&output.stdout));
    String::from_utf8(output.stderr).unwrap()
}

fn dotted(day: Date) -> String {
    kabinet_core::validate::dotted_date(day)
}

/// Signs in through the core as the app would; the refusal's code and message.
async fn sign_in(dir: &Path) -> Result<(), (ErrorCode, String)> {
    let kabinet = Kabinet::open(config(dir)).await.unwrap();
    let request = SignInRequest { identifier: PHONE.into(), password: PASSWORD.into(), remember_me: false };
    let caller = Caller::new();
    let outcome =
        kabinet.client(&caller).session().sign_in(request).await.map(|_| ()).map_err(|e| (e.code, e.message));
    kabinet.close().await;
    outcome
}

async fn act_bytes(dir: &Path, number: &str) -> Vec<u8> {
    let kabinet = Kabinet::open(config(dir)).await.unwrap();
    let bytes = kabinet.documents().content(number).await.unwrap().expect("the act");
    kabinet.close().await;
    bytes
}

#[test]
fn an_operator_blocks_unblocks_and_closes_by_a_court_decision() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let account = runtime.block_on(registered(&data));
    let today = OffsetDateTime::now_utc().date();

    let bad = refused(cli(&data, &["block", "--account", &account, "--reason", "", "--until", "вчера"]));
    assert!(bad.contains("Причина: обязательное поле"), "{bad}");
    assert!(bad.contains("Заблокировать по: введите дату в формате ДД.ММ.ГГГГ"), "{bad}");
    let until = dotted(today + Duration::days(3));
    let blocked = ok(cli(
        &data,
        &["block", "--account", &account, "--reason", "Проверка обращения", "--until", &until],
    ));
    assert_eq!(blocked.trim(), format!("{account}  по {until}  Проверка обращения"));
    let (code, message) = runtime.block_on(sign_in(&data)).unwrap_err();
    assert_eq!(code, ErrorCode::AccountBlocked);
    assert!(
        message.starts_with(&format!(
            "Кабинет заблокирован по {until} включительно. Причина: Проверка обращения."
        ))
    );
    assert!(message.contains("по телефону 8 800 100-70-10"), "{message}");
    let again =
        refused(cli(&data, &["block", "--account", &account, "--reason", "Ещё раз", "--until", &until]));
    assert!(again.contains("Кабинет уже заблокирован"), "{again}");
    ok(cli(&data, &["unblock", "--account", &account]));
    assert!(refused(cli(&data, &["unblock", "--account", &account])).contains("Кабинет не заблокирован"));
    runtime.block_on(sign_in(&data)).unwrap();

    let unknown = refused(cli(&data, &["forced", "close", "--account", &account, "--ground", "whim"]));
    assert!(unknown.contains("Неизвестное основание «whim»"), "{unknown}");
    let missing =
        refused(cli(&data, &["forced", "close", "--account", &account, "--ground", "court-decision"]));
    for expected in [
        "Номер решения или акта: обязательное поле",
        "Дата документа: обязательное поле",
        "Кем принят документ: обязательное поле",
    ] {
        assert!(missing.contains(expected), "{expected} in {missing}");
    }
    let decided = dotted(today - Duration::days(5));
    let closed = ok(cli(
        &data,
        &[
            "--json",
            "forced",
            "close",
            "--account",
            &account,
            "--ground",
            "court-decision",
            "--number",
            "2-1234/2026",
            "--date",
            &decided,
            "--issuer",
            "Тверской районный суд г. Москвы",
        ],
    ));
    let case: serde_json::Value = serde_json::from_str(closed.trim()).unwrap();
    assert_eq!((case["stage"].as_str(), case["ground"].as_str()), (Some("executed"), Some("court_decision")));
    assert_eq!(case["decision_date"].as_str(), Some(decided.as_str()));
    let act = case["act_number"].as_str().unwrap().to_owned();
    let file = dir.path().join("act.pdf");
    std::fs::write(&file, runtime.block_on(act_bytes(&data, &act))).unwrap();
    assert!(ok(cli(&data, &["verify", file.to_str().unwrap()])).starts_with("valid\n"));
    let (code, message) = runtime.block_on(sign_in(&data)).unwrap_err();
    assert_eq!(code, ErrorCode::AccountClosed);
    assert!(message.contains("Основание: решение суда."), "{message}");

    let list = ok(cli(&data, &["forced", "list"]));
    assert!(
        list.starts_with(&format!(
            "{}  {account}  Решение суда  Исполнено: кабинет закрыт  {act}",
            case["number"].as_str().unwrap()
        )),
        "{list}"
    );
    let again = refused(cli(
        &data,
        &["forced", "close", "--account", &account, "--ground", "death", "--certificate", "IV-МЮ № 1"],
    ));
    assert!(again.contains("Кабинет уже закрыт"), "{again}");
}
