//! The citizen's «Документы»: «Справка о регистрации» issued from the account, the list, the file
//! only its owner can read, the private viewer copy, «Сохранить как…», and the check of a file
//! that anyone may run without signing in.

use std::path::Path;
use std::process::Command;

use crate::common::*;
use kabinet_core::api::Access;
use kabinet_core::documents::{DocumentKind, MyDocument, RawFile, VerificationStatus};
use kabinet_core::{Authed, Client, ErrorCode, Host};

const ANNA: &str = "+79161112233";
const BORIS: &str = "+79035556677";

async fn signed_in(kabinet: &Client<'_>, phone: &str) {
    kabinet.session().sign_in(sign_in_request(phone, PASSWORD)).await.unwrap();
}

/// Anna and Boris registered; Anna signed in and holding a fresh certificate.
async fn anna_with_certificate() -> (Fixture, MyDocument) {
    let f = fixture().await;
    register(&f.client(), ANNA).await;
    register(&f.client(), BORIS).await;
    signed_in(&f.client(), ANNA).await;
    let certificate = f.client().documents().issue_registration_certificate().await.unwrap();
    (f, certificate)
}

/// The signed-in citizen as the facade methods that are not commands (`my_content`,
/// `save_copy`) take them.
async fn me(f: &Fixture) -> Authed {
    f.client().resolve_citizen(Access::Citizen).await.unwrap()
}

fn pdf_text(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("doc.pdf");
    std::fs::write(&file, bytes).unwrap();
    let output = Command::new("pdftotext").arg(&file).arg("-").output().expect("pdftotext");
    assert!(output.status.success());
    String::from_utf8(output.stdout).unwrap().replace('\u{a0}', " ")
}

#[tokio::test]
async fn the_certificate_is_issued_from_the_account_and_listed_in_mine() {
    let (f, certificate) = anna_with_certificate().await;
    let client = f.client();
    let documents = client.documents();
    assert_eq!(certificate.number, "СРК-2026-000001");
    assert_eq!(certificate.kind, DocumentKind::RegistrationCertificate);
    assert_eq!(certificate.title, "Справка о регистрации личного кабинета № СРК-2026-000001");
    assert!(certificate.available);

    let second = documents.issue_registration_certificate().await.unwrap();
    let mine = documents.mine().await.unwrap();
    assert_eq!(mine, vec![second.clone(), certificate.clone()], "newest first, as issued");

    let bytes = f.kabinet.documents().my_content(&me(&f).await, &certificate.number).await.unwrap();
    assert_eq!(i64::try_from(bytes.len()).unwrap(), certificate.size);
    let text = pdf_text(&bytes);
    let account = client.session().current().await.unwrap().unwrap().account_number;
    for expected in
        ["СПРАВКА", "Ёлкина-Соколова Анна Сергеевна", "05.03.1990", "+7 (916) 111-22-33", "не указана"]
    {
        assert!(text.contains(expected), "{expected:?} missing from:\n{text}");
    }
    assert!(text.contains(&account), "the account number {account} is missing");
}

#[tokio::test]
async fn another_citizen_can_neither_see_nor_read_the_document() {
    let (f, certificate) = anna_with_certificate().await;
    let client = f.client();
    client.session().sign_out().await.unwrap();
    signed_in(&client, BORIS).await;
    let (me, documents, calls) = (me(&f).await, f.kabinet.documents(), client.documents());

    assert!(calls.mine().await.unwrap().is_empty());
    let number = certificate.number.as_str();
    assert_eq!(documents.my_content(&me, number).await.unwrap_err().code, ErrorCode::NotFound);
    assert_eq!(calls.viewer_copy(number.into()).await.unwrap_err().code, ErrorCode::NotFound);
    assert_eq!(calls.save_offer(number.into()).await.unwrap_err().code, ErrorCode::NotFound);
    let target = f.dir.path().join("stolen.pdf");
    assert_eq!(documents.save_copy(&me, number, &target).await.unwrap_err().code, ErrorCode::NotFound);
    assert!(!target.exists(), "nothing was written for someone else's document");
    let unknown = documents.my_content(&me, "СРК-2026-999999").await.unwrap_err();
    assert_eq!(
        unknown.message,
        documents.my_content(&me, number).await.unwrap_err().message,
        "indistinguishable"
    );

    let viewer = f.dir.path().join("viewer");
    assert!(!viewer.exists() || std::fs::read_dir(viewer).unwrap().next().is_none());
}

