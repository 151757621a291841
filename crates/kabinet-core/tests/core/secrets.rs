//! Secrets in memory (issue 11, rule 9): every request and response field that carries a
//! password, a one-time or backup code, a TOTP key, a ticket, a challenge or a transport
//! credential is deserialised straight into a wiping buffer (`Zeroizing<String>` inside
//! [`Secret`]) and never printed by `Debug`. One test per family of types: the citizen's
//! contract, closure and restoration, staff, the delivery transports.
//!
//! The type check is at compile time: [`wiped`] accepts only a `&Zeroizing<String>`, and only a
//! [`Secret`] hands one out, so a field turned back into a `String` stops this file compiling.

use kabinet_core::closure::types::{ClosureSubmit, RestoreComplete, RestoreStart};
use kabinet_core::contract::*;
use kabinet_core::notifications::types::{TransportSettings, TransportUpdate};
use kabinet_core::staff::types::{NewStaff, StaffCreated, StaffSignInRequest};
use serde::de::DeserializeOwned;
use zeroize::Zeroizing;

const PASSWORD: &str = "Zq8#mW2!rLp";
const CODE: &str = "482913";

/// Compiles only for a wiping buffer.
fn wiped(secret: &Zeroizing<String>) -> &str {
    secret.as_str()
}

/// The request deserialised from `json`, after checking that its `Debug` shows none of `secrets`.
fn parsed<T: DeserializeOwned + std::fmt::Debug>(json: &str, secrets: &[&str]) -> T {
    let value: T = serde_json::from_str(json).unwrap();
    let shown = format!("{value:?}");
    for secret in secrets {
        assert!(!shown.contains(secret), "Debug shows {secret}: {shown}");
    }
    value
}

