//! Issue 16: personal data under per-account keys, shown where deletion alone cannot reach.
//!
//! - On PostgreSQL: a base backup (`pg_basebackup`) taken before the purge and the WAL written
//!   since the scenario began (kept by a replication slot) hold none of the purged person's
//!   phone, surname, passport or СНИЛС in the clear — nor do the live cluster's files after the
//!   purge — and the backup, started as a server of its own, holds that person's rows as
//!   ciphertext that no key remaining in the live database opens, while another person's rows in
//!   the same backup open with that person's live key (the control).
//! - On SQLCipher: the same on a copy of the database file taken before the purge.
//! - A database written by the release before per-account keys (`tests/fixtures/`) is sealed in
//!   place at open, and its citizens sign in by phone and СНИЛС as before.
//!
//! Every value is random per run, so that the search of a cluster shared with the other tests
//! finds only this test's person.

use std::path::{Path, PathBuf};

use crate::common::*;
use kabinet_core::closure::types::ClosureSubmit;
use kabinet_core::db::Pool;
use kabinet_core::documents::ClosureReason;
use kabinet_core::sealing::{Keys, Sealer};
use kabinet_core::{Caller, Config, Kabinet};
use time::Duration;

/// One person with random values: what they typed, and every spelling to search for.
struct Person {
    phone: String,
    surname: String,
    passport: String,
    snils: String,
}

fn random_digits(n: usize) -> String {
    (0..n).map(|_| char::from(b'0' + rand::random_range(0..10u8))).collect()
}

impl Person {
    fn random() -> Self {
        const LETTERS: [char; 20] = [
            'б', 'в', 'г', 'д', 'ж', 'з', 'к', 'л', 'м', 'н', 'п', 'р', 'с', 'т', 'ф', 'х', 'ц', 'ч', 'ш',
            'щ',
        ];
        const VOWELS: [char; 5] = ['а', 'о', 'у', 'ы', 'е'];
        let mut surname = String::from("Ю");
        for _ in 0..5 {
            surname.push(LETTERS[rand::random_range(0..LETTERS.len())]);
            surname.push(VOWELS[rand::random_range(0..VOWELS.len())]);
        }
        surname.push_str("ва");
        let body = random_digits(9);
        let sum: u32 = body.chars().zip((1..=9).rev()).map(|(c, w)| c.to_digit(10).unwrap() * w).sum();
        let check = match sum % 101 {
            100 => 0,
            other => other,
        };
        let snils = format!("{}-{}-{} {check:02}", &body[..3], &body[3..6], &body[6..]);
        let passport = random_digits(10);
        Self { phone: format!("+79{}", random_digits(9)), surname, passport, snils }
    }

    /// Every form the values could be stored or written in.
    fn needles(&self) -> Vec<String> {
        let snils_digits: String = self.snils.chars().filter(char::is_ascii_digit).collect();
        vec![
            self.phone.clone(),
            self.phone[2..].to_owned(),
            self.surname.clone(),
            self.surname.to_uppercase(),
            self.passport.clone(),
            format!("{} {} {}", &self.passport[..2], &self.passport[2..4], &self.passport[4..]),
            snils_digits,
            self.snils.clone(),
        ]
    }

    fn profile(&self, code: kabinet_core::contract::Secret) -> kabinet_core::contract::ProfileUpdate {
        let mut update = anna_profile(code);
        update.surname = self.surname.clone();
        update.snils = Some(self.snils.clone());
        update.passport_number = Some(self.passport.clone());
        update
    }
}

/// Registers the person with a full profile (passport and СНИЛС); leaves them signed in on
/// `caller`. Returns the account number (stored as is: not personal by itself).
async fn register_person(f: &Fixture, caller: &Caller, person: &Person) -> String {
    let k = f.kabinet.client(caller);
    let ticket = confirm_phone(&k, &person.phone).await;
    let mut draft = full_draft(ticket);
    draft.surname = Some(person.surname.clone());
    let number = k.registration().complete(draft).await.unwrap().account_number;
    k.session().sign_in(sign_in_request(&person.phone, PASSWORD)).await.unwrap();
    k.profile().send_save_code().await.unwrap();
    let code = code_for(&f.kabinet, &person.phone).await;
    k.profile().save(person.profile(code)).await.unwrap();
    number
}

