//! «Закрыть профиль»: blocking pre-checks, the confirmed request with its deadline and PDFs,
//! withdrawal, the 24-hour automatic closing (not a second early), sign-in refused with both
//! dates, restoration with the code and the passport, flagged requests in the operator queue, a
//! debt that appears while waiting, and every step repeated without a second effect.

use std::collections::BTreeMap;

use crate::common::*;
use kabinet_core::applications::types::{
    ApplicationStatus, CancelApplication, DebtKind, NewDebt, SubmitApplication,
};
use kabinet_core::closure::types::*;
use kabinet_core::contract::AccountStatus;
use kabinet_core::documents::ClosureReason;
use kabinet_core::staff::desk::ReceiptDecision;
use kabinet_core::validate::Invalid;
use kabinet_core::{ErrorCode, Field};
use time::Duration;

const PHONE: &str = "+79161112233";
const PASSPORT: &str = "45 08 123456";
/// The citizen's own words for «Иное» in the flagged request.
const REASON: &str = "Переезжаю к дочери в Казань";
/// The operator's comment approving it.
const COMMENT: &str = "Личность подтверждена звонком владельцу";

async fn citizen() -> (Fixture, String) {
    let (f, number) = signed_in_with_profile(PHONE, |update| {
        update.address = None;
    })
    .await;
    (f, number)
}

/// Sends the code (after the 60-second cooldown of the previous one) and confirms.
async fn confirm(f: &Fixture) -> Result<ClosureStatus, kabinet_core::ApiError> {
    let kabinet = f.client();
    f.clock.advance(Duration::seconds(61));
    kabinet.closure().send_code().await.unwrap();
    let code = code_for(&kabinet, PHONE).await;
    kabinet.closure().submit(form(code)).await
}

fn form(code: kabinet_core::contract::Secret) -> ClosureSubmit {
    ClosureSubmit {
        reason: ClosureReason::NotNeeded,
        reason_text: None,
        password: PASSWORD.into(),
        code,
        consent: true,
    }
}

fn pension() -> SubmitApplication {
    let fields: BTreeMap<String, String> = [("snils", "112-233-445 95"), ("request", "Назначение пенсии")]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    SubmitApplication { service: "pension".into(), fields }
}

#[tokio::test]
async fn blocking_prechecks_stop_the_flow_until_dealt_with() {
    let (f, account) = citizen().await;
    let number = f.client().applications().submit(pension()).await.unwrap().summary.number;
    let checks = f.client().closure().prechecks().await.unwrap();
    assert!(!checks.can_continue);
    assert_eq!(checks.items[0].kind, PrecheckKind::UnfinishedApplication);
    assert_eq!(checks.items[0].reference.as_deref(), Some(number.as_str()));
    assert_eq!(confirm(&f).await.unwrap_err().code, ErrorCode::ClosureBlocked);

    let cancel = CancelApplication { number, reason: "Закрываю кабинет".into() };
    assert_eq!(
        f.client().applications().cancel(cancel).await.unwrap().summary.status,
        ApplicationStatus::Cancelled
    );
    let debt = NewDebt {
        account_number: account,
        kind: DebtKind::Tax,
        agency: "ФНС России".into(),
        purpose: "Налог на имущество".into(),
        amount: "100".into(),
        due_date: "01.12.2026".into(),
    };
    let id = machine(&f.kabinet).desk().add_debt(debt).await.unwrap().id;
    let checks = f.client().closure().prechecks().await.unwrap();
    assert_eq!(
        checks.items.iter().filter(|i| i.blocking).map(|i| i.kind).collect::<Vec<_>>(),
        [PrecheckKind::OpenDebt]
    );
    machine(&f.kabinet)
        .desk()
        .decide_receipt(ReceiptDecision { id, accept: true, comment: None })
        .await
        .unwrap();
    assert!(f.client().closure().prechecks().await.unwrap().can_continue);
}

