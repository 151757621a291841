//! `staff add | list | disable` and `audit verify` against a real encrypted database and keyring
//! (run under `scripts/lib/with-keyring.sh`); the tampering is done with raw SQL on the file.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

const PASSWORD: &str = "Vx7#kQ2!mTz";

fn cli(dir: &Path, args: &[&str], stdin: &str) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kabinet-cli"));
    command.arg("--data-dir").arg(dir);
    if crate::common::on_postgres() {
        command.arg("--database-url").arg(crate::common::test_database(dir));
    }
    let mut child = command
        .arg("--json")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(output.stdout.split(|b| *b == b'\n').next().unwrap()).unwrap()
}

fn add(dir: &Path, login: &str) -> Output {
    cli(
        dir,
        &["staff", "add", "--login", login, "--name", "Петрова Анна Сергеевна", "--role", "supervisor"],
        &format!("{PASSWORD}\n"),
    )
}

/// Runs `statements` on the database behind the app's back, as someone with the key (or the
/// PostgreSQL password) could; `DROP TRIGGER t` names the table on PostgreSQL.
async fn tamper(dir: &Path, statements: &[&'static str]) {
    let db = crate::common::raw_pool(dir).await;
    for statement in statements {
        let sql = match statement.strip_prefix("DROP TRIGGER ") {
            Some(trigger) if crate::common::on_postgres() => format!("DROP TRIGGER {trigger} ON staff_audit"),
            _ => (*statement).to_owned(),
        };
        kabinet_core::db::query(sql).execute(&db).await.unwrap();
    }
    db.close().await;
}

#[tokio::test]
async fn staff_add_prints_the_secret_once_and_audit_verify_finds_an_edited_row() {
    let dir = tempfile::tempdir().unwrap();
    let added = add(dir.path(), "A.Petrova");
    assert!(added.status.success(), "{}", String::from_utf8_lossy(&added.stderr));
    let created = json(&added);
    assert_eq!(created["login"], "a.petrova");
    assert_eq!(created["role"], "supervisor");
    let uri = created["otpauth_uri"].as_str().unwrap();
    let secret = created["secret"].as_str().unwrap().replace(' ', "");
    assert!(uri.starts_with("otpauth://totp/Kabinet:a.petrova?secret=") && uri.contains(&secret));

    let twice = add(dir.path(), "a.petrova");
    assert!(!twice.status.success());
    let error: serde_json::Value = serde_json::from_slice(&twice.stderr).unwrap();
    assert_eq!(error["fields"][0]["code"], "login_taken");
    let listed = cli(dir.path(), &["staff", "list"], "");
    assert_eq!(json(&listed)["full_name"], "Петрова Анна Сергеевна");
    assert!(!String::from_utf8_lossy(&listed.stdout).contains(&secret), "the secret is shown once only");
    assert!(cli(dir.path(), &["transport", "show"], "").status.success());

    let verified = cli(dir.path(), &["audit", "verify"], "");
    assert!(verified.status.success(), "{}", String::from_utf8_lossy(&verified.stderr));
    let intact = json(&verified);
    assert_eq!((intact["ok"].as_bool(), intact["rows"].as_u64()), (Some(true), Some(2)));
    let head = format!("{}:{}", intact["head_seq"], intact["head_hash"].as_str().unwrap());
    assert!(cli(dir.path(), &["audit", "verify", "--head", &head], "").status.success());

    tamper(
        dir.path(),
        &[
            "DROP TRIGGER staff_audit_no_update",
            "UPDATE staff_audit SET target = 'someone.else' WHERE seq = 1",
        ],
    )
    .await;
    let broken = cli(dir.path(), &["audit", "verify"], "");
    assert!(!broken.status.success(), "a changed row fails the command");
    let report = json(&broken);
    assert_eq!(report["ok"], false);
    assert_eq!(report["broken_at"], 1);
    assert_eq!(report["reason"], "changed");
}

#[tokio::test]
async fn a_deleted_row_and_a_cut_tail_are_found_and_disable_is_recorded() {
    let dir = tempfile::tempdir().unwrap();
    assert!(add(dir.path(), "a.petrova").status.success());
    let disabled = cli(dir.path(), &["staff", "disable", "--login", "a.petrova"], "");
    assert!(json(&disabled)["disabled_at"].is_string());
    assert!(cli(dir.path(), &["transport", "show"], "").status.success());
    let intact = json(&cli(dir.path(), &["audit", "verify"], ""));
    assert_eq!(intact["rows"], 3);
    let head = format!("3:{}", intact["head_hash"].as_str().unwrap());

    tamper(dir.path(), &["DROP TRIGGER staff_audit_no_delete", "DELETE FROM staff_audit WHERE seq = 3"])
        .await;
    assert!(cli(dir.path(), &["audit", "verify"], "").status.success(), "a cut tail alone still chains");
    let cut = cli(dir.path(), &["audit", "verify", "--head", &head], "");
    assert!(!cut.status.success());
    assert_eq!(json(&cut)["reason"], "head_mismatch");

    tamper(dir.path(), &["DELETE FROM staff_audit WHERE seq = 1"]).await;
    let deleted = cli(dir.path(), &["audit", "verify"], "");
    assert!(!deleted.status.success());
    assert_eq!(
        (json(&deleted)["broken_at"].as_u64(), json(&deleted)["reason"].as_str()),
        (Some(2), Some("missing"))
    );
}

#[tokio::test]
async fn the_cli_is_audited_as_its_os_user_and_audit_list_shows_it() {
    let dir = tempfile::tempdir().unwrap();
    let run = |user: Option<&str>, args: &[&str], stdin: &str| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_kabinet-cli"));
        command.arg("--data-dir").arg(dir.path()).arg("--json").args(args);
        command.env_remove("USER").env_remove("LOGNAME").env_remove("USERNAME");
        if let Some(user) = user {
            command.env("USER", user);
        }
        let mut child =
            command.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
        child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
        child.wait_with_output().unwrap()
    };
    let staff =
        ["staff", "add", "--login", "o.ivanova", "--name", "Иванова Ольга Петровна", "--role", "operator"];
    assert!(run(Some("mfc-admin"), &staff, &format!("{PASSWORD}\n")).status.success());
    assert!(run(None, &["staff", "disable", "--login", "o.ivanova"], "").status.success());
    let listed = run(Some("mfc-admin"), &["audit", "list"], "");
    assert!(listed.status.success(), "{}", String::from_utf8_lossy(&listed.stderr));
    let page = json(&listed);
    let rows = page["rows"].as_array().unwrap();
    let who: Vec<(&str, &str)> =
        rows.iter().map(|r| (r["who"].as_str().unwrap(), r["action"].as_str().unwrap())).collect();
    assert_eq!(who[1], ("cli:mfc-admin", "staff_added"));
    assert_eq!(who[0].1, "staff_disabled");
    assert!(
        who[0].0.starts_with("cli:") && who[0].0 != "cli:unknown",
        "without $USER the OS account's name is read: {}",
        who[0].0
    );
    let only = run(None, &["audit", "list", "--login", "cli:mfc-admin"], "");
    assert_eq!(json(&only)["total"], 1);
}
