//! Uploads: judged by content, 10 MiB at most, one profile scan of each kind, only the owner
//! sees a file, replace and delete leave no bytes, history rows for profile scans, and the bytes
//! never reach the disk in plaintext.

use crate::common::*;
use kabinet_core::api::Access;
use kabinet_core::contract::PageRequest;
use kabinet_core::uploads::types::{RawUpload, UploadId, UploadKind};
use kabinet_core::validate::{Invalid, MAX_SCAN_BYTES, ScanKind};
use kabinet_core::{ApiError, Authed, Client, ErrorCode, Field};
use sha2::{Digest, Sha256};
use time::Duration;

const PHONE: &str = "+79161112233";
const OTHER_PHONE: &str = "+79162223344";
const PNG_MAGIC: [u8; 8] = [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];

fn png(marker: &str) -> Vec<u8> {
    [&PNG_MAGIC[..], b"\0\0\0\rIHDR", marker.as_bytes()].concat()
}

async fn signed_in(kabinet: &Client<'_>, phone: &str) {
    kabinet.session().sign_out().await.ok();
    kabinet.session().sign_in(sign_in_request(phone, PASSWORD)).await.unwrap();
}

async fn citizen() -> Fixture {
    let f = fixture().await;
    register(&f.client(), PHONE).await;
    signed_in(&f.client(), PHONE).await;
    f
}

/// The caller's session as the file-changing commands resolve it (password within 10 minutes),
/// for the facade methods that are not commands (`upload`, `replace`).
async fn me(f: &Fixture) -> Authed {
    f.client().resolve_citizen(Access::Recent).await.unwrap()
}

fn refusal(error: &ApiError) -> (ErrorCode, Vec<(Field, Invalid)>) {
    (error.code, error.fields.iter().map(|e| (e.field, e.code)).collect())
}

#[tokio::test]
async fn the_content_decides_the_kind_not_the_name() {
    let f = citizen().await;
    let me = me(&f).await;
    let bytes = png("passport");
    let info =
        f.kabinet.uploads().upload(&me, UploadKind::PassportScan, "паспорт.pdf", &bytes).await.unwrap();
    assert_eq!((info.format, info.content_type.as_str()), (ScanKind::Png, "image/png"));
    assert_eq!(info.name, "паспорт.png");
    assert_eq!(info.size, bytes.len() as i64);
    assert_eq!(info.sha256, hex::encode(Sha256::digest(&bytes)));
    let pdf =
        f.kabinet.uploads().upload(&me, UploadKind::SnilsScan, "snils.png", b"%PDF-1.7\n%...").await.unwrap();
    assert_eq!((pdf.format, pdf.name.as_str()), (ScanKind::Pdf, "snils.pdf"));

    let text = f
        .kabinet
        .uploads()
        .upload(&me, UploadKind::PassportScan, "scan.png", b"just text")
        .await
        .unwrap_err();
    assert_eq!(refusal(&text), (ErrorCode::Validation, vec![(Field::PassportScan, Invalid::ScanType)]));
    assert_eq!(
        text.fields[0].message,
        "Скан паспорта: файл должен быть PDF, JPEG или PNG (проверяется содержимое, а не имя файла)"
    );
    let empty = f.kabinet.uploads().upload(&me, UploadKind::Other, "a.pdf", b"").await.unwrap_err();
    assert_eq!(refusal(&empty), (ErrorCode::Validation, vec![(Field::File, Invalid::ScanEmpty)]));
    let listed = f.client().uploads().list().await.unwrap();
    assert_eq!(
        listed.iter().map(|u| u.kind).collect::<Vec<_>>(),
        [UploadKind::PassportScan, UploadKind::SnilsScan]
    );
    assert_sealed_at_rest(&f, info.id, "паспорт.png", &bytes).await;
}

