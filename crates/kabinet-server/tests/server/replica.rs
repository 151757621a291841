//! A streaming replica: `pg_basebackup` of the test cluster on this machine
//! (`scripts/lib/start-replica.sh`), a hot standby on its own port. The server reads history
//! pages there — shown by pausing the replica's replay: a sign-in committed on the primary is then
//! missing from «Журнал входов» until replay resumes — and keeps answering from the primary when
//! the replica is stopped.

use serde_json::json;

use crate::common::*;

const PHONE: &str = "+79161112233";

fn script() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/lib/start-replica.sh")
}

/// The replica of the test cluster, stopped when dropped.
struct Replica {
    dir: tempfile::TempDir,
    port: u16,
}

impl Replica {
    fn start() -> Self {
        let admin = std::env::var("KABINET_TEST_DATABASE_URL").unwrap();
        let primary_port = admin.rsplit_once(':').unwrap().1.split('/').next().unwrap().to_owned();
        let dir = tempfile::tempdir().unwrap();
        let output =
            std::process::Command::new(script()).arg(&primary_port).arg(dir.path()).output().unwrap();
        assert!(output.status.success(), "start-replica: {}", String::from_utf8_lossy(&output.stderr));
        let port = String::from_utf8(output.stdout).unwrap().trim().parse().unwrap();
        Self { dir, port }
    }

    fn url_of(&self, primary_url: &str) -> String {
        let (head, tail) = primary_url.rsplit_once(':').unwrap();
        let database = tail.split_once('/').unwrap().1;
        format!("{head}:{}/{database}", self.port)
    }

    async fn execute(&self, primary_url: &str, sql: &'static str) {
        let pool =
            kabinet_core::db::Pool::Postgres(sqlx::PgPool::connect(&self.url_of(primary_url)).await.unwrap());
        kabinet_core::db::query(sql).execute(&pool).await.unwrap();
        pool.close().await;
    }

    fn stop(&self) {
        let status =
            std::process::Command::new(script()).arg("--stop").arg(self.dir.path()).status().unwrap();
        assert!(status.success());
    }
}

impl Drop for Replica {
    fn drop(&mut self) {
        self.stop();
    }
}

async fn journal_entries(api: &Api, token: &str) -> usize {
    let journal = api.call("session_journal", Some(token), json!({"request": {"page": 1}})).await;
    assert_eq!(journal.status, 200, "{journal:?}");
    journal.body["entries"].as_array().map_or(0, Vec::len)
}

/// Polls «Журнал входов» until it lists `want` entries (the replica catching up), 30 s at most.
async fn until_entries(api: &Api, token: &str, want: usize) -> usize {
    let mut seen = 0;
    for _ in 0..300 {
        seen = journal_entries(api, token).await;
        if seen == want {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    seen
}

/// The journal's rows on the primary (the test's database holds one account).
async fn on_primary(db: &Db) -> usize {
    let pool = kabinet_core::db::Pool::Postgres(sqlx::PgPool::connect(&db.url).await.unwrap());
    let n: i64 =
        kabinet_core::db::query_scalar("SELECT count(*) FROM access_journal").fetch_one(&pool).await.unwrap();
    pool.close().await;
    usize::try_from(n).unwrap()
}

fn metric(text: &str, line: &str) -> u64 {
    text.lines().find_map(|l| l.strip_prefix(line)).and_then(|n| n.trim().parse().ok()).unwrap_or(0)
}

#[tokio::test]
async fn a_replica_serves_history_pages_and_the_primary_answers_when_it_is_stopped() {
    let db = database().await;
    let replica = Replica::start();
    let server = start(&db, &[("KABINET_REPLICA_URL", replica.url_of(&db.url))]).await;
    let api = Api::new(&server);
    api.register(&db, PHONE).await;
    let token = api.sign_in(PHONE).await;
    let before = on_primary(&db).await;
    assert!(before >= 1);
    assert_eq!(until_entries(&api, &token, before).await, before, "the replica caught up with the sign-in");

    // Replay paused: what the primary commits now does not reach the replica's pages.
    replica.execute(&db.url, "SELECT pg_wal_replay_pause()").await;
    let other = Api { device: "Рабочий ПК", ..api.clone() };
    other.sign_in(PHONE).await;
    let after = on_primary(&db).await;
    assert!(after > before);
    assert_eq!(journal_entries(&api, &token).await, before, "the page came from the paused replica");
    let sessions = api.call("session_list", Some(&token), json!({})).await;
    assert_eq!(sessions.body.as_array().map(Vec::len), Some(2), "what decisions rest on is the primary's");
    replica.execute(&db.url, "SELECT pg_wal_replay_resume()").await;
    assert_eq!(until_entries(&api, &token, after).await, after, "replay resumed, the page caught up");
    let (_, metrics) = api.get("/metrics").await;
    assert!(metric(&metrics, "kabinet_replica_reads_total{answered=\"replica\"} ") >= 3, "{metrics}");
    assert_eq!(metric(&metrics, "kabinet_replica_reads_total{answered=\"primary\"} "), 0, "{metrics}");

    // The replica stops: the same page from the primary, sign-in and every write unaffected.
    replica.stop();
    let third = Api { device: "Планшет", ..api.clone() };
    third.sign_in(PHONE).await;
    let latest = on_primary(&db).await;
    assert!(latest > after);
    assert_eq!(journal_entries(&api, &token).await, latest, "the primary answers, with the latest entry");
    let history = api.call("profile_history", Some(&token), json!({"request": {"page": 1}})).await;
    assert_eq!(history.status, 200, "{history:?}");
    let (_, metrics) = api.get("/metrics").await;
    assert!(metric(&metrics, "kabinet_replica_reads_total{answered=\"primary\"} ") >= 2, "{metrics}");
    assert_eq!(api.get("/ready").await.0, 200, "ready: the primary is what readiness means");
}
