//! «Поиск гражданина» (issue 13, item 2, the core part): exact match by account number, СНИЛС or
//! phone in any accepted format, the purpose required, the card's minimum with documents masked,
//! one audit row per search that names the kind searched and never its value.

use crate::common::*;
use kabinet_core::staff::find::{CardPurpose, FindCitizen};
use kabinet_core::{Caller, ErrorCode, Field};

async fn operator(f: &Fixture) -> Caller {
    staff_desk(f, "o.ivanova", "operator").await
}

fn find(query: &str, purpose: Option<CardPurpose>) -> FindCitizen {
    FindCitizen { query: query.into(), purpose }
}

#[tokio::test]
async fn an_operator_finds_a_citizen_exactly_and_sees_the_minimum_masked() {
    let (f, number) = signed_in_with_profile("+79163330001", |_| {}).await;
    let desk = operator(&f).await;
    let staff = f.kabinet.client(&desk);
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    for query in ["112 233 445 95", "11223344595", &number, &digits, "8 (916) 333-00-01", "+7 916 333 00 01"]
    {
        let card = staff.staff().find_citizen(find(query, Some(CardPurpose::CitizenRequest))).await.unwrap();
        assert_eq!(card.account_number, number, "{query}");
        assert_eq!(card.full_name, "Ёлкина-Соколова Анна Сергеевна");
        assert_eq!(card.birth_date, "05.03.1990");
        assert_eq!(card.passport.as_deref(), Some("45 ** ****56"));
        assert_eq!(card.snils.as_deref(), Some("112-***-*** 95"));
        assert!(card.block.is_none() && card.waiting_requests.is_empty());
    }
    // Exact only: a neighbour's number, a partial СНИЛС or a valid but unknown one find nobody.
    for query in ["+79163330002", "112-233-445", "156-666-880 19"] {
        let answer = staff.staff().find_citizen(find(query, Some(CardPurpose::IdentityCheck))).await;
        let code = answer.unwrap_err().code;
        assert!(matches!(code, ErrorCode::NotFound | ErrorCode::Validation), "{query}: {code:?}");
    }
    // Every search is one audit row: the kind searched and whom it found, never the value.
    let raw = raw_pool(f.dir.path()).await;
    let stored: Vec<(i64, String, String)> = kabinet_core::db::query_as(
        "SELECT seq, target, details FROM staff_audit WHERE action = 'citizen_opened' ORDER BY seq",
    )
    .fetch_all(&raw)
    .await
    .unwrap();
    assert_eq!(stored.len(), 6 + 2, "six found, two exact misses (the partial СНИЛС is a form error)");
    // About a citizen's account, the details are sealed under its key (they go with it at the
    // purge); opened here with that key.
    let keys = test_keys(f.dir.path());
    let id: i64 = kabinet_core::db::query_scalar("SELECT id FROM accounts WHERE number = ?")
        .bind(&number)
        .fetch_one(&raw)
        .await
        .unwrap();
    let key = account_sealer(&raw, &keys, id).await.unwrap();
    let rows: Vec<(i64, String, String)> = stored
        .into_iter()
        .map(|(seq, target, details)| {
            if target.is_empty() {
                return (seq, target, details);
            }
            assert!(details.starts_with("k1"), "sealed: {details}");
            let opened = key.open("staff_audit.details", seq, &details).unwrap();
            (seq, target, opened)
        })
        .collect();
    assert!(
        rows[..6].iter().all(|(_, target, details)| target == &number && details.contains("citizen_request"))
    );
    assert!(
        rows[6..].iter().all(|(_, target, details)| target.is_empty() && details.contains("\"found\":false"))
    );
    for (_, _, details) in &rows {
        for needle in ["333", "445", "112", &digits[..6]] {
            assert!(!details.contains(needle), "the searched value leaked into the audit: {details}");
        }
    }
    assert!(f.kabinet.admin("test").verify_audit(None).await.unwrap().ok);
}

#[tokio::test]
async fn the_purpose_and_a_recognisable_query_are_required_each_named() {
    let f = fixture().await;
    let desk = operator(&f).await;
    let staff = f.kabinet.client(&desk);
    let error = staff.staff().find_citizen(find("ёлкина", None)).await.unwrap_err();
    assert_eq!(error.code, ErrorCode::Validation);
    let fields: Vec<Field> = error.fields.iter().map(|e| e.field).collect();
    assert_eq!(fields, [Field::Identifier, Field::Purpose]);
    let error =
        staff.staff().find_citizen(find("  ", Some(CardPurpose::ApplicationReview))).await.unwrap_err();
    assert_eq!(error.fields.iter().map(|e| e.field).collect::<Vec<_>>(), [Field::Identifier]);
    // A query past the limit (here a phone padded inside with a million spaces) is refused unread.
    let long = format!("+7916{}3330009", " ".repeat(1_000_000));
    let error = staff.staff().find_citizen(find(&long, Some(CardPurpose::CitizenRequest))).await.unwrap_err();
    assert_eq!(error.fields.iter().map(|e| e.field).collect::<Vec<_>>(), [Field::Identifier]);
    let padded = format!("{}+79163330009", " ".repeat(kabinet_core::staff::find::MAX_QUERY_CHARS));
    let error =
        staff.staff().find_citizen(find(&padded, Some(CardPurpose::CitizenRequest))).await.unwrap_err();
    assert_eq!(error.code, ErrorCode::NotFound, "surrounding spaces do not count toward the limit");
    // A citizen's session is no staff session.
    let citizen = f.client();
    register(&citizen, "+79163330009").await;
    citizen.session().sign_in(sign_in_request("+79163330009", PASSWORD)).await.unwrap();
    let refused = citizen.staff().find_citizen(find("+79163330009", Some(CardPurpose::CitizenRequest))).await;
    assert_eq!(refused.unwrap_err().code, ErrorCode::StaffNotSignedIn);
}

#[tokio::test]
async fn more_than_thirty_searches_in_ten_minutes_are_refused_and_audited() {
    let (f, number) = signed_in_with_profile("+79163330001", |_| {}).await;
    let desk = operator(&f).await;
    let staff = f.kabinet.client(&desk);
    for _ in 0..30 {
        staff.staff().find_citizen(find(&number, Some(CardPurpose::CitizenRequest))).await.unwrap();
    }
    let refused =
        staff.staff().find_citizen(find(&number, Some(CardPurpose::CitizenRequest))).await.unwrap_err();
    assert_eq!(refused.code, ErrorCode::RateLimited);
    assert_eq!(refused.details.retry_at.as_deref(), Some("2026-11-25T09:10:00Z"));
    let raw = raw_pool(f.dir.path()).await;
    let limited: i64 =
        kabinet_core::db::query_scalar("SELECT count(*) FROM staff_audit WHERE action = 'search_limited'")
            .fetch_one(&raw)
            .await
            .unwrap();
    assert_eq!(limited, 1, "the refusal is in the log");
    f.clock.advance(time::Duration::minutes(10));
    staff.staff().find_citizen(find(&number, Some(CardPurpose::CitizenRequest))).await.unwrap();
    // The machine's administrator is not a desk.
    for _ in 0..31 {
        machine(&f.kabinet)
            .staff()
            .find_citizen(find(&number, Some(CardPurpose::CitizenRequest)))
            .await
            .unwrap();
    }
}