/// Issue 16: upload `id`'s stored name and bytes hold neither in the clear (on either engine),
/// yet open with the account's key at their place.
async fn assert_sealed_at_rest(f: &Fixture, id: i64, name: &str, bytes: &[u8]) {
    let pool = raw_pool(f.dir.path()).await;
    let keys = test_keys(f.dir.path());
    let sealer = account_sealer(&pool, &keys, account_of(&pool, &keys, PHONE).await).await.unwrap();
    let stored_name: String = kabinet_core::db::query_scalar("SELECT name FROM uploads WHERE id = ?")
        .bind(id)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert!(!stored_name.contains("паспорт"), "the name is stored in the clear: {stored_name}");
    assert_eq!(sealer.open("uploads.name", id, &stored_name).unwrap(), name);
    let stored: Vec<u8> =
        kabinet_core::db::query_scalar("SELECT bytes FROM upload_contents WHERE upload_id = ?")
            .bind(id)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert!(!stored.starts_with(&PNG_MAGIC), "the scan is stored in the clear");
    assert!(!stored.windows(8).any(|w| w == b"passport"), "the scan's marker is stored in the clear");
    assert_eq!(sealer.open_bytes("upload_contents.bytes", id, &stored).unwrap(), bytes);
}

#[tokio::test]
async fn exactly_ten_mebibytes_is_accepted_one_byte_more_is_not() {
    let f = citizen().await;
    let mut bytes = b"%PDF-1.4\n".to_vec();
    bytes.resize(10 * 1024 * 1024, b' ');
    assert_eq!(bytes.len(), MAX_SCAN_BYTES);
    let me = me(&f).await;
    let info = f.kabinet.uploads().upload(&me, UploadKind::SnilsScan, "snils.pdf", &bytes).await.unwrap();
    assert_eq!(info.size, 10_485_760);
    assert_eq!(f.client().uploads().content(UploadId { id: info.id }).await.unwrap().bytes, bytes);
    bytes.push(b' ');
    let error =
        f.kabinet.uploads().upload(&me, UploadKind::SnilsScan, "snils.pdf", &bytes).await.unwrap_err();
    assert_eq!(refusal(&error), (ErrorCode::Validation, vec![(Field::SnilsScan, Invalid::ScanTooLarge)]));
    assert_eq!(error.fields[0].message, "Скан СНИЛС: файл больше 10 МБ — уменьшите его");
    let listed = f.client().uploads().list().await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].id, info.id, "the refused file did not replace the stored one");
}

#[tokio::test]
async fn a_new_profile_scan_replaces_the_old_and_the_history_says_so() {
    let f = citizen().await;
    let me = me(&f).await;
    let (client, uploads) = (f.client(), f.kabinet.uploads());
    let first = uploads.upload(&me, UploadKind::PassportScan, "old.png", &png("one")).await.unwrap();
    let second = uploads
        .upload(&me, UploadKind::PassportScan, "new.jpg", &[0xFF, 0xD8, 0xFF, 0xE0, 1, 2])
        .await
        .unwrap();
    let listed = client.uploads().list().await.unwrap();
    assert_eq!(listed, std::slice::from_ref(&second));
    assert_eq!(
        client.uploads().content(UploadId { id: first.id }).await.unwrap_err().code,
        ErrorCode::NotFound
    );

    let third = uploads.replace(&me, second.id, "third.png", &png("three")).await.unwrap();
    assert_eq!((third.kind, third.name.as_str()), (UploadKind::PassportScan, "third.png"));
    assert_eq!(client.uploads().list().await.unwrap(), std::slice::from_ref(&third));
    assert_eq!(
        uploads.replace(&me, second.id, "x.png", &png("x")).await.unwrap_err().code,
        ErrorCode::NotFound
    );

    assert!(client.uploads().delete(UploadId { id: third.id }).await.unwrap().is_empty());
    assert_eq!(
        client.uploads().content(UploadId { id: third.id }).await.unwrap_err().code,
        ErrorCode::NotFound
    );
    assert_eq!(
        client.uploads().delete(UploadId { id: third.id }).await.unwrap_err().code,
        ErrorCode::NotFound
    );

    let history = client.profile().history(PageRequest { page: 1 }).await.unwrap();
    let scans: Vec<(Option<&str>, Option<&str>)> = history
        .changes
        .iter()
        .filter(|c| c.field == "passport_scan")
        .map(|c| (c.old_value.as_deref(), c.new_value.as_deref()))
        .collect();
    assert_eq!(
        scans,
        [
            (Some("third.png"), None),
            (Some("new.jpg"), Some("third.png")),
            (Some("old.png"), Some("new.jpg")),
            (None, Some("old.png"))
        ]
    );
    assert!(
        history.changes.iter().filter(|c| c.field == "passport_scan").all(|c| c.label == "Скан паспорта")
    );
}

