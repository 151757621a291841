//! Helpers of the CLI tests: run `kabinet-cli` on a data directory, and register a citizen
//! through the core the way the app does, with the code read back from the outbox.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::{Command, Output};

use kabinet_core::contract::{RegistrationDraft, SendCodeRequest, VerifyCodeRequest};
use kabinet_core::{Caller, Client, Config, Kabinet};

pub const PHONE: &str = "+79161112233";
pub const PASSWORD: &str = "Zq8#mW2!rLp";

/// `kabinet-cli --data-dir DIR ARGS…`.
pub fn cli(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kabinet-cli")).arg("--data-dir").arg(dir).args(args).output().unwrap()
}

/// The standard output of a command that must succeed.
pub fn ok(output: Output) -> String {
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

/// Registers «Соколова Анна» with [`PHONE`] as `kabinet`'s caller; returns the account number.
pub async fn register(kabinet: &Client<'_>) -> String {
    kabinet.registration().send_code(SendCodeRequest { phone: PHONE.into() }).await.unwrap();
    let body = kabinet.outbox().last_for(PHONE).await.unwrap().unwrap().body;
    let code: String = body.chars().filter(char::is_ascii_digit).take(6).collect();
    let request = VerifyCodeRequest { phone: PHONE.into(), code: code.into() };
    let ticket = kabinet.registration().verify_code(request).await.unwrap().ticket;
    let draft = RegistrationDraft {
        ticket,
        surname: Some("Соколова".into()),
        given_name: Some("Анна".into()),
        patronymic: None,
        birth_date: Some("05.03.1990".into()),
        gender: Some("Ж".into()),
        password: Some(PASSWORD.into()),
        password_repeat: Some(PASSWORD.into()),
        accept_terms: Some(true),
        accept_personal_data: Some(true),
    };
    kabinet.registration().complete(draft).await.unwrap().account_number
}

/// Registers the citizen in `dir` and closes the Кабинет again; returns the account number.
pub async fn registered(dir: &Path) -> String {
    let kabinet = Kabinet::open(Config::with_data_dir(dir)).await.unwrap();
    let number = register(&kabinet.client(&Caller::new())).await;
    kabinet.close().await;
    number
}
