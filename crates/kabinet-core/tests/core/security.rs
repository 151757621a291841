//! Sign-in security: lockout at its boundaries and under concurrency, the second factor,
//! backup codes, password reset, expiry, re-authentication and «Это был не я».

use crate::common::*;
use kabinet_core::contract::{
    DisableSecondFactorRequest, EndSessionRequest, JournalRequest, PasswordChangeRequest, ReauthRequest,
    RecoveryCompleteRequest, RecoveryStartRequest, RecoveryVerifyRequest, SecondFactorRequest, SignInOutcome,
    TotpConfirmRequest,
};
use kabinet_core::{Caller, Client, ErrorCode};
use time::Duration;

const PHONE: &str = "+79161234570";

async fn registered() -> Fixture {
    let f = fixture().await;
    register(&f.client(), PHONE).await;
    f
}

async fn attempt(
    kabinet: &Client<'_>,
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
            attempt(&f.client(), PHONE, "Wrong#Pass9x").await.unwrap_err().code,
            ErrorCode::InvalidCredentials
        );
    }
    let third = attempt(&f.client(), PHONE, "Wrong#Pass9x").await.unwrap_err();
    assert_eq!(third.code, ErrorCode::Locked);
    assert_eq!(third.details.retry_at.as_deref(), Some("2026-11-25T09:15:00Z"));
    let right_during_lock = attempt(&f.client(), PHONE, PASSWORD).await.unwrap_err();
    assert_eq!(right_during_lock.code, ErrorCode::Locked);
    f.clock.advance(Duration::seconds(15 * 60 - 1));
    assert_eq!(attempt(&f.client(), PHONE, PASSWORD).await.unwrap_err().code, ErrorCode::Locked);
    f.clock.advance(Duration::seconds(1));
    assert!(attempt(&f.client(), PHONE, PASSWORD).await.unwrap().session().is_some());
}

#[tokio::test]
async fn a_right_password_resets_the_count() {
    let f = registered().await;
    attempt(&f.client(), PHONE, "Wrong#Pass9x").await.unwrap_err();
    attempt(&f.client(), PHONE, "Wrong#Pass9x").await.unwrap_err();
    attempt(&f.client(), PHONE, PASSWORD).await.unwrap();
    f.client().session().sign_out().await.unwrap();
    attempt(&f.client(), PHONE, "Wrong#Pass9x").await.unwrap_err();
    attempt(&f.client(), PHONE, "Wrong#Pass9x").await.unwrap_err();
    assert!(attempt(&f.client(), PHONE, PASSWORD).await.is_ok());
}

#[tokio::test]
async fn failures_count_per_account_whichever_identifier_is_used() {
    let f = registered().await;
    add_identifier(&f.dir, PHONE, "email", "anna@example.ru").await;
    add_identifier(&f.dir, PHONE, "snils", "11223344595").await;
    assert_eq!(
        attempt(&f.client(), "anna@example.ru", "Wrong#1x").await.unwrap_err().code,
        ErrorCode::InvalidCredentials
    );
    assert_eq!(
        attempt(&f.client(), "112-233-445 95", "Wrong#1x").await.unwrap_err().code,
        ErrorCode::InvalidCredentials
    );
    assert_eq!(attempt(&f.client(), "89161234570", "Wrong#1x").await.unwrap_err().code, ErrorCode::Locked);
    assert_eq!(attempt(&f.client(), "anna@example.ru", PASSWORD).await.unwrap_err().code, ErrorCode::Locked);
}

#[tokio::test]
async fn the_lockout_sends_a_security_notification_with_not_me() {
    let f = registered().await;
    for _ in 0..3 {
        attempt(&f.client(), PHONE, "Wrong#Pass9x").await.unwrap_err();
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
                tokio::spawn(async move {
                    let caller = Caller::new();
                    attempt(&kabinet.client(&caller), identifier, &format!("Wrong#{wave}x{i}")).await
                })
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
        assert_eq!(
            attempt(&kabinet.client(&f.caller), PHONE, PASSWORD).await.unwrap_err().code,
            ErrorCode::Locked
        );
        f.clock.advance(Duration::minutes(15));
    }
    assert!(evaluated_per_window.iter().all(|n| *n <= 3));
    let k = kabinet.client(&f.caller);
    assert!(attempt(&k, PHONE, PASSWORD).await.unwrap().session().is_some());
    let journal = k.session().journal(JournalRequest { page: 1 }).await.unwrap();
    assert!(journal.pages >= 2);
}

