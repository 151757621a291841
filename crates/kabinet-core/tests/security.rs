//! Sign-in security: lockout at its boundaries and under concurrency, the second factor,
//! backup codes, password reset, expiry, re-authentication and «Это был не я».
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use kabinet_core::contract::{
    DisableSecondFactorRequest, PasswordChangeRequest, ReauthRequest, RecoveryCompleteRequest,
    RecoveryStartRequest, RecoveryVerifyRequest, SecondFactorRequest, SignInOutcome, TotpConfirmRequest,
};
use kabinet_core::{ErrorCode, Kabinet};
use time::Duration;

const PHONE: &str = "+79161234570";

async fn registered() -> Fixture {
    let f = fixture().await;
    register(&f.kabinet, PHONE).await;
    f
}

async fn attempt(
    kabinet: &Kabinet,
    identifier: &str,
    password: &str,
) -> Result<SignInOutcome, kabinet_core::ApiError> {
    kabinet.session().sign_in(sign_in_request(identifier, password)).await
}

#[tokio::test]
async fn the_third_wrong_password_locks_for_fifteen_minutes() {
    let f = registered().await;
    for _ in 0..2 {
        assert_eq!(
            attempt(&f.kabinet, PHONE, "Wrong#Pass9x").await.unwrap_err().code,
            ErrorCode::InvalidCredentials
        );
    }
    let third = attempt(&f.kabinet, PHONE, "Wrong#Pass9x").await.unwrap_err();
    assert_eq!(third.code, ErrorCode::Locked);
    assert_eq!(third.details.retry_at.as_deref(), Some("2026-11-25T09:15:00Z"));
    let right_during_lock = attempt(&f.kabinet, PHONE, PASSWORD).await.unwrap_err();
    assert_eq!(right_during_lock.code, ErrorCode::Locked);
    f.clock.advance(Duration::seconds(15 * 60 - 1));
    assert_eq!(attempt(&f.kabinet, PHONE, PASSWORD).await.unwrap_err().code, ErrorCode::Locked);
    f.clock.advance(Duration::seconds(1));
    assert!(attempt(&f.kabinet, PHONE, PASSWORD).await.unwrap().session().is_some());
}

#[tokio::test]
async fn a_right_password_resets_the_count() {
    let f = registered().await;
    attempt(&f.kabinet, PHONE, "Wrong#Pass9x").await.unwrap_err();
    attempt(&f.kabinet, PHONE, "Wrong#Pass9x").await.unwrap_err();
    attempt(&f.kabinet, PHONE, PASSWORD).await.unwrap();
    f.kabinet.session().sign_out().await.unwrap();
    attempt(&f.kabinet, PHONE, "Wrong#Pass9x").await.unwrap_err();
    attempt(&f.kabinet, PHONE, "Wrong#Pass9x").await.unwrap_err();
    assert!(attempt(&f.kabinet, PHONE, PASSWORD).await.is_ok());
}

#[tokio::test]
async fn failures_count_per_account_whichever_identifier_is_used() {
    let f = registered().await;
    add_identifier(&f.dir, PHONE, "email", "anna@example.ru").await;
    add_identifier(&f.dir, PHONE, "snils", "11223344595").await;
    assert_eq!(
        attempt(&f.kabinet, "anna@example.ru", "Wrong#1x").await.unwrap_err().code,
        ErrorCode::InvalidCredentials
    );
    assert_eq!(
        attempt(&f.kabinet, "112-233-445 95", "Wrong#1x").await.unwrap_err().code,
        ErrorCode::InvalidCredentials
    );
    assert_eq!(attempt(&f.kabinet, "89161234570", "Wrong#1x").await.unwrap_err().code, ErrorCode::Locked);
    assert_eq!(attempt(&f.kabinet, "anna@example.ru", PASSWORD).await.unwrap_err().code, ErrorCode::Locked);
}

