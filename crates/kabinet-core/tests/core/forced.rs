//! Forced closure by staff with the manual clock: a violation's notice → block → closure (and
//! nothing when cleared in time), a court decision executed within 5 working days with its act
//! (pdftotext shows the decision; the registry says valid), death, suspicious activity, blocks
//! refusing sign-in until lifted or run out, every step repeated refused or a no-op, and the
//! forms checked field by field.

use std::process::Command;

use crate::common::*;
use kabinet_core::closure::forced::APPEAL_PHONE;
use kabinet_core::closure::forced::types::*;
use kabinet_core::closure::types::{ClosureSubmit, RestoreOutcome, RestoreStart};
use kabinet_core::contract::{AccountStatus, SecondFactorRequest, SignInOutcome, TotpConfirmRequest};
use kabinet_core::documents::{ClosureReason, ForcedGround};
use kabinet_core::notifications::types::{Folder, InboxItem, InboxQuery};
use kabinet_core::staff::desk::CitizenRef;
use kabinet_core::validate::Invalid;
use kabinet_core::{ApiError, ErrorCode, Field};
use time::Duration;

const PHONE: &str = "+79161112233";
const APPEAL: &str = "Обжаловать решение можно в течение 30 дней в центре обслуживания или по телефону";

/// A signed-in citizen with passport data (the act prints the name); returns the account number.
async fn citizen() -> (Fixture, String) {
    let (f, number) = signed_in_with_profile(PHONE, |update| {
        update.inn = None;
        update.address = None;
    })
    .await;
    (f, number)
}

fn violation(account: &str) -> ForcedClosureRequest {
    ForcedClosureRequest {
        text: Some("Массовая рассылка заявлений от имени третьих лиц".into()),
        notice_days: Some(10),
        block_days: Some(10),
        ..ForcedClosureRequest::new(account, ForcedGround::RulesViolation)
    }
}

fn court(account: &str) -> ForcedClosureRequest {
    ForcedClosureRequest {
        decision_number: Some("2-1234/2026".into()),
        decision_date: Some("10.11.2026".into()),
        issuer: Some("Тверской районный суд г. Москвы".into()),
        operator: Some("Смирнова О. В.".into()),
        supervisor: Some("Кузнецов А. Н.".into()),
        ..ForcedClosureRequest::new(account, ForcedGround::CourtDecision)
    }
}

fn fields(error: &ApiError) -> Vec<(Field, Invalid)> {
    assert_eq!(error.code, ErrorCode::Validation, "{error:?}");
    error.fields.iter().map(|e| (e.field, e.code)).collect()
}

async fn sign_in(f: &Fixture) -> Result<(), ApiError> {
    f.client().session().sign_in(sign_in_request(PHONE, PASSWORD)).await.map(|_| ())
}

async fn inbox(f: &Fixture) -> Vec<InboxItem> {
    let query = InboxQuery { folder: Folder::Inbox, category: None, before: None, limit: None };
    f.client().notifications().inbox(query).await.unwrap().items
}

async fn last_sms(f: &Fixture) -> String {
    f.kabinet.outbox().last_for(PHONE).await.unwrap().expect("a message").body
}

/// The act's text by pdftotext (wrapped lines joined), after the registry calls its bytes valid.
async fn act_text(f: &Fixture, number: &str) -> String {
    let bytes = f.kabinet.documents().content(number).await.unwrap().expect("the act in the registry");
    let verdict = f.kabinet.documents().verify(&bytes).await.unwrap();
    assert_eq!(serde_json::to_value(verdict.status).unwrap(), "valid");
    let file = f.dir.path().join(format!("{number}.pdf"));
    std::fs::write(&file, &bytes).unwrap();
    let output = Command::new("pdftotext").arg("-layout").arg(&file).arg("-").output().expect("pdftotext");
    assert!(output.status.success());
    String::from_utf8(output.stdout).unwrap().split_whitespace().collect::<Vec<_>>().join(" ")
}