#[tokio::test]
async fn totp_second_factor_and_single_use_backup_codes() {
    let f = registered().await;
    attempt(&f.client(), PHONE, PASSWORD).await.unwrap();
    let setup = f.client().security().totp_begin().await.unwrap();
    assert!(setup.uri.starts_with("otpauth://totp/"));
    assert!(setup.qr_svg.starts_with("<svg"));
    let now = f.clock.now().unix_timestamp();
    let codes = f
        .client()
        .security()
        .totp_enable(TotpConfirmRequest { code: totp_code(&setup.manual_key, now) })
        .await
        .unwrap();
    assert_eq!(codes.codes.len(), 10);
    f.client().session().sign_out().await.unwrap();

    f.clock.advance(Duration::seconds(30));
    let SignInOutcome::SecondFactor { challenge, .. } = attempt(&f.client(), PHONE, PASSWORD).await.unwrap()
    else {
        panic!("a second factor is asked for");
    };
    let code = totp_code(&setup.manual_key, f.clock.now().unix_timestamp());
    let wrong = f
        .client()
        .session()
        .second_factor(SecondFactorRequest { challenge: challenge.clone(), code: "000000".into() })
        .await;
    if code != "000000" {
        assert_eq!(wrong.unwrap_err().details.attempts_left, Some(2));
    }
    f.client().session().second_factor(SecondFactorRequest { challenge, code: code.clone() }).await.unwrap();
    f.client().session().sign_out().await.unwrap();

    let SignInOutcome::SecondFactor { challenge, .. } = attempt(&f.client(), PHONE, PASSWORD).await.unwrap()
    else {
        panic!("a second factor is asked for");
    };
    let replay =
        f.client().session().second_factor(SecondFactorRequest { challenge: challenge.clone(), code }).await;
    assert_eq!(replay.unwrap_err().code, ErrorCode::CodeWrong, "a TOTP code works once");
    let backup = codes.codes[3].clone();
    f.client()
        .session()
        .second_factor(SecondFactorRequest { challenge, code: backup.clone() })
        .await
        .unwrap();
    f.client().session().sign_out().await.unwrap();

    let SignInOutcome::SecondFactor { challenge, .. } = attempt(&f.client(), PHONE, PASSWORD).await.unwrap()
    else {
        panic!("a second factor is asked for");
    };
    let again = f.client().session().second_factor(SecondFactorRequest { challenge, code: backup }).await;
    assert_eq!(again.unwrap_err().code, ErrorCode::CodeWrong, "a backup code works once");
}

#[tokio::test]
async fn turning_totp_off_needs_the_password_and_the_factor() {
    let f = registered().await;
    attempt(&f.client(), PHONE, PASSWORD).await.unwrap();
    let setup = f.client().security().totp_begin().await.unwrap();
    let now = f.clock.now().unix_timestamp();
    f.client()
        .security()
        .totp_enable(TotpConfirmRequest { code: totp_code(&setup.manual_key, now) })
        .await
        .unwrap();
    f.clock.advance(Duration::seconds(30));
    let code = totp_code(&setup.manual_key, f.clock.now().unix_timestamp());
    let wrong_password = DisableSecondFactorRequest { password: "Wrong#Pass9x".into(), code: code.clone() };
    assert_eq!(
        f.client().security().disable_second_factor(wrong_password).await.unwrap_err().code,
        ErrorCode::Validation
    );
    let request = DisableSecondFactorRequest { password: PASSWORD.into(), code };
    f.client().security().disable_second_factor(request).await.unwrap();
    assert!(f.client().security().readiness().await.unwrap().second_factor.is_none());
}

#[tokio::test]
async fn forgot_password_ends_every_session_and_refuses_the_last_five() {
    let f = registered().await;
    attempt(&f.client(), PHONE, PASSWORD).await.unwrap();
    let recovery = f.client().recovery();
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
    assert!(f.client().session().current().await.unwrap().is_none(), "the session ended");
    assert_eq!(attempt(&f.client(), PHONE, PASSWORD).await.unwrap_err().code, ErrorCode::InvalidCredentials);
    assert!(attempt(&f.client(), PHONE, new).await.unwrap().session().is_some());
    let notice = f.kabinet.outbox().last_for(PHONE).await.unwrap().unwrap();
    assert_eq!(notice.kind, "security_password_changed");
}

#[tokio::test]
async fn recovery_answers_the_same_for_an_unknown_identifier() {
    let f = registered().await;
    let unknown = f
        .client()
        .recovery()
        .start(RecoveryStartRequest { identifier: "+79000000000".into() })
        .await
        .unwrap();
    let known = f.client().recovery().start(RecoveryStartRequest { identifier: PHONE.into() }).await.unwrap();
    assert_eq!(unknown.expires_at, known.expires_at);
    assert_eq!(unknown.resend_at, known.resend_at);
    assert!(f.kabinet.outbox().last_for("+79000000000").await.unwrap().is_none());
}

