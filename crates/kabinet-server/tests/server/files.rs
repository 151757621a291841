//! The `shell` entries over the server: the core does its part there and hands over the file
//! (the app here opens, prints or saves it). A document comes back as the registry's own bytes
//! (the registry recognises them), a save asks for the dialog's words first, an export is
//! streamed from the spool and leaves nothing there, a day's batch is composed and audited, and
//! nobody gets a file that is not theirs.

use serde_json::{Value, json};

use crate::common::*;

const PHONE: &str = "+79161112233";
const OTHER: &str = "+79161112244";

/// What a file call answered.
#[derive(Debug)]
struct File {
    status: u16,
    name: String,
    count: Option<u32>,
    bytes: Vec<u8>,
}

async fn file(api: &Api, name: &str, token: &str, args: Value) -> File {
    let response = api
        .http
        .post(format!("{}/api/v1/{name}", api.base))
        .header("authorization", format!("Bearer {token}"))
        .body(args.to_string())
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let header = |n: &str| response.headers().get(n).map(|v| v.to_str().unwrap().to_owned());
    let name = header("kabinet-file-name").map(|n| decode(&n)).unwrap_or_default();
    let count = header("kabinet-file-count").map(|c| c.parse().unwrap());
    let bytes = response.bytes().await.unwrap().to_vec();
    File { status, name, count, bytes }
}

