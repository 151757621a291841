//! The server under load on loopback: two `kabinet-server` processes (release build) on one
//! PostgreSQL holding 1 000 000 accounts, called over HTTP by this client with 16 requests in
//! flight. Prints sign-in throughput against the Argon2 limit of this machine, p50/p95/p99 of the
//! main read commands, and checks that nothing was lost or doubled under concurrency across the
//! two processes: the sign-in lockout, the outbox, document numbering.
//!
//! Run (the test command's throwaway cluster; `KABINET_PG_FSYNC=on` for a durable one):
//! ```text
//! cargo build --release -p kabinet-server
//! KABINET_PG_FSYNC=on scripts/lib/with-postgres.sh cargo bench -p kabinet-core --bench load
//! ```
//! `KABINET_LOAD_ACCOUNTS` changes the number of accounts. Not a test: it asserts only the
//! counts that would mean a lost update, and prints every figure.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use kabinet_core::{Config, Kabinet};
use serde_json::{Value, json};
use tokio::io::AsyncBufReadExt;

const PASSWORD: &str = "Zq8#mW2!rLp";
const FIRST_PHONE: u64 = 9_500_000_000;
const IN_FLIGHT: usize = 16;

#[derive(Default)]
struct Samples(Vec<Duration>);

impl Samples {
    fn pct(&self, p: f64) -> f64 {
        let mut v: Vec<f64> = self.0.iter().map(|d| d.as_secs_f64() * 1000.0).collect();
        v.sort_by(f64::total_cmp);
        v[((v.len() - 1) as f64 * p).round() as usize]
    }
    fn line(&self, name: &str, took: Duration) {
        println!(
            "{name:<28} {:>6} calls  {:>7.0}/s   p50 {:>7.2} ms   p95 {:>7.2} ms   p99 {:>7.2} ms",
            self.0.len(),
            self.0.len() as f64 / took.as_secs_f64(),
            self.pct(0.5),
            self.pct(0.95),
            self.pct(0.99)
        );
    }
}

#[derive(Clone)]
struct Api {
    http: reqwest::Client,
    bases: Arc<Vec<String>>,
}

impl Api {
    /// Calls `name` on server `which % 2` as `token`; status, the new token if handed over, body.
    async fn call(
        &self,
        which: usize,
        name: &str,
        token: Option<&str>,
        args: Value,
    ) -> (u16, Option<String>, Value) {
        let base = &self.bases[which % self.bases.len()];
        let mut request = self.http.post(format!("{base}/api/v1/{name}")).body(args.to_string());
        if let Some(token) = token {
            request = request.header("authorization", format!("Bearer {token}"));
        }
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        let token = response.headers().get("kabinet-token").map(|v| v.to_str().unwrap().to_owned());
        let body = serde_json::from_slice(&response.bytes().await.unwrap()).unwrap_or(Value::Null);
        (status, token, body)
    }
}

fn phone(i: u64) -> String {
    format!("+7{}", FIRST_PHONE + i)
}

/// Runs `calls` requests with IN_FLIGHT at a time; `call(i)` makes the i-th. Latencies and the
/// wall time.
async fn run<F, Fut>(calls: usize, call: F) -> (Samples, Duration)
where
    F: Fn(usize) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = ()> + Send,
{
    run_with(calls, IN_FLIGHT, call).await
}

/// [`run`] with `in_flight` requests at a time.
async fn run_with<F, Fut>(calls: usize, in_flight: usize, call: F) -> (Samples, Duration)
where
    F: Fn(usize) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = ()> + Send,
{
    let call = Arc::new(call);
    let next = Arc::new(AtomicUsize::new(0));
    let start = Instant::now();
    let mut workers = Vec::new();
    for _ in 0..in_flight {
        let (call, next) = (call.clone(), next.clone());
        workers.push(tokio::spawn(async move {
            let mut samples = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= calls {
                    break;
                }
                let t = Instant::now();
                call(i).await;
                samples.push(t.elapsed());
            }
            samples
        }));
    }
    let mut all = Samples::default();
    for worker in workers {
        all.0.extend(worker.await.unwrap());
    }
    (all, start.elapsed())
}