/// «Закрыть профиль» for the signed-in person, closed by the scheduler 24 hours later, then the
/// 90 days to the purge.
async fn close(f: &Fixture, caller: &Caller, person: &Person) {
    let k = f.kabinet.client(caller);
    f.clock.advance(Duration::seconds(61));
    k.closure().send_code().await.unwrap();
    let code = code_for(&f.kabinet, &person.phone).await;
    let form = ClosureSubmit {
        reason: ClosureReason::DeletePersonalData,
        reason_text: None,
        password: PASSWORD.into(),
        code,
        consent: true,
    };
    k.closure().submit(form).await.unwrap();
    k.session().sign_out().await.unwrap();
    f.clock.advance(Duration::hours(25));
    assert_eq!(k.run_jobs().await.unwrap().closed, 1);
    f.clock.advance(Duration::days(90));
}

/// The sealed values of one account as a database (or a copy of it) holds them.
struct SealedRows {
    account_id: i64,
    surname: String,
    phone: String,
    snils: String,
    passport: String,
}

async fn sealed_rows(pool: &Pool, keys: &Keys, phone: &str) -> SealedRows {
    let account_id = account_of(pool, keys, phone).await;
    let (surname, passport): (String, String) = kabinet_core::db::query_as(
        "SELECT a.surname, p.passport_number FROM accounts a JOIN profiles p ON p.account_id = a.id WHERE a.id = ?",
    )
    .bind(account_id)
    .fetch_one(pool)
    .await
    .unwrap();
    let identifier = |kind: &'static str| {
        kabinet_core::db::query_scalar::<String>(
            "SELECT value FROM identifiers WHERE account_id = ? AND kind = ?",
        )
        .bind(account_id)
        .bind(kind)
        .fetch_one(pool)
    };
    let phone = identifier("phone").await.unwrap();
    let snils = identifier("snils").await.unwrap();
    SealedRows { account_id, surname, phone, snils, passport }
}

impl SealedRows {
    /// Opens every value with `sealer`; `None` if any does not open.
    fn open_with(&self, sealer: &Sealer) -> Option<[String; 4]> {
        let id = self.account_id;
        Some([
            sealer.open("accounts.surname", id, &self.surname).ok()?,
            sealer.open("identifiers.value", "phone", &self.phone).ok()?,
            sealer.open("identifiers.value", "snils", &self.snils).ok()?,
            sealer.open("profiles.passport_number", id, &self.passport).ok()?,
        ])
    }
}

/// Every data key the live database still has, unwrapped.
async fn remaining_keys(pool: &Pool, keys: &Keys) -> Vec<Sealer> {
    let rows: Vec<(i64, Vec<u8>)> =
        kabinet_core::db::query_as("SELECT account_id, wrapped FROM account_keys")
            .fetch_all(pool)
            .await
            .unwrap();
    assert!(!rows.is_empty(), "keys remain (the control's at least)");
    rows.into_iter().map(|(id, wrapped)| keys.sealer_of(id, &wrapped).unwrap()).collect()
}

/// The proof on a copy (`copy`) of the data from before the purge, with the keys the live
/// database (`live`) has after it: the purged person's rows open with none of them, the other
/// person's open with theirs.
async fn only_the_living_open(copy: &Pool, live: &Pool, keys: &Keys, purged: &Person, kept: &Person) {
    let gone = sealed_rows(copy, keys, &purged.phone).await;
    let here = sealed_rows(copy, keys, &kept.phone).await;
    // The copy is from before: it holds both, sealed.
    for value in [&gone.surname, &gone.phone, &gone.snils, &gone.passport] {
        assert!(value.starts_with("k1"), "sealed in the copy: {value}");
        assert!(purged.needles().iter().all(|needle| !value.contains(needle.as_str())));
    }
    assert!(account_sealer(live, keys, gone.account_id).await.is_none(), "the purged person's key is gone");
    let remaining = remaining_keys(live, keys).await;
    assert!(
        remaining.iter().all(|sealer| gone.open_with(sealer).is_none()),
        "no remaining key opens the purged person's rows in the copy"
    );
    let control = account_sealer(live, keys, here.account_id).await.expect("the other person's key");
    let opened = here.open_with(&control).expect("the other person's rows open with their live key");
    assert_eq!(opened[0], kept.surname);
    assert_eq!(opened[1], kept.phone);
    assert_eq!(opened[3], kept.passport);
}