#[tokio::test]
async fn a_violation_not_fixed_is_noticed_then_blocked_then_closed() {
    let (f, account) = citizen().await;
    let desk = machine(&f.kabinet);
    let case = desk.forced().register(violation(&account)).await.unwrap();
    assert_eq!((case.number.as_str(), case.stage), ("ПЗ-2026-000001", ForcedStage::Notice));
    assert!(case.act_number.is_none() && case.executed_at.is_none());
    let notice = &inbox(&f).await[0];
    assert_eq!(notice.title, "Предупреждение о нарушении правил пользования");
    assert!(notice.body.contains("Дело № ПЗ-2026-000001: Массовая рассылка заявлений"), "{}", notice.body);
    assert!(notice.body.contains("Устраните нарушение до 05.12.2026 включительно"), "{}", notice.body);
    assert!(notice.body.contains("после 15.12.2026 — закрыт"), "{}", notice.body);
    assert!(notice.body.contains(&format!("{APPEAL} {APPEAL_PHONE}.")), "{}", notice.body);
    assert_eq!(desk.forced().register(violation(&account)).await.unwrap_err().code, ErrorCode::WrongState);

    f.clock.advance(Duration::days(10));
    let run = f.kabinet.run_jobs().await.unwrap();
    assert_eq!((run.blocked, run.closed), (0, 0), "the last day to fix it is not over");
    f.clock.advance(Duration::days(1));
    assert_eq!(f.kabinet.run_jobs().await.unwrap().blocked, 1);
    assert_eq!(f.kabinet.run_jobs().await.unwrap().blocked, 0, "a second run changes nothing");
    assert!(f.client().session().current().await.unwrap().is_none(), "the block ended the session");
    let refused = sign_in(&f).await.unwrap_err();
    assert_eq!(refused.code, ErrorCode::AccountBlocked);
    assert!(refused.message.starts_with("Кабинет заблокирован по 15.12.2026 включительно. Причина: нарушение правил пользования личным кабинетом: Массовая рассылка"), "{}", refused.message);
    assert!(refused.message.ends_with(&format!("{APPEAL} {APPEAL_PHONE}.")), "{}", refused.message);
    assert!(refused.details.blocked_until.is_some());
    assert!(last_sms(&f).await.contains("После окончания блокировки кабинет будет закрыт."));
    let listed = desk.forced().list().await.unwrap();
    assert_eq!(listed.cases[0].stage, ForcedStage::Blocked);
    assert_eq!(listed.blocks[0].case_number.as_deref(), Some("ПЗ-2026-000001"));

    f.clock.advance(Duration::days(9));
    assert_eq!(f.kabinet.run_jobs().await.unwrap().closed, 0, "blocked through 15.12 inclusive");
    f.clock.advance(Duration::days(1));
    assert_eq!(f.kabinet.run_jobs().await.unwrap().closed, 1);
    assert_eq!(f.kabinet.run_jobs().await.unwrap().closed, 0);
    let refused = sign_in(&f).await.unwrap_err();
    assert_eq!(refused.code, ErrorCode::AccountClosed);
    assert_eq!(
        refused.message,
        format!(
            "Кабинет закрыт сотрудником 16.12.2026. Основание: нарушение правил пользования личным кабинетом. \
             Восстановить его можно до 15.01.2027 через оператора центра обслуживания. {APPEAL} {APPEAL_PHONE}."
        )
    );
    let sms = last_sms(&f).await;
    assert!(sms.starts_with("Основание: нарушение правил пользования личным кабинетом."), "{sms}");
    let overview = desk.forced().list().await.unwrap();
    assert!(overview.blocks.is_empty(), "closing ends the block");
    let case = &overview.cases[0];
    assert_eq!(case.stage, ForcedStage::Executed);
    let act = act_text(&f, case.act_number.as_deref().unwrap()).await;
    assert!(act.contains("Нарушение правил пользования личным кабинетом"), "{act}");
    assert!(act.contains("Уведомление о нарушении, № ПЗ-2026-000001 от 25.11.2026"), "{act}");
    assert_eq!(desk.forced().clear(clear(&account)).await.unwrap_err().code, ErrorCode::WrongState);
}