/// A server process, killed when dropped (`kill_on_drop`).
struct Server(#[allow(dead_code)] tokio::process::Child);

async fn start_server(bin: &str, url: &str, master: &str, dir: &std::path::Path) -> (Server, String) {
    let mut child = tokio::process::Command::new(bin)
        .env("KABINET_LISTEN", "127.0.0.1:0")
        .env("KABINET_DATABASE_URL", url)
        .env("KABINET_MASTER_KEY", master)
        .env("KABINET_DATA_DIR", dir)
        .env("KABINET_REQUESTS_PER_MINUTE", "0")
        .env("KABINET_LOG", "warn")
        .stdout(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap_or_else(|e| panic!("{bin}: {e} (cargo build --release -p kabinet-server first)"));
    let mut lines = tokio::io::BufReader::new(child.stdout.take().unwrap()).lines();
    while let Some(line) = lines.next_line().await.unwrap() {
        if let Some(base) = line.strip_prefix("kabinet-server: listening on ") {
            tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
            return (Server(child), base.to_owned());
        }
    }
    panic!("the server did not start");
}

async fn scalar(pool: &kabinet_core::db::Pool, sql: &'static str) -> i64 {
    kabinet_core::db::query_scalar(sql).fetch_one(pool).await.unwrap()
}

#[tokio::main]
async fn main() {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let admin = std::env::var("KABINET_BENCH_DATABASE_URL")
        .or_else(|_| std::env::var("KABINET_TEST_DATABASE_URL"))
        .expect("a PostgreSQL server: run under scripts/lib/with-postgres.sh");
    let accounts: usize =
        std::env::var("KABINET_LOAD_ACCOUNTS").ok().and_then(|n| n.parse().ok()).unwrap_or(1_000_000);
    let target = std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| "target".into());
    let bin =
        std::env::var("KABINET_SERVER_BIN").unwrap_or_else(|_| format!("{target}/release/kabinet-server"));
    let dir = tempfile::tempdir().unwrap();
    let url = kabinet_core::db::create_postgres_database(&admin, &format!("load_{}", std::process::id()))
        .await
        .unwrap();
    let master = kabinet_core::vault::MasterKey::generate_hex().to_string();
    let config =
        Config::with_data_dir(dir.path().join("seed")).with_database_url(&url).with_master_key(&master);
    let kabinet = Kabinet::open(config).await.unwrap();
    let start = Instant::now();
    kabinet.synthetic().seed_accounts(accounts, FIRST_PHONE, PASSWORD).await.unwrap();
    println!("seeded {accounts} accounts in {:.1} s", start.elapsed().as_secs_f64());
    let pool = kabinet_core::db::Pool::Postgres(sqlx::PgPool::connect(&url).await.unwrap());
    let bytes = scalar(&pool, "SELECT CAST(pg_database_size(current_database()) AS BIGINT)").await;
    println!("database size: {:.0} MB", bytes as f64 / 1e6);

    let (a, base_a) = start_server(&bin, &url, &master, &dir.path().join("a")).await;
    let (b, base_b) = start_server(&bin, &url, &master, &dir.path().join("b")).await;
    let http = reqwest::Client::builder().pool_max_idle_per_host(IN_FLIGHT).build().unwrap();
    let api = Api { http, bases: Arc::new(vec![base_a, base_b]) };
    println!(
        "two servers, {IN_FLIGHT} requests in flight, this machine: {} cores\n",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );

    // The Argon2 limit: one hash with the core's parameters (the crate's defaults), times the cores.
    use argon2::password_hash::{PasswordHasher, SaltString};
    let t = Instant::now();
    let hashes = 8;
    for i in 0..hashes {
        let salt = SaltString::encode_b64(&[i as u8; 16]).unwrap();
        argon2::Argon2::default().hash_password(PASSWORD.as_bytes(), &salt).unwrap();
    }
    let per_hash = t.elapsed() / hashes;
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "Argon2id (19 MiB, 2 passes): {:.1} ms a hash → at most {:.0} sign-ins/s on {cores} cores",
        per_hash.as_secs_f64() * 1000.0,
        cores as f64 / per_hash.as_secs_f64()
    );

    // Sign-ins of distinct accounts spread over the million; their tokens serve the reads.
    let tokens = Arc::new(std::sync::Mutex::new(Vec::new()));
    let signins = 400;
    let (samples, took) = run(signins, {
        let (api, tokens) = (api.clone(), tokens.clone());
        move |i| {
            let (api, tokens) = (api.clone(), tokens.clone());
            async move {
                let who = (i as u64 * 2_477) % accounts as u64;
                let request = json!({"request": {"identifier": phone(who), "password": PASSWORD, "remember_me": false}});
                let (status, token, body) = api.call(i, "session_sign_in", None, request).await;
                assert_eq!(status, 200, "{body}");
                tokens.lock().unwrap().push((who, token.unwrap()));
            }
        }
    })
    .await;
    samples.line("session_sign_in", took);
    let tokens: Arc<Vec<(u64, String)>> = Arc::new(std::mem::take(&mut *tokens.lock().unwrap()));

    let reads = [
        ("profile_get", json!({})),
        ("applications_list", json!({})),
        ("notifications_inbox", json!({"query": {"folder": "inbox"}})),
        ("notifications_unread_count", json!({})),
        ("closure_prechecks", json!({})),
        ("session_list", json!({})),
        ("documents_mine", json!({})),
    ];
    println!("\none request at a time (the latency a citizen sees, through HTTP and the server):");
    for (name, args) in reads.clone() {
        let (samples, took) = run_with(1_000, 1, {
            let (api, tokens) = (api.clone(), tokens.clone());
            move |i| {
                let (api, tokens, args) = (api.clone(), tokens.clone(), args.clone());
                async move {
                    let (_, token) = &tokens[i % tokens.len()];
                    let (status, _, body) = api.call(i, name, Some(token), args).await;
                    assert_eq!(status, 200, "{name}: {body}");
                }
            }
        })
        .await;
        samples.line(name, took);
    }

    println!(
        "\n{IN_FLIGHT} requests in flight (throughput of the two servers and PostgreSQL on this machine):"
    );
    for (name, args) in reads {
        let calls = 4_000;
        let (samples, took) = run(calls, {
            let (api, tokens) = (api.clone(), tokens.clone());
            move |i| {
                let (api, tokens, args) = (api.clone(), tokens.clone(), args.clone());
                async move {
                    let (_, token) = &tokens[i % tokens.len()];
                    let (status, _, body) = api.call(i, name, Some(token), args).await;
                    assert_eq!(status, 200, "{name}: {body}");
                }
            }
        })
        .await;
        samples.line(name, took);
    }

    println!("\nno lost updates across the two processes:");
    // The lockout: 200 wrong passwords at once for one account, through both servers.
    let victim = phone(accounts as u64 - 1);
    let outcomes = Arc::new(std::sync::Mutex::new(Vec::new()));
    run(200, {
        let (api, outcomes, victim) = (api.clone(), outcomes.clone(), victim.clone());
        move |i| {
            let (api, outcomes, victim) = (api.clone(), outcomes.clone(), victim.clone());
            async move {
                let request = json!({"request": {"identifier": victim, "password": "Неверный#Пароль1", "remember_me": false}});
                let (_, _, body) = api.call(i, "session_sign_in", None, request).await;
                outcomes.lock().unwrap().push(body["code"].as_str().unwrap_or("").to_owned());
            }
        }
    })
    .await;
    let outcomes = std::mem::take(&mut *outcomes.lock().unwrap());
    let invalid = outcomes.iter().filter(|c| *c == "invalid_credentials").count();
    let locked = outcomes.iter().filter(|c| *c == "locked").count();
    let failures = scalar(&pool, "SELECT count(*) FROM access_journal WHERE event = 'sign_in_failed'").await;
    println!(
        "  lockout: 200 wrong passwords at once → {invalid} invalid + {locked} locked, {failures} failures journalled"
    );
    assert_eq!((invalid, locked, failures), (2, 198, 3));

    // Numbering: 300 «Справка о регистрации» issued at once by 300 citizens, through both.
    let (samples, took) = run(300, {
        let (api, tokens) = (api.clone(), tokens.clone());
        move |i| {
            let (api, tokens) = (api.clone(), tokens.clone());
            async move {
                let (_, token) = &tokens[i];
                let (status, _, body) =
                    api.call(i, "documents_issue_registration_certificate", Some(token), json!({})).await;
                assert_eq!(status, 200, "{body}");
            }
        }
    })
    .await;
    samples.line("  issue_registration_cert.", took);
    let numbers: Vec<String> = kabinet_core::db::query_scalar(
        "SELECT number FROM documents WHERE kind = 'registration_certificate' ORDER BY number",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    let mut serials: Vec<u64> =
        numbers.iter().map(|n| n.rsplit('-').next().unwrap().parse().unwrap()).collect();
    serials.sort_unstable();
    let gap_free = serials.iter().enumerate().all(|(i, n)| *n == i as u64 + 1);
    println!(
        "  numbering: {} certificates, numbers 1..{} unique and gap-free: {gap_free}",
        numbers.len(),
        serials.last().unwrap_or(&0)
    );
    assert!(numbers.len() == 300 && gap_free);

    // The outbox: 300 codes asked at once by 300 citizens, each delivered once by the workers.
    let before = scalar(&pool, "SELECT CAST(coalesce(max(id), 0) AS BIGINT) FROM outbox").await;
    let (samples, took) = run(300, {
        let (api, tokens) = (api.clone(), tokens.clone());
        move |i| {
            let (api, tokens) = (api.clone(), tokens.clone());
            async move {
                let (_, token) = &tokens[i + 50];
                let (status, _, body) = api.call(i, "profile_send_save_code", Some(token), json!({})).await;
                assert_eq!(status, 200, "{body}");
            }
        }
    })
    .await;
    samples.line("  profile_send_save_code", took);
    let count = |sql: &'static str| {
        let pool = pool.clone();
        async move { kabinet_core::db::query_scalar::<i64>(sql).bind(before).fetch_one(&pool).await.unwrap() }
    };
    let mut waiting = 0;
    for _ in 0..600 {
        waiting =
            count("SELECT count(*) FROM outbox WHERE id > ? AND status IN ('pending', 'sending')").await;
        if waiting == 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let codes = count("SELECT count(*) FROM outbox WHERE id > ?").await;
    let once =
        count("SELECT count(*) FROM outbox WHERE id > ? AND status = 'delivered' AND attempts = 1").await;
    let tried = count("SELECT count(*) FROM delivery_attempts WHERE outbox_id > ?").await;
    println!(
        "  outbox: {codes} codes queued, {once} delivered on the first try, {tried} delivery attempts, {waiting} left"
    );
    assert_eq!((codes, once, tried, waiting), (300, 300, 300, 0));

    drop((a, b));
    pool.close().await;
    kabinet.close().await;
}