/// Which of `needles` occur in any file under `dir`, read as it is — except the directories of
/// the other databases of the cluster (`base/<oid>` other than `ours`; the other tests' own
/// databases, which never held this test's person). The WAL and the cluster-wide files are all
/// searched.
fn in_files(dir: &Path, needles: &[String], ours: Option<u32>) -> Vec<String> {
    let finders: Vec<memchr::memmem::Finder<'_>> =
        needles.iter().map(|needle| memchr::memmem::Finder::new(needle.as_bytes())).collect();
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    let mut files = 0;
    while let Some(path) = stack.pop() {
        let Ok(meta) = std::fs::symlink_metadata(&path) else { continue };
        if meta.is_dir() {
            let other_database = ours.is_some_and(|oid| {
                path.parent().and_then(Path::file_name).is_some_and(|parent| parent == "base")
                    && path.file_name().is_some_and(|name| *name != *oid.to_string())
            });
            if !other_database {
                stack.extend(std::fs::read_dir(&path).unwrap().map(|entry| entry.unwrap().path()));
            }
            continue;
        }
        if !meta.is_file() {
            continue;
        }
        let Ok(bytes) = std::fs::read(&path) else { continue };
        files += 1;
        for (needle, finder) in needles.iter().zip(&finders) {
            if finder.find(&bytes).is_some() {
                found.push(format!("{needle} in {}", path.display()));
            }
        }
    }
    assert!(files > 10, "a real cluster: {files} files under {}", dir.display());
    found
}

#[tokio::test]
async fn a_copy_of_the_file_from_before_the_purge_opens_only_for_those_not_purged() {
    crate::sqlite_only!();
    let f = fixture().await;
    let (kept, purged) = (Person::random(), Person::random());
    let (a, b) = (Caller::new(), Caller::new());
    register_person(&f, &a, &kept).await;
    register_person(&f, &b, &purged).await;
    close(&f, &b, &purged).await;

    // A copy of the file as it is before the purge (database and WAL), as a backup would take it.
    let copy = tempfile::tempdir().unwrap();
    for name in ["kabinet.db", "kabinet.db-wal"] {
        if f.dir.path().join(name).exists() {
            std::fs::copy(f.dir.path().join(name), copy.path().join(name)).unwrap();
        }
    }
    assert_eq!(f.kabinet.purge_due().await.unwrap(), 1);

    let keys = test_keys(f.dir.path());
    let live = raw_pool(f.dir.path()).await;
    let copied = copy_pool(f.dir.path(), copy.path()).await;
    only_the_living_open(&copied, &live, &keys, &purged, &kept).await;
    // The window the rules name: the copy carries the purged person's wrapped key itself, so a
    // copy kept together with the keyring's key opens until it is destroyed (docs/rules.md).
    let gone = sealed_rows(&copied, &keys, &purged.phone).await;
    let theirs = account_sealer(&copied, &keys, gone.account_id).await.expect("the copy's own key table");
    assert_eq!(gone.open_with(&theirs).unwrap()[0], purged.surname);
    copied.close().await;
    live.close().await;
}

/// A pool on a copy of the encrypted file, keyed with the original's key from the keyring.
async fn copy_pool(original: &Path, copy: &Path) -> Pool {
    use sqlx::ConnectOptions;
    let key = kabinet_core::vault::Vault::open(original).unwrap().database_key().unwrap().unwrap();
    let options = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(copy.join("kabinet.db"))
        .pragma("key", key.sqlcipher_literal().to_string())
        .disable_statement_logging();
    Pool::Sqlite(
        sqlx::sqlite::SqlitePoolOptions::new().max_connections(1).connect_with(options).await.unwrap(),
    )
}

// ---- PostgreSQL: the WAL and a base backup ----

fn backup_script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/lib/pg-backup.sh")
}

fn admin_url() -> String {
    std::env::var("KABINET_TEST_DATABASE_URL").expect("scripts/lib/with-postgres.sh")
}