#[tokio::test]
async fn other_documents_sit_side_by_side_and_are_replaced_by_number() {
    let f = citizen().await;
    let me = me(&f).await;
    let uploads = f.kabinet.uploads();
    let a = uploads.upload(&me, UploadKind::Other, "a.pdf", b"%PDF-1.7 a").await.unwrap();
    let b = uploads.upload(&me, UploadKind::Other, "b.pdf", b"%PDF-1.7 b").await.unwrap();
    let c = uploads.replace(&me, a.id, "c.png", &png("c")).await.unwrap();
    assert_eq!(c.kind, UploadKind::Other);
    let ids: Vec<i64> = f.client().uploads().list().await.unwrap().iter().map(|u| u.id).collect();
    assert_eq!(ids, [b.id, c.id]);
    let history = f.client().profile().history(PageRequest { page: 1 }).await.unwrap();
    assert!(history.changes.iter().all(|c| c.field != "other"), "other documents are not profile fields");
}

#[tokio::test]
async fn only_the_owner_sees_reads_replaces_or_deletes_a_file() {
    let f = citizen().await;
    let k = f.client();
    let mine = f
        .kabinet
        .uploads()
        .upload(&me(&f).await, UploadKind::PassportScan, "p.png", &png("mine"))
        .await
        .unwrap();
    let mine_id = UploadId { id: mine.id };
    register(&k, OTHER_PHONE).await;
    signed_in(&k, OTHER_PHONE).await;
    let uploads = k.uploads();
    assert!(uploads.list().await.unwrap().is_empty());
    assert_eq!(uploads.content(mine_id).await.unwrap_err().code, ErrorCode::NotFound);
    assert_eq!(
        f.kabinet.uploads().replace(&me(&f).await, mine.id, "p.png", &png("theirs")).await.unwrap_err().code,
        ErrorCode::NotFound
    );
    assert_eq!(uploads.delete(mine_id).await.unwrap_err().code, ErrorCode::NotFound);
    k.session().sign_out().await.unwrap();
    assert_eq!(k.uploads().list().await.unwrap_err().code, ErrorCode::NotSignedIn);
    assert_eq!(k.uploads().content(mine_id).await.unwrap_err().code, ErrorCode::NotSignedIn);
    signed_in(&k, PHONE).await;
    assert_eq!(k.uploads().content(mine_id).await.unwrap().bytes, png("mine"));
}

#[tokio::test]
async fn changing_files_needs_a_recent_password() {
    let f = citizen().await;
    let info =
        f.kabinet.uploads().upload(&me(&f).await, UploadKind::SnilsScan, "s.png", &png("s")).await.unwrap();
    f.clock.advance(Duration::minutes(11));
    let uploads = f.client().uploads();
    let reauth = ErrorCode::ReauthenticationRequired;
    let (t, id) = (png("t"), info.id.to_string());
    let upload =
        RawUpload { kind: Some("snils_scan"), name: Some("s.png"), bytes: Some(&t), ..RawUpload::default() };
    assert_eq!(uploads.put(upload).await.unwrap_err().code, reauth);
    let replace =
        RawUpload { replaces: Some(&id), name: Some("s.png"), bytes: Some(&t), ..RawUpload::default() };
    assert_eq!(uploads.put(replace).await.unwrap_err().code, reauth);
    assert_eq!(uploads.delete(UploadId { id: info.id }).await.unwrap_err().code, reauth);
    assert_eq!(uploads.list().await.unwrap().len(), 1, "reading stays open");
    assert_eq!(uploads.content(UploadId { id: info.id }).await.unwrap().bytes, png("s"));
}

