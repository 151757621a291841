//! Purge at day 90: a second account, with a full profile, an e-mail, a scan, an application, a
//! paid debt with its receipt, documents and a viewer copy, is closed through «Закрыть профиль»
//! and purged. Then every page of the database and of the WAL is decrypted with the key from the
//! keyring — free pages included; the page format is described in `sqlcipher/mod.rs` — and none
//! holds its phone, surname, passport number, СНИЛС or any other value it typed, nor does any
//! other file under the data directory; the first account's data is still found in those pages
//! (and the second account's was, before the purge), so the search can fail. The tombstone keeps
//! only keyed HMACs, the certificate is registered once — also across a crash between its issue
//! and the deletion — and the same phone registers again. Before the purge, registration names
//! the restoration and purge dates.

use std::collections::BTreeMap;
use std::path::Path;

use crate::common::*;
use crate::sqlcipher;
use hmac::{Hmac, Mac};
use kabinet_core::api::Access;
use kabinet_core::applications::types::{
    CancelApplication, DebtKind, DebtRequest, NewDebt, SubmitApplication,
};
use kabinet_core::closure::purge::{EMAIL_KIND, IdentifierKind, identifier_hmac};
use kabinet_core::closure::types::ClosureSubmit;
use kabinet_core::contract::{
    ContactChangeConfirm, ContactChangeRequest, ContactKind, ProfileUpdate, SendCodeRequest,
};
use kabinet_core::documents::ClosureReason;
use kabinet_core::staff::desk::ReceiptDecision;
use kabinet_core::uploads::types::{UploadId, UploadKind};
use kabinet_core::validate::Invalid;
use kabinet_core::{Caller, Client, ErrorCode, Field, Kabinet};
use time::Duration;

const A_PHONE: &str = "+79161112233";
const A_SURNAME: &str = "Ёлкина-Соколова";
const B_PHONE: &str = "+79165554433";
const B_SURNAME: &str = "Пургина";
const B_EMAIL: &str = "Purgina.B@Example.RU";
const B_PASSPORT: &str = "45 11 654321";
const B_SNILS: &str = "287-654-193 30";
const SCAN_MARKER: &str = "SCAN-OF-B-7F3K9Q";
const RECEIPT_MARKER: &str = "RECEIPT-OF-B-2M8X4Z";
const REASON_MARKER: &str = "Переезжаю, метка 5R7T";

/// What B typed, in the forms the database keeps them (searched before and after the purge).
const B_STORED: [&str; 9] = [
    B_PHONE,
    B_SURNAME,
    "4511654321",
    "28765419330",
    "purgina.b@example.ru",
    SCAN_MARKER,
    RECEIPT_MARKER,
    REASON_MARKER,
    B_PASSPORT,
];

/// B's phone, surname, passport, СНИЛС and e-mail as typed: sealed, so never in a page or a row
/// in the clear, before the purge or after it.
const B_SEALED: [&str; 5] = [B_PHONE, B_SURNAME, "4511654321", "28765419330", "purgina.b@example.ru"];

/// Other spellings that must not be left anywhere either.
const B_VARIANTS: [&str; 6] = ["9165554433", "ПУРГИНА", "пургина", "Purgina.B@", B_SNILS, "287-654-193"];

fn profile_update(
    surname: &str,
    snils: &str,
    passport: &str,
    code: kabinet_core::contract::Secret,
) -> ProfileUpdate {
    ProfileUpdate {
        surname: surname.into(),
        given_name: "Анна".into(),
        patronymic: Some("Сергеевна".into()),
        birth_date: "05.03.1990".into(),
        gender: "Ж".into(),
        snils: Some(snils.into()),
        inn: None,
        passport_number: Some(passport.into()),
        passport_issue_date: Some("12.04.2010".into()),
        passport_issued_by: Some("ОВД района Хамовники г. Москвы".into()),
        division_code: Some("770-001".into()),
        address: Some("г. Москва, ул. Льва Толстого, д. 16".into()),
        code,
    }
}

async fn sign_in(kabinet: &Client<'_>, phone: &str) {
    kabinet.session().sign_out().await.ok();
    kabinet.session().sign_in(sign_in_request(phone, PASSWORD)).await.unwrap();
}

/// A with a profile (passport and СНИЛС), signed out.
pub(crate) async fn citizen_a(f: &Fixture) {
    register(&f.client(), A_PHONE).await;
    sign_in(&f.client(), A_PHONE).await;
    f.client().profile().send_save_code().await.unwrap();
    let code = code_for(&f.kabinet, A_PHONE).await;
    f.client()
        .profile()
        .save(profile_update(A_SURNAME, "112-233-445 95", "45 08 123456", code))
        .await
        .unwrap();
    f.client().session().sign_out().await.unwrap();
}

