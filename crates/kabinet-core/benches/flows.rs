//! Prints how long registration and sign-in take on a database of 100 000 accounts, separating
//! the Argon2 work (deliberately slow) from everything else (which must take milliseconds).
//!
//! Run: `scripts/lib/with-keyring.sh cargo bench -p kabinet-core --bench flows`
//! (a real encrypted database keyed from a real Secret Service). Not a test: it asserts nothing.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::time::{Duration, Instant};

use argon2::password_hash::{PasswordHasher, SaltString};
use kabinet_core::contract::{RegistrationDraft, SendCodeRequest, SignInRequest, VerifyCodeRequest};
use kabinet_core::{Caller, Config, Kabinet};

const ACCOUNTS: usize = 100_000;
const RUNS: usize = 100;
const PASSWORD: &str = "Zq8#mW2!rLp";

#[derive(Default)]
struct Samples(Vec<Duration>);

impl Samples {
    fn add(&mut self, d: Duration) {
        self.0.push(d);
    }
    fn pct(&self, p: f64) -> f64 {
        let mut v: Vec<f64> = self.0.iter().map(|d| d.as_secs_f64() * 1000.0).collect();
        v.sort_by(f64::total_cmp);
        v[((v.len() - 1) as f64 * p).round() as usize]
    }
    fn line(&self, name: &str) {
        println!(
            "{name:<44} p50 {:>8.2} ms   p95 {:>8.2} ms   p99 {:>8.2} ms",
            self.pct(0.5),
            self.pct(0.95),
            self.pct(0.99)
        );
    }
}

async fn timed<T>(samples: &mut Samples, f: impl std::future::Future<Output = T>) -> T {
    let start = Instant::now();
    let out = f.await;
    samples.add(start.elapsed());
    out
}