fn port_of(url: &str) -> String {
    url.rsplit_once(':').unwrap().1.split('/').next().unwrap().to_owned()
}

/// A base backup, and the server started on it, stopped when dropped.
struct Backup {
    dir: tempfile::TempDir,
    port: Option<String>,
}

impl Backup {
    fn take() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let out = std::process::Command::new(backup_script())
            .arg(port_of(&admin_url()))
            .arg(dir.path())
            .output()
            .unwrap();
        assert!(out.status.success(), "pg_basebackup: {}", String::from_utf8_lossy(&out.stderr));
        Self { dir, port: None }
    }

    /// Starts a server on the backup (a restore of its own) and connects to `database` there.
    async fn restore(&mut self, database_url: &str) -> Pool {
        let out =
            std::process::Command::new(backup_script()).arg("--start").arg(self.dir.path()).output().unwrap();
        assert!(out.status.success(), "start: {}", String::from_utf8_lossy(&out.stderr));
        let port = String::from_utf8(out.stdout).unwrap().trim().to_owned();
        let (head, tail) = database_url.rsplit_once(':').unwrap();
        let database = tail.split_once('/').unwrap().1;
        let url = format!("{head}:{port}/{database}");
        self.port = Some(port);
        Pool::Postgres(sqlx::PgPool::connect(&url).await.unwrap())
    }
}

impl Drop for Backup {
    fn drop(&mut self) {
        if self.port.is_some() {
            let _ = std::process::Command::new(backup_script()).arg("--stop").arg(self.dir.path()).status();
        }
    }
}

async fn admin(sql: &str) {
    let pool = Pool::Postgres(sqlx::PgPool::connect(&admin_url()).await.unwrap());
    kabinet_core::db::query(sql.to_owned()).execute(&pool).await.unwrap();
    pool.close().await;
}

#[tokio::test]
async fn a_base_backup_and_the_wal_from_before_the_purge_hold_only_what_no_remaining_key_opens() {
    crate::postgres_only!();
    let pgdata = PathBuf::from(std::env::var("KABINET_TEST_PGDATA").expect("scripts/lib/with-postgres.sh"));
    // Every WAL segment from here on is kept (a replication slot holds it), as an archive would.
    let slot = format!("purge_{}", random_digits(8));
    admin(&format!("SELECT pg_create_physical_replication_slot('{slot}', true)")).await;

    let f = fixture().await;
    let (kept, purged) = (Person::random(), Person::random());
    let (a, b) = (Caller::new(), Caller::new());
    let kept_number = register_person(&f, &a, &kept).await;
    let purged_number = register_person(&f, &b, &purged).await;
    close(&f, &b, &purged).await;

    let database_url = test_database(f.dir.path()).await;
    let live = raw_pool(f.dir.path()).await;
    let keys = test_keys(f.dir.path());
    let oid: i64 = kabinet_core::db::query_scalar(
        "SELECT CAST(oid AS BIGINT) FROM pg_database WHERE datname = current_database()",
    )
    .fetch_one(&live)
    .await
    .unwrap();
    let ours = Some(u32::try_from(oid).unwrap());
    // The search can find things: the purged person's sealed surname is in the cluster's files.
    admin("CHECKPOINT").await;
    let sealed = sealed_rows(&live, &keys, &purged.phone).await;
    let mut backup = Backup::take();
    for control in [&sealed.surname, &purged_number] {
        let found = in_files(backup.dir.path(), std::slice::from_ref(control), ours);
        assert!(!found.is_empty(), "the backup holds the purged person's rows, sealed and not: {control}");
    }

    assert_eq!(f.kabinet.purge_due().await.unwrap(), 1);
    admin("CHECKPOINT").await;
    admin("SELECT pg_switch_wal()").await;

    let needles = purged.needles();
    assert_eq!(
        in_files(&pgdata, &needles, ours),
        Vec::<String>::new(),
        "the live cluster's files and its WAL"
    );
    // The search of the live cluster finds what is there: the other person's account number.
    assert!(
        !in_files(&pgdata, std::slice::from_ref(&kept_number), ours).is_empty(),
        "the live search reads rows"
    );
    assert_eq!(
        in_files(backup.dir.path(), &needles, ours),
        Vec::<String>::new(),
        "the backup from before the purge"
    );
    let wal = pgdata.join("pg_wal");
    assert!(std::fs::read_dir(&wal).unwrap().count() > 2, "the WAL since the slot is kept and was searched");

    let restored = backup.restore(&database_url).await;
    only_the_living_open(&restored, &live, &keys, &purged, &kept).await;
    restored.close().await;
    live.close().await;
    admin(&format!("SELECT pg_drop_replication_slot('{slot}')")).await;
}

