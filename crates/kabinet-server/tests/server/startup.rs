//! Starting the server: it refuses to run unsafely (plain HTTP beyond loopback, a malformed
//! master key, no database), and with a certificate from a private CA it serves HTTPS that a
//! client trusting that CA reaches and a client trusting anything else does not.

use std::process::Command as StdCommand;

use serde_json::json;

use crate::common::*;

async fn fails_with(db: &Db, envs: &[(&str, String)]) -> (i32, String) {
    let mut command = command(db, envs);
    command.stderr(std::process::Stdio::piped());
    let output = command.output().await.unwrap();
    (output.status.code().unwrap_or(-1), String::from_utf8_lossy(&output.stderr).into_owned())
}

#[tokio::test]
async fn it_refuses_to_start_unsafely_and_says_why() {
    let db = database().await;
    let (code, said) = fails_with(&db, &[("KABINET_LISTEN", "0.0.0.0:0".into())]).await;
    assert_eq!(code, 2, "{said}");
    assert!(said.contains("loopback"), "{said}");

    let (code, said) = fails_with(&db, &[("KABINET_MASTER_KEY", "not-a-key".into())]).await;
    assert_eq!(code, 1, "{said}");
    assert!(said.contains("key_wrong"), "{said}");

    let unreachable = "postgres://kabinet:secret-password@127.0.0.1:1/kabinet".to_owned();
    let (code, said) = fails_with(&db, &[("KABINET_DATABASE_URL", unreachable)]).await;
    assert_eq!(code, 1, "{said}");
    assert!(said.contains("database_unavailable"), "{said}");
    assert!(!said.contains("secret-password"), "the URL's password is never printed: {said}");

    let output = command(&db, &[]).arg("--new-master-key").output().await.unwrap();
    let key = String::from_utf8(output.stdout).unwrap();
    assert!(key.trim().len() == 64 && key.trim().bytes().all(|b| b.is_ascii_hexdigit()), "{key}");

    let output = command(&db, &[]).arg("--check").output().await.unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(String::from_utf8_lossy(&output.stdout).contains("in order"));
}

/// A private CA and a certificate for 127.0.0.1 it signed, made with the system's openssl.
fn private_ca(dir: &std::path::Path) -> (std::path::PathBuf, std::path::PathBuf, std::path::PathBuf) {
    let run = |args: &[&str]| {
        let status = StdCommand::new("openssl").args(args).current_dir(dir).output().unwrap();
        assert!(status.status.success(), "openssl {args:?}: {}", String::from_utf8_lossy(&status.stderr));
    };
    run(&[
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-days",
        "2",
        "-subj",
        "/CN=Kabinet test CA",
    ]);
    run(&[
        "req",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        "server.key",
        "-out",
        "server.csr",
        "-subj",
        "/CN=127.0.0.1",
    ]);
    std::fs::write(
        dir.join("san.ext"),
        "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n",
    )
    .unwrap();
    run(&[
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "server.pem",
        "-days",
        "2",
        "-extfile",
        "san.ext",
    ]);
    (dir.join("ca.pem"), dir.join("server.pem"), dir.join("server.key"))
}

#[tokio::test]
async fn https_with_a_private_ca_is_reached_only_by_a_client_that_trusts_it() {
    use rustls_pki_types::CertificateDer;
    use rustls_pki_types::pem::PemObject;
    let db = database().await;
    let (ca, cert, key) = private_ca(db.dir.path());
    let server = start(
        &db,
        &[("KABINET_TLS_CERT", cert.display().to_string()), ("KABINET_TLS_KEY", key.display().to_string())],
    )
    .await;
    assert!(server.base.starts_with("https://127.0.0.1:"), "{}", server.base);

    let mut roots = rustls::RootCertStore::empty();
    roots.add(CertificateDer::from_pem_file(&ca).unwrap()).unwrap();
    let trusting = Api::with_tls(&server.base, client_tls(roots));
    assert_eq!(trusting.get("/health").await.0, 200);
    let catalogue = trusting.call("applications_catalogue", None, json!({})).await;
    assert_eq!(catalogue.status, 200);
    assert!(catalogue.body.as_array().is_some_and(|services| !services.is_empty()));

    let stranger = Api::with_tls(&server.base, client_tls(rustls::RootCertStore::empty()));
    let refused = stranger.http.get(format!("{}/health", server.base)).send().await;
    assert!(refused.is_err(), "a certificate the client does not trust is refused");
    let plain = Api::new(&server);
    let plain = plain.http.get(format!("{}/health", server.base.replace("https://", "http://"))).send().await;
    assert!(plain.is_err(), "plain HTTP to the TLS port gets no answer");
}