fn clear(account: &str) -> ClearViolation {
    ClearViolation {
        account_number: account.into(), comment: "Рассылка прекращена, аккаунт проверен".into()
    }
}

#[tokio::test]
async fn a_violation_cleared_in_time_or_unblocked_changes_nothing_more() {
    let (f, account) = citizen().await;
    let desk = machine(&f.kabinet);
    desk.forced().register(violation(&account)).await.unwrap();
    let error =
        desk.forced().clear(ClearViolation { comment: " ".into(), ..clear(&account) }).await.unwrap_err();
    assert_eq!(fields(&error), [(Field::Comment, Invalid::Required)]);
    let cleared = desk.forced().clear(clear(&account)).await.unwrap();
    assert_eq!(cleared.stage, ForcedStage::Cleared);
    assert!(cleared.cleared_at.is_some());
    assert_eq!(inbox(&f).await[0].title, "Нарушение устранено");
    assert_eq!(desk.forced().clear(clear(&account)).await.unwrap_err().code, ErrorCode::WrongState);
    f.clock.advance(Duration::days(40));
    let run = f.kabinet.run_jobs().await.unwrap();
    assert_eq!((run.blocked, run.closed), (0, 0));
    sign_in(&f).await.unwrap();

    let second = desk.forced().register(violation(&account)).await.unwrap();
    assert_eq!(second.number, "ПЗ-2027-000002");
    f.clock.advance(Duration::days(11));
    assert_eq!(f.kabinet.run_jobs().await.unwrap().blocked, 1);
    assert_eq!(sign_in(&f).await.unwrap_err().code, ErrorCode::AccountBlocked);
    let lifted = desk.forced().unblock(CitizenRef { account_number: account.clone() }).await.unwrap();
    assert_eq!(lifted.case_number.as_deref(), Some("ПЗ-2027-000002"));
    sign_in(&f).await.unwrap();
    f.clock.advance(Duration::days(30));
    assert_eq!(f.kabinet.run_jobs().await.unwrap().closed, 0, "unblocking cleared the case");
    let cases = desk.forced().list().await.unwrap().cases;
    assert_eq!(
        cases.iter().map(|c| c.stage).collect::<Vec<_>>(),
        [ForcedStage::Cleared, ForcedStage::Cleared]
    );
}

