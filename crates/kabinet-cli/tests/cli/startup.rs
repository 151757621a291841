//! The CLI explains start-up failures in words and never creates a database it cannot protect.

use std::process::Command;

#[test]
fn without_a_secret_service_the_cli_says_so_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_kabinet-cli"))
        .args([
            "--data-dir",
            dir.path().to_str().unwrap(),
            "--json",
            "outbox",
            "last",
            "--to",
            "+79123456789",
        ])
        .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/kabinet-test-bus")
        .env_remove("DISPLAY")
        .output()
        .unwrap();
    assert!(!output.status.success());
    let error: serde_json::Value = serde_json::from_slice(&output.stderr).unwrap();
    assert_eq!(error["code"], "keyring_unavailable");
    assert!(error["message"].as_str().unwrap().contains("Хранилище ключей"));
    assert!(!dir.path().join("kabinet.db").exists(), "no database without a key store");
}

#[test]
fn an_unknown_check_kind_is_refused_with_the_list_of_kinds() {
    let output =
        Command::new(env!("CARGO_BIN_EXE_kabinet-cli")).args(["check", "iban", "x"]).output().unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("snils, inn"));
}
