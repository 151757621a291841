//! All a citizen takes away: the documents ZIP (manifest hashes match the files; cancel leaves
//! nothing), «Выгрузить мои данные» as JSON valid against the committed JSON Schema and as XML
//! valid against the XSD (`xmllint --schema`), each carrying every profile field and every
//! application number, and the history and extract PDFs saved where asked.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::common::*;
use kabinet_core::api::Access;
use kabinet_core::applications::types::{CancelApplication, SubmitApplication};
use kabinet_core::contract::ProfileUpdate;
use kabinet_core::export::types::DataFormat;
use kabinet_core::uploads::types::UploadKind;
use kabinet_core::{Authed, ErrorCode};
use sha2::{Digest, Sha256};

const PHONE: &str = "+79161112233";
const PNG: [u8; 16] = [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, b'I', b'H', b'D', b'R'];

fn repo_file(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(relative)
}

/// A citizen with a full profile, two applications (one cancelled), a scan, a receipt and a
/// certificate: every folder of the archive and every part of the export has something in it.
async fn citizen() -> (Fixture, Vec<String>) {
    let f = fixture().await;
    register(&f.client(), PHONE).await;
    f.client().session().sign_in(sign_in_request(PHONE, PASSWORD)).await.unwrap();
    f.client().profile().send_save_code().await.unwrap();
    let code = code_for(&f.kabinet, PHONE).await;
    f.client().profile().save(profile(code)).await.unwrap();
    let mut numbers = Vec::new();
    for service in ["pension", "pension"] {
        let fields: BTreeMap<String, String> =
            [("snils", "112-233-445 95"), ("request", "Назначение пенсии")]
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect();
        let request = SubmitApplication { service: service.into(), fields };
        numbers.push(f.client().applications().submit(request).await.unwrap().summary.number);
    }
    let cancel =
        CancelApplication { number: numbers[1].clone(), reason: "Подала по ошибке".into() };
    f.client().applications().cancel(cancel).await.unwrap();
    let me = me(&f).await;
    f.kabinet.uploads().upload(&me, UploadKind::PassportScan, "паспорт.png", &PNG).await.unwrap();
    f.client().documents().issue_registration_certificate().await.unwrap();
    (f, numbers)
}

/// The test's citizen as the export and upload calls take it (the password just entered).
async fn me(f: &Fixture) -> Authed {
    f.client().resolve_citizen(Access::Recent).await.unwrap()
}

/// The value of a future that is ready at once (the cancel flag is set without waiting), from
/// inside the synchronous progress callback.
fn at_once<T>(future: impl std::future::Future<Output = T>) -> T {
    let mut context = std::task::Context::from_waker(std::task::Waker::noop());
    match std::future::Future::poll(std::pin::pin!(future), &mut context) {
        std::task::Poll::Ready(value) => value,
        std::task::Poll::Pending => panic!("the call was expected to finish at once"),
    }
}

fn profile(code: kabinet_core::contract::Secret) -> ProfileUpdate {
    anna_profile(code)
}

/// Every profile value as stored, for «appears in the export».
const PROFILE_VALUES: [&str; 12] = [
    "Ёлкина-Соколова",
    "Анна",
    "Сергеевна",
    "05.03.1990",
    "Ж",
    "11223344595",
    "500100732259",
    "4508123456",
    "12.04.2010",
    "ОВД района Хамовники г. Москвы",
    "770-001",
    "г. Москва, ул. Льва Толстого, д. 16",
];

#[test]
fn the_committed_json_schema_is_the_one_the_code_generates() {
    let path = repo_file("docs/export/kabinet-export.schema.json");
    let generated = kabinet_core::export::json_schema();
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(committed == generated, "run UPDATE_SCHEMA=1 cargo test -p kabinet-core --test core export::");
}

#[tokio::test]
async fn the_json_export_validates_and_holds_every_field_and_application() {
    let (f, numbers) = citizen().await;
    let out = f.dir.path().join("данные.json");
    let done = f.kabinet.exports().personal_data(&me(&f).await, DataFormat::Json, &out).await.unwrap();
    let text = std::fs::read_to_string(&out).unwrap();
    assert_eq!(done.bytes, text.len() as u64);
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo_file("docs/export/kabinet-export.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator.iter_errors(&value).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    for needle in PROFILE_VALUES.iter().copied().chain(numbers.iter().map(String::as_str)) {
        assert!(text.contains(&format!("\"{needle}\"")), "{needle} is in the JSON");
    }
    assert_eq!(value["applications"].as_array().unwrap().len(), 2);
    assert_eq!(value["uploads"][0]["kind"], "passport_scan");
    assert!(value["access_journal"].as_array().is_some_and(|j| !j.is_empty()));
}

