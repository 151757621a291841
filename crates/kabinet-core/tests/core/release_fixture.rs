//! How `tests/fixtures/release-2026-12-04/kabinet.db` was made: by this test, run once on the
//! release before per-account keys (commit 5f09257), where every personal field was stored as
//! typed. The in-place sealing at start (issue 16) is tested on that file (`sealing.rs`), so the
//! database it converts is one today's release really wrote, not one a test imagines.
//!
//! Run again only to make a new fixture on purpose:
//! `KABINET_MAKE_FIXTURE=<dir> cargo test … --test core release_fixture:: -- --ignored`.

use crate::common::*;
use kabinet_core::{Caller, Config, Kabinet};
use time::macros::datetime;

/// The master key the fixture's keys derive from (a test key, nothing else uses it).
pub const FIXTURE_MASTER_KEY: &str = "6b6162696e65742d72656c656173652d666978747572652d323032362d313230";

#[tokio::test]
#[ignore = "makes the fixture of a release; run on purpose only"]
async fn make_the_release_fixture() {
    let Some(out) = std::env::var_os("KABINET_MAKE_FIXTURE") else { return };
    let out = std::path::PathBuf::from(out);
    std::fs::create_dir_all(&out).unwrap();
    let clock = kabinet_core::Clock::manual(datetime!(2026-11-25 09:00 UTC));
    let config = Config::with_data_dir(&out).with_master_key(FIXTURE_MASTER_KEY);
    let kabinet = Kabinet::open_with_clock(config, clock.clone()).await.unwrap();
    for (phone, snils, passport, edit_name) in [
        ("+79160000401", "112-233-445 95", "45 08 123456", None),
        ("+79160000402", "213-344-556 31", "46 11 654321", Some(("Грибоедова", "Софья"))),
    ] {
        let caller = Caller::new();
        let k = kabinet.client(&caller);
        let ticket = confirm_phone(&k, phone).await;
        let mut draft = full_draft(ticket);
        if let Some((surname, given)) = edit_name {
            draft.surname = Some(surname.into());
            draft.given_name = Some(given.into());
        }
        k.registration().complete(draft).await.unwrap();
        k.session().sign_in(sign_in_request(phone, PASSWORD)).await.unwrap();
        k.profile().send_save_code().await.unwrap();
        let mut update = anna_profile(code_for(&k, phone).await);
        if let Some((surname, given)) = edit_name {
            update.surname = surname.into();
            update.given_name = given.into();
        }
        update.snils = Some(snils.into());
        update.passport_number = Some(passport.into());
        k.profile().save(update).await.unwrap();
        k.session().sign_out().await.unwrap();
        clock.advance(time::Duration::minutes(5));
    }
    kabinet.close().await;
}
