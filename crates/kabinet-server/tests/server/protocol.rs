//! The protocol as the app's remote mode speaks it: JSON arguments and answers, the bearer token
//! handed over and taken back in `Kabinet-Token`, the staff token for the desk's commands,
//! structured errors with statuses, raw bodies and raw answers, the client's computer in the
//! session list, and the service endpoints.

use serde_json::json;

use crate::common::*;

const PHONE: &str = "+79161112233";

#[tokio::test]
async fn a_citizen_signs_in_works_and_signs_out_with_the_token_the_server_hands_over() {
    let db = database().await;
    let server = start(&db, &[]).await;
    let api = Api::new(&server);
    let number = api.register(&db, PHONE).await;
    assert_eq!(number.len(), 12, "{number}");

    let token = api.sign_in(PHONE).await;
    assert_eq!(token.len(), 64);
    let profile = api.call("profile_get", Some(&token), json!({})).await;
    assert_eq!(profile.status, 200, "{profile:?}");
    assert_eq!(profile.body["surname"], "Ёлкина-Соколова");
    assert!(profile.token.is_none(), "a call that changes nothing hands over nothing");

    let nobody = api.call("profile_get", None, json!({})).await;
    assert_eq!((nobody.status, nobody.code()), (401, "not_signed_in"), "{nobody:?}");
    let forged = api.call("profile_get", Some(&"ab".repeat(32)), json!({})).await;
    assert_eq!((forged.status, forged.code()), (401, "not_signed_in"));

    // The session list names the citizen's computer and address, not the server's.
    let sessions = api.call("session_list", Some(&token), json!({})).await;
    assert_eq!(sessions.status, 200, "{sessions:?}");
    let mine = &sessions.body[0];
    assert_eq!(
        (mine["device"].as_str(), mine["os"].as_str(), mine["ip"].as_str()),
        (Some("Ноутбук Анны"), Some("Linux"), Some("127.0.0.1"))
    );
    assert_eq!(mine["current"], true);
    let journal = api.call("session_journal", Some(&token), json!({"request": {"page": 1}})).await;
    assert_eq!(journal.body["entries"][0]["device"], "Ноутбук Анны", "{journal:?}");

    // A second computer signs in: the citizen is told of a new device (the server's own host
    // name would never have changed).
    let other = Api { device: "Рабочий ПК", ..api.clone() };
    let second = other.sign_in(PHONE).await;
    assert_ne!(second, token);
    let inbox = api.call("notifications_inbox", Some(&token), json!({"query": {"folder": "inbox"}})).await;
    assert_eq!(inbox.status, 200, "{inbox:?}");
    assert!(
        inbox.body.to_string().contains("Вход с нового устройства"),
        "the new device is noticed: {inbox:?}"
    );

    let out = api.call("session_sign_out", Some(&token), json!({})).await;
    assert_eq!((out.status, out.token.as_deref()), (200, Some("")), "the token is taken back: {out:?}");
    let after = api.call("profile_get", Some(&token), json!({})).await;
    assert_eq!((after.status, after.code()), (401, "not_signed_in"));
    let still = other.call("profile_get", Some(&second), json!({})).await;
    assert_eq!(still.status, 200, "the other computer's session is its own");
}

#[tokio::test]
async fn the_desk_takes_the_staff_token_and_roles_are_the_cores() {
    let db = database().await;
    let server = start(&db, &[]).await;
    let api = Api::new(&server);
    let number = api.register(&db, PHONE).await;
    let citizen = api.sign_in(PHONE).await;
    let operator = api.staff_desk(&db, "o.petrova", "operator").await;

    let find = json!({"request": {"query": number, "purpose": "citizen_request"}});
    let card = api.call("staff_find_citizen", Some(&operator), find.clone()).await;
    assert_eq!(card.status, 200, "{card:?}");
    assert_eq!(card.body["account_number"], number);

    let as_citizen = api.call("staff_find_citizen", Some(&citizen), find).await;
    assert_eq!(
        (as_citizen.status, as_citizen.code()),
        (401, "staff_not_signed_in"),
        "a citizen's token never opens the desk"
    );
    let as_staff = api.call("profile_get", Some(&operator), json!({})).await;
    assert_eq!(
        (as_staff.status, as_staff.code()),
        (401, "not_signed_in"),
        "nor a staff token a citizen's page"
    );
    let team = api.call("team_list", Some(&operator), json!({})).await;
    assert_eq!((team.status, team.code()), (403, "forbidden"), "an operator is not a supervisor");
    let current = api.call("staff_current", Some(&operator), json!({})).await;
    assert_eq!(current.body["login"], "o.petrova", "{current:?}");
    let out = api.call("staff_sign_out", Some(&operator), json!({})).await;
    assert_eq!(out.token.as_deref(), Some(""));
    let gone = api.call("desk_card", Some(&operator), json!({"request": {"account_number": number}})).await;
    assert_eq!((gone.status, gone.code()), (401, "staff_not_signed_in"));
}

