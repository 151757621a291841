//! The staff desk (issue 13): a citizen's card opened with a purpose before any per-citizen call,
//! identity confirmed in person (every differing field named) or by a printed code the citizen
//! enters (limited tries), incidents that stop flagging once resolved, restoration after a
//! passport check, the overdue report, and one audit row per action naming who did it.

use crate::common::*;
use kabinet_core::closure::types::RestorationDecision;
use kabinet_core::contract::Level;
use kabinet_core::staff::desk::{CitizenRef, IdentityCheck, IdentityCodeRequest};
use kabinet_core::staff::find::{CardPurpose, FindCitizen};
use kabinet_core::staff::queue::{IncidentOutcome, IncidentResolution};
use kabinet_core::staff::types::AuditQuery;
use kabinet_core::validate::Invalid;
use kabinet_core::{Caller, ErrorCode, Field};

const PHONE: &str = "+79163330011";

fn check(account: &str) -> IdentityCheck {
    IdentityCheck {
        account_number: account.into(),
        passport_number: "4508 123456".into(),
        passport_issue_date: "12.04.2010".into(),
        division_code: "770001".into(),
        birth_date: "05.03.1990".into(),
    }
}

async fn open_card(f: &Fixture, desk: &Caller, query: &str) {
    let find = FindCitizen { query: query.into(), purpose: Some(CardPurpose::IdentityCheck) };
    f.kabinet.client(desk).staff().find_citizen(find).await.unwrap();
}

async fn audit_rows(f: &Fixture) -> Vec<(String, String, String, String)> {
    let raw = raw_pool(f.dir.path()).await;
    kabinet_core::db::query_as(
        "SELECT l.actor, coalesce(s.login, ''), l.action, l.target FROM staff_audit l \
         LEFT JOIN staff s ON s.id = l.staff_id ORDER BY l.seq",
    )
    .fetch_all(&raw)
    .await
    .unwrap()
}

#[tokio::test]
async fn identity_in_person_needs_the_card_names_each_difference_and_raises_the_level() {
    let (f, account) = signed_in_with_profile(PHONE, |_| {}).await;
    let desk = staff_desk(&f, "o.ivanova", "operator").await;
    let staff = f.kabinet.client(&desk);
    let refused = staff.desk().confirm_identity(check(&account)).await.unwrap_err();
    assert_eq!(refused.code, ErrorCode::WrongState, "no card opened in this session: nothing is read");
    open_card(&f, &desk, "112 233 445 95").await;

    let wrong = IdentityCheck {
        passport_number: "4508 123457".into(),
        birth_date: "06.03.1990".into(),
        ..check(&account)
    };
    let error = staff.desk().confirm_identity(wrong).await.unwrap_err();
    let fields: Vec<(Field, Invalid)> = error.fields.iter().map(|e| (e.field, e.code)).collect();
    assert_eq!(
        fields,
        [(Field::Passport, Invalid::DiffersFromAccount), (Field::BirthDate, Invalid::DiffersFromAccount)]
    );
    let card = staff.desk().confirm_identity(check(&account)).await.unwrap();
    assert_eq!(card.level, Level::Confirmed);
    assert_eq!(f.client().profile().get().await.unwrap().level, Level::Confirmed);
    let history =
        f.client().profile().history(kabinet_core::contract::PageRequest { page: 1 }).await.unwrap();
    let change = &history.changes[0];
    assert_eq!((change.field.as_str(), change.actor.as_str()), ("level", "operator"));

    // The passport changed afterwards: back to «Стандартная» (the profile rule, reachable now).
    f.clock.advance(time::Duration::seconds(61));
    f.client().profile().send_save_code().await.unwrap();
    let code = code_for(&f.kabinet, PHONE).await;
    let update = kabinet_core::contract::ProfileUpdate {
        passport_number: Some("45 09 765432".into()),
        passport_issue_date: Some("12.04.2015".into()),
        ..anna_profile(code)
    };
    assert_eq!(f.client().profile().save(update).await.unwrap().level, Level::Standard);

    // Each action is one audit row naming the operator; the chain verifies.
    let rows = audit_rows(&f).await;
    let mine: Vec<&str> = rows
        .iter()
        .filter(|r| r.1 == "o.ivanova")
        .map(|r| r.2.as_str())
        .filter(|a| *a != "signed_in")
        .collect();
    assert_eq!(mine, ["citizen_opened", "identity_checked", "identity_checked"]);
    assert!(rows.iter().filter(|r| r.2 == "identity_checked").all(|r| r.3 == account));
    assert!(f.kabinet.admin("test").verify_audit(None).await.unwrap().ok);
}