#[tokio::test]
async fn a_password_expires_on_day_ninety_and_only_its_change_is_allowed() {
    let f = registered().await;
    f.clock.advance(Duration::days(89));
    let session = attempt(&f.client(), PHONE, PASSWORD).await.unwrap().session().unwrap();
    assert!(!session.password_change_required);
    assert!(session.password_expires_soon);
    f.client().session().sign_out().await.unwrap();
    f.clock.advance(Duration::days(1));
    let session = attempt(&f.client(), PHONE, PASSWORD).await.unwrap().session().unwrap();
    assert!(session.password_change_required);
    assert_eq!(
        f.client().session().journal(JournalRequest { page: 1 }).await.unwrap_err().code,
        ErrorCode::PasswordChangeRequired
    );
    let new = "Nq5$tRv8wKz";
    let request = PasswordChangeRequest {
        current_password: PASSWORD.into(),
        password: new.into(),
        password_repeat: new.into(),
    };
    f.client().security().change_password(request).await.unwrap();
    let after = f.client().session().current().await.unwrap().unwrap();
    assert!(!after.password_change_required);
    f.client().session().sign_out().await.unwrap();
    f.clock.advance(Duration::days(1));
    assert!(!attempt(&f.client(), PHONE, new).await.unwrap().session().unwrap().password_change_required);
}

#[tokio::test]
async fn day_ninety_one_is_expired_too() {
    let f = registered().await;
    f.clock.advance(Duration::days(91));
    assert!(attempt(&f.client(), PHONE, PASSWORD).await.unwrap().session().unwrap().password_change_required);
}

#[tokio::test]
async fn sensitive_actions_ask_for_the_password_after_ten_minutes() {
    let f = registered().await;
    attempt(&f.client(), PHONE, PASSWORD).await.unwrap();
    f.clock.advance(Duration::minutes(10));
    f.client().security().totp_begin().await.unwrap();
    f.clock.advance(Duration::seconds(1));
    assert_eq!(
        f.client().security().totp_begin().await.unwrap_err().code,
        ErrorCode::ReauthenticationRequired
    );
    f.client().security().reauthenticate(ReauthRequest { password: PASSWORD.into() }).await.unwrap();
    f.client().security().totp_begin().await.unwrap();
}

#[tokio::test]
async fn an_idle_session_ends_after_fifteen_minutes() {
    let f = registered().await;
    attempt(&f.client(), PHONE, PASSWORD).await.unwrap();
    f.clock.advance(Duration::minutes(15));
    assert!(f.client().session().current().await.unwrap().is_some());
    f.clock.advance(Duration::seconds(15 * 60 + 1));
    assert!(f.client().session().current().await.unwrap().is_none());
}

#[tokio::test]
async fn not_me_ends_all_sessions_and_forces_a_password_change() {
    let f = registered().await;
    attempt(&f.client(), PHONE, PASSWORD).await.unwrap();
    f.client().security().not_me().await.unwrap();
    assert!(f.client().session().current().await.unwrap().is_none());
    let session = attempt(&f.client(), PHONE, PASSWORD).await.unwrap().session().unwrap();
    assert!(session.password_change_required);
}

#[tokio::test]
async fn sessions_are_listed_and_the_others_can_be_ended() {
    let f = registered().await;
    attempt(&f.client(), PHONE, PASSWORD).await.unwrap();
    let other_kabinet = open(&f.dir, &f.clock).await;
    let other_caller = Caller::new();
    let other = other_kabinet.client(&other_caller);
    other.session().sign_in(sign_in_request(PHONE, PASSWORD)).await.unwrap();
    let sessions = f.client().session().list().await.unwrap();
    assert_eq!(sessions.len(), 2);
    assert_eq!(sessions.iter().filter(|s| s.current).count(), 1);
    f.client().session().end_others().await.unwrap();
    assert!(other.session().current().await.unwrap().is_none());
    assert_eq!(f.client().session().list().await.unwrap().len(), 1);
}

// ---- Issue 11: the second factor under the lockout, session lifetimes, no enumeration, the
// idle timeout per account. Each test failed on the code before the fix.

/// A six-digit code that is certainly not the TOTP of `now` nor of its neighbouring steps.
fn wrong_totp(manual_key: &str, now: i64) -> kabinet_core::contract::Secret {
    let near: Vec<kabinet_core::contract::Secret> =
        (-2..=2).map(|step| totp_code(manual_key, now + step * 30)).collect();
    (0..1_000_000u32)
        .map(|n| format!("{n:06}"))
        .find(|code| !near.iter().any(|n| n == code.as_str()))
        .unwrap()
        .into()
}