/// The engine measured: the encrypted file, or with `KABINET_BENCH_DATABASE_URL` a fresh
/// database created on that PostgreSQL server.
async fn config(dir: &std::path::Path) -> Config {
    let config = Config::with_data_dir(dir);
    match std::env::var("KABINET_BENCH_DATABASE_URL") {
        Ok(url) => {
            let name = format!("bench_{}", std::process::id());
            config.with_database_url(kabinet_core::db::create_postgres_database(&url, &name).await.unwrap())
        }
        Err(_) => config,
    }
}

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().unwrap();
    let config = config(dir.path()).await;
    let engine_url = config.database_url.clone();
    let engine = if engine_url.is_some() { "PostgreSQL" } else { "SQLCipher" };
    println!("engine: {engine}");
    let start = Instant::now();
    let kabinet = Kabinet::open(config.clone()).await.unwrap();
    println!("open fresh database (migrate): {:.1} ms", ms(start.elapsed()));
    let start = Instant::now();
    kabinet.synthetic().seed_accounts(ACCOUNTS, 9_500_000_000, PASSWORD).await.unwrap();
    println!("seed {ACCOUNTS} accounts: {:.1} s", start.elapsed().as_secs_f64());
    kabinet.close().await;
    let start = Instant::now();
    let kabinet = Kabinet::open(config).await.unwrap();
    println!("reopen with {ACCOUNTS} accounts (check, migrate): {:.1} ms\n", ms(start.elapsed()));

    let [mut send, mut verify, mut check, mut complete] = std::array::from_fn(|_| Samples::default());
    let [mut argon, mut sign_in, mut sign_in_unknown, mut current, mut sign_out, mut sign_in_rest] =
        std::array::from_fn(|_| Samples::default());
    let [mut profile, mut applications, mut prechecks, mut inbox] =
        std::array::from_fn(|_| Samples::default());
    for run in 0..RUNS {
        // Each run is a new person at a new window: a caller holding nothing yet.
        let caller = Caller::new();
        let client = kabinet.client(&caller);
        let phone = format!("+79{:09}", 100_000_000 + run);
        let reg = client.registration();
        timed(&mut send, reg.send_code(SendCodeRequest { phone: phone.clone() })).await.unwrap();
        let message = kabinet.outbox().last_for(&phone).await.unwrap().unwrap();
        let code: String = message.body.chars().filter(char::is_ascii_digit).take(6).collect();
        let ticket = timed(
            &mut verify,
            reg.verify_code(VerifyCodeRequest { phone: phone.clone(), code: code.into() }),
        )
        .await
        .unwrap()
        .ticket;
        let draft = RegistrationDraft {
            ticket,
            surname: Some("Ёлкина".into()),
            given_name: Some("Анна".into()),
            patronymic: None,
            birth_date: Some("05.03.1990".into()),
            gender: Some("Ж".into()),
            password: Some(PASSWORD.into()),
            password_repeat: Some(PASSWORD.into()),
            accept_terms: Some(true),
            accept_personal_data: Some(true),
        };
        timed(&mut check, reg.check(draft.clone())).await.unwrap();
        timed(&mut complete, reg.complete(draft)).await.unwrap();

        let salt = SaltString::encode_b64(&[run as u8; 16]).unwrap();
        let t = Instant::now();
        argon2::Argon2::default().hash_password(PASSWORD.as_bytes(), &salt).unwrap();
        argon.add(t.elapsed());

        let request =
            SignInRequest { identifier: phone.clone(), password: PASSWORD.into(), remember_me: false };
        // The same sign-in measured twice: whole, and less the Argon2 verification it ran (the
        // core's benchmark probe), so the rest is measured per call, not as a difference of
        // two medians.
        let spent = kabinet_core::argon2_spent();
        let t = Instant::now();
        client.session().sign_in(request).await.unwrap();
        let whole = t.elapsed();
        sign_in.add(whole);
        sign_in_rest.add(whole.saturating_sub(kabinet_core::argon2_spent() - spent));
        timed(&mut current, client.session().current()).await.unwrap();
        timed(&mut profile, client.profile().get()).await.unwrap();
        timed(&mut applications, client.applications().list()).await.unwrap();
        timed(&mut prechecks, client.closure().prechecks()).await.unwrap();
        let first_page = kabinet_core::notifications::types::InboxQuery {
            folder: kabinet_core::notifications::types::Folder::Inbox,
            category: None,
            before: None,
            limit: None,
        };
        timed(&mut inbox, client.notifications().inbox(first_page)).await.unwrap();
        timed(&mut sign_out, client.session().sign_out()).await.unwrap();
        let unknown = SignInRequest {
            identifier: "+79990000000".into(),
            password: PASSWORD.into(),
            remember_me: false,
        };
        timed(&mut sign_in_unknown, client.session().sign_in(unknown)).await.unwrap_err();
    }
    statements_per_flow(&kabinet).await;
    println!("{RUNS} runs on a database of {ACCOUNTS} accounts:");
    send.line("registration: send code");
    verify.line("registration: verify code");
    check.line("registration: check draft (all rules)");
    complete.line("registration: complete (incl. Argon2 hash)");
    argon.line("Argon2id hash alone (19 MiB, t=2, p=1)");
    let steps = send.pct(0.5) + verify.pct(0.5) + check.pct(0.5);
    let complete_rest = (complete.pct(0.5) - argon.pct(0.5)).max(0.0);
    println!("{:<44} p50 {:>8.2} ms", "registration steps before the hash (sum)", steps);
    println!(
        "{:<44} p50 {:>8.2} ms (difference of two ~25 ms figures: noisy)",
        "complete minus Argon2", complete_rest
    );
    println!("{:<44} p50 {:>8.2} ms", "registration excluding Argon2", steps + complete_rest);
    sign_in.line("sign-in (incl. Argon2 verify)");
    sign_in_rest.line("sign-in excluding Argon2 (per call)");
    sign_in_unknown.line("sign-in, unknown phone (dummy Argon2)");
    current.line("current session");
    profile.line("profile read («Мой профиль»)");
    applications.line("application list («Мои заявления»)");
    prechecks.line("closure pre-checks");
    inbox.line("inbox, first page");
    sign_out.line("sign-out");
    sealing_cost(dir.path());
    desk(&kabinet).await;
    kabinet.close().await;
    if let Some(url) = &engine_url {
        sizes(url).await;
    }
}