#[tokio::test]
async fn the_form_is_checked_field_by_field_and_a_wrong_code_changes_nothing() {
    let (f, _) = citizen().await;
    let bad = ClosureSubmit {
        reason: ClosureReason::Other,
        reason_text: None,
        password: "".into(),
        code: "".into(),
        consent: false,
    };
    let error = f.client().closure().submit(bad).await.unwrap_err();
    let found: Vec<_> = error.fields.iter().map(|e| (e.field, e.code)).collect();
    assert_eq!(
        found,
        [
            (Field::Reason, Invalid::Required),
            (Field::Password, Invalid::Required),
            (Field::Code, Invalid::Required),
            (Field::ClosureConsent, Invalid::NotAccepted)
        ]
    );
    f.client().closure().send_code().await.unwrap();
    let error = f.client().closure().submit(form("000000".into())).await.unwrap_err();
    assert!(matches!(error.code, ErrorCode::CodeWrong), "{error:?}");
    let wrong = ClosureSubmit {
        password: "Неверный#1пароль".into(),
        ..form(code_for(&f.kabinet, PHONE).await)
    };
    let error = f.client().closure().submit(wrong).await.unwrap_err();
    assert_eq!((error.fields[0].field, error.fields[0].code), (Field::Password, Invalid::PasswordWrong));
    assert_eq!(f.client().closure().status().await.unwrap().status, AccountStatus::Active);
    // A password typed inside the session counts toward the lockout and is journalled as such.
    let conn = raw_pool(f.dir.path()).await;
    let journalled: Vec<String> = kabinet_core::db::query_scalar(
        "SELECT event FROM access_journal WHERE event LIKE '%failed' ORDER BY id",
    )
    .fetch_all(&conn)
    .await
    .unwrap();
    assert_eq!(journalled, ["password_check_failed"]);
}

#[tokio::test]
async fn request_withdraw_again_then_closed_after_exactly_24_hours_and_restored() {
    let (f, _) = citizen().await;
    let status = confirm(&f).await.unwrap();
    assert_eq!(status.status, AccountStatus::PendingClosure);
    let request = status.request.unwrap();
    assert!(request.number.starts_with("ЗК-2026-"), "{}", request.number);
    assert_eq!((request.working_days, request.deadline.as_str()), (2, "27.11.2026"));
    assert!(request.can_withdraw);
    assert!(request.application_number.as_deref().unwrap().starts_with("ЗЛК-2026-"));
    assert!(request.blank_number.as_deref().unwrap().starts_with("БЗК-2026-"));
    for (number, needles) in [
        (
            request.application_number.as_deref().unwrap(),
            vec![
                request.number.as_str(),
                "Ёлкина-Соколова Анна Сергеевна",
                "500100732259",
                "+7 (916) 111-22-33",
                "Неактуальность",
                "27.11.2026",
            ],
        ),
        (request.blank_number.as_deref().unwrap(), vec!["Ёлкина-Соколова Анна Сергеевна", "Подпись"]),
    ] {
        let bytes = f.kabinet.documents().content(number).await.unwrap().unwrap();
        let verdict = f.kabinet.documents().verify(&bytes).await.unwrap();
        assert_eq!(serde_json::to_value(verdict.status).unwrap(), "valid", "{number}");
        let text = pdftotext(&bytes);
        for needle in needles {
            assert!(text.contains(needle), "{needle} in {number}:\n{text}");
        }
    }
    assert_eq!(confirm(&f).await.unwrap_err().code, ErrorCode::ClosureBlocked, "one open request");
    assert_eq!(f.client().applications().submit(pension()).await.unwrap_err().code, ErrorCode::WrongState);

    let withdrawn = f.client().closure().withdraw().await.unwrap();
    assert_eq!(withdrawn.status, AccountStatus::Active);
    assert_eq!(withdrawn.request.unwrap().status, RequestStatus::Withdrawn);
    assert_eq!(f.client().closure().withdraw().await.unwrap_err().code, ErrorCode::WrongState);

    confirm(&f).await.unwrap();
    f.clock.advance(Duration::hours(24) - Duration::seconds(1));
    assert_eq!(f.kabinet.run_jobs().await.unwrap().closed, 0);
    f.clock.advance(Duration::seconds(1));
    assert_eq!(f.kabinet.run_jobs().await.unwrap().closed, 1);
    assert_eq!(f.kabinet.run_jobs().await.unwrap().closed, 0, "a second run changes nothing");
    assert!(f.client().session().current().await.unwrap().is_none(), "sessions are revoked");

    let refused = f.client().session().sign_in(sign_in_request(PHONE, PASSWORD)).await.unwrap_err();
    assert_eq!(refused.code, ErrorCode::AccountClosed);
    assert_eq!(refused.message, "Кабинет закрыт 26.11.2026; восстановление возможно до 26.12.2026");
    assert!(refused.details.restore_until.is_some());
    assert_eq!(refused.details.restore_by_operator, None, "the citizen restores it");

    let confirmation =
        f.kabinet.documents().content("ПЗК-2026-000001").await.unwrap().expect("«Подтверждение закрытия»");
    let verdict = f.kabinet.documents().verify(&confirmation).await.unwrap();
    assert_eq!(serde_json::to_value(verdict.status).unwrap(), "valid");

    let start = RestoreStart { identifier: PHONE.into(), password: PASSWORD.into() };
    assert_eq!(f.client().closure().restore_start(start).await.unwrap(), RestoreOutcome::CodeSent);
    let code = code_for(&f.kabinet, PHONE).await;
    let wrong = RestoreComplete {
        identifier: PHONE.into(),
        password: PASSWORD.into(),
        code: code.clone(),
        passport: "4508123457".into(),
    };
    let error = f.client().closure().restore_complete(wrong).await.unwrap_err();
    assert_eq!((error.fields[0].field, error.fields[0].code), (Field::Passport, Invalid::PassportMismatch));
    let again = RestoreStart { identifier: PHONE.into(), password: PASSWORD.into() };
    let used = RestoreComplete {
        identifier: PHONE.into(),
        password: PASSWORD.into(),
        code,
        passport: PASSPORT.into(),
    };
    assert_eq!(
        f.client().closure().restore_complete(used).await.unwrap_err().code,
        ErrorCode::CodeMissing,
        "a refused passport used the code up"
    );
    f.clock.advance(Duration::seconds(61));
    f.client().closure().restore_start(again).await.unwrap();
    let code = code_for(&f.kabinet, PHONE).await;
    let right = RestoreComplete {
        identifier: PHONE.into(),
        password: PASSWORD.into(),
        code,
        passport: PASSPORT.into(),
    };
    assert_eq!(f.client().closure().restore_complete(right).await.unwrap(), RestoreOutcome::Restored);
    f.client().session().sign_in(sign_in_request(PHONE, PASSWORD)).await.unwrap();
    assert_eq!(f.client().closure().status().await.unwrap().status, AccountStatus::Active);
}