/// Signs in, turns TOTP on, signs out; returns the Base32 key and the backup codes.
async fn with_totp(f: &Fixture) -> (kabinet_core::contract::Secret, Vec<kabinet_core::contract::Secret>) {
    attempt(&f.client(), PHONE, PASSWORD).await.unwrap();
    let setup = f.client().security().totp_begin().await.unwrap();
    let now = f.clock.now().unix_timestamp();
    let codes = f
        .client()
        .security()
        .totp_enable(TotpConfirmRequest { code: totp_code(&setup.manual_key, now) })
        .await
        .unwrap();
    f.client().session().sign_out().await.unwrap();
    f.clock.advance(Duration::seconds(30));
    (setup.manual_key, codes.codes)
}

async fn challenge(f: &Fixture) -> Result<kabinet_core::contract::Secret, kabinet_core::ApiError> {
    match attempt(&f.client(), PHONE, PASSWORD).await? {
        SignInOutcome::SecondFactor { challenge, .. } => Ok(challenge),
        other => panic!("a second factor is asked for, got {other:?}"),
    }
}

async fn answer(f: &Fixture, challenge: &str, code: &str) -> Result<(), kabinet_core::ApiError> {
    let request = SecondFactorRequest { challenge: challenge.into(), code: code.into() };
    f.client().session().second_factor(request).await.map(|_| ())
}

async fn journal_count(f: &Fixture, event: &str) -> i64 {
    let conn = raw_pool(f.dir.path()).await;
    kabinet_core::db::query_scalar("SELECT count(*) FROM access_journal WHERE event = ?")
        .bind(event)
        .fetch_one(&conn)
        .await
        .unwrap()
}

async fn lockout_messages(f: &Fixture) -> i64 {
    let conn = raw_pool(f.dir.path()).await;
    // One notification, sent on every channel the settings allow: count the notifications.
    kabinet_core::db::query_scalar(
        "SELECT count(DISTINCT notification_id) FROM outbox WHERE kind = 'security_lockout'",
    )
    .fetch_one(&conn)
    .await
    .unwrap()
}

/// 15 rounds of "right password → three wrong answers": the third wrong answer of the first
/// round locks, and every later round is refused at the password — 3 guesses in all, not 45.
async fn fifteen_rounds_lock_after_the_third_wrong_answer(f: &Fixture, wrong: &str) {
    let mut outcomes = Vec::new();
    for _round in 0..15 {
        match challenge(f).await {
            Err(refused) => outcomes.push(refused.code),
            Ok(challenge) => {
                for _ in 0..3 {
                    let refused = answer(f, &challenge, wrong).await.unwrap_err();
                    outcomes.push(refused.code);
                    if refused.code == ErrorCode::Locked {
                        assert!(refused.details.retry_at.is_some());
                        break;
                    }
                }
            }
        }
    }
    assert_eq!(&outcomes[..3], &[ErrorCode::CodeWrong, ErrorCode::CodeWrong, ErrorCode::Locked]);
    assert_eq!(outcomes.len(), 3 + 14, "every later round is refused before a code is asked");
    assert!(outcomes[3..].iter().all(|code| *code == ErrorCode::Locked));
    assert_eq!(journal_count(f, "sign_in_failed").await, 3);
    assert_eq!(journal_count(f, "locked").await, 1);
    assert_eq!(lockout_messages(f).await, 1);
    // After the 15 minutes the count starts again from zero, and locks again after three.
    f.clock.advance(Duration::minutes(15));
    let challenge = challenge(f).await.unwrap();
    assert_eq!(answer(f, &challenge, wrong).await.unwrap_err().code, ErrorCode::CodeWrong);
}

#[tokio::test]
async fn fifteen_rounds_of_wrong_totp_codes_end_in_the_lockout() {
    let f = registered().await;
    let (key, _) = with_totp(&f).await;
    let wrong = wrong_totp(&key, f.clock.now().unix_timestamp());
    fifteen_rounds_lock_after_the_third_wrong_answer(&f, &wrong).await;
}

#[tokio::test]
async fn fifteen_rounds_of_wrong_backup_codes_end_in_the_lockout() {
    let f = registered().await;
    let (_, codes) = with_totp(&f).await;
    let wrong = "ABCD-EFGH";
    assert!(!codes.iter().any(|code| code == wrong));
    fifteen_rounds_lock_after_the_third_wrong_answer(&f, wrong).await;
}