/// Registers B (surname Пургина) and signs in; returns the account number.
pub(crate) async fn citizen_b(f: &Fixture) -> String {
    let ticket = confirm_phone(&f.client(), B_PHONE).await;
    let mut draft = full_draft(ticket);
    draft.surname = Some(B_SURNAME.into());
    let number = f.client().registration().complete(draft).await.unwrap().account_number;
    sign_in(&f.client(), B_PHONE).await;
    number
}

/// B's profile, confirmed e-mail, scan (large enough for overflow pages) and its viewer copy, a
/// registration certificate, a cancelled application and a debt paid with a receipt.
pub(crate) async fn fill_b(f: &Fixture, number: &str) {
    let k = f.client();
    profile_and_email_b(&k).await;
    let scan = [b"%PDF-1.4\n".as_slice(), SCAN_MARKER.repeat(1500).as_bytes()].concat();
    let me = k.resolve_citizen(Access::Recent).await.unwrap();
    let upload =
        f.kabinet.uploads().upload(&me, UploadKind::PassportScan, "паспорт.pdf", &scan).await.unwrap();
    let copy = k.uploads().viewer_copy(UploadId { id: upload.id }).await.unwrap();
    assert!(f.kabinet.documents().write_viewer_copy(copy).await.unwrap().exists());
    k.documents().issue_registration_certificate().await.unwrap();
    application(&k).await;
    debt(&k, number).await;
}

/// B's profile with passport and СНИЛС, and B's confirmed e-mail.
async fn profile_and_email_b(k: &Client<'_>) {
    k.profile().send_save_code().await.unwrap();
    let code = code_for(k, B_PHONE).await;
    k.profile().save(profile_update(B_SURNAME, B_SNILS, B_PASSPORT, code)).await.unwrap();
    let email = ContactChangeRequest { kind: ContactKind::Email, value: B_EMAIL.into() };
    k.profile().change_contact_start(email).await.unwrap();
    let code = code_for(k, B_EMAIL).await;
    let confirm = ContactChangeConfirm { kind: ContactKind::Email, value: B_EMAIL.into(), code };
    k.profile().change_contact_confirm(confirm).await.unwrap();
}

async fn application(k: &Client<'_>) {
    let fields: BTreeMap<String, String> = [
        ("surname", B_SURNAME),
        ("given_name", "Анна"),
        ("birth_date", "05.03.1990"),
        ("passport", B_PASSPORT),
        ("term", "5 лет"),
    ]
    .into_iter()
    .map(|(key, value)| (key.to_owned(), value.to_owned()))
    .collect();
    let request = SubmitApplication { service: "passport_foreign".into(), fields };
    let submitted = k.applications().submit(request).await.unwrap();
    let cancel =
        CancelApplication { number: submitted.summary.number, reason: "Передумала".into() };
    k.applications().cancel(cancel).await.unwrap();
}

async fn debt(k: &Client<'_>, number: &str) {
    let new = NewDebt {
        account_number: number.into(),
        kind: DebtKind::Fine,
        agency: "Госавтоинспекция".into(),
        purpose: "Постановление 18810177260000000002".into(),
        amount: "500".into(),
        due_date: "20.12.2026".into(),
    };
    let added = machine(k).desk().add_debt(new).await.unwrap();
    let png =
        [&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A][..], b"\0\0\0\rIHDR", RECEIPT_MARKER.as_bytes()]
            .concat();
    let receipt = kabinet_core::debts::Receipt { name: "чек.png".into(), bytes: png };
    let me = k.resolve_citizen(Access::Citizen).await.unwrap();
    k.kabinet().debts().claim_receipt(&me, DebtRequest { id: added.id }, receipt).await.unwrap();
    machine(k)
        .desk()
        .decide_receipt(ReceiptDecision { id: added.id, accept: true, comment: None })
        .await
        .unwrap();
}

/// «Закрыть профиль» for the signed-in B, closed by the scheduler 24 hours later; signs out.
pub(crate) async fn close_b(f: &Fixture) {
    let k = f.client();
    f.clock.advance(Duration::seconds(61));
    k.closure().send_code().await.unwrap();
    let code = code_for(&k, B_PHONE).await;
    let form = ClosureSubmit {
        reason: ClosureReason::Other,
        reason_text: Some(REASON_MARKER.into()),
        password: PASSWORD.into(),
        code,
        consent: true,
    };
    k.closure().submit(form).await.unwrap();
    k.session().sign_out().await.unwrap();
    f.clock.advance(Duration::hours(25));
    assert_eq!(k.run_jobs().await.unwrap().closed, 1);
}

