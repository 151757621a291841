//! Registration and sign-in against a real encrypted database and the real OS keyring.

use crate::common::*;
use kabinet_core::contract::{Level, SendCodeRequest, SignInRequest, VerifyCodeRequest};
use kabinet_core::validate::Invalid;
use kabinet_core::{Caller, ErrorCode, Field};

fn sign_in(identifier: &str, password: &str, remember_me: bool) -> SignInRequest {
    SignInRequest { identifier: identifier.into(), password: password.into(), remember_me }
}

#[tokio::test]
async fn a_citizen_registers_and_signs_in_by_phone_in_any_format() {
    let f = fixture().await;
    let number = register(&f.client(), "+7 (912) 345-67-89").await;
    assert!(number.len() == 12 && number.chars().filter(char::is_ascii_digit).count() == 10);

    let view = f
        .client()
        .session()
        .sign_in(sign_in("89123456789", PASSWORD, false))
        .await
        .unwrap()
        .session()
        .unwrap();
    assert_eq!(view.account_number, number);
    assert_eq!(view.level, Level::Simplified);
    assert_eq!(view.full_name, "Ёлкина-Соколова Анна Сергеевна");
    assert_eq!(view.phone, "+79123456789");
    assert_eq!(f.client().session().current().await.unwrap().unwrap().account_number, number);

    f.client().session().sign_out().await.unwrap();
    assert!(f.client().session().current().await.unwrap().is_none());
}

#[tokio::test]
async fn wrong_password_and_unknown_phone_read_the_same() {
    let f = fixture().await;
    register(&f.client(), "9123456780").await;
    let wrong = f.client().session().sign_in(sign_in("9123456780", "Wrong#Pass9x", false)).await.unwrap_err();
    let unknown = f.client().session().sign_in(sign_in("9000000000", PASSWORD, false)).await.unwrap_err();
    assert_eq!(wrong.code, ErrorCode::InvalidCredentials);
    assert_eq!(wrong, unknown);
}

#[tokio::test]
async fn a_taken_phone_is_refused_with_the_recovery_hint_once_its_code_is_confirmed() {
    let f = fixture().await;
    register(&f.client(), "9123456781").await;
    f.clock.advance(time::Duration::minutes(2));
    f.client().registration().send_code(SendCodeRequest { phone: "+79123456781".into() }).await.unwrap();
    let code = code_for(&f.kabinet, "+79123456781").await;
    let error = f
        .client()
        .registration()
        .verify_code(VerifyCodeRequest { phone: "+79123456781".into(), code })
        .await
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::IdentifierTaken);
    assert_eq!(error.message, "Этот номер уже зарегистрирован — восстановите доступ");
    assert_eq!(error.fields[0].field, Field::Phone);
}

#[tokio::test]
async fn every_bad_field_is_named_with_its_reason_and_nothing_is_created() {
    let f = fixture().await;
    let ticket = confirm_phone(&f.client(), "9123456782").await;
    let mut draft = full_draft(ticket.clone());
    draft.surname = Some("Ivanov".into());
    draft.given_name = Some(String::new());
    draft.birth_date = Some("31.02.1990".into());
    draft.gender = Some("X".into());
    draft.password_repeat = Some("other".into());
    draft.accept_terms = Some(false);
    let error = f.client().registration().complete(draft).await.unwrap_err();
    assert_eq!(error.code, ErrorCode::Validation);
    let fields: Vec<Field> = error.fields.iter().map(|e| e.field).collect();
    assert_eq!(
        fields,
        [
            Field::Surname,
            Field::GivenName,
            Field::BirthDate,
            Field::Gender,
            Field::PasswordRepeat,
            Field::AcceptTerms
        ]
    );
    assert!(error.fields.iter().all(|e| e.message.contains(": ")));
    assert!(error.fields[0].message.starts_with("Фамилия"));
    let retried = f.client().registration().complete(full_draft(ticket)).await;
    assert!(retried.is_ok(), "the ticket survives a failed attempt: {retried:?}");
}