/// Statements each citizen flow runs (through `kabinet_core::db`, both engines alike), for the
/// sharding plan in docs/scale.md: one seeded citizen signs in and reads.
async fn statements_per_flow(kabinet: &Kabinet) {
    use kabinet_core::db::statements_run;
    let caller = Caller::new();
    let client = kabinet.client(&caller);
    let phone = format!("+7{}", 9_500_000_000u64 + 4_242);
    let request = SignInRequest { identifier: phone, password: PASSWORD.into(), remember_me: false };
    let mut line = String::from("statements per call:");
    let before = statements_run();
    client.session().sign_in(request).await.unwrap();
    line += &format!(" sign-in {}", statements_run() - before);
    let before = statements_run();
    client.profile().get().await.unwrap();
    line += &format!(", profile {}", statements_run() - before);
    let before = statements_run();
    client.applications().list().await.unwrap();
    line += &format!(", applications {}", statements_run() - before);
    let before = statements_run();
    client.closure().prechecks().await.unwrap();
    line += &format!(", pre-checks {}", statements_run() - before);
    let before = statements_run();
    let first_page = kabinet_core::notifications::types::InboxQuery {
        folder: kabinet_core::notifications::types::Folder::Inbox,
        category: None,
        before: None,
        limit: None,
    };
    client.notifications().inbox(first_page).await.unwrap();
    line += &format!(", inbox page {}", statements_run() - before);
    let before = statements_run();
    client.session().sign_out().await.unwrap();
    line += &format!(", sign-out {}", statements_run() - before);
    println!("{line}\n");
}

/// PostgreSQL: the bytes the seeded accounts take per account, table by table (heap, indexes
/// and TOAST), for the sharding plan in docs/scale.md.
async fn sizes(url: &str) {
    use sqlx::Connection;
    let mut conn = sqlx::PgConnection::connect(url).await.unwrap();
    let accounts: i64 =
        sqlx::query_scalar("SELECT count(*) FROM accounts").fetch_one(&mut conn).await.unwrap();
    let rows: Vec<(String, i64, i64)> = sqlx::query_as(
        "SELECT relname::text, n_live_tup, pg_total_relation_size(relid) FROM pg_stat_user_tables \
         WHERE relname IN ('accounts', 'identifiers', 'credentials', 'sessions', 'access_journal', 'outbox') \
         ORDER BY relname",
    )
    .fetch_all(&mut conn)
    .await
    .unwrap();
    println!("\nPostgreSQL, {accounts} accounts:");
    for (table, live, bytes) in rows {
        println!("{table:<16} {live:>8} rows {:>10.1} bytes per account", bytes as f64 / accounts as f64);
    }
    let _ = conn.close().await;
}