#[tokio::test]
async fn wrong_codes_count_across_challenges_and_a_right_password_does_not_clear_them() {
    let f = registered().await;
    let (key, _) = with_totp(&f).await;
    let wrong = wrong_totp(&key, f.clock.now().unix_timestamp());
    let first = challenge(&f).await.unwrap();
    for _ in 0..2 {
        assert_eq!(answer(&f, &first, &wrong).await.unwrap_err().code, ErrorCode::CodeWrong);
    }
    let second = challenge(&f).await.unwrap();
    assert_eq!(answer(&f, &second, &wrong).await.unwrap_err().code, ErrorCode::Locked);
    let right = totp_code(&key, f.clock.now().unix_timestamp());
    assert_eq!(answer(&f, &second, &right).await.unwrap_err().code, ErrorCode::Locked, "even the right code");
}

#[tokio::test]
async fn a_right_code_clears_the_count() {
    let f = registered().await;
    let (key, _) = with_totp(&f).await;
    let wrong = wrong_totp(&key, f.clock.now().unix_timestamp());
    let first = challenge(&f).await.unwrap();
    answer(&f, &first, &wrong).await.unwrap_err();
    answer(&f, &first, &wrong).await.unwrap_err();
    answer(&f, &first, &totp_code(&key, f.clock.now().unix_timestamp())).await.unwrap();
    f.client().session().sign_out().await.unwrap();
    f.clock.advance(Duration::seconds(30));
    let second = challenge(&f).await.unwrap();
    assert_eq!(answer(&f, &second, &wrong).await.unwrap_err().code, ErrorCode::CodeWrong);
    assert_eq!(answer(&f, &second, &wrong).await.unwrap_err().code, ErrorCode::CodeWrong);
}

#[tokio::test]
async fn fifteen_rounds_of_wrong_reauthentication_end_in_the_lockout() {
    let f = registered().await;
    attempt(&f.client(), PHONE, PASSWORD).await.unwrap();
    let mut outcomes = Vec::new();
    for _round in 0..15 {
        for _ in 0..3 {
            let wrong = ReauthRequest { password: "Wrong#Pass9x".into() };
            outcomes.push(f.client().security().reauthenticate(wrong).await.unwrap_err().code);
        }
    }
    assert_eq!(&outcomes[..3], &[ErrorCode::Validation, ErrorCode::Validation, ErrorCode::Locked]);
    assert!(outcomes[3..].iter().all(|code| *code == ErrorCode::Locked));
    let right = ReauthRequest { password: PASSWORD.into() };
    assert_eq!(f.client().security().reauthenticate(right).await.unwrap_err().code, ErrorCode::Locked);
    assert_eq!(journal_count(&f, "password_check_failed").await, 3);
    assert_eq!(journal_count(&f, "locked").await, 1);
    assert_eq!(lockout_messages(&f).await, 1);
    assert_eq!(attempt(&f.client(), PHONE, PASSWORD).await.unwrap_err().code, ErrorCode::Locked);
}

#[tokio::test]
async fn a_wrong_current_password_in_the_password_change_counts_too() {
    let f = registered().await;
    attempt(&f.client(), PHONE, PASSWORD).await.unwrap();
    let change = |current: &str| PasswordChangeRequest {
        current_password: current.into(),
        password: "Nw7#kR4!tYp".into(),
        password_repeat: "Nw7#kR4!tYp".into(),
    };
    for expected in [ErrorCode::Validation, ErrorCode::Validation, ErrorCode::Locked] {
        let refused = f.client().security().change_password(change("Wrong#Pass9x")).await.unwrap_err();
        assert_eq!(refused.code, expected);
    }
    assert_eq!(journal_count(&f, "password_check_failed").await, 3);
}

#[tokio::test]
async fn turning_the_factor_off_with_wrong_codes_locks_after_three_even_with_the_right_password() {
    let f = registered().await;
    let (key, _) = with_totp(&f).await;
    let challenge = challenge(&f).await.unwrap();
    answer(&f, &challenge, &totp_code(&key, f.clock.now().unix_timestamp())).await.unwrap();
    let wrong = wrong_totp(&key, f.clock.now().unix_timestamp());
    let mut outcomes = Vec::new();
    for _ in 0..15 {
        let request = DisableSecondFactorRequest { password: PASSWORD.into(), code: wrong.clone() };
        outcomes.push(f.client().security().disable_second_factor(request).await.unwrap_err().code);
    }
    assert_eq!(&outcomes[..3], &[ErrorCode::Validation, ErrorCode::Validation, ErrorCode::Locked]);
    assert!(outcomes[3..].iter().all(|code| *code == ErrorCode::Locked));
    assert_eq!(journal_count(&f, "factor_check_failed").await, 3);
    assert!(f.client().security().readiness().await.unwrap().second_factor.is_some());
}