// ---- The release before per-account keys, converted in place ----

use crate::release_fixture::FIXTURE_MASTER_KEY;

/// The fixture's two citizens: phone, СНИЛС as typed, surname.
const RELEASE_CITIZENS: [(&str, &str, &str); 2] =
    [("+79160000401", "112-233-445 95", "Ёлкина-Соколова"), ("+79160000402", "213-344-556 31", "Грибоедова")];

fn release_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/release-2026-12-04/kabinet.db");
    std::fs::copy(fixture, dir.path().join("kabinet.db")).unwrap();
    dir
}

fn release_clock() -> kabinet_core::Clock {
    kabinet_core::Clock::manual(time::macros::datetime!(2026-11-25 10:00 UTC))
}

async fn open_release(dir: &Path) -> Kabinet {
    let config = Config::with_data_dir(dir).with_master_key(FIXTURE_MASTER_KEY);
    Kabinet::open_with_clock(config, release_clock()).await.unwrap()
}

/// The fixture's database key: derived from its master key, as the release derived it.
fn release_db_key(dir: &Path) -> [u8; 32] {
    let master = kabinet_core::vault::MasterKey::from_hex(FIXTURE_MASTER_KEY).unwrap();
    let vault = kabinet_core::vault::Vault::with_master_key(dir, master);
    let literal = vault.database_key().unwrap().unwrap().sqlcipher_literal().to_string();
    hex::decode(literal.trim_matches(|c| c == '"' || c == 'x' || c == '\'')).unwrap().try_into().unwrap()
}

fn plaintext_in_pages(dir: &Path) -> Vec<String> {
    let pages = crate::sqlcipher::pages(dir, &release_db_key(dir));
    let mut found = Vec::new();
    for (phone, snils, surname) in RELEASE_CITIZENS {
        let digits: String = snils.chars().filter(char::is_ascii_digit).collect();
        for needle in [phone, surname, digits.as_str(), "4508123456", "4611654321"] {
            if pages.iter().any(|p| crate::sqlcipher::contains(&p.plain, needle.as_bytes())) {
                found.push(needle.to_owned());
            }
        }
    }
    found.sort();
    found.dedup();
    found
}

const SEALING_CHILD_DIR: &str = "KABINET_TEST_SEALING_DIR";

/// The child's side: nothing in an ordinary run; with the variable set, opens the copy of the
/// release and stops dead at `KABINET_CRASH_AT` inside the conversion.
#[tokio::test]
async fn sealing_crash_child() {
    let Ok(dir) = std::env::var(SEALING_CHILD_DIR) else { return };
    open_release(Path::new(&dir)).await;
    panic!("the crash point was not reached");
}

