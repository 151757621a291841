//! `transport load | show | test`, `notify` and `outbox deliver | last` against a real encrypted
//! database and keyring (run under `scripts/lib/with-keyring.sh`), with a gateway on loopback.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::Output;
use std::sync::mpsc;

fn cli(dir: &Path, args: &[&str]) -> Output {
    crate::common::cli(dir, &[&["--json"], args].concat())
}

fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(output.stdout.split(|b| *b == b'\n').next().unwrap()).unwrap()
}

/// A one-request HTTP server answering 200; sends back the request's head and body.
fn gateway() -> (u16, mpsc::Receiver<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let (stream, _) = listener.accept().unwrap();
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut head = String::new();
        let mut length = 0;
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            if let Some(value) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                length = value.trim().parse().unwrap();
            }
            head.push_str(&line);
            if line == "\r\n" {
                break;
            }
        }
        let mut body = vec![0; length];
        reader.read_exact(&mut body).unwrap();
        let mut stream = stream;
        stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").unwrap();
        tx.send(format!("{head}{}", String::from_utf8_lossy(&body))).unwrap();
    });
    (port, rx)
}

#[test]
fn transports_load_show_and_test_and_the_outbox_still_reads() {
    let dir = tempfile::tempdir().unwrap();
    let shown = cli(dir.path(), &["transport", "show"]);
    assert!(shown.status.success(), "{}", String::from_utf8_lossy(&shown.stderr));
    assert_eq!(json(&shown)["demo"], true);

    let local = cli(dir.path(), &["transport", "test", "--channel", "sms", "--to", "8 916 000-11-22"]);
    assert_eq!(json(&local)["ok"], true);
    let last = cli(dir.path(), &["outbox", "last", "--to", "+79160001122"]);
    let last = json(&last);
    assert_eq!(last["status"], "delivered");
    assert!(last["body"].as_str().unwrap().contains("Проверка доставки"));

    let (port, received) = gateway();
    let file = dir.path().join("transports.toml");
    std::fs::write(
        &file,
        format!(
            "[sms]\ntransport = \"http\"\nurl = \"http://127.0.0.1:{port}/send\"\n\
             body_template = '{{\"phone\": \"{{to}}\", \"message\": \"{{text}}\", \"id\": \"{{key}}\"}}'\n\
             token = \"t0ken\"\n"
        ),
    )
    .unwrap();
    let loaded = cli(dir.path(), &["transport", "load", file.to_str().unwrap()]);
    assert!(loaded.status.success(), "{}", String::from_utf8_lossy(&loaded.stderr));
    let loaded = json(&loaded);
    assert_eq!((loaded["demo"].clone(), loaded["sms_token_set"].clone()), (false.into(), true.into()));
    assert!(!loaded.to_string().contains("t0ken"), "no secret printed or stored in settings");

    let sent = cli(dir.path(), &["transport", "test", "--channel", "sms", "--to", "+79160001122"]);
    assert_eq!(json(&sent)["transport"], "http");
    let request = received.recv().unwrap();
    assert!(
        request.contains("authorization: Bearer t0ken") || request.contains("Authorization: Bearer t0ken")
    );
    assert!(request.to_ascii_lowercase().contains("idempotency-key: transport_test."));
    assert!(request.contains("\"phone\": \"+79160001122\""));

    let delivered = cli(dir.path(), &["outbox", "deliver"]);
    assert_eq!(json(&delivered)["delivered"], 0);
    let unknown = cli(
        dir.path(),
        &["notify", "--account", "1234-5678-90", "--event", "payment_due", "--title", "t", "--text", "x"],
    );
    assert!(!unknown.status.success());
    let error: serde_json::Value = serde_json::from_slice(&unknown.stderr).unwrap();
    assert_eq!(error["code"], "not_found");
}