#[tokio::test]
async fn a_printed_code_raises_the_level_once_and_five_wrong_entries_burn_it() {
    let (f, account) = signed_in_with_profile(PHONE, |_| {}).await;
    let desk = staff_desk(&f, "o.ivanova", "operator").await;
    open_card(&f, &desk, &account).await;
    let job =
        f.kabinet.client(&desk).desk().identity_slip(CitizenRef { account_number: account.clone() }).await;
    let text = pdftotext(&job.unwrap().bytes);
    assert!(text.to_lowercase().contains("код подтверждения личности"), "{text}");
    let code = text
        .split_whitespace()
        .find(|w| {
            w.len() == 11 && w.as_bytes()[5] == b'-' && w.replace('-', "").chars().all(|c| c.is_ascii_digit())
        })
        .unwrap_or_else(|| panic!("no code on the slip: {text}"))
        .to_owned();

    let enter = |code: &str| IdentityCodeRequest { code: code.into() };
    let bad_format = f.client().profile().confirm_identity(enter("12345")).await.unwrap_err();
    assert_eq!(
        (bad_format.fields[0].field, bad_format.fields[0].code),
        (Field::IdentityCode, Invalid::IdentityCodeFormat)
    );
    let wrong = if code.starts_with('0') { "11111-11111" } else { "00000-00000" };
    let error = f.client().profile().confirm_identity(enter(wrong)).await.unwrap_err();
    assert_eq!((error.fields[0].code, error.details.attempts_left), (Invalid::CodeWrong, Some(4)));
    let profile = f.client().profile().confirm_identity(enter(&code)).await.unwrap();
    assert_eq!(profile.level, Level::Confirmed);
    assert_eq!(
        f.client().profile().confirm_identity(enter(&code)).await.unwrap_err().code,
        ErrorCode::CodeMissing,
        "used once"
    );

    // A new slip for a second citizen; five wrong entries burn it, the right one is then refused.
    let (g, other) = signed_in_with_profile("+79163330012", |_| {}).await;
    let desk = staff_desk(&g, "o.petrov", "operator").await;
    open_card(&g, &desk, &other).await;
    let job =
        g.kabinet.client(&desk).desk().identity_slip(CitizenRef { account_number: other }).await.unwrap();
    let text = pdftotext(&job.bytes);
    let code = text
        .split_whitespace()
        .find(|w| {
            w.len() == 11 && w.as_bytes()[5] == b'-' && w.replace('-', "").chars().all(|c| c.is_ascii_digit())
        })
        .unwrap()
        .to_owned();
    let wrong = if code.starts_with('0') { "11111-11111" } else { "00000-00000" };
    for _ in 0..5 {
        g.client().profile().confirm_identity(enter(wrong)).await.unwrap_err();
    }
    assert_eq!(
        g.client().profile().confirm_identity(enter(&code)).await.unwrap_err().code,
        ErrorCode::CodeMissing
    );
    assert_eq!(g.client().profile().get().await.unwrap().level, Level::Standard);
}

