//! Helpers for the integration tests: a fresh data directory per test, a clock the test moves,
//! and the code read back from the outbox exactly as the demo desk reads it.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use kabinet_core::contract::{RegistrationDraft, SendCodeRequest, VerifyCodeRequest};
use kabinet_core::{Clock, Config, Kabinet};
use time::macros::datetime;

pub const PASSWORD: &str = "Zq8#mW2!rLp";

pub struct Fixture {
    pub dir: tempfile::TempDir,
    pub clock: Clock,
    pub kabinet: Kabinet,
}

pub async fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let clock = Clock::manual(datetime!(2026-11-25 09:00 UTC));
    let kabinet = open(&dir, &clock).await;
    Fixture { dir, clock, kabinet }
}

pub async fn open(dir: &tempfile::TempDir, clock: &Clock) -> Kabinet {
    Kabinet::open_with_clock(Config::with_data_dir(dir.path()), clock.clone()).await.unwrap()
}

pub async fn code_for(kabinet: &Kabinet, phone: &str) -> String {
    let message = kabinet.outbox().last_for(phone).await.unwrap().expect("a message");
    message.body.chars().filter(char::is_ascii_digit).take(6).collect()
}

pub async fn confirm_phone(kabinet: &Kabinet, phone: &str) -> String {
    kabinet.registration().send_code(SendCodeRequest { phone: phone.into() }).await.unwrap();
    let code = code_for(kabinet, phone).await;
    let confirmed =
        kabinet.registration().verify_code(VerifyCodeRequest { phone: phone.into(), code }).await.unwrap();
    confirmed.ticket
}

pub fn full_draft(ticket: String) -> RegistrationDraft {
    RegistrationDraft {
        ticket,
        surname: Some("Ёлкина-Соколова".into()),
        given_name: Some("Анна".into()),
        patronymic: Some("Сергеевна".into()),
        birth_date: Some("05.03.1990".into()),
        gender: Some("Ж".into()),
        password: Some(PASSWORD.into()),
        password_repeat: Some(PASSWORD.into()),
        accept_terms: Some(true),
        accept_personal_data: Some(true),
    }
}

pub async fn register(kabinet: &Kabinet, phone: &str) -> String {
    let ticket = confirm_phone(kabinet, phone).await;
    kabinet.registration().complete(full_draft(ticket)).await.unwrap().account_number
}