#[tokio::test]
async fn renewing_backup_codes_and_switching_to_sms_need_the_current_factor() {
    use kabinet_core::contract::FactorCodeRequest;
    let f = registered().await;
    let (key, _) = with_totp(&f).await;
    let challenge = challenge(&f).await.unwrap();
    answer(&f, &challenge, &totp_code(&key, f.clock.now().unix_timestamp())).await.unwrap();
    let security = f.client().security();
    let none = security.renew_backup_codes(FactorCodeRequest { code: None }).await.unwrap_err();
    assert_eq!((none.code, none.fields[0].field), (ErrorCode::Validation, kabinet_core::Field::Code));
    let sms = security.sms_enable(FactorCodeRequest { code: None }).await.unwrap_err();
    assert_eq!(sms.fields[0].field, kabinet_core::Field::Code);
    let wrong = wrong_totp(&key, f.clock.now().unix_timestamp());
    let refused = security.renew_backup_codes(FactorCodeRequest { code: Some(wrong) }).await.unwrap_err();
    assert_eq!(refused.fields[0].code, kabinet_core::validate::Invalid::CodeWrong);
    f.clock.advance(Duration::seconds(30));
    let right = totp_code(&key, f.clock.now().unix_timestamp());
    assert_eq!(
        security.renew_backup_codes(FactorCodeRequest { code: Some(right) }).await.unwrap().codes.len(),
        10
    );
}

// ---- Session lifetimes.

#[tokio::test]
async fn a_session_ends_twelve_hours_after_it_began_however_active() {
    let f = registered().await;
    attempt(&f.client(), PHONE, PASSWORD).await.unwrap();
    for _ in 0..(12 * 6 - 1) {
        f.clock.advance(Duration::minutes(10));
        assert!(f.client().session().current().await.unwrap().is_some());
    }
    f.clock.advance(Duration::minutes(10));
    assert!(f.client().session().current().await.unwrap().is_none());
}

#[tokio::test]
async fn a_remembered_session_survives_a_restart_but_not_the_idle_timeout_nor_thirty_days() {
    let remembered = kabinet_core::contract::SignInRequest {
        identifier: PHONE.into(),
        password: PASSWORD.into(),
        remember_me: true,
    };
    let f = registered().await;
    f.client().session().sign_in(remembered.clone()).await.unwrap();
    f.kabinet.close().await;
    f.clock.advance(Duration::minutes(10));
    let reopened_kabinet = open(&f.dir, &f.clock).await;
    let caller = Caller::new();
    let reopened = reopened_kabinet.client(&caller);
    assert!(reopened.session().current().await.unwrap().is_some(), "across a restart");
    f.clock.advance(Duration::minutes(16));
    assert!(reopened.session().current().await.unwrap().is_none(), "idle 16 minutes");

    reopened.session().sign_in(remembered).await.unwrap();
    let longest = kabinet_core::contract::SecuritySettings { idle_minutes: 240 };
    reopened.security().set_settings(longest).await.unwrap();
    let mut alive = Duration::ZERO;
    while reopened.session().current().await.unwrap().is_some() {
        f.clock.advance(Duration::hours(3));
        alive += Duration::hours(3);
        assert!(alive <= Duration::days(31), "a remembered session never outlives 30 days");
    }
    assert_eq!(alive, Duration::days(30), "it lives 30 days while used");
}

/// Signs the citizen in here and in a second process, makes `change` here, and checks that the
/// other session ended while this one goes on.
async fn only_this_session_survives<F, Fut>(change: F)
where
    F: FnOnce(Fixture) -> Fut,
    Fut: std::future::Future<Output = Fixture>,
{
    let f = registered().await;
    attempt(&f.client(), PHONE, PASSWORD).await.unwrap();
    let other_kabinet = open(&f.dir, &f.clock).await;
    let other_caller = Caller::new();
    let other = other_kabinet.client(&other_caller);
    other.session().sign_in(sign_in_request(PHONE, PASSWORD)).await.unwrap();
    let f = change(f).await;
    assert!(other.session().current().await.unwrap().is_none(), "the other session ended");
    assert!(f.client().session().current().await.unwrap().is_some(), "this one goes on");
}

#[tokio::test]
async fn a_password_change_ends_every_other_session_and_keeps_this_one() {
    only_this_session_survives(|f| async move {
        let change = PasswordChangeRequest {
            current_password: PASSWORD.into(),
            password: "Nw7#kR4!tYp".into(),
            password_repeat: "Nw7#kR4!tYp".into(),
        };
        f.client().security().change_password(change).await.unwrap();
        f
    })
    .await;
}

#[tokio::test]
async fn a_second_factor_change_ends_every_other_session_and_keeps_this_one() {
    only_this_session_survives(|f| async move {
        let setup = f.client().security().totp_begin().await.unwrap();
        let code = totp_code(&setup.manual_key, f.clock.now().unix_timestamp());
        f.client().security().totp_enable(TotpConfirmRequest { code }).await.unwrap();
        f
    })
    .await;
}

