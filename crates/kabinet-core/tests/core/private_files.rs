//! Nothing of the citizen's left on disk in plaintext: the private copies handed to the system
//! viewer go when the session that opened them ends — signed out, «Это был не я», idle, ended from
//! another session, a password reset, the account's closing (by the citizen or forced), the app's
//! exit — while «Завершить все сеансы» keeps this session's; and an export that does not finish
//! (cancelled, failed half-way, its future dropped) leaves no `.part`, never follows a link put in
//! the partial file's place, and the finished file is the owner's alone.

use std::path::{Path, PathBuf};
use std::pin::pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::Poll;

use crate::common::*;
use kabinet_core::api::Access;
use kabinet_core::closure::forced::types::ForcedClosureRequest;
use kabinet_core::closure::types::ClosureSubmit;
use kabinet_core::contract::{
    EndSessionRequest, RecoveryCompleteRequest, RecoveryStartRequest, RecoveryVerifyRequest,
};
use kabinet_core::documents::{ClosureReason, ForcedGround};
use kabinet_core::export::types::DataFormat;
use kabinet_core::uploads::types::{UploadId, UploadKind};
use kabinet_core::{Authed, Caller, Client, ErrorCode, Host, Kabinet};
use time::Duration;

const PHONE: &str = "+79161112233";
const PNG: [u8; 16] = [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, b'I', b'H', b'D', b'R'];

/// A signed-in citizen with a full profile (closure and the act need it), a certificate and a
/// scan; returns the account number.
async fn citizen() -> (Fixture, String) {
    let (f, number) = signed_in_with_profile(PHONE, |update| {
        update.address = None;
    })
    .await;
    f.client().documents().issue_registration_certificate().await.unwrap();
    f.kabinet.uploads().upload(&me(&f).await, UploadKind::PassportScan, "паспорт.png", &PNG).await.unwrap();
    (f, number)
}

/// The test's citizen as the upload and export calls take it (the password just entered).
async fn me(f: &Fixture) -> Authed {
    f.client().resolve_citizen(Access::Recent).await.unwrap()
}

/// The value of a future that is ready at once (the cancel flag is set without waiting), from
/// inside the synchronous progress callback.
fn at_once<T>(future: impl std::future::Future<Output = T>) -> T {
    let mut context = std::task::Context::from_waker(std::task::Waker::noop());
    match std::future::Future::poll(pin!(future), &mut context) {
        Poll::Ready(value) => value,
        Poll::Pending => panic!("the call was expected to finish at once"),
    }
}

/// Opens the certificate and the scan in the «viewer»: two private copies on disk.
async fn open_in_viewer(kabinet: &Client<'_>) -> Vec<PathBuf> {
    let number = kabinet.documents().mine().await.unwrap()[0].number.clone();
    let upload = kabinet.uploads().list().await.unwrap()[0].id;
    let documents = kabinet.kabinet().documents();
    let copies = vec![
        documents.write_viewer_copy(kabinet.documents().viewer_copy(number).await.unwrap()).await.unwrap(),
        documents
            .write_viewer_copy(kabinet.uploads().viewer_copy(UploadId { id: upload }).await.unwrap())
            .await
            .unwrap(),
    ];
    for copy in &copies {
        assert!(copy.exists(), "{} written", copy.display());
    }
    assert_eq!(viewer_files(kabinet).len(), 2);
    copies
}

/// The files under `<data dir>/viewer`.
fn viewer_files(kabinet: &Kabinet) -> Vec<PathBuf> {
    match std::fs::read_dir(kabinet.config().data_dir.join("viewer")) {
        Ok(entries) => entries.map(|entry| entry.unwrap().path()).collect(),
        Err(_) => Vec::new(),
    }
}

#[tokio::test]
async fn signing_out_removes_the_viewer_copies() {
    let (f, _) = citizen().await;
    open_in_viewer(&f.client()).await;
    f.client().session().sign_out().await.unwrap();
    assert_eq!(viewer_files(&f.kabinet), Vec::<PathBuf>::new());
}

#[tokio::test]
async fn not_me_removes_the_viewer_copies() {
    let (f, _) = citizen().await;
    open_in_viewer(&f.client()).await;
    f.client().security().not_me().await.unwrap();
    assert_eq!(viewer_files(&f.kabinet), Vec::<PathBuf>::new());
}

#[tokio::test]
async fn an_idle_session_ends_with_its_viewer_copies() {
    let (f, _) = citizen().await;
    open_in_viewer(&f.client()).await;
    f.clock.advance(Duration::minutes(14));
    assert!(f.client().session().current().await.unwrap().is_some(), "not idle yet");
    assert_eq!(viewer_files(&f.kabinet).len(), 2, "a live session keeps its copies");
    f.clock.advance(Duration::minutes(16));
    assert_eq!(f.client().documents().mine().await.unwrap_err().code, ErrorCode::NotSignedIn);
    assert_eq!(viewer_files(&f.kabinet), Vec::<PathBuf>::new());
}