#[tokio::test]
async fn the_xml_export_validates_against_the_xsd_and_holds_every_field() {
    let (f, numbers) = citizen().await;
    let out = f.dir.path().join("данные.xml");
    f.kabinet.exports().personal_data(&me(&f).await, DataFormat::Xml, &out).await.unwrap();
    let checked = std::process::Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(repo_file("docs/export/kabinet-export.xsd"))
        .arg(&out)
        .output()
        .expect("xmllint (libxml2-utils) is installed");
    assert!(checked.status.success(), "{}", String::from_utf8_lossy(&checked.stderr));
    let text = std::fs::read_to_string(&out).unwrap();
    for needle in PROFILE_VALUES.iter().copied().chain(numbers.iter().map(String::as_str)) {
        assert!(text.contains(&format!(">{needle}<")), "{needle} is in the XML");
    }
}

#[tokio::test]
async fn the_zip_holds_every_document_and_the_manifest_hashes_match() {
    let (f, _) = citizen().await;
    let out = f.dir.path().join("документы.zip");
    let mut seen = Vec::new();
    let done = f.kabinet.exports().documents_zip(&me(&f).await, &out, |p| seen.push(p)).await.unwrap();
    assert_eq!(done.files, 2, "the certificate and the scan");
    let last = seen.last().unwrap();
    assert_eq!((last.done, last.total), (2, 2));
    assert_eq!(last.bytes_done, last.bytes_total);
    assert!(!out.with_file_name("документы.zip.part").exists());

    let mut archive = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    let mut manifest = String::new();
    archive.by_name("manifest.json").unwrap().read_to_string(&mut manifest).unwrap();
    let manifest: serde_json::Value = serde_json::from_str(&manifest).unwrap();
    let files = manifest["files"].as_array().unwrap();
    assert_eq!(files.len(), 2);
    for file in files {
        let mut bytes = Vec::new();
        archive.by_name(file["path"].as_str().unwrap()).unwrap().read_to_end(&mut bytes).unwrap();
        assert_eq!(file["sha256"], hex::encode(Sha256::digest(&bytes)));
        assert_eq!(file["size"], bytes.len());
    }
    assert!(files.iter().any(|f| f["path"].as_str().unwrap().starts_with("Документы/СРК-2026-")));
    assert!(files.iter().any(|f| f["path"] == "Загрузки/1 паспорт.png"));
}

#[tokio::test]
async fn a_cancelled_zip_leaves_no_file_and_a_new_one_can_start() {
    let (f, _) = citizen().await;
    let out = f.dir.path().join("документы.zip");
    let exports = f.kabinet.exports();
    let me = me(&f).await;
    let error = exports
        .documents_zip(&me, &out, |p| {
            if p.done == 1 {
                at_once(exports.cancel(&me)).unwrap()
            }
        })
        .await
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::Cancelled);
    assert!(!out.exists());
    assert!(!out.with_file_name("документы.zip.part").exists());
    f.kabinet.exports().documents_zip(&me, &out, |_| ()).await.unwrap();
    assert!(out.exists());
}

#[tokio::test]
async fn an_unwritable_place_is_a_save_error_and_the_pdfs_are_real_documents() {
    let (f, numbers) = citizen().await;
    let nowhere = f.dir.path().join("нет такой папки").join("история.pdf");
    let error = f.kabinet.exports().history_pdf(&me(&f).await, &nowhere).await.unwrap_err();
    assert_eq!(error.code, ErrorCode::SaveFailed);

    let history = f.dir.path().join("история.pdf");
    f.kabinet.exports().history_pdf(&me(&f).await, &history).await.unwrap();
    let extract = f.dir.path().join("выписка.pdf");
    f.kabinet.exports().personal_data(&me(&f).await, DataFormat::Pdf, &extract).await.unwrap();
    let text = pdftotext(&history);
    for number in &numbers {
        assert!(text.contains(number.as_str()), "{number} in the history PDF");
    }
    assert!(text.contains("Отменено"));
    let text = pdftotext(&extract);
    for needle in ["Ёлкина-Соколова", "112-233-445 95", "500100732259", "770-001"] {
        assert!(text.contains(needle), "{needle} in the extract:\n{text}");
    }
    for file in [&history, &extract] {
        let verdict = f.kabinet.documents().verify(&std::fs::read(file).unwrap()).await.unwrap();
        assert_eq!(serde_json::to_value(verdict.status).unwrap(), "valid");
    }
}

fn pdftotext(path: &Path) -> String {
    let out = std::process::Command::new("pdftotext").arg("-layout").arg(path).arg("-").output().unwrap();
    String::from_utf8(out.stdout).unwrap()
}
