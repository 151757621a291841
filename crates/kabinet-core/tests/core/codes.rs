//! One-time code limits exactly at their boundaries, with a clock the test moves.

use crate::common::*;
use kabinet_core::contract::{SendCodeRequest, VerifyCodeRequest};
use kabinet_core::{ApiError, Caller, ErrorCode};
use time::Duration;

async fn send(f: &Fixture, phone: &str) -> Result<kabinet_core::contract::CodeSent, ApiError> {
    f.client().registration().send_code(SendCodeRequest { phone: phone.into() }).await
}

async fn verify(f: &Fixture, phone: &str, code: &str) -> Result<(), ApiError> {
    let request = VerifyCodeRequest { phone: phone.into(), code: code.into() };
    f.client().registration().verify_code(request).await.map(|_| ())
}

fn wrong(code: &str) -> String {
    format!("{:06}", (code.parse::<u32>().unwrap() + 1) % 1_000_000)
}

#[tokio::test]
async fn a_code_works_at_4_59_and_not_at_5_00() {
    let f = fixture().await;
    send(&f, "9001112233").await.unwrap();
    let code = code_for(&f.kabinet, "9001112233").await;
    f.clock.advance(Duration::seconds(299));
    verify(&f, "9001112233", &code).await.unwrap();

    f.clock.advance(Duration::seconds(61));
    send(&f, "9001112233").await.unwrap();
    let code = code_for(&f.kabinet, "9001112233").await;
    f.clock.advance(Duration::seconds(300));
    assert_eq!(verify(&f, "9001112233", &code).await.unwrap_err().code, ErrorCode::CodeExpired);
}

#[tokio::test]
async fn the_third_wrong_entry_burns_the_code() {
    let f = fixture().await;
    send(&f, "9001112234").await.unwrap();
    let code = code_for(&f.kabinet, "9001112234").await;
    let first = verify(&f, "9001112234", &wrong(&code)).await.unwrap_err();
    assert_eq!((first.code, first.details.attempts_left), (ErrorCode::CodeWrong, Some(2)));
    let second = verify(&f, "9001112234", &wrong(&code)).await.unwrap_err();
    assert_eq!((second.code, second.details.attempts_left), (ErrorCode::CodeWrong, Some(1)));
    let third = verify(&f, "9001112234", &wrong(&code)).await.unwrap_err();
    assert_eq!(third.code, ErrorCode::CodeBurned);
    let right_too_late = verify(&f, "9001112234", &code).await.unwrap_err();
    assert_eq!(right_too_late.code, ErrorCode::CodeBurned);
}

#[tokio::test]
async fn a_used_code_cannot_be_used_again() {
    let f = fixture().await;
    send(&f, "9001112235").await.unwrap();
    let code = code_for(&f.kabinet, "9001112235").await;
    verify(&f, "9001112235", &code).await.unwrap();
    assert_eq!(verify(&f, "9001112235", &code).await.unwrap_err().code, ErrorCode::CodeMissing);
}

#[tokio::test]
async fn resend_waits_exactly_sixty_seconds() {
    let f = fixture().await;
    let sent = send(&f, "9001112236").await.unwrap();
    assert_eq!(sent.resend_at, "2026-11-25T09:01:00Z");
    assert_eq!(sent.expires_at, "2026-11-25T09:05:00Z");
    f.clock.advance(Duration::seconds(59));
    let refused = send(&f, "9001112236").await.unwrap_err();
    assert_eq!(refused.code, ErrorCode::RateLimited);
    assert_eq!(refused.details.retry_at.as_deref(), Some("2026-11-25T09:01:00Z"));
    f.clock.advance(Duration::seconds(1));
    send(&f, "9001112236").await.unwrap();
}

#[tokio::test]
async fn a_new_code_replaces_the_old_one() {
    let f = fixture().await;
    send(&f, "9001112237").await.unwrap();
    let old = code_for(&f.kabinet, "9001112237").await;
    f.clock.advance(Duration::seconds(60));
    send(&f, "9001112237").await.unwrap();
    let new = code_for(&f.kabinet, "9001112237").await;
    if old != new {
        assert_eq!(verify(&f, "9001112237", &old).await.unwrap_err().code, ErrorCode::CodeWrong);
    }
    verify(&f, "9001112237", &new).await.unwrap();
}

#[tokio::test]
async fn the_sixth_code_in_an_hour_is_refused_until_the_first_leaves_the_window() {
    let f = fixture().await;
    for n in 0..5 {
        let sent = send(&f, "9001112238").await.unwrap();
        assert_eq!(sent.sends_left, 4 - n);
        f.clock.advance(Duration::seconds(60));
    }
    let refused = send(&f, "9001112238").await.unwrap_err();
    assert_eq!(refused.code, ErrorCode::RateLimited);
    assert_eq!(refused.details.retry_at.as_deref(), Some("2026-11-25T10:00:00Z"));
    f.clock.advance(Duration::seconds(3600 - 5 * 60 - 1));
    assert_eq!(send(&f, "9001112238").await.unwrap_err().code, ErrorCode::RateLimited);
    f.clock.advance(Duration::seconds(1));
    send(&f, "9001112238").await.unwrap();
}

#[tokio::test]
async fn codes_are_bound_to_their_destination() {
    let f = fixture().await;
    send(&f, "9001112239").await.unwrap();
    let code = code_for(&f.kabinet, "9001112239").await;
    assert_eq!(verify(&f, "9001112240", &code).await.unwrap_err().code, ErrorCode::CodeMissing);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_delivery_runs_do_not_fail_each_other() {
    let f = fixture().await;
    let kabinet = std::sync::Arc::new(f.kabinet);
    for round in 0..5 {
        let senders: Vec<_> = (0..6)
            .map(|n| {
                let kabinet = kabinet.clone();
                tokio::spawn(async move {
                    let phone = format!("900{round}1{n:05}");
                    let caller = Caller::new();
                    kabinet
                        .client(&caller)
                        .registration()
                        .send_code(SendCodeRequest { phone })
                        .await
                        .map(|_| ())
                })
            })
            .collect();
        let workers: Vec<_> = (0..4)
            .map(|_| {
                let kabinet = kabinet.clone();
                tokio::spawn(async move { kabinet.outbox().deliver_due().await.map(|_| ()) })
            })
            .collect();
        for task in senders.into_iter().chain(workers) {
            task.await.unwrap().unwrap();
        }
    }
}