async fn closed_b(f: &Fixture) -> String {
    let number = citizen_b(f).await;
    close_b(f).await;
    number
}

/// The database as someone with its key (or the PostgreSQL password) reads it, for facts no API
/// shows.
async fn raw(dir: &Path) -> kabinet_core::db::Pool {
    raw_pool(dir).await
}

async fn count(conn: &kabinet_core::db::Pool, sql: &'static str) -> i64 {
    kabinet_core::db::query_scalar(sql).fetch_one(conn).await.unwrap()
}

/// The stored (sealed) forms of the surname and the phone of the account holding `phone`.
async fn sealed_forms(dir: &Path, phone: &str) -> Vec<String> {
    let pool = raw(dir).await;
    let id = account_of(&pool, &test_keys(dir), phone).await;
    let (surname, sealed_phone): (String, String) = kabinet_core::db::query_as(
        "SELECT a.surname, i.value FROM accounts a JOIN identifiers i ON i.account_id = a.id AND i.kind = 'phone' \
         WHERE a.id = ?",
    )
    .bind(id)
    .fetch_one(&pool)
    .await
    .unwrap();
    pool.close().await;
    vec![surname, sealed_phone]
}

/// A's rows open with A's key, which B's purge left: A's surname, passport and СНИЛС read back.
/// (Through the database, not a sign-in: 90 days on, A's password has expired.)
async fn a_reads_back(f: &Fixture) {
    let pool = raw(f.dir.path()).await;
    let keys = test_keys(f.dir.path());
    let id = account_of(&pool, &keys, A_PHONE).await;
    let key = account_sealer(&pool, &keys, id).await.expect("A's key is kept");
    let (surname, passport, snils): (String, String, String) = kabinet_core::db::query_as(
        "SELECT a.surname, p.passport_number, i.value FROM accounts a JOIN profiles p ON p.account_id = a.id \
         JOIN identifiers i ON i.account_id = a.id AND i.kind = 'snils' WHERE a.id = ?",
    )
    .bind(id)
    .fetch_one(&pool)
    .await
    .unwrap();
    pool.close().await;
    assert_eq!(key.open("accounts.surname", id, &surname).unwrap(), A_SURNAME);
    assert_eq!(key.open("profiles.passport_number", id, &passport).unwrap(), "4508123456");
    assert_eq!(key.open("identifiers.value", "snils", &snils).unwrap(), "11223344595");
}

/// Which of `needles` occur in a decrypted page of the database or the WAL.
fn in_pages(dir: &Path, needles: &[&str]) -> Vec<String> {
    let pages = sqlcipher::pages(dir, &sqlcipher::key(dir));
    assert!(pages.len() > 10, "a real database: {} pages", pages.len());
    needles
        .iter()
        .filter_map(|needle| {
            let mut found = pages.iter().filter(|p| sqlcipher::contains(&p.plain, needle.as_bytes()));
            let where_: Vec<String> =
                found.by_ref().map(|p| format!("{} page {}", p.file, p.number)).collect();
            (!where_.is_empty()).then(|| format!("{needle} in {}", where_.join(", ")))
        })
        .collect()
}