#[tokio::test]
async fn a_database_of_the_release_before_keys_is_sealed_in_place_even_across_a_crash() {
    crate::sqlite_only!();
    let dir = release_copy();
    let before = plaintext_in_pages(dir.path());
    assert_eq!(before.len(), 8, "the release stored every value as typed: {before:?}");

    // Killed after sealing the first account: that one is whole, the other untouched.
    let envs = [(SEALING_CHILD_DIR, dir.path().display().to_string())];
    crash_child_at("sealing::sealing_crash_child", &envs, "sealing_after_account").await;
    let kabinet = open_release(dir.path()).await;
    for (phone, snils, surname) in RELEASE_CITIZENS {
        for identifier in [phone, snils] {
            let caller = Caller::new();
            let k = kabinet.client(&caller);
            k.session().sign_in(sign_in_request(identifier, PASSWORD)).await.unwrap();
            let profile = k.profile().get().await.unwrap();
            assert_eq!((profile.surname.as_str(), profile.phone.as_str()), (surname, phone));
            let history = k.profile().history(kabinet_core::contract::PageRequest { page: 1 }).await.unwrap();
            assert!(history.changes.iter().any(|c| c.field == "passport_number"), "the history opens too");
            k.session().sign_out().await.unwrap();
        }
    }
    // Uniqueness still holds across the conversion: the first citizen's СНИЛС is refused to nobody
    // else, and a registration with a converted phone is refused after its code.
    let caller = Caller::new();
    let k = kabinet.client(&caller);
    k.registration()
        .send_code(kabinet_core::contract::SendCodeRequest { phone: RELEASE_CITIZENS[0].0.into() })
        .await
        .unwrap();
    let code = code_for(&kabinet, RELEASE_CITIZENS[0].0).await;
    let request = kabinet_core::contract::VerifyCodeRequest { phone: RELEASE_CITIZENS[0].0.into(), code };
    let refused = k.registration().verify_code(request).await.unwrap_err();
    assert_eq!(refused.code, kabinet_core::ErrorCode::IdentifierTaken);
    kabinet.close().await;

    let pool = {
        use sqlx::ConnectOptions;
        let key = hex::encode(release_db_key(dir.path()));
        let options = sqlx::sqlite::SqliteConnectOptions::new()
            .filename(dir.path().join("kabinet.db"))
            .pragma("key", format!("\"x'{key}'\""))
            .disable_statement_logging();
        Pool::Sqlite(
            sqlx::sqlite::SqlitePoolOptions::new().max_connections(1).connect_with(options).await.unwrap(),
        )
    };
    let keys: i64 =
        kabinet_core::db::query_scalar("SELECT count(*) FROM account_keys").fetch_one(&pool).await.unwrap();
    assert_eq!(keys, 2, "each account has its key");
    let unsealed: i64 = kabinet_core::db::query_scalar(
        "SELECT count(*) FROM accounts WHERE surname NOT LIKE 'k1%' OR gender NOT LIKE 'k1%'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(unsealed, 0);
    pool.close().await;
    assert_eq!(plaintext_in_pages(dir.path()), Vec::<String>::new(), "no page holds a value as typed");
}

// ---- What has no account yet: the day's transit key ----

#[tokio::test]
async fn account_less_rows_go_with_their_transit_key_after_eight_days() {
    let f = fixture().await;
    let k = f.client();
    let phone = format!("+79{}", random_digits(9));
    let ticket = confirm_phone(&k, &phone).await;
    let pool = raw_pool(f.dir.path()).await;
    let count = |sql: &'static str| kabinet_core::db::query_scalar::<i64>(sql).fetch_one(&pool);
    // The confirmed phone and the code's message are sealed under today's transit key.
    let stored: String = kabinet_core::db::query_scalar("SELECT phone FROM registration_tickets")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert!(stored.starts_with("t1") && !stored.contains(&phone[2..]), "{stored}");
    assert_eq!(count("SELECT count(*) FROM transit_keys").await.unwrap(), 1);
    assert_eq!(count("SELECT count(*) FROM outbox WHERE account_id IS NULL").await.unwrap(), 1);

    // A week on, the worker keeps them (a certificate e-mail is retried for a week) ...
    f.clock.advance(Duration::days(7));
    f.kabinet.outbox().deliver_due().await.unwrap();
    assert_eq!(count("SELECT count(*) FROM transit_keys").await.unwrap(), 1);
    // ... past eight days the key is destroyed, and what it sealed goes with it.
    f.clock.advance(Duration::days(2));
    f.kabinet.outbox().deliver_due().await.unwrap();
    assert_eq!(count("SELECT count(*) FROM transit_keys").await.unwrap(), 0);
    assert_eq!(count("SELECT count(*) FROM registration_tickets").await.unwrap(), 0);
    assert_eq!(count("SELECT count(*) FROM outbox WHERE account_id IS NULL").await.unwrap(), 0);
    assert!(f.kabinet.outbox().last_for(&phone).await.unwrap().is_none());
    let refused = k.registration().complete(full_draft(ticket)).await.unwrap_err();
    assert_eq!(refused.code, kabinet_core::ErrorCode::RegistrationExpired);
    pool.close().await;
}
