//! «Мои заявления» and «Задолженности» with the operators' casework: forms prefilled from the
//! profile, every field judged and reported by key, cancellation rules, status moves with their
//! notifications, debts kept open until an operator confirms the payment.

use std::collections::BTreeMap;

use crate::common::*;
use kabinet_core::api::Access;
use kabinet_core::applications::types::*;
use kabinet_core::notifications::types::{EventType, Folder, InboxQuery};
use kabinet_core::staff::desk::ReceiptDecision;
use kabinet_core::validate::Invalid;
use kabinet_core::{ErrorCode, Field};

const PHONE: &str = "+79161112233";
const OTHER: &str = "+79162223344";
const PNG: [u8; 16] = [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, b'I', b'H', b'D', b'R'];

async fn signed_in() -> (Fixture, String) {
    let f = fixture().await;
    let number = register(&f.client(), PHONE).await;
    f.client().session().sign_in(sign_in_request(PHONE, PASSWORD)).await.unwrap();
    (f, number)
}

fn foreign_passport(term: &str) -> SubmitApplication {
    let mut fields = BTreeMap::new();
    fields.insert("surname".to_owned(), "Ёлкина-Соколова".to_owned());
    fields.insert("given_name".to_owned(), "Анна".to_owned());
    fields.insert("birth_date".to_owned(), "05.03.1990".to_owned());
    fields.insert("passport".to_owned(), "45 08 123456".to_owned());
    fields.insert("term".to_owned(), term.to_owned());
    SubmitApplication { service: "passport_foreign".into(), fields }
}

async fn inbox_events(f: &Fixture) -> Vec<(EventType, String)> {
    let query = InboxQuery { folder: Folder::Inbox, category: None, before: None, limit: Some(100) };
    let page = f.client().notifications().inbox(query).await.unwrap();
    page.items.into_iter().map(|m| (m.event, m.title)).collect()
}

#[tokio::test]
async fn the_form_is_prefilled_from_the_profile() {
    let (f, _) = signed_in().await;
    assert_eq!(f.client().applications().catalogue().await.unwrap().len(), 10);
    let form =
        f.client().applications().form(ServiceRequest { service: "passport_foreign".into() }).await.unwrap();
    let value = |key: &str| form.fields.iter().find(|x| x.key == key).unwrap().value.clone();
    assert_eq!(value("surname"), "Ёлкина-Соколова");
    assert_eq!(value("birth_date"), "05.03.1990");
    assert_eq!(value("term"), "");
    let unknown =
        f.client().applications().form(ServiceRequest { service: "moon".into() }).await.unwrap_err();
    assert_eq!((unknown.fields[0].field, unknown.fields[0].code), (Field::Service, Invalid::ServiceUnknown));
}

#[tokio::test]
async fn every_wrong_field_is_reported_by_key_and_nothing_is_saved() {
    let (f, _) = signed_in().await;
    let mut request = foreign_passport("7 лет");
    request.fields.insert("birth_date".into(), "31.02.1990".into());
    request.fields.remove("given_name");
    let error = f.client().applications().submit(request).await.unwrap_err();
    assert_eq!(error.code, ErrorCode::Validation);
    let found: Vec<(Option<&str>, Invalid)> =
        error.fields.iter().map(|e| (e.key.as_deref(), e.code)).collect();
    assert_eq!(
        found,
        [
            (Some("given_name"), Invalid::Required),
            (Some("birth_date"), Invalid::DateNotReal),
            (Some("term"), Invalid::NotAnOption)
        ]
    );
    assert!(error.fields.iter().all(|e| e.field == Field::FormField));
    assert!(error.fields[2].message.starts_with("Срок действия: "));
    assert!(f.client().applications().list().await.unwrap().is_empty());
}