#[tokio::test]
async fn raw_header_values_are_validated_by_the_core() {
    let f = citizen().await;
    let uploads = f.client().uploads();
    let bytes = png("raw");
    let raw = RawUpload {
        kind: Some("passport_scan"),
        replaces: None,
        name: Some("%D0%BF%D0%B0%D1%81%D0%BF%D0%BE%D1%80%D1%82.png"),
        bytes: Some(&bytes),
    };
    let info = uploads.put(raw).await.unwrap();
    assert_eq!((info.kind, info.name.as_str()), (UploadKind::PassportScan, "паспорт.png"));
    let id = info.id.to_string();
    let replaced = uploads
        .put(RawUpload {
            replaces: Some(&id),
            name: Some("again.png"),
            bytes: Some(&bytes),
            ..RawUpload::default()
        })
        .await
        .unwrap();
    assert_eq!((replaced.kind, replaced.name.as_str()), (UploadKind::PassportScan, "again.png"));
    let unknown =
        uploads.put(RawUpload { kind: Some("selfie"), bytes: Some(&bytes), ..RawUpload::default() });
    assert_eq!(
        refusal(&unknown.await.unwrap_err()),
        (ErrorCode::Validation, vec![(Field::File, Invalid::Format)])
    );
    let no_body = uploads.put(RawUpload { kind: Some("snils_scan"), ..RawUpload::default() });
    assert_eq!(
        refusal(&no_body.await.unwrap_err()),
        (ErrorCode::Validation, vec![(Field::SnilsScan, Invalid::ScanEmpty)])
    );
    let bad_id =
        uploads.put(RawUpload { replaces: Some("1 OR 1"), bytes: Some(&bytes), ..RawUpload::default() });
    assert_eq!(bad_id.await.unwrap_err().code, ErrorCode::NotFound);
}

#[tokio::test]
async fn the_bytes_are_not_in_the_files_in_plaintext() {
    crate::sqlite_only!();
    let f = citizen().await;
    let marker = "PLAINTEXT-SCAN-MARKER-7f3a9c".repeat(200);
    let bytes = png(&marker);
    f.kabinet
        .uploads()
        .upload(&me(&f).await, UploadKind::PassportScan, "marker-name.png", &bytes)
        .await
        .unwrap();
    let read = |name: &str| std::fs::read(f.dir.path().join(name)).unwrap_or_default();
    let on_disk = [read("kabinet.db"), read("kabinet.db-wal")].concat();
    assert!(on_disk.len() > bytes.len(), "the file is on disk, in some form");
    for needle in ["PLAINTEXT-SCAN-MARKER", "marker-name", "IHDR"] {
        assert!(!on_disk.windows(needle.len()).any(|w| w == needle.as_bytes()), "{needle} in plaintext");
    }
}

#[tokio::test]
async fn a_viewer_copy_is_private_and_only_the_owners() {
    let f = citizen().await;
    let pdf = b"%PDF-1.7\nscan of the passport".to_vec();
    let info = f
        .kabinet
        .uploads()
        .upload(&me(&f).await, UploadKind::PassportScan, "паспорт.pdf", &pdf)
        .await
        .unwrap();
    let copy = f.client().uploads().viewer_copy(UploadId { id: info.id }).await.unwrap();
    let path = f.kabinet.documents().write_viewer_copy(copy).await.unwrap();
    assert_eq!(path, f.dir.path().join("viewer").join("паспорт.pdf"));
    assert_eq!(std::fs::read(&path).unwrap(), pdf);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
    }
    register(&f.client(), OTHER_PHONE).await;
    signed_in(&f.client(), OTHER_PHONE).await;
    assert_eq!(
        f.client().uploads().viewer_copy(UploadId { id: info.id }).await.unwrap_err().code,
        ErrorCode::NotFound
    );
}