#[tokio::test]
async fn without_a_session_nothing_personal_is_reachable() {
    let (f, certificate) = anna_with_certificate().await;
    let client = f.client();
    client.session().sign_out().await.unwrap();
    let documents = client.documents();
    assert_eq!(documents.issue_registration_certificate().await.unwrap_err().code, ErrorCode::NotSignedIn);
    assert_eq!(documents.mine().await.unwrap_err().code, ErrorCode::NotSignedIn);
    // The document's bytes: no session resolves for `my_content`, and the command that hands
    // them out (printing) is refused.
    assert_eq!(client.resolve_citizen(Access::Citizen).await.unwrap_err().code, ErrorCode::NotSignedIn);
    assert_eq!(documents.print_job(certificate.number).await.unwrap_err().code, ErrorCode::NotSignedIn);
}

#[tokio::test]
async fn anyone_verifies_a_file_valid_altered_or_unknown() {
    let (f, certificate) = anna_with_certificate().await;
    let bytes = f.kabinet.documents().my_content(&me(&f).await, &certificate.number).await.unwrap();
    let client = f.client();
    client.session().sign_out().await.unwrap();
    let documents = client.documents();

    let valid = documents.verify_file(RawFile { bytes: &bytes }).await.unwrap();
    assert_eq!(valid.status, VerificationStatus::Valid, "{}", valid.message);
    let record = valid.record.unwrap();
    assert_eq!((record.number.as_str(), record.kind), (certificate.number.as_str(), certificate.kind));

    let mut altered = bytes.clone();
    let middle = altered.len() / 2;
    altered[middle] ^= 0x20;
    let verdict = documents.verify_file(RawFile { bytes: &altered }).await.unwrap();
    assert_eq!(verdict.status, VerificationStatus::Altered);
    assert_eq!(verdict.number.as_deref(), Some(certificate.number.as_str()));

    let foreign = b"%PDF-1.7\n%%EOF\n";
    assert_eq!(
        documents.verify_file(RawFile { bytes: foreign }).await.unwrap().status,
        VerificationStatus::Unknown
    );
    assert_eq!(documents.verify_file(RawFile { bytes: &[] }).await.unwrap_err().code, ErrorCode::Validation);
    let huge = vec![b' '; kabinet_core::documents::MAX_VERIFY_BYTES + 1];
    assert_eq!(
        documents.verify_file(RawFile { bytes: &huge }).await.unwrap_err().code,
        ErrorCode::Validation
    );
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[tokio::test]
async fn the_viewer_copy_is_private_and_gone_at_the_next_start() {
    let (f, certificate) = anna_with_certificate().await;
    let documents = f.kabinet.documents();
    let copy = f.client().documents().viewer_copy(certificate.number.clone()).await.unwrap();
    let path = documents.write_viewer_copy(copy).await.unwrap();
    assert_eq!(path.parent().unwrap(), f.dir.path().join("viewer"));
    assert_eq!(
        path.file_name().unwrap().to_str().unwrap(),
        "Справка о регистрации личного кабинета СРК-2026-000001.pdf"
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        documents.my_content(&me(&f).await, &certificate.number).await.unwrap()
    );
    #[cfg(unix)]
    {
        assert_eq!(mode(&path), 0o600, "only the user reads the copy");
        assert_eq!(mode(path.parent().unwrap()), 0o700, "only the user enters the folder");
    }

    let host = Host::start(crate::common::config(f.dir.path()).await).await;
    assert!(!path.exists(), "a new start removes the copies of the last run");
    drop(host);
}

#[tokio::test]
async fn save_as_writes_the_exact_bytes_where_the_citizen_chose() {
    let (f, certificate) = anna_with_certificate().await;
    let (me, documents, client) = (me(&f).await, f.kabinet.documents(), f.client());
    let offer = client.documents().save_offer(certificate.number.clone()).await.unwrap().offer;
    assert_eq!(offer.file_name, "Справка о регистрации личного кабинета СРК-2026-000001.pdf");
    assert_eq!(offer.dialog_title, "Сохранить как…");

    let chosen = tempfile::tempdir().unwrap();
    let target = chosen.path().join(&offer.file_name);
    std::fs::write(&target, b"an older file with that name").unwrap();
    let shown = documents.save_copy(&me, &certificate.number, &target).await.unwrap();
    assert_eq!(shown, target.display().to_string());
    let saved = std::fs::read(&target).unwrap();
    assert_eq!(saved, documents.my_content(&me, &certificate.number).await.unwrap());
    assert_eq!(
        client.documents().verify_file(RawFile { bytes: &saved }).await.unwrap().status,
        VerificationStatus::Valid
    );

    let nowhere = chosen.path().join("missing-folder").join("x.pdf");
    let error = documents.save_copy(&me, &certificate.number, &nowhere).await.unwrap_err();
    assert_eq!(error.code, ErrorCode::Internal);
    assert!(error.message.starts_with("Не удалось записать файл"), "{}", error.message);
}
