//! «Согласия»: the three agreements recorded at registration, the basic ones ending only with
//! closure, and the news consent withdrawn and given again — with service news following it.

use crate::common::*;
use kabinet_core::consents::{ConsentKind, ConsentRequest, ConsentView};
use kabinet_core::notifications::types::{EventType, NewNotification};
use kabinet_core::{Client, ErrorCode};
use time::Duration;

const PHONE: &str = "+79161239876";

async fn citizen() -> (Fixture, String) {
    let f = fixture().await;
    let number = register(&f.client(), PHONE).await;
    f.client().session().sign_in(sign_in_request(PHONE, PASSWORD)).await.unwrap();
    (f, number)
}

fn of(list: &[ConsentView], kind: ConsentKind) -> &ConsentView {
    list.iter().find(|c| c.kind == kind).unwrap()
}

fn news(number: &str) -> NewNotification {
    NewNotification {
        account_number: number.into(),
        event: EventType::ServiceNews,
        service: None,
        title: "Новая услуга".into(),
        body: "В Кабинете появилась новая услуга".into(),
    }
}

async fn inbox_count(kabinet: &Client<'_>) -> u32 {
    kabinet.notifications().unread_count().await.unwrap().unread
}

#[tokio::test]
async fn registration_records_all_three_with_versions_and_time() {
    let (f, _) = citizen().await;
    let list = f.client().consents().list().await.unwrap();
    let kinds: Vec<ConsentKind> = list.iter().map(|c| c.kind).collect();
    assert_eq!(kinds, [ConsentKind::UserAgreement, ConsentKind::PersonalData, ConsentKind::ServiceNews]);
    for consent in &list {
        assert_eq!(consent.version, "2026-11-01");
        assert_eq!(consent.accepted_at.as_deref(), Some("2026-11-25T09:00:00Z"));
        assert!(consent.in_force && consent.withdrawn_at.is_none());
        assert!(!consent.purpose.is_empty());
    }
    let basic = of(&list, ConsentKind::PersonalData);
    assert_eq!(basic.title, "Согласие на обработку персональных данных");
    assert!(!basic.can_withdraw && basic.ends_with_closure);
    assert!(!of(&list, ConsentKind::UserAgreement).can_withdraw);
    let optional = of(&list, ConsentKind::ServiceNews);
    assert!(optional.can_withdraw && !optional.ends_with_closure && !optional.can_give);
}

#[tokio::test]
async fn the_basic_consents_end_only_with_closure() {
    let (f, _) = citizen().await;
    for kind in [ConsentKind::PersonalData, ConsentKind::UserAgreement] {
        let error = f.client().consents().withdraw(ConsentRequest { kind }).await.unwrap_err();
        assert_eq!(error.code, ErrorCode::ConsentNotWithdrawable);
        assert!(error.message.contains("закрытием личного кабинета"), "{}", error.message);
    }
    assert!(f.client().consents().list().await.unwrap().iter().all(|c| c.in_force));
}

#[tokio::test]
async fn withdrawing_the_news_consent_stops_service_news_and_giving_it_again_resumes_them() {
    let (f, number) = citizen().await;
    let k = &f.client();
    f.kabinet.notifications().publish(news(&number)).await.unwrap();
    assert_eq!(inbox_count(k).await, 1);
    let request = ConsentRequest { kind: ConsentKind::ServiceNews };

    f.clock.advance(Duration::minutes(10));
    let list = k.consents().withdraw(request).await.unwrap();
    let withdrawn = of(&list, ConsentKind::ServiceNews);
    assert_eq!(withdrawn.withdrawn_at.as_deref(), Some("2026-11-25T09:10:00Z"));
    assert!(!withdrawn.in_force && withdrawn.can_give && !withdrawn.can_withdraw);
    let again = k.consents().withdraw(request).await.unwrap();
    assert_eq!(of(&again, ConsentKind::ServiceNews).withdrawn_at, withdrawn.withdrawn_at);
    assert_eq!(
        f.kabinet.notifications().publish(news(&number)).await.unwrap_err().code,
        ErrorCode::ConsentMissing
    );
    assert_eq!(inbox_count(k).await, 1, "no inbox row without the consent");

    f.clock.advance(Duration::minutes(10));
    let given = k.consents().give(request).await.unwrap();
    let given = of(&given, ConsentKind::ServiceNews);
    assert_eq!(given.accepted_at.as_deref(), Some("2026-11-25T09:20:00Z"));
    assert!(given.in_force && given.withdrawn_at.is_none());
    f.kabinet.notifications().publish(news(&number)).await.unwrap();
    assert_eq!(inbox_count(k).await, 2);
}

#[tokio::test]
async fn only_the_signed_in_citizen_sees_or_changes_consents() {
    let (f, _) = citizen().await;
    f.client().session().sign_out().await.unwrap();
    assert_eq!(f.client().consents().list().await.unwrap_err().code, ErrorCode::NotSignedIn);
    let request = ConsentRequest { kind: ConsentKind::ServiceNews };
    assert_eq!(f.client().consents().withdraw(request).await.unwrap_err().code, ErrorCode::NotSignedIn);
}