#[tokio::test]
async fn submit_then_cancel_with_a_reason_and_the_citizen_is_told_each_time() {
    let (f, _) = signed_in().await;
    let submitted = f.client().applications().submit(foreign_passport("5 лет")).await.unwrap();
    assert_eq!(submitted.summary.number, "2026-000001");
    assert_eq!(submitted.summary.status, ApplicationStatus::Accepted);
    assert!(submitted.summary.unfinished);
    assert_eq!(submitted.agency, "МВД России");
    assert_eq!(submitted.form.iter().find(|x| x.key == "term").unwrap().value, "5 лет");
    let second = f.client().applications().submit(foreign_passport("5 лет")).await.unwrap();
    assert_eq!(second.summary.number, "2026-000002");

    let number = submitted.summary.number.clone();
    let short = CancelApplication { number: number.clone(), reason: " а ".into() };
    let error = f.client().applications().cancel(short).await.unwrap_err();
    assert_eq!((error.fields[0].field, error.fields[0].code), (Field::Reason, Invalid::TooShort));
    let cancel =
        CancelApplication { number: number.clone(), reason: "Передумала ехать".into() };
    let cancelled = f.client().applications().cancel(cancel.clone()).await.unwrap();
    assert_eq!(cancelled.summary.status, ApplicationStatus::Cancelled);
    assert!(!cancelled.summary.unfinished);
    let last = cancelled.history.last().unwrap();
    assert_eq!((last.comment.as_deref(), last.actor.as_str()), (Some("Передумала ехать"), "citizen"));
    assert_eq!(f.client().applications().cancel(cancel).await.unwrap_err().code, ErrorCode::WrongState);
    assert_sealed_at_rest(&f, &number, "Ёлкина-Соколова", "Передумала ехать").await;

    let events = inbox_events(&f).await;
    assert!(events.iter().any(|(e, t)| *e == EventType::ApplicationCancelled && t.contains(&number)));
    assert_eq!(events.iter().filter(|(e, _)| *e == EventType::ApplicationAccepted).count(), 2);
}

/// Issue 16: the stored form of application `number` and its event's comment hold no plain text,
/// yet open with the account's key (the form to JSON naming `answer`, the comment to `comment`).
async fn assert_sealed_at_rest(f: &Fixture, number: &str, answer: &str, comment: &str) {
    let pool = raw_pool(f.dir.path()).await;
    let keys = test_keys(f.dir.path());
    let sealer = account_sealer(&pool, &keys, account_of(&pool, &keys, PHONE).await).await.unwrap();
    let (id, form): (i64, String) =
        kabinet_core::db::query_as("SELECT id, form FROM applications WHERE number = ?")
            .bind(number)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert!(!form.contains(answer), "the form is stored in the clear: {form}");
    assert!(sealer.open("applications.form", id, &form).unwrap().contains(answer));
    let (event, stored): (i64, String) = kabinet_core::db::query_as(
        "SELECT id, comment FROM application_events WHERE application_id = ? AND comment IS NOT NULL",
    )
    .bind(id)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert!(!stored.contains(comment), "the comment is stored in the clear: {stored}");
    assert_eq!(sealer.open("application_events.comment", event, &stored).unwrap(), comment);
    pool.close().await;
}

#[tokio::test]
async fn operators_move_statuses_with_comments_and_finished_ones_stay_put() {
    let (f, _) = signed_in().await;
    let number = f.client().applications().submit(foreign_passport("5 лет")).await.unwrap().summary.number;
    let desk = machine(&f.kabinet);
    let refuse = StatusUpdate { number: number.clone(), status: ApplicationStatus::Refused, comment: None };
    let error = desk.desk().set_application_status(refuse).await.unwrap_err();
    assert_eq!((error.fields[0].field, error.fields[0].code), (Field::Comment, Invalid::Required));

    let review = StatusUpdate { number: number.clone(), status: ApplicationStatus::InReview, comment: None };
    assert_eq!(
        desk.desk().set_application_status(review.clone()).await.unwrap().summary.status,
        ApplicationStatus::InReview
    );
    assert_eq!(desk.desk().set_application_status(review).await.unwrap_err().code, ErrorCode::WrongState);
    let done = StatusUpdate {
        number: number.clone(),
        status: ApplicationStatus::Completed,
        comment: Some("Паспорт готов, получите в отделении".into()),
    };
    let detail = desk.desk().set_application_status(done).await.unwrap();
    let statuses: Vec<_> = detail.history.iter().map(|h| (h.status, h.actor.as_str())).collect();
    assert_eq!(
        statuses,
        [
            (ApplicationStatus::Accepted, "citizen"),
            (ApplicationStatus::InReview, "operator"),
            (ApplicationStatus::Completed, "operator")
        ]
    );
    let cancel = CancelApplication { number: number.clone(), reason: "Уже не нужно".into() };
    assert_eq!(f.client().applications().cancel(cancel).await.unwrap_err().code, ErrorCode::WrongState);
    let events = inbox_events(&f).await;
    assert!(events.iter().any(|(e, _)| *e == EventType::ApplicationResultReady));
    assert!(events.iter().any(|(e, _)| *e == EventType::ApplicationInReview));
}