#[tokio::test]
async fn a_resolved_incident_stops_flagging_and_decisions_are_audited_by_login() {
    let (f, account) = signed_in_with_profile(PHONE, |_| {}).await;
    f.client().security().not_me().await.unwrap();
    let desk = staff_desk(&f, "o.ivanova", "operator").await;
    let staff = f.kabinet.client(&desk);
    let incidents = staff.queue().incidents().await.unwrap();
    assert_eq!(incidents.len(), 1);
    assert_eq!(incidents[0].account_number, account);
    let blank = IncidentResolution {
        id: incidents[0].id,
        outcome: IncidentOutcome::OwnerConfirmed,
        comment: " ".into(),
        until: None,
    };
    assert_eq!(
        staff.queue().resolve_incident(blank.clone()).await.unwrap_err().fields[0].field,
        Field::Comment
    );
    let blocked = IncidentResolution {
        outcome: IncidentOutcome::AccountBlocked,
        comment: "Проверка".into(),
        ..blank.clone()
    };
    assert_eq!(
        staff.queue().resolve_incident(blocked).await.unwrap_err().fields[0].field,
        Field::BlockedUntil
    );
    let handed = IncidentResolution {
        outcome: IncidentOutcome::HandedToSupervisor,
        comment: "Нужна проверка старшего".into(),
        ..blank.clone()
    };
    staff.queue().resolve_incident(handed).await.unwrap();
    assert_eq!(staff.queue().incidents().await.unwrap().len(), 1, "a handed incident stays open");
    let done = IncidentResolution {
        comment: "Владелец подтвердил вход по телефону".into(), ..blank
    };
    let resolved = staff.queue().resolve_incident(done).await.unwrap();
    assert_eq!(resolved.outcome, Some(IncidentOutcome::OwnerConfirmed));
    assert!(staff.queue().incidents().await.unwrap().is_empty());

    let rows = audit_rows(&f).await;
    let actions: Vec<&str> = rows.iter().filter(|r| r.1 == "o.ivanova").map(|r| r.2.as_str()).collect();
    assert_eq!(actions, ["signed_in", "incident_resolved", "incident_resolved"]);
    let page = machine(&f.kabinet)
        .audit()
        .page(AuditQuery { page: 1, login: Some("O.Ivanova".into()), ..Default::default() })
        .await
        .unwrap();
    assert_eq!(page.total, 3);
    assert!(page.rows.iter().all(|r| r.who == "o.ivanova"));
    let page = machine(&f.kabinet)
        .audit()
        .page(AuditQuery {
            page: 1,
            action: Some("incident_resolved".into()),
            target: Some(account),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(page.total, 2);
    let bad = machine(&f.kabinet)
        .audit()
        .page(AuditQuery { page: 1, from: Some("32.01.2026".into()), ..Default::default() })
        .await
        .unwrap_err();
    assert_eq!(bad.fields[0].field, Field::DateFrom);
    let long = AuditQuery { page: 1, target: Some("1".repeat(101)), ..Default::default() };
    let refused = machine(&f.kabinet).audit().page(long).await.unwrap_err();
    assert_eq!((refused.fields[0].field, refused.fields[0].code), (Field::Target, Invalid::TooLong));
}

#[tokio::test]
async fn restoring_a_staff_closed_account_compares_the_passport() {
    let (f, account) = signed_in_with_profile(PHONE, |_| {}).await;
    let court = kabinet_core::closure::forced::types::ForcedClosureRequest {
        decision_number: Some("2-1234/2026".into()),
        decision_date: Some("20.11.2026".into()),
        issuer: Some("Хамовнический районный суд г. Москвы".into()),
        ..kabinet_core::closure::forced::types::ForcedClosureRequest::new(
            account.clone(),
            kabinet_core::documents::ForcedGround::CourtDecision,
        )
    };
    let boss = staff_desk(&f, "s.smirnova", "supervisor").await;
    let case = f.kabinet.client(&boss).forced().register(court).await.unwrap();
    assert!(case.act_number.is_some(), "the act is issued at once");
    let asked =
        kabinet_core::closure::types::RestoreStart { identifier: PHONE.into(), password: PASSWORD.into() };
    let job = f.client().closure().closed_confirmation_print(asked).await.unwrap();
    assert_eq!(Some(job.number), case.act_number, "closed by staff: the act is the citizen's confirmation");
    let start =
        kabinet_core::closure::types::RestoreStart { identifier: PHONE.into(), password: PASSWORD.into() };
    f.client().closure().restore_start(start).await.unwrap();
    let desk = staff_desk(&f, "o.ivanova", "operator").await;
    let staff = f.kabinet.client(&desk);
    let waiting = staff.queue().restorations().await.unwrap();
    assert_eq!(waiting.len(), 1);
    assert_eq!(waiting[0].account_number, account);
    let decision = |passport: Option<&str>| RestorationDecision {
        account_number: account.clone(),
        approve: true,
        passport_number: passport.map(str::to_owned),
        comment: None,
    };
    let missing = staff.queue().restore(decision(None)).await.unwrap_err();
    assert_eq!((missing.fields[0].field, missing.fields[0].code), (Field::Passport, Invalid::Required));
    let other = staff.queue().restore(decision(Some("4508 654321"))).await.unwrap_err();
    assert_eq!((other.fields[0].field, other.fields[0].code), (Field::Passport, Invalid::PassportMismatch));
    let restored = staff.queue().restore(decision(Some("45 08 123456"))).await.unwrap();
    assert_eq!(restored.status, kabinet_core::contract::AccountStatus::Active);
    let rows = audit_rows(&f).await;
    let act: Vec<(&str, &str)> = rows
        .iter()
        .filter(|r| matches!(r.2.as_str(), "forced_closure" | "restoration_refused" | "account_restored"))
        .map(|r| (r.1.as_str(), r.2.as_str()))
        .collect();
    assert_eq!(
        act,
        [
            ("s.smirnova", "forced_closure"),
            ("o.ivanova", "restoration_refused"),
            ("o.ivanova", "account_restored")
        ]
    );
}

#[tokio::test]
async fn the_machine_administrator_is_audited_as_cli_and_a_changed_row_is_found() {
    let (f, account) = signed_in_with_profile(PHONE, |_| {}).await;
    let cli = Caller::machine("mfc-admin");
    let card =
        f.kabinet.client(&cli).desk().card(CitizenRef { account_number: account.clone() }).await.unwrap();
    assert_eq!(card.account_number, account, "the machine's administrator needs no search session");
    f.kabinet
        .client(&cli)
        .forced()
        .block(kabinet_core::closure::forced::types::BlockRequest {
            account_number: account.clone(),
            reason: "Проверка обращения".into(),
            until: "30.11.2026".into(),
        })
        .await
        .unwrap();
    let rows = audit_rows(&f).await;
    let last = rows.last().unwrap();
    assert_eq!(
        (last.0.as_str(), last.2.as_str(), last.3.as_str()),
        ("cli:mfc-admin", "account_blocked", account.as_str())
    );
    let verified = f.kabinet.admin("test").verify_audit(None).await.unwrap();
    assert!(verified.ok);
    // Someone with the key edits a row behind the triggers: the chain finds it.
    let raw = raw_pool(f.dir.path()).await;
    kabinet_core::db::query(drop_trigger("staff_audit_no_update", "staff_audit"))
        .execute(&raw)
        .await
        .unwrap();
    kabinet_core::db::query(
        "UPDATE staff_audit SET target = '0000-0000-00' WHERE action = 'account_blocked'",
    )
    .execute(&raw)
    .await
    .unwrap();
    drop(raw);
    let check = machine(&f.kabinet).audit().verify(Default::default()).await.unwrap();
    assert!(!check.ok);
    assert_eq!(check.broken_at, Some(verified.head_seq));
}

fn pdftotext(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("slip.pdf");
    std::fs::write(&path, bytes).unwrap();
    let out = std::process::Command::new("pdftotext").arg(&path).arg("-").output().unwrap();
    String::from_utf8(out.stdout).unwrap()
}

#[tokio::test]
async fn the_day_batch_lists_the_days_documents_and_carries_their_pages() {
    use kabinet_core::staff::StaffAuthed;
    use kabinet_core::staff::printing::DayBatchRequest;
    let (f, account) = signed_in_with_profile(PHONE, |_| {}).await;
    let court = kabinet_core::closure::forced::types::ForcedClosureRequest {
        decision_number: Some("2-1234/2026".into()),
        decision_date: Some("20.11.2026".into()),
        issuer: Some("Хамовнический районный суд г. Москвы".into()),
        ..kabinet_core::closure::forced::types::ForcedClosureRequest::new(
            account.clone(),
            kabinet_core::documents::ForcedGround::CourtDecision,
        )
    };
    let boss = staff_desk(&f, "s.smirnova", "supervisor").await;
    let staff = f.kabinet.client(&boss);
    let act = staff.forced().register(court).await.unwrap().act_number.unwrap();
    let day = |day: &str| DayBatchRequest { day: day.into() };
    let listed = staff.printing().day(day("25.11.2026")).await.unwrap();
    let numbers: Vec<&str> = listed.items.iter().map(|i| i.number.as_str()).collect();
    assert!(numbers.contains(&act.as_str()), "{numbers:?}");
    assert!(listed.items.iter().all(|i| i.account_number.as_deref() == Some(account.as_str())));
    assert!(staff.printing().day(day("24.11.2026")).await.unwrap().items.is_empty());
    let future = staff.printing().day(day("26.11.2026")).await.unwrap_err();
    assert_eq!((future.fields[0].field, future.fields[0].code), (Field::Day, Invalid::DateInFuture));
    assert_eq!(staff.printing().day(day("31.02.2026")).await.unwrap_err().fields[0].field, Field::Day);

    let offer = staff.printing().print_offer(day("25.11.2026")).await.unwrap();
    let mut steps = Vec::new();
    let me = StaffAuthed::machine("test");
    let job = f.kabinet.printing().compose(&me, &offer, |p| steps.push(p)).await;
    let job = job.unwrap().expect("not cancelled");
    assert_eq!(
        steps.last().map(|p| (p.done, p.total)),
        Some((listed.items.len() as u32, listed.items.len() as u32))
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("batch.pdf");
    std::fs::write(&file, &job.bytes).unwrap();
    let qpdf = std::process::Command::new("qpdf").arg("--check").arg(&file).output().unwrap();
    assert!(qpdf.status.success(), "{}", String::from_utf8_lossy(&qpdf.stdout));
    let text = pdftotext(&job.bytes);
    assert!(text.contains("РЕЕСТР ДОКУМЕНТОВ"), "{text}");
    assert!(text.matches(act.as_str()).count() >= 2, "listed in the register and printed on the act itself");
    assert!(text.contains("Хамовнический районный суд"), "the act's own pages follow the register");
    let rows = audit_rows(&f).await;
    assert_eq!(rows.last().map(|r| (r.0.as_str(), r.2.as_str())), Some(("cli:test", "day_batch_printed")));
}