fn decode(text: &str) -> String {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            out.push(u8::from_str_radix(&text[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

/// The files left in the server's spool folders (every server of this test's directory).
fn spooled(db: &Db) -> Vec<std::path::PathBuf> {
    let mut left = Vec::new();
    for entry in std::fs::read_dir(db.dir.path()).unwrap().flatten() {
        if let Ok(files) = std::fs::read_dir(entry.path().join("spool")) {
            left.extend(files.flatten().map(|f| f.path()));
        }
    }
    left
}

#[tokio::test]
async fn a_citizens_document_is_handed_over_as_the_registrys_bytes_and_only_to_its_owner() {
    let db = database().await;
    let server = start(&db, &[]).await;
    let api = Api::new(&server);
    api.register(&db, PHONE).await;
    let token = api.sign_in(PHONE).await;
    let issued = api.call("documents_issue_registration_certificate", Some(&token), json!({})).await;
    assert_eq!(issued.status, 200, "{issued:?}");
    let number = issued.body["number"].as_str().unwrap().to_owned();

    let opened = file(&api, "documents_open", &token, json!({"number": number})).await;
    assert_eq!(opened.status, 200, "{:?}", String::from_utf8_lossy(&opened.bytes));
    assert_eq!(opened.name, format!("Справка о регистрации личного кабинета {number}.pdf"));
    assert_eq!(opened.count, Some(1));
    assert!(opened.bytes.starts_with(b"%PDF-"), "a PDF");
    let checked = api.send("documents_verify_file", None, opened.bytes.clone(), &[]).await;
    assert_eq!(checked.body["status"], "valid", "the registry's own document: {checked:?}");

    let printed = file(&api, "documents_print", &token, json!({"number": number})).await;
    assert_eq!((printed.status, &printed.name), (200, &opened.name));
    assert_eq!(printed.bytes, opened.bytes, "the same document to the printer");

    // A save: the dialog's words first, then the file.
    let offer = api.call("documents_save_as/offer", Some(&token), json!({"number": number})).await;
    assert_eq!(offer.status, 200, "{offer:?}");
    assert_eq!(offer.body["file_name"].as_str(), Some(opened.name.as_str()));
    assert_eq!(offer.body["extension"], "pdf");
    let saved = file(&api, "documents_save_as", &token, json!({"number": number})).await;
    assert_eq!(saved.bytes, opened.bytes);

    // Only a save has words for a dialog; a JSON command has no offer at all.
    let none = api.call("documents_open/offer", Some(&token), json!({"number": number})).await;
    assert_eq!((none.status, none.code()), (404, "not_found"), "{none:?}");
    let json_offer = api.call("profile_get/offer", Some(&token), json!({})).await;
    assert_eq!((json_offer.status, json_offer.code()), (404, "not_found"), "{json_offer:?}");

    // Nobody else's, and nobody's without a session.
    let anonymous = api.call("documents_open", None, json!({"number": number})).await;
    assert_eq!((anonymous.status, anonymous.code()), (401, "not_signed_in"));
    api.register(&db, OTHER).await;
    let other = api.sign_in(OTHER).await;
    let stranger = file(&api, "documents_open", &other, json!({"number": number})).await;
    assert_eq!(stranger.status, 404, "{}", String::from_utf8_lossy(&stranger.bytes));
    assert!(stranger.name.is_empty() && !stranger.bytes.starts_with(b"%PDF"));
    let bad = api.call("documents_open", Some(&token), json!({"number": 5})).await;
    assert_eq!((bad.status, bad.code()), (422, "validation"), "{bad:?}");
}

#[tokio::test]
async fn exports_stream_from_the_spool_and_leave_nothing_there() {
    let db = database().await;
    let server = start(&db, &[]).await;
    let api = Api::new(&server);
    api.register(&db, PHONE).await;
    let token = api.sign_in(PHONE).await;
    let issued = api.call("documents_issue_registration_certificate", Some(&token), json!({})).await;
    assert_eq!(issued.status, 200, "{issued:?}");

    let args = json!({"request": {"format": "json"}});
    let offer = api.call("exports_personal_data/offer", Some(&token), args.clone()).await;
    assert_eq!((offer.status, offer.body["extension"].as_str()), (200, Some("json")), "{offer:?}");
    let data = file(&api, "exports_personal_data", &token, args).await;
    assert_eq!(data.status, 200, "{:?}", String::from_utf8_lossy(&data.bytes));
    assert_eq!(data.name, offer.body["file_name"].as_str().unwrap());
    let exported: Value = serde_json::from_slice(&data.bytes).unwrap();
    assert!(exported.to_string().contains("Ёлкина-Соколова"), "the citizen's own data");

    let zip = file(&api, "exports_documents_zip", &token, json!({})).await;
    assert_eq!(zip.status, 200, "{:?}", String::from_utf8_lossy(&zip.bytes));
    assert!(zip.bytes.starts_with(b"PK\x03\x04"), "a ZIP");
    assert_eq!(zip.count, Some(1), "the one certificate");
    assert!(zip.name.ends_with(".zip"), "{}", zip.name);
    assert!(spooled(&db).is_empty(), "sent files leave the spool: {:?}", spooled(&db));
}

#[tokio::test]
async fn the_desk_saves_a_citizens_document_and_composes_the_days_batch_audited() {
    let db = database().await;
    let server = start(&db, &[]).await;
    let api = Api::new(&server);
    let account = api.register(&db, PHONE).await;
    let token = api.sign_in(PHONE).await;
    let issued = api.call("documents_issue_registration_certificate", Some(&token), json!({})).await;
    let number = issued.body["number"].as_str().unwrap().to_owned();
    let operator = api.staff_desk(&db, "o.petrova", "operator").await;
    let find = json!({"request": {"query": account, "purpose": "citizen_request"}});
    assert_eq!(api.call("staff_find_citizen", Some(&operator), find).await.status, 200);

    let request = json!({"request": {"account_number": account, "number": number}});
    let offer = api.call("desk_save_document/offer", Some(&operator), request.clone()).await;
    assert_eq!(offer.status, 200, "{offer:?}");
    let saved = file(&api, "desk_save_document", &operator, request.clone()).await;
    assert!(saved.bytes.starts_with(b"%PDF-"), "{}", String::from_utf8_lossy(&saved.bytes));
    let as_citizen = file(&api, "desk_save_document", &token, request).await;
    assert_eq!(as_citizen.status, 401, "a citizen's token is no staff session");

    let today = time::OffsetDateTime::now_utc().date();
    let day = format!("{:02}.{:02}.{}", today.day(), u8::from(today.month()), today.year());
    let batch = file(&api, "printing_print_day", &operator, json!({"request": {"day": day}})).await;
    assert_eq!(batch.status, 200, "{}", String::from_utf8_lossy(&batch.bytes));
    assert!(batch.bytes.starts_with(b"%PDF-"));
    assert!(batch.name.contains(&day), "{}", batch.name);
    let print_offer =
        api.call("printing_print_day/offer", Some(&operator), json!({"request": {"day": day}})).await;
    assert_eq!(print_offer.status, 404, "printing has no save dialog: {print_offer:?}");
    let slip_offer = api
        .call("desk_identity_slip/offer", Some(&operator), json!({"request": {"account_number": account}}))
        .await;
    assert_eq!(slip_offer.status, 404, "a slip has no save dialog: {slip_offer:?}");

    let query = kabinet_core::api::prelude::AuditQuery { page: 1, ..Default::default() };
    let audit = db.machine().audit().page(query).await.unwrap();
    let actions: Vec<String> = audit.rows.iter().map(|row| row.action.clone()).collect();
    assert!(actions.contains(&"document_saved".to_owned()), "{actions:?}");
    assert!(actions.contains(&"day_batch_printed".to_owned()), "{actions:?}");
    assert!(
        !actions.contains(&"identity_code_issued".to_owned()),
        "asking a print for dialog words issues no code: {actions:?}"
    );
    assert_eq!(
        actions.iter().filter(|a| *a == "document_saved").count(),
        1,
        "the offer audits nothing; the file once: {actions:?}"
    );
}
