//! The CLI writes the log the app writes: an internal error leaves one line in
//! `<data dir>/logs/`, with the kind of failure and no personal data.

use std::path::Path;

use crate::common::{cli, registered};

/// Makes every new outbox row fail with a database error whose text quotes the citizen's
/// data, as an error message of the database or of a decoder can quote a value.
async fn outbox_fails_quoting_the_citizen(dir: &Path) {
    const QUOTE: &str = "Соколова Анна +79161112233 8 916 111-22-33 05.03.1990 4510 123456";
    let db = crate::common::raw_pool(dir).await;
    let statements = if crate::common::on_postgres() {
        vec![
            format!(
                "CREATE FUNCTION quoting() RETURNS trigger LANGUAGE plpgsql AS \
                 $$ BEGIN RAISE EXCEPTION '{QUOTE}'; END $$"
            ),
            "CREATE TRIGGER quoting BEFORE INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION quoting()"
                .to_owned(),
        ]
    } else {
        vec![format!(
            "CREATE TRIGGER quoting BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, '{QUOTE}'); END"
        )]
    };
    for statement in statements {
        kabinet_core::db::query(statement).execute(&db).await.unwrap();
    }
    db.close().await;
}

#[tokio::test]
async fn an_internal_error_writes_a_line_to_the_data_dirs_log_without_personal_data() {
    let dir = tempfile::tempdir().unwrap();
    let account = registered(dir.path()).await;
    let logs = dir.path().join("logs");
    assert!(!logs.exists(), "nothing is logged while all goes well");

    outbox_fails_quoting_the_citizen(dir.path()).await;
    let args =
        ["--json", "notify", "--account", &account, "--event", "security", "--title", "t", "--text", "x"];
    let output = cli(dir.path(), &args);
    assert!(!output.status.success());
    let error: serde_json::Value = serde_json::from_slice(&output.stderr).unwrap();
    assert_eq!(error["code"], "internal", "stderr is the JSON error alone");

    let files: Vec<_> = std::fs::read_dir(&logs).unwrap().map(|entry| entry.unwrap().path()).collect();
    assert_eq!(files, vec![logs.join("kabinet.log")]);
    let log = std::fs::read_to_string(&files[0]).unwrap();
    let lines: Vec<&str> = log.lines().collect();
    assert_eq!(lines.len(), 1, "{log}");
    let line = lines[0];
    assert!(
        line.contains(" ERROR kabinet_core::error: internal error kind=sqlx_core::error::Error"),
        "{line}"
    );
    // SQLite's RAISE(ABORT) names its code 1811; PostgreSQL's errors print their message only.
    let code = if crate::common::on_postgres() { "" } else { "(code: 1811) " };
    assert!(line.contains(&format!("cause=error returned from database: {code}")), "{line}");
    assert!(line.contains("at=crates/kabinet-core/src/"), "where it was raised: {line}");
    for personal in [
        "+79161112233",
        "89161112233",
        "9161112233",
        "916",
        "111-22-33",
        "Соколова",
        "Анна",
        "1990",
        "4510",
        "123456",
    ] {
        assert!(!line.contains(personal), "{personal} in {line}");
    }
}
