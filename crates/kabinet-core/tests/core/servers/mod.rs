//! Real servers on loopback for the delivery tests: a minimal SMTP server that speaks enough of
//! RFC 5321 for `lettre` without TLS (EHLO, AUTH PLAIN, MAIL, RCPT, DATA, RSET, NOOP, QUIT), and a
//! hand-rolled HTTP/1.1 server standing in for an SMS gateway that fails the first N requests
//! and, like a real gateway honouring `Idempotency-Key`, sends a retried key only once.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// One e-mail as the SMTP server received it.
#[derive(Debug, Clone)]
pub struct Mail {
    pub from: String,
    pub to: Vec<String>,
    pub data: String,
    pub auth: Option<String>,
}

impl Mail {
    pub fn message_id(&self) -> Option<String> {
        self.data
            .lines()
            .find(|line| line.to_ascii_lowercase().starts_with("message-id:"))
            .map(|line| line["message-id:".len()..].trim().to_owned())
    }
}

#[derive(Clone, Default)]
pub struct Smtp {
    pub port: u16,
    pub mails: Arc<Mutex<Vec<Mail>>>,
}

impl Smtp {
    pub async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let server = Self { port, mails: Arc::default() };
        let mails = server.mails.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(smtp_session(stream, mails.clone()));
            }
        });
        server
    }

    pub fn mails(&self) -> Vec<Mail> {
        self.mails.lock().unwrap().clone()
    }
}

async fn smtp_session(stream: TcpStream, mails: Arc<Mutex<Vec<Mail>>>) {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read);
    let _ = write.write_all(b"220 localhost ESMTP kabinet-test\r\n").await;
    let mut mail = Mail { from: String::new(), to: Vec::new(), data: String::new(), auth: None };
    let mut auth = None;
    loop {
        let mut line = String::new();
        if lines.read_line(&mut line).await.unwrap_or(0) == 0 {
            return;
        }
        let upper = line.to_ascii_uppercase();
        let answer: &[u8] = if upper.starts_with("EHLO") {
            b"250-localhost\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250 AUTH PLAIN\r\n"
        } else if upper.starts_with("HELO") || upper.starts_with("RSET") || upper.starts_with("NOOP") {
            b"250 OK\r\n"
        } else if upper.starts_with("AUTH PLAIN") {
            auth = Some(line[10..].trim().to_owned());
            b"235 2.7.0 Authentication successful\r\n"
        } else if upper.starts_with("MAIL FROM:") {
            mail.from = line[10..].trim().to_owned();
            b"250 OK\r\n"
        } else if upper.starts_with("RCPT TO:") {
            mail.to.push(line[8..].trim().to_owned());
            b"250 OK\r\n"
        } else if upper.starts_with("DATA") {
            let _ = write.write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n").await;
            mail.data = read_data(&mut lines).await;
            mail.auth = auth.clone();
            mails.lock().unwrap().push(std::mem::replace(
                &mut mail,
                Mail { from: String::new(), to: Vec::new(), data: String::new(), auth: None },
            ));
            b"250 OK queued\r\n"
        } else if upper.starts_with("QUIT") {
            let _ = write.write_all(b"221 Bye\r\n").await;
            return;
        } else {
            b"502 Command not implemented\r\n"
        };
        if write.write_all(answer).await.is_err() {
            return;
        }
    }
}

async fn read_data(lines: &mut BufReader<tokio::net::tcp::OwnedReadHalf>) -> String {
    let mut data = String::new();
    loop {
        let mut line = String::new();
        if lines.read_line(&mut line).await.unwrap_or(0) == 0 || line == ".\r\n" {
            return data;
        }
        data.push_str(line.strip_prefix('.').unwrap_or(&line));
    }
}

/// One request as the gateway received it.
#[derive(Debug, Clone)]
pub struct Request {
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
    pub status: u16,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap()
    }
}

#[derive(Clone)]
pub struct Gateway {
    pub port: u16,
    pub requests: Arc<Mutex<Vec<Request>>>,
    /// The idempotency keys whose SMS actually "went out".
    pub sent: Arc<Mutex<Vec<String>>>,
}

impl Gateway {
    /// A gateway answering 500 to the first `failures` requests, then 200.
    pub async fn start(failures: usize) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let gateway = Self { port, requests: Arc::default(), sent: Arc::default() };
        let state = gateway.clone();
        tokio::spawn(async move {
            let seen = Arc::new(Mutex::new(HashSet::new()));
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(http_exchange(stream, state.clone(), failures, seen.clone()));
            }
        });
        gateway
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/send", self.port)
    }

    pub fn requests(&self) -> Vec<Request> {
        self.requests.lock().unwrap().clone()
    }

    pub fn sent(&self) -> Vec<String> {
        self.sent.lock().unwrap().clone()
    }
}

async fn http_exchange(
    stream: TcpStream,
    state: Gateway,
    failures: usize,
    seen: Arc<Mutex<HashSet<String>>>,
) {
    let (read, mut write) = stream.into_split();
    let mut reader = BufReader::new(read);
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).await.unwrap_or(0) == 0 {
        return;
    }
    let path = request_line.split_whitespace().nth(1).unwrap_or_default().to_owned();
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).await.unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
        if let Some((name, value)) = line.trim_end().split_once(':') {
            headers.push((name.trim().to_owned(), value.trim().to_owned()));
        }
    }
    let length: usize = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    let _ = reader.read_exact(&mut body).await;
    let key = headers.iter().find(|(n, _)| n.eq_ignore_ascii_case("idempotency-key")).map(|(_, v)| v.clone());
    let status = {
        let mut requests = state.requests.lock().unwrap();
        let status = if requests.len() < failures { 500 } else { 200 };
        if let Some(key) = key.filter(|k| status == 200 && seen.lock().unwrap().insert(k.clone())) {
            state.sent.lock().unwrap().push(key);
        }
        requests.push(Request { path, headers, body: String::from_utf8_lossy(&body).into_owned(), status });
        status
    };
    let response = if status == 200 {
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\nConnection: close\r\n\r\n{\"ok\":true}"
    } else {
        "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    };
    let _ = write.write_all(response.as_bytes()).await;
    let _ = write.shutdown().await;
}