/// The staff desk on the same accounts, as a supervisor signed in with a computed TOTP code calls
/// it (each call resolves the staff session, as the app's do): find by phone (one audit row and
/// one card row written), the card again, the citizen's applications and debts, the closure
/// queue, a page of «Журнал действий» filtered by login, and «Печать за день»'s list.
async fn desk(kabinet: &Kabinet) {
    use kabinet_core::staff::desk::CitizenRef;
    use kabinet_core::staff::find::{CardPurpose, FindCitizen};
    use kabinet_core::staff::printing::DayBatchRequest;
    use kabinet_core::staff::types::{AuditQuery, NewStaff, StaffSignInRequest};
    let machine = Caller::machine("bench");
    let new = NewStaff {
        login: "s.bench".into(),
        full_name: "Петрова Анна Сергеевна".into(),
        role: "supervisor".into(),
        password: PASSWORD.into(),
    };
    let created = kabinet.client(&machine).team().add(new).await.unwrap();
    let desk = Caller::new();
    let staff = kabinet.client(&desk);
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    let code = totp(created.secret.as_str(), now);
    let request = StaffSignInRequest { login: created.login, password: PASSWORD.into(), code: code.into() };
    staff.staff().sign_in(request).await.unwrap();
    let [mut find, mut card, mut apps, mut debts, mut queue, mut audit, mut day] =
        std::array::from_fn(|_| Samples::default());
    let today = time::OffsetDateTime::now_utc().date();
    let today = format!("{:02}.{:02}.{}", today.day(), u8::from(today.month()), today.year());
    // A desk may search 30 times in 10 minutes (domain rule): 30 searches, then every other call
    // on the cards they opened.
    let mut opened = Vec::new();
    for run in 0..30 {
        let phone = format!("+7{}", 9_500_000_000 + (run * 997 % ACCOUNTS) as u64);
        let query = FindCitizen { query: phone, purpose: Some(CardPurpose::CitizenRequest) };
        opened.push(timed(&mut find, staff.staff().find_citizen(query)).await.unwrap().account_number);
    }
    for run in 0..RUNS {
        let of = || CitizenRef { account_number: opened[run % opened.len()].clone() };
        timed(&mut card, staff.desk().card(of())).await.unwrap();
        timed(&mut apps, staff.desk().applications(of())).await.unwrap();
        timed(&mut debts, staff.desk().debts(of())).await.unwrap();
        timed(&mut queue, staff.queue().closures()).await.unwrap();
        let filtered = AuditQuery { page: 1, login: Some("s.bench".into()), ..Default::default() };
        timed(&mut audit, staff.audit().page(filtered)).await.unwrap();
        timed(&mut day, staff.printing().day(DayBatchRequest { day: today.clone() })).await.unwrap();
    }
    println!("\nthe staff desk, {RUNS} runs on {ACCOUNTS} accounts (each call authorised):");
    find.line("find a citizen by phone (audited; 30 runs)");
    card.line("the card again");
    apps.line("the citizen's applications");
    debts.line("the citizen's debts");
    queue.line("closure queue");
    audit.line("«Журнал действий» page, by login");
    day.line("«Печать за день» list");
}

/// RFC 6238 (SHA-1, 6 digits, 30 s) from the Base32 key shown once, as a phone app computes it.
fn totp(manual_key: &str, unix: i64) -> String {
    use hmac::{Hmac, Mac};
    let secret = data_encoding::BASE32_NOPAD.decode(manual_key.replace(' ', "").as_bytes()).unwrap();
    let mut mac = Hmac::<sha1::Sha1>::new_from_slice(&secret).unwrap();
    mac.update(&(unix / 30).to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let offset = (digest[19] & 0x0f) as usize;
    let binary = u32::from_be_bytes(digest[offset..offset + 4].try_into().unwrap()) & 0x7fff_ffff;
    format!("{:06}", binary % 1_000_000)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// What sealing adds to reading a full profile, measured alone (CPU only: the wrapped key comes
/// with the profile's row, no extra statement): unwrap the account's data key, open its fifteen
/// fields — ФИО, birth date, gender, phone, e-mail, СНИЛС, passport (4), ИНН, address.
fn sealing_cost(dir: &std::path::Path) {
    let keys =
        kabinet_core::sealing::Keys::from_vault(&kabinet_core::vault::Vault::open(dir).unwrap()).unwrap();
    let (wrapped, key) = keys.new_transit_key(20_000);
    let values = [
        "Ёлкина-Соколова",
        "Анна",
        "Сергеевна",
        "1990-03-05",
        "Ж",
        "+79161234567",
        "anna@example.ru",
        "11223344595",
        "4508123456",
        "2010-04-12",
        "ОВД района Хамовники г. Москвы",
        "770-001",
        "500100732259",
        "г. Москва, ул. Льва Толстого, д. 16, кв. 5",
        "simplified",
    ];
    let sealed: Vec<String> =
        values.iter().enumerate().map(|(i, v)| key.seal("bench.column", i, v)).collect();
    let mut samples = Samples::default();
    for _ in 0..1_000 {
        let start = Instant::now();
        let key = keys.transit_sealer_of(20_000, &wrapped).unwrap();
        for (i, value) in sealed.iter().enumerate() {
            std::hint::black_box(key.open("bench.column", i, value).unwrap());
        }
        samples.add(start.elapsed());
    }
    samples.line("sealing: unwrap key + open 15 profile fields");
}