#[test]
fn citizen_requests_and_answers_hold_their_secrets_in_wiping_buffers() {
    let sign_in: SignInRequest = parsed(
        r#"{"identifier": "+79161234567", "password": "Zq8#mW2!rLp", "remember_me": false}"#,
        &[PASSWORD],
    );
    assert_eq!(wiped(sign_in.password.zeroizing()), PASSWORD);
    assert_eq!(sign_in.password.trim(), PASSWORD, "reads like a string");

    let verify: VerifyCodeRequest = parsed(r#"{"phone": "+79161234567", "code": "482913"}"#, &[CODE]);
    assert_eq!(wiped(verify.code.zeroizing()), CODE);
    let draft: RegistrationDraft = parsed(
        r#"{"ticket": "t1cket", "password": "Zq8#mW2!rLp", "password_repeat": "Zq8#mW2!rLp"}"#,
        &["t1cket", PASSWORD],
    );
    assert_eq!(wiped(draft.ticket.zeroizing()), "t1cket");
    assert_eq!(draft.password.as_ref().map(|p| wiped(p.zeroizing())), Some(PASSWORD));
    assert_eq!(draft.password_repeat.as_deref(), Some(PASSWORD));

    let factor: SecondFactorRequest =
        parsed(r#"{"challenge": "ch4llenge", "code": "ABCD-EFGH"}"#, &["ch4llenge", "ABCD-EFGH"]);
    assert_eq!(
        (wiped(factor.challenge.zeroizing()), wiped(factor.code.zeroizing())),
        ("ch4llenge", "ABCD-EFGH")
    );
    let change: PasswordChangeRequest = parsed(
        r#"{"current_password": "Old#Pass9x", "password": "Zq8#mW2!rLp", "password_repeat": "Zq8#mW2!rLp"}"#,
        &["Old#Pass9x", PASSWORD],
    );
    wiped(change.current_password.zeroizing());
    wiped(change.password.zeroizing());
    wiped(change.password_repeat.zeroizing());
    let reauth: ReauthRequest = parsed(r#"{"password": "Zq8#mW2!rLp"}"#, &[PASSWORD]);
    wiped(reauth.password.zeroizing());
    let totp: TotpConfirmRequest = parsed(r#"{"code": "482913"}"#, &[CODE]);
    wiped(totp.code.zeroizing());
    let off: DisableSecondFactorRequest =
        parsed(r#"{"password": "Zq8#mW2!rLp", "code": "482913"}"#, &[PASSWORD, CODE]);
    wiped(off.password.zeroizing());
    wiped(off.code.zeroizing());
    let renew: FactorCodeRequest = parsed(r#"{"code": "482913"}"#, &[CODE]);
    assert_eq!(renew.code.as_ref().map(|c| wiped(c.zeroizing())), Some(CODE));
    let reset: RecoveryVerifyRequest = parsed(r#"{"identifier": "+79161234567", "code": "482913"}"#, &[CODE]);
    wiped(reset.code.zeroizing());
    let complete: RecoveryCompleteRequest = parsed(
        r#"{"ticket": "t1cket", "password": "Zq8#mW2!rLp", "password_repeat": "Zq8#mW2!rLp"}"#,
        &["t1cket", PASSWORD],
    );
    wiped(complete.ticket.zeroizing());
    wiped(complete.password.zeroizing());
    wiped(complete.password_repeat.zeroizing());
    let contact: ContactChangeConfirm =
        parsed(r#"{"kind": "email", "value": "anna@example.ru", "code": "482913"}"#, &[CODE]);
    wiped(contact.code.zeroizing());
    let profile = ProfileUpdate { code: CODE.into(), ..ProfileUpdate::default() };
    wiped(profile.code.zeroizing());

    // What the core hands out: tickets, challenges, TOTP keys and backup codes.
    let confirmed: PhoneConfirmed =
        parsed(r#"{"ticket": "t1cket", "phone": "+79161234567", "expires_at": "x"}"#, &["t1cket"]);
    wiped(confirmed.ticket.zeroizing());
    let ticket: RecoveryTicket = parsed(r#"{"ticket": "t1cket", "expires_at": "x"}"#, &["t1cket"]);
    wiped(ticket.ticket.zeroizing());
    let outcome: SignInOutcome = parsed(
        r#"{"step": "second_factor", "challenge": "ch4llenge", "method": "totp", "destination": null}"#,
        &["ch4llenge"],
    );
    let SignInOutcome::SecondFactor { challenge, .. } = outcome else { panic!("a challenge") };
    wiped(challenge.zeroizing());
    let setup: TotpSetup = parsed(
        r#"{"manual_key": "GEZD GNBV", "uri": "otpauth://totp/x?secret=GEZDGNBV", "qr_svg": "<svg/>"}"#,
        &["GEZD", "secret="],
    );
    wiped(setup.manual_key.zeroizing());
    wiped(setup.uri.zeroizing());
    wiped(setup.qr_svg.zeroizing());
    let codes: BackupCodes = parsed(r#"{"codes": ["ABCD-EFGH"], "issued_at": "x"}"#, &["ABCD-EFGH"]);
    wiped(codes.codes[0].zeroizing());
    // And back out as plain JSON strings, as the contract says.
    assert_eq!(serde_json::to_value(&codes).unwrap()["codes"][0], "ABCD-EFGH");
}

#[test]
fn closure_and_restoration_requests_hold_their_secrets_in_wiping_buffers() {
    let submit: ClosureSubmit = parsed(
        r#"{"reason": "not_needed", "password": "Zq8#mW2!rLp", "code": "482913", "consent": true}"#,
        &[PASSWORD, CODE],
    );
    wiped(submit.password.zeroizing());
    wiped(submit.code.zeroizing());
    let start: RestoreStart =
        parsed(r#"{"identifier": "+79161234567", "password": "Zq8#mW2!rLp"}"#, &[PASSWORD]);
    wiped(start.password.zeroizing());
    let complete: RestoreComplete = parsed(
        r#"{"identifier": "+79161234567", "password": "Zq8#mW2!rLp", "code": "482913", "passport": "4508123456"}"#,
        &[PASSWORD, CODE],
    );
    wiped(complete.password.zeroizing());
    wiped(complete.code.zeroizing());
}

#[test]
fn staff_requests_hold_their_secrets_in_wiping_buffers() {
    let sign_in: StaffSignInRequest =
        parsed(r#"{"login": "a.petrova", "password": "Zq8#mW2!rLp", "code": "482913"}"#, &[PASSWORD, CODE]);
    wiped(sign_in.password.zeroizing());
    wiped(sign_in.code.zeroizing());
    let created: StaffCreated = parsed(
        r#"{"login": "a.petrova", "role": "operator", "otpauth_uri": "otpauth://totp/x?secret=GEZDGNBV", "secret": "GEZD GNBV"}"#,
        &["GEZD", "secret="],
    );
    wiped(created.otpauth_uri.zeroizing());
    wiped(created.secret.zeroizing());
    let new = NewStaff {
        login: "a.petrova".into(),
        full_name: "Петрова Анна Сергеевна".into(),
        role: "operator".into(),
        password: PASSWORD.into(),
    };
    wiped(new.password.zeroizing());
    assert!(!format!("{new:?}").contains(PASSWORD));
}

#[test]
fn transport_credentials_hold_their_secrets_in_wiping_buffers() {
    let update: TransportUpdate = parsed(
        r#"{"settings": {"email": {"transport": "local"}, "sms": {"transport": "local"}},
            "smtp_password": "smtp-s3cret", "sms_token": "gw-t0ken"}"#,
        &["smtp-s3cret", "gw-t0ken"],
    );
    assert_eq!(update.smtp_password.as_ref().map(|p| wiped(p.zeroizing())), Some("smtp-s3cret"));
    assert_eq!(update.sms_token.as_ref().map(|t| wiped(t.zeroizing())), Some("gw-t0ken"));
    // The TOML file of `kabinet-cli transport load` reads into the same buffers.
    let text = "[email]\ntransport = \"local\"\npassword = \"smtp-s3cret\"\n[sms]\ntransport = \"local\"\ntoken = \"gw-t0ken\"\n";
    let loaded = kabinet_core::delivery::config::parse_file(
        text,
        &TransportSettings::default(),
        kabinet_core::Locale::Ru,
    )
    .unwrap();
    assert_eq!(loaded.smtp_password.as_ref().map(|p| wiped(p.zeroizing())), Some("smtp-s3cret"));
    assert_eq!(loaded.sms_token.as_ref().map(|t| wiped(t.zeroizing())), Some("gw-t0ken"));
    assert!(!format!("{loaded:?}").contains("s3cret"));
}