#[tokio::test]
async fn a_not_me_report_flags_the_request_for_an_operator_with_ten_working_days() {
    let (f, account) = citizen().await;
    f.client().security().not_me().await.unwrap();
    let status = confirm_after_change(&f).await;
    let request = status.request.unwrap();
    assert_eq!((request.status, request.working_days), (RequestStatus::Review, 10));
    assert_eq!((request.reason, request.reason_label.as_str()), (ClosureReason::Other, REASON));
    assert_eq!(request.deadline, "09.12.2026");
    assert!(request.auto_close_at.is_none());
    f.clock.advance(Duration::days(2));
    assert_eq!(f.kabinet.run_jobs().await.unwrap().closed, 0, "flagged requests never close by themselves");
    let queue = machine(&f.kabinet).queue().closures().await.unwrap();
    assert_eq!(queue.len(), 1);
    assert_eq!(
        (queue[0].account_number.as_str(), queue[0].flags.as_slice()),
        (account.as_str(), ["security_incident".to_owned()].as_slice())
    );
    let reject = ClosureDecision { number: request.number.clone(), approve: false, comment: None };
    let error = machine(&f.kabinet).queue().decide(reject).await.unwrap_err();
    assert_eq!((error.fields[0].field, error.fields[0].code), (Field::Comment, Invalid::Required));
    let approve =
        ClosureDecision { number: request.number.clone(), approve: true, comment: Some(COMMENT.into()) };
    assert_eq!(
        machine(&f.kabinet).queue().decide(approve.clone()).await.unwrap().status,
        AccountStatus::Closed
    );
    // Both texts are stored sealed under the account's key (issue 16): not as typed, and they
    // open only with that key, for that request.
    let pool = raw_pool(f.dir.path()).await;
    let keys = test_keys(f.dir.path());
    let account_id = account_of(&pool, &keys, PHONE).await;
    let (id, reason_text, comment): (i64, String, String) = kabinet_core::db::query_as(
        "SELECT id, reason_text, decision_comment FROM closure_requests WHERE account_id = ?",
    )
    .bind(account_id)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert!(!reason_text.contains(REASON) && !comment.contains(COMMENT), "{reason_text} {comment}");
    let sealer = account_sealer(&pool, &keys, account_id).await.unwrap();
    assert_eq!(sealer.open("closure_requests.reason_text", id, &reason_text).unwrap(), REASON);
    assert_eq!(sealer.open("closure_requests.decision_comment", id, &comment).unwrap(), COMMENT);
    assert_eq!(machine(&f.kabinet).queue().decide(approve).await.unwrap_err().code, ErrorCode::WrongState);
    assert!(machine(&f.kabinet).queue().closures().await.unwrap().is_empty());

    // Closed, the citizen still obtains «Подтверждение закрытия» with the right password only.
    let asked = |password: &str| RestoreStart { identifier: PHONE.into(), password: password.into() };
    let wrong = f.client().closure().closed_confirmation_print(asked("Не-тот-пароль1")).await.unwrap_err();
    assert_eq!(wrong.code, ErrorCode::InvalidCredentials);
    let job = f.client().closure().closed_confirmation_print(asked("Нов0е#Слово9")).await.unwrap();
    assert!(job.number.starts_with("ПЗК-"), "{}", job.number);
    assert!(pdftotext(&job.bytes).contains(&job.number));
    let copy = f.client().closure().closed_confirmation(asked("Нов0е#Слово9")).await.unwrap();
    assert_eq!((copy.bytes, copy.offer.number), (job.bytes, job.number));
}