#[tokio::test]
async fn a_session_ended_elsewhere_loses_its_copies_and_ending_the_others_keeps_them() {
    let (f, _) = citizen().await;
    open_in_viewer(&f.client()).await;
    // «Завершить все сеансы» from this session: the others end, this one and its copies stay.
    let other_kabinet = open(&f.dir, &f.clock).await;
    let other_caller = Caller::new();
    let other = other_kabinet.client(&other_caller);
    other.session().sign_in(sign_in_request(PHONE, PASSWORD)).await.unwrap();
    f.client().session().end_others().await.unwrap();
    assert!(f.client().session().current().await.unwrap().is_some());
    assert_eq!(viewer_files(&f.kabinet).len(), 2, "this session's copies stay");

    // Ended from another session: noticed at this process's next call.
    other.session().sign_in(sign_in_request(PHONE, PASSWORD)).await.unwrap();
    let mine = other.session().list().await.unwrap().into_iter().find(|s| !s.current).unwrap();
    other.session().end(EndSessionRequest { id: mine.id }).await.unwrap();
    assert!(f.client().session().current().await.unwrap().is_none());
    assert_eq!(viewer_files(&f.kabinet), Vec::<PathBuf>::new());
}

#[tokio::test]
async fn a_password_reset_removes_the_viewer_copies() {
    let (f, _) = citizen().await;
    open_in_viewer(&f.client()).await;
    let client = f.client();
    let recovery = client.recovery();
    recovery.start(RecoveryStartRequest { identifier: PHONE.into() }).await.unwrap();
    let code = code_for(&f.kabinet, PHONE).await;
    let ticket =
        recovery.verify(RecoveryVerifyRequest { identifier: PHONE.into(), code }).await.unwrap().ticket;
    let fresh = "Nq5$tRv8wKz";
    recovery
        .complete(RecoveryCompleteRequest { ticket, password: fresh.into(), password_repeat: fresh.into() })
        .await
        .unwrap();
    assert_eq!(viewer_files(&f.kabinet), Vec::<PathBuf>::new());
}

#[tokio::test]
async fn closing_the_account_removes_the_viewer_copies() {
    let (f, _) = citizen().await;
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
    f.client().closure().submit(form).await.unwrap();
    open_in_viewer(&f.client()).await;
    f.clock.advance(Duration::hours(24));
    // The scheduler closes it; no call of the session's comes in between.
    assert_eq!(f.kabinet.run_jobs().await.unwrap().closed, 1);
    assert_eq!(viewer_files(&f.kabinet), Vec::<PathBuf>::new());
}

#[tokio::test]
async fn a_forced_closure_removes_the_viewer_copies() {
    let (f, account) = citizen().await;
    open_in_viewer(&f.client()).await;
    let death = ForcedClosureRequest {
        certificate: Some("IV-МЮ № 654321".into()),
        issuer: Some("Отдел ЗАГС Тверского района".into()),
        decision_date: Some("20.11.2026".into()),
        ..ForcedClosureRequest::new(account, ForcedGround::Death)
    };
    machine(&f.kabinet).forced().register(death).await.unwrap();
    assert_eq!(viewer_files(&f.kabinet), Vec::<PathBuf>::new());
}

#[tokio::test]
async fn the_app_exit_removes_the_viewer_copies() {
    let (f, _) = citizen().await;
    open_in_viewer(&f.client()).await;
    let host = Host::start(crate::common::config(f.dir.path()).await).await;
    open_in_viewer(&f.client()).await;
    host.exit();
    assert_eq!(viewer_files(&f.kabinet), Vec::<PathBuf>::new());
}

// ——— Exports ———

/// `<destination>.part`.
fn part(destination: &Path) -> PathBuf {
    let mut name = destination.file_name().unwrap().to_os_string();
    name.push(".part");
    destination.with_file_name(name)
}

/// The files of `dir`, by name.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[tokio::test]
async fn a_cancelled_zip_leaves_no_part_and_a_finished_one_is_the_owners_alone() {
    let (f, _) = citizen().await;
    let folder = tempfile::tempdir().unwrap();
    let out = folder.path().join("документы.zip");
    let me = me(&f).await;
    let exports = f.kabinet.exports();
    let cancelled = exports
        .documents_zip(&me, &out, |p| {
            if p.done == 1 {
                at_once(exports.cancel(&me)).unwrap()
            }
        })
        .await
        .unwrap_err();
    assert_eq!(cancelled.code, ErrorCode::Cancelled);
    assert_eq!(names(folder.path()), Vec::<String>::new());

    exports.documents_zip(&me, &out, |_| ()).await.unwrap();
    assert_eq!(names(folder.path()), ["документы.zip"]);
    #[cfg(unix)]
    assert_eq!(mode(&out), 0o600, "only the citizen reads the archive");
}