#[tokio::test]
async fn the_lockout_sends_a_security_notification_with_not_me() {
    let f = registered().await;
    for _ in 0..3 {
        attempt(&f.kabinet, PHONE, "Wrong#Pass9x").await.unwrap_err();
    }
    let message = f.kabinet.outbox().last_for(PHONE).await.unwrap().unwrap();
    assert_eq!(message.kind, "security_lockout");
    assert!(message.body.contains("Это был не я"), "{}", message.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_thousand_concurrent_wrong_passwords_never_get_past_three_per_window() {
    let f = registered().await;
    add_identifier(&f.dir, PHONE, "email", "anna@example.ru").await;
    add_identifier(&f.dir, PHONE, "snils", "11223344595").await;
    let kabinet = std::sync::Arc::new(f.kabinet);
    let identifiers = [PHONE, "anna@example.ru", "112-233-445 95"];
    let mut evaluated_per_window = Vec::new();
    for wave in 0..10 {
        let tasks: Vec<_> = (0..100)
            .map(|i| {
                let kabinet = kabinet.clone();
                let identifier = identifiers[(i + wave) % 3];
                tokio::spawn(async move { attempt(&kabinet, identifier, &format!("Wrong#{wave}x{i}")).await })
            })
            .collect();
        let mut invalid = 0;
        for task in tasks {
            let error = task.await.unwrap().expect_err("a wrong password never signs in");
            match error.code {
                ErrorCode::InvalidCredentials => invalid += 1,
                ErrorCode::Locked => {}
                other => panic!("unexpected {other:?}"),
            }
        }
        assert_eq!(invalid, 2, "wave {wave}: two failures, then the third locks");
        evaluated_per_window.push(invalid + 1);
        assert_eq!(attempt(&kabinet, PHONE, PASSWORD).await.unwrap_err().code, ErrorCode::Locked);
        f.clock.advance(Duration::minutes(15));
    }
    assert!(evaluated_per_window.iter().all(|n| *n <= 3));
    assert!(attempt(&kabinet, PHONE, PASSWORD).await.unwrap().session().is_some());
    let journal = kabinet.session().journal(1).await.unwrap();
    assert!(journal.pages >= 2);
}

#[tokio::test]
async fn totp_second_factor_and_single_use_backup_codes() {
    let f = registered().await;
    attempt(&f.kabinet, PHONE, PASSWORD).await.unwrap();
    let setup = f.kabinet.security().totp_begin().await.unwrap();
    assert!(setup.uri.starts_with("otpauth://totp/"));
    assert!(setup.qr_svg.starts_with("<svg"));
    let now = f.clock.now().unix_timestamp();
    let codes = f
        .kabinet
        .security()
        .totp_enable(TotpConfirmRequest { code: totp_code(&setup.manual_key, now) })
        .await
        .unwrap();
    assert_eq!(codes.codes.len(), 10);
    f.kabinet.session().sign_out().await.unwrap();

    f.clock.advance(Duration::seconds(30));
    let SignInOutcome::SecondFactor { challenge, .. } = attempt(&f.kabinet, PHONE, PASSWORD).await.unwrap()
    else {
        panic!("a second factor is asked for");
    };
    let code = totp_code(&setup.manual_key, f.clock.now().unix_timestamp());
    let wrong = f
        .kabinet
        .session()
        .second_factor(SecondFactorRequest { challenge: challenge.clone(), code: "000000".into() })
        .await;
    if code != "000000" {
        assert_eq!(wrong.unwrap_err().details.attempts_left, Some(2));
    }
    f.kabinet.session().second_factor(SecondFactorRequest { challenge, code: code.clone() }).await.unwrap();
    f.kabinet.session().sign_out().await.unwrap();

    let SignInOutcome::SecondFactor { challenge, .. } = attempt(&f.kabinet, PHONE, PASSWORD).await.unwrap()
    else {
        panic!("a second factor is asked for");
    };
    let replay =
        f.kabinet.session().second_factor(SecondFactorRequest { challenge: challenge.clone(), code }).await;
    assert_eq!(replay.unwrap_err().code, ErrorCode::CodeWrong, "a TOTP code works once");
    let backup = codes.codes[3].clone();
    f.kabinet.session().second_factor(SecondFactorRequest { challenge, code: backup.clone() }).await.unwrap();
    f.kabinet.session().sign_out().await.unwrap();

    let SignInOutcome::SecondFactor { challenge, .. } = attempt(&f.kabinet, PHONE, PASSWORD).await.unwrap()
    else {
        panic!("a second factor is asked for");
    };
    let again = f.kabinet.session().second_factor(SecondFactorRequest { challenge, code: backup }).await;
    assert_eq!(again.unwrap_err().code, ErrorCode::CodeWrong, "a backup code works once");
}

#[tokio::test]
async fn turning_totp_off_needs_the_password_and_the_factor() {
    let f = registered().await;
    attempt(&f.kabinet, PHONE, PASSWORD).await.unwrap();
    let setup = f.kabinet.security().totp_begin().await.unwrap();
    let now = f.clock.now().unix_timestamp();
    f.kabinet
        .security()
        .totp_enable(TotpConfirmRequest { code: totp_code(&setup.manual_key, now) })
        .await
        .unwrap();
    f.clock.advance(Duration::seconds(30));
    let code = totp_code(&setup.manual_key, f.clock.now().unix_timestamp());
    let wrong_password = DisableSecondFactorRequest { password: "Wrong#Pass9x".into(), code: code.clone() };
    assert_eq!(
        f.kabinet.security().disable_second_factor(wrong_password).await.unwrap_err().code,
        ErrorCode::Validation
    );
    let request = DisableSecondFactorRequest { password: PASSWORD.into(), code };
    f.kabinet.security().disable_second_factor(request).await.unwrap();
    assert!(f.kabinet.security().readiness().await.unwrap().second_factor.is_none());
}

#[tokio::test]
async fn forgot_password_ends_every_session_and_refuses_the_last_five() {
    let f = registered().await;
    attempt(&f.kabinet, PHONE, PASSWORD).await.unwrap();
    let recovery = f.kabinet.recovery();
    recovery.start(RecoveryStartRequest { identifier: "8 916 123-45-70".into() }).await.unwrap();
    let code = code_for(&f.kabinet, PHONE).await;
    let ticket =
        recovery.verify(RecoveryVerifyRequest { identifier: PHONE.into(), code }).await.unwrap().ticket;
    let same = RecoveryCompleteRequest {
        ticket: ticket.clone(),
        password: PASSWORD.into(),
        password_repeat: PASSWORD.into(),
    };
    let reused = recovery.complete(same).await.unwrap_err();
    assert_eq!(reused.fields[0].code, kabinet_core::validate::Invalid::PasswordReused);
    let new = "Nq5$tRv8wKz";
    recovery
        .complete(RecoveryCompleteRequest { ticket, password: new.into(), password_repeat: new.into() })
        .await
        .unwrap();
    assert!(f.kabinet.session().current().await.unwrap().is_none(), "the session ended");
    assert_eq!(attempt(&f.kabinet, PHONE, PASSWORD).await.unwrap_err().code, ErrorCode::InvalidCredentials);
    assert!(attempt(&f.kabinet, PHONE, new).await.unwrap().session().is_some());
    let notice = f.kabinet.outbox().last_for(PHONE).await.unwrap().unwrap();
    assert_eq!(notice.kind, "security_password_changed");
}

#[tokio::test]
async fn recovery_answers_the_same_for_an_unknown_identifier() {
    let f = registered().await;
    let unknown =
        f.kabinet.recovery().start(RecoveryStartRequest { identifier: "+79000000000".into() }).await.unwrap();
    let known = f.kabinet.recovery().start(RecoveryStartRequest { identifier: PHONE.into() }).await.unwrap();
    assert_eq!(unknown.expires_at, known.expires_at);
    assert_eq!(unknown.resend_at, known.resend_at);
    assert!(f.kabinet.outbox().last_for("+79000000000").await.unwrap().is_none());
}

#[tokio::test]
async fn a_password_expires_on_day_ninety_and_only_its_change_is_allowed() {
    let f = registered().await;
    f.clock.advance(Duration::days(89));
    let session = attempt(&f.kabinet, PHONE, PASSWORD).await.unwrap().session().unwrap();
    assert!(!session.password_change_required);
    assert!(session.password_expires_soon);
    f.kabinet.session().sign_out().await.unwrap();
    f.clock.advance(Duration::days(1));
    let session = attempt(&f.kabinet, PHONE, PASSWORD).await.unwrap().session().unwrap();
    assert!(session.password_change_required);
    assert_eq!(f.kabinet.session().journal(1).await.unwrap_err().code, ErrorCode::PasswordChangeRequired);
    let new = "Nq5$tRv8wKz";
    let request = PasswordChangeRequest {
        current_password: PASSWORD.into(),
        password: new.into(),
        password_repeat: new.into(),
    };
    f.kabinet.security().change_password(request).await.unwrap();
    let after = f.kabinet.session().current().await.unwrap().unwrap();
    assert!(!after.password_change_required);
    f.kabinet.session().sign_out().await.unwrap();
    f.clock.advance(Duration::days(1));
    assert!(!attempt(&f.kabinet, PHONE, new).await.unwrap().session().unwrap().password_change_required);
}

#[tokio::test]
async fn day_ninety_one_is_expired_too() {
    let f = registered().await;
    f.clock.advance(Duration::days(91));
    assert!(attempt(&f.kabinet, PHONE, PASSWORD).await.unwrap().session().unwrap().password_change_required);
}

#[tokio::test]
async fn sensitive_actions_ask_for_the_password_after_ten_minutes() {
    let f = registered().await;
    attempt(&f.kabinet, PHONE, PASSWORD).await.unwrap();
    f.clock.advance(Duration::minutes(10));
    f.kabinet.security().totp_begin().await.unwrap();
    f.clock.advance(Duration::seconds(1));
    assert_eq!(
        f.kabinet.security().totp_begin().await.unwrap_err().code,
        ErrorCode::ReauthenticationRequired
    );
    f.kabinet.security().reauthenticate(ReauthRequest { password: PASSWORD.into() }).await.unwrap();
    f.kabinet.security().totp_begin().await.unwrap();
}

#[tokio::test]
async fn an_idle_session_ends_after_fifteen_minutes() {
    let f = registered().await;
    attempt(&f.kabinet, PHONE, PASSWORD).await.unwrap();
    f.clock.advance(Duration::minutes(15));
    assert!(f.kabinet.session().current().await.unwrap().is_some());
    f.clock.advance(Duration::seconds(15 * 60 + 1));
    assert!(f.kabinet.session().current().await.unwrap().is_none());
}

#[tokio::test]
async fn not_me_ends_all_sessions_and_forces_a_password_change() {
    let f = registered().await;
    attempt(&f.kabinet, PHONE, PASSWORD).await.unwrap();
    f.kabinet.security().not_me().await.unwrap();
    assert!(f.kabinet.session().current().await.unwrap().is_none());
    let session = attempt(&f.kabinet, PHONE, PASSWORD).await.unwrap().session().unwrap();
    assert!(session.password_change_required);
}

#[tokio::test]
async fn sessions_are_listed_and_the_others_can_be_ended() {
    let f = registered().await;
    attempt(&f.kabinet, PHONE, PASSWORD).await.unwrap();
    let other = open(&f.dir, &f.clock).await;
    other.session().sign_in(sign_in_request(PHONE, PASSWORD)).await.unwrap();
    let sessions = f.kabinet.session().list().await.unwrap();
    assert_eq!(sessions.len(), 2);
    assert_eq!(sessions.iter().filter(|s| s.current).count(), 1);
    f.kabinet.session().end_others().await.unwrap();
    assert!(other.session().current().await.unwrap().is_none());
    assert_eq!(f.kabinet.session().list().await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_remembered_session_outlives_the_idle_timeout_across_a_restart() {
    let f = registered().await;
    let request = kabinet_core::contract::SignInRequest {
        identifier: PHONE.into(),
        password: PASSWORD.into(),
        remember_me: true,
    };
    f.kabinet.session().sign_in(request).await.unwrap();
    f.kabinet.close().await;
    f.clock.advance(Duration::hours(20));
    let reopened = open(&f.dir, &f.clock).await;
    assert!(reopened.session().current().await.unwrap().is_some());
    reopened.session().sign_out().await.unwrap();
}