#[tokio::test]
async fn a_new_phone_ends_every_other_session_and_keeps_this_one() {
    use kabinet_core::contract::{ContactChangeConfirm, ContactChangeRequest, ContactKind};
    only_this_session_survives(|f| async move {
        let new_phone = "+79161234599";
        let start = ContactChangeRequest { kind: ContactKind::Phone, value: new_phone.into() };
        f.client().profile().change_contact_start(start).await.unwrap();
        let code = code_for(&f.kabinet, new_phone).await;
        let confirm = ContactChangeConfirm { kind: ContactKind::Phone, value: new_phone.into(), code };
        f.client().profile().change_contact_confirm(confirm).await.unwrap();
        f
    })
    .await;
}

// ---- No enumeration.

/// Everything «Забыли пароль?» answers, as the citizen sees it (the code-free parts).
async fn recovery_answers(f: &Fixture, identifier: &str) -> Vec<String> {
    let recovery = f.client().recovery();
    let verify = |code: &str| RecoveryVerifyRequest { identifier: identifier.into(), code: code.into() };
    let mut seen = Vec::new();
    let describe = |error: kabinet_core::ApiError| {
        format!(
            "{:?} {:?} {:?} {}",
            error.code, error.details.attempts_left, error.details.retry_at, error.message
        )
    };
    seen.push(describe(recovery.verify(verify("123456")).await.unwrap_err()));
    let sent = recovery.start(RecoveryStartRequest { identifier: identifier.into() }).await.unwrap();
    seen.push(format!("{} {}", sent.expires_at, sent.resend_at));
    seen.push(describe(
        recovery.start(RecoveryStartRequest { identifier: identifier.into() }).await.unwrap_err(),
    ));
    for _ in 0..4 {
        seen.push(describe(recovery.verify(verify("000000")).await.unwrap_err()));
    }
    for _ in 0..5 {
        f.clock.advance(Duration::seconds(61));
        seen.push(match recovery.start(RecoveryStartRequest { identifier: identifier.into() }).await {
            Ok(sent) => format!("{} {}", sent.expires_at, sent.resend_at),
            Err(error) => describe(error),
        });
    }
    seen
}

#[tokio::test]
async fn forgot_password_answers_a_known_and_an_unknown_identifier_alike() {
    let known = registered().await;
    // The registration code counts toward the phone's hourly limit: start an hour later, as an
    // unknown identifier would (the limit is per destination, not per account).
    known.clock.advance(Duration::minutes(61));
    let unknown = fixture().await;
    unknown.clock.advance(Duration::minutes(61));
    let known_answers = recovery_answers(&known, PHONE).await;
    let unknown_answers = recovery_answers(&unknown, PHONE).await;
    assert_eq!(known_answers, unknown_answers);
    assert!(
        known_answers.iter().any(|a| a.starts_with("RateLimited")),
        "the cooldown and the hourly limit show"
    );
    assert!(known_answers.iter().any(|a| a.starts_with("CodeBurned")), "3 wrong codes burn it");
    assert!(known_answers.iter().any(|a| a.starts_with("CodeWrong Some(2)")));
    // The unknown path sent nothing, and its state names no identifier.
    assert!(unknown.kabinet.outbox().last_for(PHONE).await.unwrap().is_none());
    let conn = raw_pool(unknown.dir.path()).await;
    let destinations: Vec<String> =
        kabinet_core::db::query_scalar("SELECT DISTINCT destination FROM one_time_codes")
            .fetch_all(&conn)
            .await
            .unwrap();
    // One pseudo destination (`unknown:…`), stored as its blind index like every destination.
    assert_eq!(destinations.len(), 1);
    let keys = test_keys(unknown.dir.path());
    assert_eq!(destinations[0].len(), 64);
    assert_ne!(destinations[0], keys.index(PHONE));
    assert!(!destinations[0].contains("9161234570"));
}

#[tokio::test]
async fn registration_says_a_phone_is_taken_only_after_its_code() {
    use kabinet_core::contract::{SendCodeRequest, VerifyCodeRequest};
    let f = fixture().await;
    register(&f.client(), PHONE).await;
    f.clock.advance(Duration::minutes(2));
    let sent = f.client().registration().send_code(SendCodeRequest { phone: PHONE.into() }).await.unwrap();
    assert_eq!(sent.destination, PHONE);
    let code = code_for(&f.kabinet, PHONE).await;
    let wrong = VerifyCodeRequest {
        phone: PHONE.into(),
        code: if code == "000000" { "111111" } else { "000000" }.into(),
    };
    assert_eq!(f.client().registration().verify_code(wrong).await.unwrap_err().code, ErrorCode::CodeWrong);
    let refused = f
        .client()
        .registration()
        .verify_code(VerifyCodeRequest { phone: PHONE.into(), code })
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::IdentifierTaken);
    assert_eq!(refused.message, "Этот номер уже зарегистрирован — восстановите доступ");
}