#[tokio::test]
async fn a_file_goes_up_as_a_raw_body_and_comes_back_as_raw_bytes() {
    let db = database().await;
    let server = start(&db, &[]).await;
    let api = Api::new(&server);
    api.register(&db, PHONE).await;
    let token = api.sign_in(PHONE).await;
    let png =
        [&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A][..], b"\0\0\0\rIHDR", "скан".as_bytes()].concat();
    let headers = [
        ("kabinet-upload-kind", "passport_scan"),
        ("kabinet-upload-name", "%D0%BF%D0%B0%D1%81%D0%BF%D0%BE%D1%80%D1%82.png"),
    ];
    let put = api.send("uploads_put", Some(&token), png.clone(), &headers).await;
    assert_eq!(put.status, 200, "{put:?}");
    assert_eq!(
        (put.body["name"].as_str(), put.body["content_type"].as_str()),
        (Some("паспорт.png"), Some("image/png"))
    );

    let id = put.body["id"].as_i64().unwrap();
    let response = api
        .http
        .post(format!("{}/api/v1/uploads_content", api.base))
        .header("authorization", format!("Bearer {token}"))
        .body(json!({"request": {"id": id}}).to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/octet-stream");
    assert_eq!(response.bytes().await.unwrap().as_ref(), png.as_slice(), "the same bytes");

    let text = api.send("uploads_put", Some(&token), b"plain text".to_vec(), &headers).await;
    assert_eq!((text.status, text.code()), (422, "validation"), "judged by content, as in the app: {text:?}");
}

#[tokio::test]
async fn bad_requests_get_the_cores_structured_errors_and_the_service_endpoints_answer() {
    let db = database().await;
    let config = db.dir.path().join("server.toml");
    std::fs::write(&config, "[limits]\nbody_bytes = 4096\n").unwrap();
    let mut command = command(&db, &[]);
    command.arg("--config").arg(&config);
    let server = start_command(command).await;
    let api = Api::new(&server);

    let unknown = api.call("accounts_drop_all", None, json!({})).await;
    assert_eq!((unknown.status, unknown.code()), (404, "not_found"), "{unknown:?}");
    let not_object = api.send("registration_send_code", None, b"[1, 2]".to_vec(), &[]).await;
    assert_eq!((not_object.status, not_object.code()), (422, "validation"));
    assert!(
        not_object.body["message"].as_str().unwrap().contains("registration_send_code"),
        "{not_object:?}"
    );
    let not_json = api.send("registration_send_code", None, b"{\"request\":".to_vec(), &[]).await;
    assert_eq!((not_json.status, not_json.code()), (422, "validation"));
    let wrong_type =
        api.call("registration_send_code", None, json!({"request": {"phone": 79161112233_i64}})).await;
    assert_eq!((wrong_type.status, wrong_type.code()), (422, "validation"), "{wrong_type:?}");
    let invalid = api.call("registration_send_code", None, json!({"request": {"phone": "12"}})).await;
    assert_eq!((invalid.status, invalid.code()), (422, "validation"));
    assert_eq!(invalid.body["fields"][0]["field"], "phone", "the field and its reason: {invalid:?}");
    let body = br#"{"request": {"phone": "12"}}"#.to_vec();
    let english =
        api.send("registration_send_code", None, body, &[("accept-language", "en-GB,en;q=0.9")]).await;
    assert_eq!((english.status, english.code()), (422, "validation"));
    let said = english.body["message"].as_str().unwrap_or_default();
    assert!(
        !said.is_empty() && !said.chars().any(|c| ('а'..='я').contains(&c) || ('А'..='Я').contains(&c)),
        "{english:?}"
    );
    assert_ne!(english.body["message"], invalid.body["message"], "the caller's language, not the server's");
    // A file for a native step is handed over only to whom it belongs (tests/server/files.rs);
    // the app's own host commands are not the server's.
    let shell = api.call("documents_open", None, json!({"number": "x"})).await;
    assert_eq!((shell.status, shell.code()), (401, "not_signed_in"), "a citizen's file: {shell:?}");
    let host = api.call("app_status", None, json!({})).await;
    assert_eq!((host.status, host.code()), (404, "not_found"), "{host:?}");
    let connection = api.call("app_set_connection", None, json!({"setting": {"mode": "local"}})).await;
    assert_eq!(connection.status, 404, "the choice of a server is the app's: {connection:?}");
    let large = api.send("registration_send_code", None, vec![b' '; 5000], &[]).await;
    assert_eq!((large.status, large.code()), (413, "validation"), "{large:?}");
    let get = api.get("/api/v1/profile_get").await;
    assert_eq!(get.0, 405, "commands are POSTed");

    assert_eq!(api.get("/health").await, (200, "ok\n".to_owned()));
    assert_eq!(api.get("/ready").await.0, 200);
    api.call("applications_catalogue", None, json!({})).await;
    let (status, metrics) = api.get("/metrics").await;
    assert_eq!(status, 200);
    assert!(
        metrics.contains("kabinet_requests_total{command=\"applications_catalogue\",status=\"200\"} 1"),
        "{metrics}"
    );
    assert!(metrics.contains("kabinet_request_duration_seconds_count{command=\"applications_catalogue\"} 1"));
    assert!(
        metrics.contains("kabinet_requests_total{command=\"registration_send_code\",status=\"422\"} 5"),
        "{metrics}"
    );
    assert!(metrics.contains("kabinet_outbox_backlog "));
    assert!(!metrics.contains("7916") && !metrics.contains("127.0.0.1"), "no identifier, no address");
}