/// Which of `needles` occur in any file under the data directory, read as it is.
fn in_files(dir: &Path, needles: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(path) = stack.pop() {
        if path.is_dir() {
            stack.extend(std::fs::read_dir(&path).unwrap().map(|entry| entry.unwrap().path()));
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        for needle in needles.iter().filter(|n| sqlcipher::contains(&bytes, n.as_bytes())) {
            found.push(format!("{needle} in {}", path.display()));
        }
    }
    found
}

fn hmac(key: &[u8], prefix: &str, value: &str) -> Vec<u8> {
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(key).unwrap();
    mac.update(format!("{prefix}\0{value}").as_bytes());
    mac.finalize().into_bytes().to_vec()
}

#[tokio::test]
async fn a_purged_account_is_in_no_decrypted_page_nor_any_file_and_its_phone_registers_again() {
    crate::sqlite_only!();
    let f = fixture().await;
    citizen_a(&f).await;
    let number = citizen_b(&f).await;
    fill_b(&f, &number).await;
    close_b(&f).await;

    // B's identity is sealed under B's key (issue 16): not in any page even before the purge,
    // while its sealed forms are — the proof that the search finds what is there.
    let sealed_b = sealed_forms(f.dir.path(), B_PHONE).await;
    let before = in_pages(f.dir.path(), &sealed_b.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(before.len(), sealed_b.len(), "B's sealed values are stored before the purge: {before:?}");
    assert!(before.iter().any(|found| found.contains("kabinet.db-wal")), "the WAL is read too: {before:?}");
    assert_eq!(
        in_pages(f.dir.path(), &B_SEALED),
        Vec::<String>::new(),
        "B's identity is never stored in the clear"
    );
    let sealed_a = sealed_forms(f.dir.path(), A_PHONE).await;
    assert!(in_files(f.dir.path(), &[SCAN_MARKER]).is_empty(), "sign-out removed the viewer copy");
    // A copy a viewer kept open (Windows) outlives that removal: the purge must still find it.
    let scan = [b"%PDF-1.4\n".as_slice(), SCAN_MARKER.repeat(1500).as_bytes()].concat();
    std::fs::write(f.dir.path().join("viewer").join("паспорт.pdf"), scan).unwrap();
    assert!(!in_files(f.dir.path(), &[SCAN_MARKER]).is_empty(), "the viewer copy holds the scan");

    f.clock.advance(Duration::days(90));
    assert_eq!(f.kabinet.purge_due().await.unwrap(), 1);
    assert_eq!(f.kabinet.purge_due().await.unwrap(), 0, "a second run does nothing");
    let certificate = certificate_sent(&f, &number).await;

    let all: Vec<&str> = B_STORED.iter().chain(&B_VARIANTS).copied().collect();
    let after: Vec<&str> = all.iter().copied().filter(|n| !n.to_lowercase().contains("purgina.b@")).collect();
    assert_eq!(in_pages(f.dir.path(), &after), Vec::<String>::new(), "open, right after the purge");
    let sealed_b: Vec<&str> = sealed_b.iter().map(String::as_str).collect();
    assert_eq!(in_pages(f.dir.path(), &sealed_b), Vec::<String>::new(), "not even B's ciphertext is left");
    let wal = std::fs::metadata(f.dir.path().join("kabinet.db-wal")).unwrap();
    assert_eq!(wal.len(), 0, "the WAL is checkpointed and cut to nothing");
    let free = sqlcipher::free_pages(&sqlcipher::pages(f.dir.path(), &sqlcipher::key(f.dir.path()))[0].plain);
    assert!(free > 5, "the scan's freed overflow pages are in the file, and were searched: {free}");
    let sealed_a: Vec<&str> = sealed_a.iter().map(String::as_str).collect();
    assert_eq!(in_pages(f.dir.path(), &sealed_a).len(), sealed_a.len(), "A's sealed rows are intact");
    a_reads_back(&f).await;
    tombstone_holds_hmacs(&f, &number, &certificate).await;
    sign_in(&f.client(), A_PHONE).await;
    assert!(std::fs::metadata(f.dir.path().join("kabinet.db-wal")).unwrap().len() > 0, "new WAL frames");
    assert_eq!(in_pages(f.dir.path(), &after), Vec::<String>::new(), "WAL frames written after the purge");

    f.clock.advance(Duration::days(8));
    assert_eq!(f.kabinet.purge_due().await.unwrap(), 0);
    assert!(f.kabinet.outbox().last_for(B_EMAIL).await.unwrap().is_none(), "the sent e-mail is swept");
    let f = reopened(f).await;
    assert_eq!(in_pages(f.dir.path(), &all), Vec::<String>::new(), "closed, after the sweep");
    assert_eq!(in_files(f.dir.path(), &all), Vec::<String>::new());
    assert_eq!(in_pages(f.dir.path(), &sealed_a).len(), sealed_a.len());
    a_reads_back(&f).await;

    let again = register(&f.client(), B_PHONE).await;
    assert_ne!(again, number);
}

/// Which of `needles` some row of some table of the PostgreSQL database still holds, as text
/// (case-insensitively, the whole row as PostgreSQL prints it) or inside bytes (scans, receipts,
/// attachments): every table of the schema, listed from the catalogue, not from a list here.
async fn in_rows(pool: &kabinet_core::db::Pool, needles: &[&str]) -> Vec<String> {
    use kabinet_core::db::{QueryBuilder, query_scalar};
    let tables: Vec<String> = query_scalar(
        "SELECT table_name::text FROM information_schema.tables \
         WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    assert!(tables.len() > 40, "the whole schema: {tables:?}");
    let mut found = Vec::new();
    for table in tables {
        let blobs: Vec<String> = query_scalar(
            "SELECT column_name::text FROM information_schema.columns \
             WHERE table_schema = current_schema() AND table_name = ? AND data_type = 'bytea'",
        )
        .bind(&table)
        .fetch_all(pool)
        .await
        .unwrap();
        for needle in needles {
            let mut sql = QueryBuilder::new(format!(
                "SELECT count(*) FROM {table} AS t WHERE strpos(lower(t::text), lower("
            ));
            sql.push_bind(*needle).push(")) > 0");
            for blob in &blobs {
                sql.push(" OR position(convert_to(")
                    .push_bind(*needle)
                    .push(format!(", 'UTF8') in t.{blob}) > 0"));
            }
            let rows: i64 = sql.build_query_scalar().fetch_one(pool).await.unwrap();
            if rows > 0 {
                found.push(format!("{needle} in {rows} row(s) of {table}"));
            }
        }
    }
    found
}

#[tokio::test]
async fn on_postgres_no_row_of_a_purged_account_is_left_in_any_table() {
    crate::postgres_only!();
    let f = fixture().await;
    citizen_a(&f).await;
    let number = citizen_b(&f).await;
    fill_b(&f, &number).await;
    close_b(&f).await;
    let pool = raw(f.dir.path()).await;
    let sealed_b = sealed_forms(f.dir.path(), B_PHONE).await;
    let sealed_b: Vec<&str> = sealed_b.iter().map(String::as_str).collect();
    let before = in_rows(&pool, &sealed_b).await;
    assert_eq!(before.len(), sealed_b.len(), "B's sealed values are found before the purge: {before:?}");
    assert_eq!(in_rows(&pool, &B_SEALED).await, Vec::<String>::new(), "B's identity is never in the clear");
    let sealed_a = sealed_forms(f.dir.path(), A_PHONE).await;
    let sealed_a: Vec<&str> = sealed_a.iter().map(String::as_str).collect();

    f.clock.advance(Duration::days(90));
    assert_eq!(f.kabinet.purge_due().await.unwrap(), 1);
    assert_eq!(f.kabinet.purge_due().await.unwrap(), 0, "a second run does nothing");
    let certificate = certificate_sent(&f, &number).await;
    let all: Vec<&str> = B_STORED.iter().chain(&B_VARIANTS).copied().collect();
    let after: Vec<&str> = all.iter().copied().filter(|n| !n.to_lowercase().contains("purgina.b@")).collect();
    assert_eq!(in_rows(&pool, &after).await, Vec::<String>::new(), "right after the purge");
    assert_eq!(in_rows(&pool, &sealed_b).await, Vec::<String>::new(), "B's sealed rows are gone too");
    assert_eq!(in_rows(&pool, &sealed_a).await.len(), sealed_a.len(), "A's sealed rows are intact");
    a_reads_back(&f).await;
    tombstone_holds_hmacs(&f, &number, &certificate).await;

    f.clock.advance(Duration::days(8));
    assert_eq!(f.kabinet.purge_due().await.unwrap(), 0);
    assert!(f.kabinet.outbox().last_for(B_EMAIL).await.unwrap().is_none(), "the sent e-mail is swept");
    assert_eq!(in_rows(&pool, &all).await, Vec::<String>::new(), "after the sweep, not even the address");
    pool.close().await;
    let again = register(&f.client(), B_PHONE).await;
    assert_ne!(again, number);
}

/// Closes the Кабинет (the WAL is checkpointed and removed) and opens it again.
async fn reopened(f: Fixture) -> Fixture {
    let Fixture { dir, clock, kabinet, .. } = f;
    kabinet.close().await;
    let kabinet = open(&dir, &clock).await;
    Fixture { dir, clock, kabinet, caller: Caller::new() }
}

/// The certificate: registered without owner or bytes, announced to B's e-mail by number and
/// code; B's other documents keep their registry rows without bytes.
async fn certificate_sent(f: &Fixture, number: &str) -> String {
    let mail = f.kabinet.outbox().last_for(B_EMAIL).await.unwrap().expect("the certificate e-mail");
    assert_eq!((mail.kind.as_str(), mail.destination.as_str()), (EMAIL_KIND, "purgina.b@example.ru"));
    assert!(mail.body.contains(number), "{}", mail.body);
    let words: Vec<&str> = mail.body.split([' ', ',', ':']).collect();
    let certificate = words.iter().find(|w| w.starts_with("УПД-")).unwrap().to_string();
    let code = words[words.iter().position(|w| *w == "проверки").unwrap() + 1];
    let record = f.kabinet.documents().verify_code(&certificate, code).await.unwrap().expect("registered");
    assert!(!record.stored, "the certificate's PDF names the person: only its hash is kept");
    // The PDF itself travels attached to the e-mail (the registry keeps only its hash): the
    // attachment is exactly the registered certificate.
    let name = mail.attachment_name.as_deref().expect("the certificate is attached");
    assert!(name.contains(&certificate) && name.ends_with(".pdf"), "{name}");
    let conn = raw(f.dir.path()).await;
    let attached: Vec<u8> = kabinet_core::db::query_scalar("SELECT attachment FROM outbox WHERE id = ?")
        .bind(mail.id)
        .fetch_one(&conn)
        .await
        .unwrap();
    // Stored sealed under the day's transit key (the account is gone): no PDF in the row.
    assert!(!attached.starts_with(b"%PDF"), "the attachment is sealed");
    let day = kabinet_core::sealing::transit_day_of_bytes(&attached).expect("a transit-sealed attachment");
    let wrapped: Vec<u8> = kabinet_core::db::query_scalar("SELECT wrapped FROM transit_keys WHERE day = ?")
        .bind(day)
        .fetch_one(&conn)
        .await
        .unwrap();
    let transit = test_keys(f.dir.path()).transit_sealer_of(day, &wrapped).unwrap();
    let attached = transit.open_bytes("outbox.attachment", mail.id, &attached).unwrap();
    assert_eq!(mail.attachment_size as usize, attached.len());
    let verified = f.kabinet.documents().verify(&attached).await.unwrap();
    assert_eq!(verified.number.as_deref(), Some(certificate.as_str()));
    assert_eq!(verified.status, kabinet_core::documents::VerificationStatus::Valid);
    drop(conn);
    let conn = raw(f.dir.path()).await;
    let rows = count(&conn, "SELECT count(*) FROM documents WHERE kind = 'deletion_certificate'").await;
    assert_eq!(rows, 1);
    let kept =
        count(&conn, "SELECT count(*) FROM documents WHERE content IS NOT NULL OR account_id IS NOT NULL")
            .await;
    assert_eq!(kept, 0, "A has no documents; B's rows keep neither bytes nor owner");
    let registry =
        count(&conn, "SELECT count(*) FROM documents WHERE kind = 'registration_certificate'").await;
    assert_eq!(registry, 1, "B's registration certificate stays verifiable");
    certificate
}

async fn tombstone_holds_hmacs(f: &Fixture, number: &str, certificate: &str) {
    let key = kabinet_core::vault::Vault::open(f.dir.path()).unwrap().tombstone_key().unwrap();
    let conn = raw(f.dir.path()).await;
    let row: (String, String, Vec<u8>, Vec<u8>, Vec<u8>, String) = kabinet_core::db::query_as(
        "SELECT account_number, reason_category, phone_hmac, email_hmac, snils_hmac, certificate_number \
         FROM tombstones",
    )
    .fetch_one(&conn)
    .await
    .unwrap();
    assert_eq!((row.0.as_str(), row.1.as_str(), row.5.as_str()), (number, "other", certificate));
    assert_eq!(row.2, hmac(&key[..], "phone", B_PHONE));
    assert_eq!(row.3, hmac(&key[..], "email", &B_EMAIL.to_lowercase()));
    assert_eq!(row.4, hmac(&key[..], "snils", "28765419330"));
    assert_eq!(identifier_hmac(&key, IdentifierKind::Snils, B_SNILS).to_vec(), row.4, "any spelling");
    let left = count(&conn, "SELECT count(*) FROM accounts").await;
    assert_eq!(left, 1, "only A");
}

/// Registration of `phone` as far as the refusal: whether a phone is taken is said only once its
/// code was confirmed.
async fn registration_refused(kabinet: &Client<'_>, phone: &str) -> kabinet_core::ApiError {
    kabinet.registration().send_code(SendCodeRequest { phone: phone.into() }).await.unwrap();
    let code = code_for(kabinet, phone).await;
    let request = kabinet_core::contract::VerifyCodeRequest { phone: phone.into(), code };
    kabinet.registration().verify_code(request).await.unwrap_err()
}

#[tokio::test]
async fn before_the_purge_registration_names_the_dates_after_it_the_phone_is_free() {
    let f = fixture().await;
    closed_b(&f).await;
    let refused = registration_refused(&f.client(), B_PHONE).await;
    assert_eq!(refused.code, ErrorCode::IdentifierOfClosedAccount);
    let (until, purge) =
        (refused.details.restore_until.clone().unwrap(), refused.details.purge_at.clone().unwrap());
    assert_eq!(
        refused.message,
        format!(
            "Этот номер принадлежит закрытому кабинету: восстановление возможно до {}, данные будут \
             удалены {}",
            day(&until),
            day(&purge)
        )
    );
    assert_eq!(
        (refused.fields[0].field, refused.fields[0].code, refused.fields[0].message.as_str()),
        (Field::Phone, Invalid::Taken, refused.message.as_str())
    );

    f.clock.advance(Duration::days(31));
    let later = registration_refused(&f.client(), B_PHONE).await;
    assert_eq!(
        (later.details.restore_until.as_deref(), later.details.purge_at.as_deref()),
        (None, Some(purge.as_str()))
    );
    assert_eq!(
        later.message,
        format!(
            "Этот номер принадлежит закрытому кабинету: данные будут удалены {}, после этого его можно будет \
             зарегистрировать заново",
            day(&purge)
        )
    );

    let purge_at =
        time::OffsetDateTime::parse(&purge, &time::format_description::well_known::Rfc3339).unwrap();
    f.clock.advance(purge_at - f.clock.now() - Duration::seconds(1));
    assert_eq!(f.kabinet.purge_due().await.unwrap(), 0, "not a second early");
    f.clock.advance(Duration::seconds(1));
    assert_eq!(f.kabinet.purge_due().await.unwrap(), 1);
    assert_eq!(f.kabinet.purge_due().await.unwrap(), 0);
    register(&f.client(), B_PHONE).await;
}

#[tokio::test]
async fn the_snils_and_e_mail_of_a_closed_account_are_refused_in_a_profile_with_the_dates() {
    let f = fixture().await;
    citizen_b(&f).await;
    profile_and_email_b(&f.client()).await;
    close_b(&f).await;
    register(&f.client(), A_PHONE).await;
    sign_in(&f.client(), A_PHONE).await;
    let update = profile_update(A_SURNAME, B_SNILS, "45 08 123456", "000000".into());
    let snils = f.client().profile().save(update).await.unwrap_err();
    assert_eq!((snils.code, snils.fields[0].field), (ErrorCode::IdentifierOfClosedAccount, Field::Snils));
    let until = day(snils.details.restore_until.as_deref().unwrap());
    assert!(snils.message.starts_with(&format!(
        "Этот СНИЛС принадлежит закрытому кабинету: восстановление возможно до {until}"
    )));
    let email = ContactChangeRequest { kind: ContactKind::Email, value: B_EMAIL.into() };
    f.client().profile().change_contact_start(email).await.unwrap();
    let code = code_for(&f.kabinet, B_EMAIL).await;
    let confirm = ContactChangeConfirm { kind: ContactKind::Email, value: B_EMAIL.into(), code };
    let refused = f.client().profile().change_contact_confirm(confirm).await.unwrap_err();
    assert_eq!((refused.code, refused.fields[0].field), (ErrorCode::IdentifierOfClosedAccount, Field::Email));
    assert!(refused.message.starts_with("Этот адрес электронной почты принадлежит закрытому кабинету"));
}

/// ДД.ММ.ГГГГ of an RFC 3339 moment in the machine's zone, as the core prints dates.
fn day(moment: &str) -> String {
    let at = time::OffsetDateTime::parse(moment, &time::format_description::well_known::Rfc3339).unwrap();
    kabinet_core::validate::dotted_date(at.to_offset(kabinet_core::local_offset(at)).date())
}

#[tokio::test]
async fn a_checkpoint_kept_busy_by_a_reader_is_owed_to_the_next_run() {
    crate::sqlite_only!();
    let f = fixture().await;
    closed_b(&f).await;
    f.clock.advance(Duration::days(90));
    let mut reader = raw_connection(f.dir.path()).await;
    sqlx::query("BEGIN").execute(&mut reader).await.unwrap();
    let before: i64 =
        sqlx::query_scalar("SELECT count(*) FROM accounts").fetch_one(&mut reader).await.unwrap();
    assert_eq!(before, 1, "a snapshot from before");
    // B's surname and phone are stored sealed: their stored forms are what the pages hold.
    let (surname, phone): (String, String) = sqlx::query_as(
        "SELECT a.surname, i.value FROM accounts a JOIN identifiers i ON i.account_id = a.id AND i.kind = 'phone'",
    )
    .fetch_one(&mut reader)
    .await
    .unwrap();
    assert!(!surname.contains(B_SURNAME) && !phone.contains(B_PHONE));
    assert_eq!(f.kabinet.purge_due().await.unwrap(), 1, "purged, the checkpoint busy");
    let stale = in_pages(f.dir.path(), &[&phone, &surname]);
    assert_eq!(stale.len(), 2, "older page images are still readable: {stale:?}");
    sqlx::query("COMMIT").execute(&mut reader).await.unwrap();
    assert_eq!(f.kabinet.purge_due().await.unwrap(), 0);
    assert_eq!(in_pages(f.dir.path(), &[&phone, &surname]), Vec::<String>::new(), "the owed checkpoint ran");
    assert_eq!(std::fs::metadata(f.dir.path().join("kabinet.db-wal")).unwrap().len(), 0);
}

// ---- Crash safety: a child process is SIGKILLed between the certificate and the deletion. ----

const CHILD_DIR: &str = "KABINET_TEST_PURGE_DIR";
const CHILD_NOW: &str = "KABINET_TEST_PURGE_NOW";

/// The child's side: nothing in an ordinary run; with the variables set, opens the parent's data
/// directory at the parent's time and purges, stopping dead at `KABINET_CRASH_AT`.
#[tokio::test]
async fn purge_crash_child() {
    let (Ok(dir), Ok(now)) = (std::env::var(CHILD_DIR), std::env::var(CHILD_NOW)) else { return };
    let at = time::OffsetDateTime::from_unix_timestamp(now.parse().unwrap()).unwrap();
    let clock = kabinet_core::Clock::manual(at);
    let kabinet = Kabinet::open_with_clock(crate::common::config(std::path::Path::new(&dir)).await, clock)
        .await
        .unwrap();
    kabinet.purge_due().await.unwrap();
    panic!("the crash point was not reached");
}

#[tokio::test]
async fn a_crash_after_the_certificate_leaves_the_account_and_the_rerun_issues_no_second_one() {
    let f = fixture().await;
    let number = closed_b(&f).await;
    f.clock.advance(Duration::days(90));
    let envs = [
        (CHILD_DIR, f.dir.path().display().to_string()),
        (CHILD_NOW, f.clock.now().unix_timestamp().to_string()),
    ];
    crash_child_at("purge::purge_crash_child", &envs, "purge_after_certificate").await;

    let conn = raw(f.dir.path()).await;
    let certificates = "SELECT count(*) FROM documents WHERE kind = 'deletion_certificate'";
    assert_eq!(count(&conn, certificates).await, 1, "issued before the crash");
    assert_eq!(count(&conn, "SELECT count(*) FROM tombstones").await, 0, "no tombstone yet");
    assert_eq!(count(&conn, "SELECT count(*) FROM accounts WHERE status = 'closed'").await, 1, "B is whole");

    let restarted = open(&f.dir, &f.clock).await;
    assert_eq!(restarted.purge_due().await.unwrap(), 1);
    assert_eq!(count(&conn, certificates).await, 1, "the same certificate, not a second");
    let (account, certificate): (String, String) =
        kabinet_core::db::query_as("SELECT account_number, certificate_number FROM tombstones")
            .fetch_one(&conn)
            .await
            .unwrap();
    let issued: String =
        kabinet_core::db::query_scalar("SELECT number FROM documents WHERE kind = 'deletion_certificate'")
            .fetch_one(&conn)
            .await
            .unwrap();
    assert_eq!((account, certificate), (number, issued));
}

#[tokio::test]
async fn over_smtp_the_certificate_arrives_attached_and_leaves_the_outbox() {
    let f = fixture().await;
    let number = citizen_b(&f).await;
    fill_b(&f, &number).await;
    close_b(&f).await;
    let smtp = crate::servers::Smtp::start().await;
    let transports = format!(
        "[email]\ntransport = \"smtp\"\nhost = \"127.0.0.1\"\nport = {}\ntls = \"none\"\n\
         from = \"Кабинет <noreply@example.ru>\"\n\n[sms]\ntransport = \"local\"\n",
        smtp.port
    );
    f.kabinet.admin("test").load_transport_file(&transports).await.unwrap();
    f.clock.advance(Duration::days(90));
    assert_eq!(f.kabinet.purge_due().await.unwrap(), 1);
    // The purge kicks the delivery at once; a second pass finds nothing left to send.
    f.kabinet.outbox().deliver_due().await.unwrap();
    for _ in 0..100 {
        if smtp.mails().iter().any(|m| m.data.contains("application/pdf")) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let mail = smtp
        .mails()
        .into_iter()
        .find(|m| m.data.contains("application/pdf"))
        .expect("an e-mail with a PDF attached");
    assert_eq!(mail.to, ["<purgina.b@example.ru>"]);
    assert!(mail.data.contains("multipart/mixed"), "{}", mail.data);
    assert!(mail.data.to_ascii_lowercase().contains("content-disposition: attachment"));
    assert!(mail.data.contains("JVBERi0"), "the attachment is a PDF (base64 of «%PDF-»)");
    let sent = f.kabinet.outbox().last_for(B_EMAIL).await.unwrap().unwrap();
    assert_eq!(
        (sent.status.as_str(), sent.attachment_size),
        ("delivered", 0),
        "cleared once the server took it"
    );
}