#[tokio::test]
async fn a_court_decision_is_executed_within_five_working_days_with_its_act() {
    let (f, account) = citizen().await;
    let desk = machine(&f.kabinet);
    let empty =
        desk.forced().register(ForcedClosureRequest::new("", ForcedGround::CourtDecision)).await.unwrap_err();
    assert_eq!(
        fields(&empty),
        [
            (Field::AccountNumber, Invalid::Required),
            (Field::DecisionNumber, Invalid::Required),
            (Field::DecisionDate, Invalid::Required),
            (Field::Issuer, Invalid::Required)
        ]
    );
    let wrong = ForcedClosureRequest {
        decision_number: Some("без номера".into()),
        decision_date: Some("26.11.2026".into()),
        issuer: Some("Су".into()),
        ..court(&account)
    };
    assert_eq!(
        fields(&desk.forced().register(wrong).await.unwrap_err()),
        [
            (Field::DecisionNumber, Invalid::DocumentNumberFormat),
            (Field::DecisionDate, Invalid::DateInFuture),
            (Field::Issuer, Invalid::TooShort)
        ]
    );
    let badly_dated = ForcedClosureRequest { decision_date: Some("31.11.2026".into()), ..court(&account) };
    assert_eq!(
        fields(&desk.forced().register(badly_dated).await.unwrap_err()),
        [(Field::DecisionDate, Invalid::DateNotReal)]
    );
    let nobody = desk.forced().register(court("0000-0000-00")).await.unwrap_err();
    assert_eq!(nobody.code, ErrorCode::NotFound);

    let case = desk.forced().register(court(&account)).await.unwrap();
    assert_eq!(case.stage, ForcedStage::Executed);
    assert_eq!(case.execute_by.as_deref(), Some("02.12.2026"), "Wed 25.11 + 5 working days");
    assert_eq!(case.executed_at.as_deref(), Some("2026-11-25T09:00:00Z"), "executed at registration");
    assert_eq!(
        (case.decision_date.as_deref(), case.issuer.as_deref()),
        (Some("10.11.2026"), Some("Тверской районный суд г. Москвы"))
    );
    assert_decision_sealed(&f).await;
    let act_number = case.act_number.clone().unwrap();
    assert!(act_number.starts_with("АЗК-2026-"), "{act_number}");
    let act = act_text(&f, &act_number).await;
    for expected in [
        "Решение суда",
        "Тверской районный суд г. Москвы, № 2-1234/2026 от 10.11.2026",
        "Смирнова О. В.",
        "Кузнецов А. Н.",
        "по согласованию с оператором до 25.12.2026",
    ] {
        assert!(act.contains(expected), "{expected} in {act}");
    }
    assert!(f.client().session().current().await.unwrap().is_none(), "sessions revoked");
    let refused = sign_in(&f).await.unwrap_err();
    assert_eq!(refused.code, ErrorCode::AccountClosed);
    assert!(
        refused.message.starts_with("Кабинет закрыт сотрудником 25.11.2026. Основание: решение суда."),
        "{}",
        refused.message
    );
    assert!(refused.details.restore_until.is_some());
    assert_eq!(refused.details.restore_by_operator, Some(true), "an operator restores it");
    assert_eq!(desk.forced().register(court(&account)).await.unwrap_err().code, ErrorCode::WrongState);
    assert_eq!(f.kabinet.run_jobs().await.unwrap(), Default::default(), "nothing left to do");
    assert_eq!(desk.forced().list().await.unwrap().cases.len(), 1);

    let start = RestoreStart { identifier: PHONE.into(), password: PASSWORD.into() };
    assert_eq!(f.client().closure().restore_start(start).await.unwrap(), RestoreOutcome::SentToOperator);
    assert_eq!(
        desk.queue().restore(restore_with_passport(&account)).await.unwrap().status,
        AccountStatus::Active
    );
    sign_in(&f).await.unwrap();
}

/// The court decision's details are stored sealed under the account's key (issue 16): not as
/// typed, and they open only with that key, for that case.
async fn assert_decision_sealed(f: &Fixture) {
    let pool = raw_pool(f.dir.path()).await;
    let keys = test_keys(f.dir.path());
    let account_id = account_of(&pool, &keys, PHONE).await;
    let (id, number, date, issuer): (i64, String, String, String) = kabinet_core::db::query_as(
        "SELECT id, decision_number, decision_date, issuer FROM forced_closures WHERE account_id = ?",
    )
    .bind(account_id)
    .fetch_one(&pool)
    .await
    .unwrap();
    let stored = format!("{number} {date} {issuer}");
    for typed in ["2-1234/2026", "2026-11-10", "Тверской"] {
        assert!(!stored.contains(typed), "{typed} in {stored}");
    }
    let sealer = account_sealer(&pool, &keys, account_id).await.unwrap();
    assert_eq!(sealer.open("forced_closures.decision_number", id, &number).unwrap(), "2-1234/2026");
    assert_eq!(sealer.open("forced_closures.decision_date", id, &date).unwrap(), "2026-11-10");
    assert_eq!(
        sealer.open("forced_closures.issuer", id, &issuer).unwrap(),
        "Тверской районный суд г. Москвы"
    );
}