/// After «Это был не я» the password must change at the next sign-in; then the request.
async fn confirm_after_change(f: &Fixture) -> ClosureStatus {
    let recovery = f.client().recovery();
    recovery.start(kabinet_core::contract::RecoveryStartRequest { identifier: PHONE.into() }).await.unwrap();
    let code = code_for(&f.kabinet, PHONE).await;
    let ticket = recovery
        .verify(kabinet_core::contract::RecoveryVerifyRequest { identifier: PHONE.into(), code })
        .await
        .unwrap()
        .ticket;
    let fresh = "Нов0е#Слово9";
    recovery
        .complete(kabinet_core::contract::RecoveryCompleteRequest {
            ticket,
            password: fresh.into(),
            password_repeat: fresh.into(),
        })
        .await
        .unwrap();
    f.client().session().sign_in(sign_in_request(PHONE, fresh)).await.unwrap();
    f.client().closure().send_code().await.unwrap();
    let code = code_for(&f.kabinet, PHONE).await;
    let submit = ClosureSubmit {
        reason: ClosureReason::Other,
        reason_text: Some(REASON.into()),
        password: fresh.into(),
        ..form(code)
    };
    f.client().closure().submit(submit).await.unwrap()
}

#[tokio::test]
async fn a_debt_that_appears_while_waiting_sends_the_request_to_an_operator() {
    let (f, account) = citizen().await;
    let request = confirm(&f).await.unwrap().request.unwrap();
    let debt = NewDebt {
        account_number: account,
        kind: DebtKind::Fine,
        agency: "Госавтоинспекция".into(),
        purpose: "Штраф".into(),
        amount: "500".into(),
        due_date: "10.12.2026".into(),
    };
    machine(&f.kabinet).desk().add_debt(debt).await.unwrap();
    f.clock.advance(Duration::hours(24));
    let run = f.kabinet.run_jobs().await.unwrap();
    assert_eq!((run.closed, run.flagged), (0, 1));
    f.client().session().sign_in(sign_in_request(PHONE, PASSWORD)).await.unwrap();
    let status = f.client().closure().status().await.unwrap();
    assert_eq!(status.status, AccountStatus::PendingClosure);
    let view = status.request.unwrap();
    assert_eq!((view.number, view.status), (request.number, RequestStatus::Review));
    assert!(view.pending.contains("появилась задолженность"), "{}", view.pending);
    // The operator's term runs from the flag by the flag's 5 working days, not the clean 2.
    assert_eq!((request.working_days, view.working_days), (2, 5));
    assert_ne!(view.deadline, request.deadline);
    let queued = machine(&f.kabinet).queue().closures().await.unwrap();
    assert_eq!((queued[0].due.as_str(), queued[0].working_days_left), (view.deadline.as_str(), 5));
}

const CHILD_DIR: &str = "KABINET_TEST_CLOSURE_DIR";
const CHILD_NOW: &str = "KABINET_TEST_CLOSURE_NOW";

/// The child's side: nothing in an ordinary run; with the variables set, opens the parent's data
/// directory at the parent's time and runs the scheduler, stopping dead at `KABINET_CRASH_AT`.
#[tokio::test]
async fn closure_crash_child() {
    let (Ok(dir), Ok(now)) = (std::env::var(CHILD_DIR), std::env::var(CHILD_NOW)) else { return };
    let at = time::OffsetDateTime::from_unix_timestamp(now.parse().unwrap()).unwrap();
    let clock = kabinet_core::Clock::manual(at);
    let kabinet = kabinet_core::Kabinet::open_with_clock(
        crate::common::config(std::path::Path::new(&dir)).await,
        clock,
    )
    .await
    .unwrap();
    kabinet.run_jobs().await.unwrap();
    panic!("the crash point was not reached");
}