#[tokio::test]
async fn a_zip_that_fails_half_way_leaves_no_part() {
    let (f, _) = citizen().await;
    let folder = tempfile::tempdir().unwrap();
    let out = folder.path().join("документы.zip");
    // After the first file the session runs out, so reading the second one fails.
    let me = me(&f).await;
    let error = f
        .kabinet
        .exports()
        .documents_zip(&me, &out, |p| {
            if p.done == 1 {
                f.clock.advance(Duration::hours(13));
            }
        })
        .await
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::NotSignedIn);
    assert_eq!(names(folder.path()), Vec::<String>::new(), "no archive and no .part");
}

#[tokio::test]
async fn a_zip_whose_future_is_dropped_leaves_no_part_and_frees_the_export() {
    let (f, _) = citizen().await;
    let folder = tempfile::tempdir().unwrap();
    let out = folder.path().join("документы.zip");
    let me = me(&f).await;
    let exports = f.kabinet.exports();
    // Dropped after the first file (while reading the next) and after the last one (while the
    // archive is being completed on a blocking thread).
    for drop_after in [1, 2] {
        let reached = Arc::new(AtomicBool::new(false));
        let seen = reached.clone();
        {
            let mut export = pin!(exports.documents_zip(&me, &out, move |p| {
                assert_eq!(p.total, 2);
                if p.done == drop_after {
                    seen.store(true, Ordering::SeqCst);
                }
            }));
            loop {
                let polled = std::future::poll_fn(|cx| Poll::Ready(export.as_mut().poll(cx))).await;
                assert!(polled.is_pending(), "the export must still be running when dropped: {polled:?}");
                if reached.load(Ordering::SeqCst) {
                    assert!(part(&out).exists(), "the archive is being written");
                    break;
                }
                tokio::task::yield_now().await;
            }
        } // The export's future is dropped here, unfinished.
        assert_eq!(names(folder.path()), Vec::<String>::new(), "no archive and no .part ({drop_after})");
    }
    exports.documents_zip(&me, &out, |_| ()).await.expect("a dropped export does not hold the place");
    assert_eq!(names(folder.path()), ["документы.zip"]);
}

#[cfg(unix)]
#[tokio::test]
async fn a_link_in_place_of_the_part_file_is_never_followed() {
    let (f, _) = citizen().await;
    let folder = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let victim = elsewhere.path().join("важный файл");
    std::fs::write(&victim, "не трогать").unwrap();
    let me = me(&f).await;
    for (out, run) in [
        (folder.path().join("документы.zip"), 0),
        (folder.path().join("история.pdf"), 1),
        (folder.path().join("данные.json"), 2),
    ] {
        std::os::unix::fs::symlink(&victim, part(&out)).unwrap();
        let outcome = match run {
            0 => f.kabinet.exports().documents_zip(&me, &out, |_| ()).await,
            1 => f.kabinet.exports().history_pdf(&me, &out).await,
            _ => f.kabinet.exports().personal_data(&me, DataFormat::Json, &out).await,
        };
        assert_eq!(outcome.unwrap_err().code, ErrorCode::SaveFailed, "{} refused", out.display());
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "не трогать", "the link's target is untouched");
        assert!(
            std::fs::symlink_metadata(part(&out)).unwrap().file_type().is_symlink(),
            "not ours to remove"
        );
        assert!(!out.exists());
        std::fs::remove_file(part(&out)).unwrap();
    }
}

#[tokio::test]
async fn a_stale_part_of_a_crashed_export_is_replaced_and_saved_files_are_private() {
    let (f, _) = citizen().await;
    let folder = tempfile::tempdir().unwrap();
    let out = folder.path().join("данные.json");
    std::fs::write(part(&out), "половина от прошлого раза").unwrap();
    let me = me(&f).await;
    f.kabinet.exports().personal_data(&me, DataFormat::Json, &out).await.unwrap();
    assert_eq!(names(folder.path()), ["данные.json"]);
    assert!(std::fs::read_to_string(&out).unwrap().contains("Ёлкина-Соколова"));
    #[cfg(unix)]
    assert_eq!(mode(&out), 0o600);

    let nowhere = folder.path().join("нет такой папки").join("история.pdf");
    assert_eq!(f.kabinet.exports().history_pdf(&me, &nowhere).await.unwrap_err().code, ErrorCode::SaveFailed);
    assert_eq!(names(folder.path()), ["данные.json"]);
}
