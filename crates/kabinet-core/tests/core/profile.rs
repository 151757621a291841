//! «Мой профиль»: saving with a code, the level rules, contact changes confirmed on the new
//! contact, sign-in by e-mail and СНИЛС, and the masked «История изменений».

use crate::common::*;
use kabinet_core::contract::{
    ContactChangeConfirm, ContactChangeRequest, ContactKind, Level, PageRequest, ProfileUpdate,
};
use kabinet_core::validate::Invalid;
use kabinet_core::{Client, ErrorCode, Field};

const PHONE: &str = "+79161112233";

async fn signed_in() -> Fixture {
    let f = fixture().await;
    register(&f.client(), PHONE).await;
    f.client().session().sign_in(sign_in_request(PHONE, PASSWORD)).await.unwrap();
    f
}

fn update(code: kabinet_core::contract::Secret) -> ProfileUpdate {
    anna_profile(code)
}

async fn save_code(kabinet: &Client<'_>) -> kabinet_core::contract::Secret {
    kabinet.profile().send_save_code().await.unwrap();
    code_for(kabinet, PHONE).await
}

#[tokio::test]
async fn passport_and_snils_raise_the_level_and_the_history_masks_them() {
    let f = signed_in().await;
    let code = save_code(&f.client()).await;
    let profile = f.client().profile().save(update(code)).await.unwrap();
    assert_eq!(profile.level, Level::Standard);
    assert_eq!(profile.passport_number.as_deref(), Some("4508123456"));
    assert_eq!(profile.snils.as_deref(), Some("11223344595"));
    let history = f.client().profile().history(PageRequest { page: 1 }).await.unwrap();
    let passport = history.changes.iter().find(|c| c.field == "passport_number").unwrap();
    assert_eq!(passport.new_value.as_deref(), Some("45 ** ****56"));
    assert_eq!(passport.actor, "citizen");
    let level = history.changes.iter().find(|c| c.field == "level").unwrap();
    assert_eq!(
        (level.old_value.as_deref(), level.new_value.as_deref()),
        (Some("simplified"), Some("standard"))
    );
}

#[tokio::test]
async fn saving_needs_the_code_and_bad_fields_are_named() {
    let f = signed_in().await;
    let wrong = f.client().profile().save(update("000000".into())).await.unwrap_err();
    assert!(matches!(wrong.code, ErrorCode::CodeMissing | ErrorCode::CodeWrong));
    let code = save_code(&f.client()).await;
    let mut bad = update(code);
    bad.snils = Some("112-233-445 96".into());
    bad.inn = Some("7707083893".into());
    bad.division_code = None;
    let error = f.client().profile().save(bad).await.unwrap_err();
    let fields: Vec<(Field, Invalid)> = error.fields.iter().map(|e| (e.field, e.code)).collect();
    assert_eq!(
        fields,
        [
            (Field::Snils, Invalid::Checksum),
            (Field::Inn, Invalid::InnOrganization),
            (Field::DivisionCode, Invalid::Required)
        ]
    );
    assert_eq!(f.client().profile().get().await.unwrap().level, Level::Simplified, "nothing was saved");
}

#[tokio::test]
async fn a_new_phone_replaces_the_old_one_only_after_its_code() {
    let f = signed_in().await;
    let new_phone = "+79035556677";
    let request = ContactChangeRequest { kind: ContactKind::Phone, value: "8 (903) 555-66-77".into() };
    f.client().profile().change_contact_start(request).await.unwrap();
    assert!(
        f.client().session().sign_in(sign_in_request(PHONE, PASSWORD)).await.is_ok(),
        "old phone still works"
    );
    let code = code_for(&f.kabinet, new_phone).await;
    let confirm = ContactChangeConfirm { kind: ContactKind::Phone, value: new_phone.into(), code };
    let profile = f.client().profile().change_contact_confirm(confirm).await.unwrap();
    assert_eq!(profile.phone, new_phone);
    f.client().session().sign_out().await.unwrap();
    let old = f.client().session().sign_in(sign_in_request(PHONE, PASSWORD)).await.unwrap_err();
    assert_eq!(old.code, ErrorCode::InvalidCredentials);
    f.client().session().sign_in(sign_in_request(new_phone, PASSWORD)).await.unwrap();
    let history = f.client().profile().history(PageRequest { page: 1 }).await.unwrap();
    let change = history.changes.iter().find(|c| c.field == "phone").unwrap();
    assert_eq!((change.old_value.as_deref(), change.new_value.as_deref()), (Some(PHONE), Some(new_phone)));
}

#[tokio::test]
async fn e_mail_and_snils_sign_in_once_present() {
    let f = signed_in().await;
    let request = ContactChangeRequest { kind: ContactKind::Email, value: "Anna@Example.RU".into() };
    f.client().profile().change_contact_start(request).await.unwrap();
    let code = code_for(&f.kabinet, "anna@example.ru").await;
    let confirm = ContactChangeConfirm { kind: ContactKind::Email, value: "Anna@Example.RU".into(), code };
    f.client().profile().change_contact_confirm(confirm).await.unwrap();
    let code = save_code(&f.client()).await;
    f.client().profile().save(update(code)).await.unwrap();
    f.client().session().sign_out().await.unwrap();
    f.client().session().sign_in(sign_in_request("ANNA@example.ru", PASSWORD)).await.unwrap();
    f.client().session().sign_out().await.unwrap();
    f.client().session().sign_in(sign_in_request("11223344595", PASSWORD)).await.unwrap();
}

#[tokio::test]
async fn a_snils_of_another_account_is_refused() {
    let f = signed_in().await;
    let code = save_code(&f.client()).await;
    f.client().profile().save(update(code)).await.unwrap();
    f.client().session().sign_out().await.unwrap();
    register(&f.client(), "+79169998877").await;
    f.client().session().sign_in(sign_in_request("+79169998877", PASSWORD)).await.unwrap();
    f.client().profile().send_save_code().await.unwrap();
    let code = code_for(&f.kabinet, "+79169998877").await;
    let error = f.client().profile().save(update(code)).await.unwrap_err();
    assert_eq!(error.code, ErrorCode::IdentifierTaken);
    assert_eq!(error.fields[0].field, Field::Snils);
}