#[tokio::test]
async fn a_contact_change_says_the_contact_is_taken_only_after_its_code() {
    use kabinet_core::contract::{ContactChangeConfirm, ContactChangeRequest, ContactKind};
    let f = fixture().await;
    let taken = "+79161234511";
    register(&f.client(), taken).await;
    register(&f.client(), PHONE).await;
    // The registration codes count toward each phone's hourly limit; an hour later both are even.
    f.clock.advance(Duration::minutes(61));
    attempt(&f.client(), PHONE, PASSWORD).await.unwrap();
    let free = "+79161234522";
    let start = |value: &str| ContactChangeRequest { kind: ContactKind::Phone, value: value.into() };
    let to_taken = f.client().profile().change_contact_start(start(taken)).await.unwrap();
    let to_free = f.client().profile().change_contact_start(start(free)).await.unwrap();
    assert_eq!((to_taken.expires_at, to_taken.sends_left), (to_free.expires_at, to_free.sends_left));
    let code = code_for(&f.kabinet, taken).await;
    let confirm = ContactChangeConfirm { kind: ContactKind::Phone, value: taken.into(), code };
    let refused = f.client().profile().change_contact_confirm(confirm).await.unwrap_err();
    assert_eq!(refused.code, ErrorCode::IdentifierTaken);
}

// ---- The idle timeout is each account's own; foreign session ids are not found.

#[tokio::test]
async fn the_idle_timeout_is_a_setting_of_each_account() {
    let f = fixture().await;
    register(&f.client(), PHONE).await;
    register(&f.client(), "+79161234511").await;
    let other_kabinet = open(&f.dir, &f.clock).await;
    let other_caller = Caller::new();
    let other = other_kabinet.client(&other_caller);
    assert_eq!(f.client().security().settings().await.unwrap_err().code, ErrorCode::NotSignedIn);
    attempt(&f.client(), PHONE, PASSWORD).await.unwrap();
    other.session().sign_in(sign_in_request("+79161234511", PASSWORD)).await.unwrap();
    let five = kabinet_core::contract::SecuritySettings { idle_minutes: 5 };
    f.client().security().set_settings(five).await.unwrap();
    assert_eq!(other.security().settings().await.unwrap().idle_minutes, 15);
    f.clock.advance(Duration::minutes(6));
    assert!(f.client().session().current().await.unwrap().is_none(), "5 minutes for this account");
    assert!(other.session().current().await.unwrap().is_some(), "15 for the other");
}

#[tokio::test]
async fn ending_another_accounts_session_is_not_found() {
    let f = fixture().await;
    register(&f.client(), PHONE).await;
    register(&f.client(), "+79161234511").await;
    let other_kabinet = open(&f.dir, &f.clock).await;
    let other_caller = Caller::new();
    let other = other_kabinet.client(&other_caller);
    other.session().sign_in(sign_in_request("+79161234511", PASSWORD)).await.unwrap();
    let foreign = other.session().list().await.unwrap()[0].id;
    attempt(&f.client(), PHONE, PASSWORD).await.unwrap();
    assert_eq!(
        f.client().session().end(EndSessionRequest { id: foreign }).await.unwrap_err().code,
        ErrorCode::NotFound
    );
    assert!(other.session().current().await.unwrap().is_some(), "and it goes on");
    assert_eq!(
        f.client().session().end(EndSessionRequest { id: i64::MAX }).await.unwrap_err().code,
        ErrorCode::NotFound
    );
}

#[tokio::test]
async fn code_rows_go_a_day_after_they_were_issued_unknown_identifiers_too() {
    let f = registered().await;
    let recovery = f.client().recovery();
    recovery.start(RecoveryStartRequest { identifier: "+79000000001".into() }).await.unwrap();
    let rows = |f: &Fixture| {
        let dir = f.dir.path().to_owned();
        async move {
            let conn = raw_pool(&dir).await;
            let n: i64 = kabinet_core::db::query_scalar("SELECT count(*) FROM one_time_codes")
                .fetch_one(&conn)
                .await
                .unwrap();
            n
        }
    };
    assert_eq!(rows(&f).await, 2, "the registration code and the unknown identifier's");
    f.clock.advance(Duration::hours(23));
    f.kabinet.outbox().deliver_due().await.unwrap();
    assert_eq!(rows(&f).await, 2, "kept for a day");
    f.clock.advance(Duration::hours(2));
    f.kabinet.outbox().deliver_due().await.unwrap();
    assert_eq!(rows(&f).await, 0);
}