#[tokio::test]
async fn the_password_may_not_contain_the_phone_or_name() {
    let f = fixture().await;
    let ticket = confirm_phone(&f.client(), "9870152463").await;
    let mut draft = full_draft(ticket);
    draft.password = Some("Aa!9870152463".into());
    draft.password_repeat = draft.password.clone();
    let error = f.client().registration().check(draft.clone()).await.unwrap_err();
    assert_eq!(error.fields[0].code, Invalid::PasswordContainsPhone);
    draft.password = Some("Anna#2024xyz".into());
    draft.password_repeat = draft.password.clone();
    let error = f.client().registration().check(draft).await.unwrap_err();
    assert_eq!(error.fields[0].code, Invalid::PasswordContainsName);
}

#[tokio::test]
async fn check_validates_only_the_fields_given_so_far() {
    let f = fixture().await;
    let ticket = confirm_phone(&f.client(), "9123456784").await;
    let draft = kabinet_core::contract::RegistrationDraft {
        ticket,
        surname: Some("Петров".into()),
        given_name: Some("Пётр".into()),
        ..Default::default()
    };
    f.client().registration().check(draft).await.unwrap();
}

#[tokio::test]
async fn a_ticket_is_used_once() {
    let f = fixture().await;
    let ticket = confirm_phone(&f.client(), "9123456785").await;
    f.client().registration().complete(full_draft(ticket.clone())).await.unwrap();
    let again = f.client().registration().complete(full_draft(ticket)).await.unwrap_err();
    assert_eq!(again.code, ErrorCode::RegistrationExpired);
}

#[tokio::test]
async fn the_ticket_expires_after_thirty_minutes() {
    let f = fixture().await;
    let ticket = confirm_phone(&f.client(), "9123456786").await;
    f.clock.advance(time::Duration::minutes(30));
    let error = f.client().registration().complete(full_draft(ticket)).await.unwrap_err();
    assert_eq!(error.code, ErrorCode::RegistrationExpired);
}

#[tokio::test]
async fn remember_me_survives_a_restart_and_sign_out_forgets_it() {
    let f = fixture().await;
    register(&f.client(), "9123456787").await;
    f.client().session().sign_in(sign_in("9123456787", PASSWORD, true)).await.unwrap();
    f.kabinet.close().await;

    let reopened_kabinet = open(&f.dir, &f.clock).await;
    let caller = Caller::new();
    let reopened = reopened_kabinet.client(&caller);
    let view = reopened.session().current().await.unwrap().expect("remembered session");
    assert!(view.remembered);
    reopened.session().sign_out().await.unwrap();
    reopened_kabinet.close().await;

    let again_kabinet = open(&f.dir, &f.clock).await;
    let caller = Caller::new();
    let again = again_kabinet.client(&caller);
    assert!(again.session().current().await.unwrap().is_none());
}

#[tokio::test]
async fn without_remember_me_a_restart_signs_out() {
    let f = fixture().await;
    register(&f.client(), "9123456788").await;
    f.client().session().sign_in(sign_in("9123456788", PASSWORD, false)).await.unwrap();
    f.kabinet.close().await;
    let reopened_kabinet = open(&f.dir, &f.clock).await;
    let caller = Caller::new();
    let reopened = reopened_kabinet.client(&caller);
    assert!(reopened.session().current().await.unwrap().is_none());
}

#[tokio::test]
async fn two_registrations_of_one_phone_race_and_one_wins() {
    let f = fixture().await;
    let phone = "9123456789";
    f.client().registration().send_code(SendCodeRequest { phone: phone.into() }).await.unwrap();
    let code = code_for(&f.kabinet, phone).await;
    let ticket = f
        .client()
        .registration()
        .verify_code(VerifyCodeRequest { phone: phone.into(), code })
        .await
        .unwrap()
        .ticket;
    let (first, second) = (f.client().registration(), f.client().registration());
    let (a, b) =
        tokio::join!(first.complete(full_draft(ticket.clone())), second.complete(full_draft(ticket)),);
    assert_eq!(a.is_ok() as u8 + b.is_ok() as u8, 1);
}