#[tokio::test]
async fn a_citizen_sees_only_their_own_applications() {
    let (f, _) = signed_in().await;
    let number = f.client().applications().submit(foreign_passport("5 лет")).await.unwrap().summary.number;
    f.client().session().sign_out().await.unwrap();
    register(&f.client(), OTHER).await;
    f.client().session().sign_in(sign_in_request(OTHER, PASSWORD)).await.unwrap();
    assert!(f.client().applications().list().await.unwrap().is_empty());
    let get = f.client().applications().get(ApplicationRequest { number: number.clone() }).await.unwrap_err();
    assert_eq!(get.code, ErrorCode::NotFound);
    let cancel = CancelApplication { number, reason: "Чужое заявление".into() };
    assert_eq!(f.client().applications().cancel(cancel).await.unwrap_err().code, ErrorCode::NotFound);
}

fn debt(account: &str, amount: &str, due: &str) -> NewDebt {
    NewDebt {
        account_number: account.into(),
        kind: DebtKind::Fine,
        agency: "Госавтоинспекция".into(),
        purpose: "Постановление 18810177260000000001".into(),
        amount: amount.into(),
        due_date: due.into(),
    }
}

#[tokio::test]
async fn a_debt_stays_open_until_an_operator_confirms_the_receipt() {
    let (f, account) = signed_in().await;
    let desk = machine(&f.kabinet);
    let error = desk.desk().add_debt(debt(&account, "12,345", "32.12.2026")).await.unwrap_err();
    let found: Vec<_> = error.fields.iter().map(|e| (e.field, e.code)).collect();
    assert_eq!(found, [(Field::Amount, Invalid::AmountFormat), (Field::DueDate, Invalid::DateNotReal)]);

    let added = desk.desk().add_debt(debt(&account, "1 500,50", "20.11.2026")).await.unwrap();
    assert_eq!((added.amount_kopecks, added.status, added.overdue), (150_050, DebtStatus::Open, true));
    assert_eq!(added.amount_text, "1\u{a0}500,50\u{a0}₽");
    assert_eq!(added.due_date, "20.11.2026");

    let me = f.client().resolve_citizen(Access::Citizen).await.unwrap();
    let text = kabinet_core::debts::Receipt { name: "чек.pdf".into(), bytes: b"not a receipt".to_vec() };
    let refused = f.kabinet.debts().claim_receipt(&me, DebtRequest { id: added.id }, text).await.unwrap_err();
    assert_eq!((refused.fields[0].field, refused.fields[0].code), (Field::Receipt, Invalid::ScanType));
    let receipt = kabinet_core::debts::Receipt { name: "чек.png".into(), bytes: PNG.to_vec() };
    let claimed = f.kabinet.debts().claim_receipt(&me, DebtRequest { id: added.id }, receipt).await.unwrap();
    assert_eq!(claimed.status, DebtStatus::AwaitingConfirmation);
    let list = f.client().debts().list().await.unwrap();
    assert_eq!(list.open_total_kopecks, 150_050, "a claimed debt is still open");

    let paid = desk
        .desk()
        .decide_receipt(ReceiptDecision { id: added.id, accept: true, comment: None })
        .await
        .unwrap();
    assert_eq!((paid.status, paid.overdue), (DebtStatus::Paid, false));
    assert_eq!(
        desk.desk()
            .decide_receipt(ReceiptDecision { id: added.id, accept: true, comment: None })
            .await
            .unwrap_err()
            .code,
        ErrorCode::WrongState
    );
    assert_eq!(f.client().debts().list().await.unwrap().open_total_kopecks, 0);
    let titles: Vec<String> = inbox_events(&f).await.into_iter().map(|(_, t)| t).collect();
    assert!(titles.iter().any(|t| t == "Оплата подтверждена"));
    assert!(titles.iter().any(|t| t == "Начислена задолженность: Штраф"));
}

#[tokio::test]
async fn an_unknown_account_number_is_named() {
    let (f, _) = signed_in().await;
    let desk = machine(&f.kabinet);
    let error = desk.desk().add_debt(debt("1234-5678-97", "10", "01.12.2026")).await.unwrap_err();
    assert_eq!(error.code, ErrorCode::NotFound, "a well-formed number that belongs to nobody");
    let error = desk.desk().add_debt(debt("1234-5678-90", "10", "01.12.2026")).await.unwrap_err();
    assert_eq!(error.code, ErrorCode::Validation, "a mistyped digit fails the check digit");
}