#[tokio::test]
async fn death_closes_at_once_without_restoration() {
    let (f, account) = citizen().await;
    let desk = machine(&f.kabinet);
    let death = |certificate: Option<&str>| ForcedClosureRequest {
        certificate: certificate.map(str::to_owned),
        issuer: Some("Отдел ЗАГС Тверского района".into()),
        decision_date: Some("20.11.2026".into()),
        ..ForcedClosureRequest::new(account.clone(), ForcedGround::Death)
    };
    assert_eq!(
        fields(&desk.forced().register(death(None)).await.unwrap_err()),
        [(Field::Certificate, Invalid::Required)]
    );
    assert_eq!(
        fields(&desk.forced().register(death(Some("IV-МЮ"))).await.unwrap_err()),
        [(Field::Certificate, Invalid::DocumentNumberFormat)]
    );
    let case = desk.forced().register(death(Some("IV-МЮ № 654321"))).await.unwrap();
    assert_eq!(
        (case.stage, case.decision_number.as_deref()),
        (ForcedStage::Executed, Some("IV-МЮ № 654321"))
    );
    let act = act_text(&f, case.act_number.as_deref().unwrap()).await;
    assert!(act.contains("Смерть гражданина"), "{act}");
    assert!(
        act.contains("Свидетельство о смерти (Отдел ЗАГС Тверского района), № IV-МЮ № 654321 от 20.11.2026"),
        "{act}"
    );
    assert!(act.contains("не предусмотрено"), "{act}");
    let refused = sign_in(&f).await.unwrap_err();
    assert_eq!(
        refused.message,
        format!(
            "Кабинет закрыт сотрудником 25.11.2026. Основание: смерть гражданина. Восстановление не предусмотрено. \
             {APPEAL} {APPEAL_PHONE}."
        )
    );
    assert!(refused.details.restore_until.is_none());
    assert_eq!(
        desk.queue().restore(restore_with_passport(&account)).await.unwrap_err().code,
        ErrorCode::WrongState
    );
}

#[tokio::test]
async fn suspicious_activity_needs_the_owners_identity_and_consent_checked() {
    let (f, account) = citizen().await;
    let desk = machine(&f.kabinet);
    let bare = ForcedClosureRequest::new(account.clone(), ForcedGround::SuspiciousActivity);
    assert_eq!(
        fields(&desk.forced().register(bare.clone()).await.unwrap_err()),
        [(Field::Grounds, Invalid::Required), (Field::IdentityChecked, Invalid::IdentityNotChecked)]
    );
    let checked = ForcedClosureRequest {
        text: Some("Вход с 40 устройств за сутки; владелец подтвердил, что не входил".into()),
        identity_checked: true,
        ..bare
    };
    let case = desk.forced().register(checked).await.unwrap();
    assert_eq!((case.stage, case.execute_by), (ForcedStage::Executed, None));
    let act = act_text(&f, case.act_number.as_deref().unwrap()).await;
    assert!(act.contains("Личность владельца и его согласие на закрытие проверены."), "{act}");
    assert!(act.contains("(фамилия, инициалы)"), "no names given: lines to write them in, {act}");
    let start = RestoreStart { identifier: PHONE.into(), password: PASSWORD.into() };
    assert_eq!(f.client().closure().restore_start(start).await.unwrap(), RestoreOutcome::SentToOperator);
}

#[tokio::test]
async fn a_forced_closure_supersedes_the_citizens_open_request() {
    let (f, account) = citizen().await;
    f.clock.advance(Duration::seconds(61));
    f.client().closure().send_code().await.unwrap();
    let code = code_for(&f.kabinet, PHONE).await;
    let form = ClosureSubmit {
        reason: ClosureReason::NotNeeded,
        reason_text: None,
        password: PASSWORD.into(),
        code,
        consent: true,
    };
    assert_eq!(f.client().closure().submit(form).await.unwrap().status, AccountStatus::PendingClosure);
    machine(&f.kabinet).forced().register(court(&account)).await.unwrap();
    f.clock.advance(Duration::hours(25));
    assert_eq!(f.kabinet.run_jobs().await.unwrap().closed, 0, "the request was superseded");
    assert_eq!(sign_in(&f).await.unwrap_err().code, ErrorCode::AccountClosed);
}