async fn crash_scheduler_at(f: &Fixture, point: &str) {
    let envs = [
        (CHILD_DIR, f.dir.path().display().to_string()),
        (CHILD_NOW, f.clock.now().unix_timestamp().to_string()),
    ];
    crash_child_at("closure::closure_crash_child", &envs, point).await;
}

async fn counts(f: &Fixture) -> (i64, i64, i64) {
    let conn = raw_pool(f.dir.path()).await;
    let one = |sql: &'static str| kabinet_core::db::query_scalar::<i64>(sql);
    let closed = one("SELECT count(*) FROM accounts WHERE status = 'closed'").fetch_one(&conn).await.unwrap();
    let documents = one("SELECT count(*) FROM documents WHERE kind = 'closure_confirmation'")
        .fetch_one(&conn)
        .await
        .unwrap();
    let recorded = one("SELECT count(*) FROM closures WHERE confirmation_number IS NOT NULL")
        .fetch_one(&conn)
        .await
        .unwrap();
    (closed, documents, recorded)
}

#[tokio::test]
async fn a_crash_between_the_steps_of_closing_leaves_one_consistent_state() {
    for (point, after_crash) in
        [("closure_after_close", (1, 0, 0)), ("closure_after_confirmation_issued", (1, 1, 0))]
    {
        let (f, _) = citizen().await;
        confirm(&f).await.unwrap();
        f.clock.advance(Duration::hours(24));
        crash_scheduler_at(&f, point).await;
        assert_eq!(counts(&f).await, after_crash, "right after a crash at {point}");
        let run = f.kabinet.run_jobs().await.unwrap();
        assert_eq!(run.closed, 0, "{point}: the account is not closed twice");
        assert_eq!(counts(&f).await, (1, 1, 1), "{point}: one confirmation, recorded");
        f.kabinet.run_jobs().await.unwrap();
        assert_eq!(counts(&f).await, (1, 1, 1), "{point}: a further run changes nothing");
    }
}

fn pdftotext(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("document.pdf");
    std::fs::write(&path, bytes).unwrap();
    let out = std::process::Command::new("pdftotext").arg("-layout").arg(&path).arg("-").output().unwrap();
    String::from_utf8(out.stdout).unwrap()
}

#[tokio::test]
async fn an_overdue_request_is_reported_to_supervisors_each_working_day_until_decided() {
    let (f, _) = citizen().await;
    f.client().security().not_me().await.unwrap();
    let request = confirm_after_change(&f).await.request.unwrap();
    assert_eq!(request.deadline, "09.12.2026");
    assert_eq!(f.kabinet.run_jobs().await.unwrap().overdue_reported, 0, "not yet due");
    f.clock.advance(Duration::days(15)); // Thursday 10.12.2026, a day past the deadline
    assert_eq!(f.kabinet.run_jobs().await.unwrap().overdue_reported, 1);
    assert_eq!(f.kabinet.run_jobs().await.unwrap().overdue_reported, 0, "once per working day");
    f.clock.advance(Duration::days(2)); // Saturday
    assert_eq!(f.kabinet.run_jobs().await.unwrap().overdue_reported, 0, "not on a day off");
    f.clock.advance(Duration::days(2)); // Monday 14.12.2026
    assert_eq!(f.kabinet.run_jobs().await.unwrap().overdue_reported, 1);

    let boss = staff_desk(&f, "s.smirnova", "supervisor").await;
    let staff = f.kabinet.client(&boss);
    let queue = staff.queue().closures().await.unwrap();
    assert!(queue[0].overdue, "marked overdue");
    assert_eq!(queue[0].working_days_left, -3, "10, 11 and 14 December are past the deadline");
    assert_eq!(staff.staff().badge().await.unwrap(), 2);
    let notices = staff.queue().notices().await.unwrap();
    assert_eq!((notices.unread, notices.items.len()), (2, 2));
    assert!(notices.items[0].text.contains(&request.number), "{}", notices.items[0].text);
    assert_eq!(staff.queue().read_notices().await.unwrap().unread, 0);
    assert_eq!(staff.staff().badge().await.unwrap(), 0);
    let desk = staff_desk(&f, "o.ivanova", "operator").await;
    let operator = f.kabinet.client(&desk);
    assert_eq!(operator.staff().badge().await.unwrap(), 0, "reports are the supervisors'");
    assert_eq!(operator.queue().notices().await.unwrap_err().code, ErrorCode::Forbidden);

    let approve = ClosureDecision { number: request.number.clone(), approve: true, comment: None };
    operator.queue().decide(approve).await.unwrap();
    f.clock.advance(Duration::days(1));
    assert_eq!(f.kabinet.run_jobs().await.unwrap().overdue_reported, 0, "decided: no more reports");
}