#[tokio::test]
async fn a_block_refuses_sign_in_until_lifted_or_over() {
    let (f, account) = citizen().await;
    let desk = machine(&f.kabinet);
    let block = |reason: &str, until: &str| BlockRequest {
        account_number: account.clone(),
        reason: reason.into(),
        until: until.into(),
    };
    assert_eq!(
        fields(&desk.forced().block(block("", "31/12/2026")).await.unwrap_err()),
        [(Field::Reason, Invalid::Required), (Field::BlockedUntil, Invalid::DateFormat)]
    );
    assert_eq!(
        fields(&desk.forced().block(block("Проверка обращения", "24.11.2026")).await.unwrap_err()),
        [(Field::BlockedUntil, Invalid::DateInPast)]
    );
    assert_eq!(
        fields(&desk.forced().block(block("Проверка обращения", "26.11.2027")).await.unwrap_err()),
        [(Field::BlockedUntil, Invalid::BlockTooLong)]
    );
    let blocked = desk.forced().block(block("Проверка обращения", "30.11.2026")).await.unwrap();
    assert_eq!((blocked.until_day.as_str(), blocked.case_number), ("30.11.2026", None));
    let pool = raw_pool(f.dir.path()).await;
    let stored: String =
        kabinet_core::db::query_scalar("SELECT reason FROM account_blocks").fetch_one(&pool).await.unwrap();
    assert!(stored.starts_with("k1") && !stored.contains("Проверка"), "sealed, not as typed: {stored}");
    assert!(f.client().session().current().await.unwrap().is_none(), "sessions end at once");
    let refused = sign_in(&f).await.unwrap_err();
    assert_eq!(refused.code, ErrorCode::AccountBlocked);
    assert_eq!(
        refused.message,
        format!(
            "Кабинет заблокирован по 30.11.2026 включительно. Причина: Проверка обращения. {APPEAL} {APPEAL_PHONE}."
        )
    );
    assert_eq!(
        desk.forced().block(block("Ещё раз", "01.12.2026")).await.unwrap_err().code,
        ErrorCode::WrongState
    );
    assert_eq!(desk.forced().list().await.unwrap().blocks.len(), 1);
    desk.forced().unblock(CitizenRef { account_number: account.clone() }).await.unwrap();
    assert_eq!(
        desk.forced().unblock(CitizenRef { account_number: account.clone() }).await.unwrap_err().code,
        ErrorCode::WrongState
    );
    sign_in(&f).await.unwrap();
    assert_eq!(inbox(&f).await[0].title, "Личный кабинет разблокирован");

    desk.forced().block(block("Проверка обращения", "25.11.2026")).await.unwrap();
    assert_eq!(sign_in(&f).await.unwrap_err().code, ErrorCode::AccountBlocked);
    f.clock.advance(Duration::days(1));
    sign_in(&f).await.unwrap();
    assert!(desk.forced().list().await.unwrap().blocks.is_empty(), "a block ends after its last day");

    let audit = f.kabinet.admin("test").verify_audit(None).await.unwrap();
    assert!(audit.ok && audit.rows >= 3, "{audit:?}");
}

#[tokio::test]
async fn a_block_placed_while_the_second_factor_is_asked_refuses_it_too() {
    let (f, account) = citizen().await;
    let setup = f.client().security().totp_begin().await.unwrap();
    let now = f.clock.now().unix_timestamp();
    let confirm = TotpConfirmRequest { code: totp_code(&setup.manual_key, now) };
    let backup = f.client().security().totp_enable(confirm).await.unwrap().codes.remove(0);
    f.client().session().sign_out().await.unwrap();
    let outcome = f.client().session().sign_in(sign_in_request(PHONE, PASSWORD)).await.unwrap();
    let SignInOutcome::SecondFactor { challenge, .. } = outcome else {
        panic!("a second factor is asked for")
    };
    let block = BlockRequest {
        account_number: account,
        reason: "Проверка обращения".into(),
        until: "30.11.2026".into(),
    };
    machine(&f.kabinet).forced().block(block).await.unwrap();
    let refused = f.client().session().second_factor(SecondFactorRequest { challenge, code: backup }).await;
    assert_eq!(refused.unwrap_err().code, ErrorCode::AccountBlocked);
    assert!(f.client().session().current().await.unwrap().is_none());
}
