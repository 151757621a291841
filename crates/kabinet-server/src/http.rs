//! The HTTP face of the command table: `POST /api/v1/<command>` for every entry the core can
//! answer alone, `/health`, `/ready` and `/metrics`.
//!
//! The protocol, which the app's remote mode speaks:
//! - The arguments are the JSON object the webview would pass to the Tauri command (named as
//!   the generated TypeScript client names them); an empty body is `{}`. `raw` entries take the
//!   file as the body, with the same headers the app sends over its IPC. The answer is the
//!   command's JSON, or the bytes of a `bytes` entry.
//! - A failure is the core's structured error `{code, message, fields, details}` with a status
//!   that says its kind (401 not signed in, 403 forbidden, 404 no such thing, 409 conflict, 413
//!   too large, 422 invalid, 429 too many, 503 the database is down, 500 anything else).
//! - The caller is `Authorization: Bearer <token>`: the citizen's session token for citizen
//!   commands, the staff session token for the staff desk's (the `staff` group and every
//!   `operator`/`supervisor` entry). When a call changes the token the client holds — a sign-in
//!   gives one, a sign-out or an ended session takes it — the answer carries `Kabinet-Token`
//!   with the new token, or empty for none. The client keeps it (in its OS keyring for «Запомнить
//!   меня»); the server keeps nothing between requests.
//! - `Kabinet-Device` and `Kabinet-Os` (percent-encoded) name the client's computer for the
//!   session list, the journal and the «new device» notice; the address is the connection's.
//! - `Accept-Language: en` gets the answer's sentences in English; anything else, Russian.
//! - A `shell` entry (the app finishes it with the viewer, the print dialog or the save dialog)
//!   answers the file itself: its bytes, `Kabinet-File-Name` (percent-encoded) and
//!   `Kabinet-File-Count`; 204 when «Отменить» stopped it. `POST /api/v1/<command>/offer` answers
//!   a save's dialog words first, so nothing is made or audited before the citizen chose where
//!   (`kabinet_core::api::handover`).
//!
//! Each request is authorised by the core itself ([`kabinet_core::Client`]), counted against the
//! per-address limit in the database, and logged as its command, status and time — never its
//! arguments, address or token.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;

use axum::Router;
use axum::extract::{ConnectInfo, Path, Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use kabinet_core::api::handover::{Content, Handed, Handover, Spooled};
use kabinet_core::api::prelude::*;
use kabinet_core::api::{COMMANDS, Command, Transport};
use kabinet_core::device::{self, ClientInfo};
use kabinet_core::{ApiError, ApiResult, Caller, Client, ErrorCode, Kabinet, Token};

use crate::metrics::Metrics;

/// The header that hands the client its new session token (empty: none any more).
pub const TOKEN_HEADER: &str = "kabinet-token";
/// The header naming the client's computer (percent-encoded).
pub const DEVICE_HEADER: &str = "kabinet-device";
/// The header naming the client's operating system (percent-encoded).
pub const OS_HEADER: &str = "kabinet-os";
/// The header naming a handed-over file (percent-encoded).
pub const FILE_NAME_HEADER: &str = "kabinet-file-name";
/// The header counting the files a handed-over file holds.
pub const FILE_COUNT_HEADER: &str = "kabinet-file-count";

/// The address a connection came from, over plain TCP or TLS alike.
#[derive(Debug, Clone, Copy)]
pub struct Peer(pub SocketAddr);

impl axum::extract::connect_info::Connected<axum::serve::IncomingStream<'_, tokio::net::TcpListener>>
    for Peer
{
    fn connect_info(stream: axum::serve::IncomingStream<'_, tokio::net::TcpListener>) -> Self {
        Self(*stream.remote_addr())
    }
}

impl axum::extract::connect_info::Connected<axum::serve::IncomingStream<'_, crate::tls::TlsListener>>
    for Peer
{
    fn connect_info(stream: axum::serve::IncomingStream<'_, crate::tls::TlsListener>) -> Self {
        Self(*stream.remote_addr())
    }
}

/// What every request handler shares.
pub struct Served {
    /// The open core.
    pub kabinet: Kabinet,
    /// The counters.
    pub metrics: Metrics,
    /// Requests per client address per minute; 0 is no limit.
    pub requests_per_minute: u32,
    /// The largest request body.
    pub body_bytes: usize,
    /// Load balancers whose `X-Forwarded-For` is believed.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Where exports are written before they are streamed (removed once sent).
    pub spool: std::path::PathBuf,
}

/// The routes.
pub fn router(served: Arc<Served>) -> Router {
    Router::new()
        .route("/api/v1/{command}", post(call))
        .route("/api/v1/{command}/offer", post(offer))
        .route("/health", get(|| async { "ok\n" }))
        .route("/ready", get(ready))
        .route("/metrics", get(metrics))
        .fallback(|State(served): State<Arc<Served>>| async move {
            error_response(ApiError::new(ErrorCode::NotFound, served.kabinet.locale()))
        })
        .with_state(served)
}

async fn ready(State(served): State<Arc<Served>>) -> Response {
    match served.kabinet.serving().ready().await {
        Ok(()) => (StatusCode::OK, "ready\n").into_response(),
        Err(_) => (StatusCode::SERVICE_UNAVAILABLE, "the database does not answer\n").into_response(),
    }
}

async fn metrics(State(served): State<Arc<Served>>) -> Response {
    let serving = served.kabinet.serving();
    let backlog = serving.backlog().await.ok();
    let text = served.metrics.render(backlog, serving.replica_reads());
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")], text).into_response()
}

/// What a request asks of its command: the command itself, or a save's dialog words first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Want {
    Answer,
    Offer,
}

async fn call(
    State(served): State<Arc<Served>>,
    ConnectInfo(Peer(peer)): ConnectInfo<Peer>,
    Path(name): Path<String>,
    request: Request,
) -> Response {
    respond(served, peer, name, Want::Answer, request).await
}

async fn offer(
    State(served): State<Arc<Served>>,
    ConnectInfo(Peer(peer)): ConnectInfo<Peer>,
    Path(name): Path<String>,
    request: Request,
) -> Response {
    respond(served, peer, name, Want::Offer, request).await
}

async fn respond(
    served: Arc<Served>,
    peer: SocketAddr,
    name: String,
    want: Want,
    request: Request,
) -> Response {
    let started = Instant::now();
    let index = COMMANDS.iter().position(|command| command.name == name);
    let response = match index.and_then(|i| COMMANDS.get(i)) {
        Some(command) => {
            let asked = request.headers().get(header::ACCEPT_LANGUAGE).and_then(|value| value.to_str().ok());
            let locale = asked.map_or(kabinet_core::Locale::Ru, kabinet_core::Locale::from_accept_language);
            kabinet_core::i18n::answering_in(locale, serve(&served, peer, command, want, request)).await
        }
        None => error_response(ApiError::new(ErrorCode::NotFound, served.kabinet.locale())),
    };
    let status = response.status().as_u16();
    let took = started.elapsed();
    served.metrics.request(index, status, took);
    let command = index.and_then(|i| COMMANDS.get(i)).map_or("unknown", |c| c.name);
    tracing::info!(command, status, micros = u64::try_from(took.as_micros()).unwrap_or(u64::MAX), "request");
    response
}

/// The client's address: the connection's, or — when the connection comes from a trusted load
/// balancer — the last address of `X-Forwarded-For` that is not itself a trusted balancer (the
/// one the first balancer saw; what a client writes there itself is never believed).
fn client_address(
    peer: std::net::IpAddr,
    headers: &HeaderMap,
    trusted: &[std::net::IpAddr],
) -> std::net::IpAddr {
    if !trusted.contains(&peer) {
        return peer;
    }
    let forwarded = headers.get_all("x-forwarded-for").iter().filter_map(|value| value.to_str().ok());
    let hops: Vec<std::net::IpAddr> =
        forwarded.flat_map(|value| value.split(',')).filter_map(|hop| hop.trim().parse().ok()).collect();
    hops.into_iter().rev().find(|hop| !trusted.contains(hop)).unwrap_or(peer)
}

async fn serve(
    served: &Served,
    peer: SocketAddr,
    command: &Command,
    want: Want,
    request: Request,
) -> Response {
    let kabinet = &served.kabinet;
    let address = client_address(peer.ip(), request.headers(), &served.trusted_proxies).to_string();
    if served.requests_per_minute > 0
        && let Err(error) = kabinet.serving().admit(&address, served.requests_per_minute).await
    {
        if error.code == ErrorCode::TooManyRequests {
            served.metrics.limited();
        }
        return error_response(error);
    }
    let (parts, body) = request.into_parts();
    let Ok(body) = axum::body::to_bytes(body, served.body_bytes).await else {
        let lead = kabinet.locale().pick("Запрос больше допустимого", "The request is larger than allowed");
        let error = ApiError::with_message(ErrorCode::Validation, format!("{lead}: {} B", served.body_bytes));
        return with_status(StatusCode::PAYLOAD_TOO_LARGE, error);
    };
    let staff = command.uses_staff_session();
    let sent = bearer(&parts.headers);
    let caller =
        if staff { Caller::with_tokens(None, sent.clone()) } else { Caller::with_tokens(sent.clone(), None) };
    let client = ClientInfo {
        device: text_header(&parts.headers, DEVICE_HEADER),
        os: text_header(&parts.headers, OS_HEADER),
        ip: Some(address),
    };
    let asked = Asked { headers: &parts.headers, body: &body, spool: &served.spool, want };
    let answer = device::serving(client, run(&kabinet.client(&caller), command, asked)).await;
    let mut response = match answer {
        Ok(Answer::Json(value)) => axum::Json(value).into_response(),
        Ok(Answer::Bytes(bytes)) => {
            ([(header::CONTENT_TYPE, "application/octet-stream")], bytes).into_response()
        }
        Ok(Answer::File(Some(handed))) => file_response(handed).await,
        Ok(Answer::File(None)) => StatusCode::NO_CONTENT.into_response(),
        Err(error) => error_response(error),
    };
    let held = if staff { caller.staff_token() } else { caller.citizen_token() };
    if held.as_deref() != sent.as_deref() {
        let value = held.as_deref().and_then(|token| HeaderValue::from_str(token).ok());
        response
            .headers_mut()
            .insert(HeaderName::from_static(TOKEN_HEADER), value.unwrap_or(HeaderValue::from_static("")));
    }
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// A command's answer.
pub(crate) enum Answer {
    Json(serde_json::Value),
    Bytes(Vec<u8>),
    /// A `shell` entry's file; `None` when «Отменить» stopped it.
    File(Option<Handed>),
}

/// What a request brings to its command.
#[derive(Clone, Copy)]
struct Asked<'a> {
    headers: &'a HeaderMap,
    body: &'a [u8],
    spool: &'a std::path::Path,
    want: Want,
}

async fn run(client: &Client<'_>, command: &Command, asked: Asked<'_>) -> ApiResult<Answer> {
    match (command.transport, asked.want) {
        (Transport::Json, Want::Answer) => {
            let args = json_arguments(client, command.name, asked.body)?;
            client.dispatch(command.name, args).await.map(Answer::Json)
        }
        (Transport::Raw | Transport::Bytes | Transport::Shell, _) => {
            routes::run(client, command.name, asked).await
        }
        _ => {
            let lead = client.locale().pick(
                "Эта команда выполняется только в приложении на этом компьютере",
                "This command runs only in the app on this computer",
            );
            Err(ApiError::with_message(ErrorCode::NotFound, format!("{lead}: {}", command.name)))
        }
    }
}

/// A handed-over file: its bytes (an export streamed from the spool, removed once sent or when
/// the client goes away), its name and count in headers.
async fn file_response(handed: Handed) -> Response {
    let Handed { name, files, content } = handed;
    let (length, body) = match content {
        Content::Bytes(bytes) => (bytes.len() as u64, axum::body::Body::from(bytes)),
        Content::Spooled(spooled) => match tokio::fs::File::open(spooled.path()).await {
            Ok(file) => (spooled.len(), axum::body::Body::from_stream(stream_file(file, spooled))),
            Err(cause) => return error_response(ApiError::internal(cause, kabinet_core::Locale::default())),
        },
    };
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/octet-stream"));
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(length));
    if let Ok(value) = HeaderValue::from_str(&device::header_text(&name)) {
        headers.insert(HeaderName::from_static(FILE_NAME_HEADER), value);
    }
    headers.insert(HeaderName::from_static(FILE_COUNT_HEADER), HeaderValue::from(files));
    response
}

/// The spooled file in 64 KiB chunks; the guard goes (and the file with it) when the stream does.
fn stream_file(
    file: tokio::fs::File,
    guard: Spooled,
) -> impl futures_util::Stream<Item = std::io::Result<Vec<u8>>> + Send {
    futures_util::stream::unfold(Some((file, guard)), |state| async move {
        use tokio::io::AsyncReadExt;
        let (mut file, guard) = state?;
        let mut chunk = vec![0; 64 * 1024];
        match file.read(&mut chunk).await {
            Ok(0) => None,
            Ok(read) => {
                chunk.truncate(read);
                Some((Ok(chunk), Some((file, guard))))
            }
            Err(cause) => Some((Err(cause), None)),
        }
    })
}

/// A save's dialog words, for the entry's caller.
fn offer_of<'p, W, P: Handover<W>>(part: &'p P, _who: &W) -> Option<&'p kabinet_core::documents::SaveOffer> {
    part.offer()
}

/// The body as the arguments' JSON object; empty is `{}`.
fn json_arguments(client: &Client<'_>, name: &str, body: &[u8]) -> ApiResult<serde_json::Value> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(serde_json::Value::Object(serde_json::Map::new()));
    }
    match serde_json::from_slice::<serde_json::Value>(body) {
        Ok(value @ serde_json::Value::Object(_)) => Ok(value),
        Ok(_) => Err(malformed(client, name, "an object of named arguments is expected")),
        Err(cause) => Err(malformed(client, name, cause)),
    }
}

fn malformed(client: &Client<'_>, name: &str, cause: impl std::fmt::Display) -> ApiError {
    let lead = client.locale().pick("Неверные данные запроса", "Malformed request");
    ApiError::with_message(ErrorCode::Validation, format!("{lead} {name}: {cause}"))
}

/// The bearer token, if the header holds one of the right shape (64 hex digits).
fn bearer(headers: &HeaderMap) -> Option<Token> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let token = value.strip_prefix("Bearer ").or_else(|| value.strip_prefix("bearer "))?.trim();
    (token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit())).then(|| Token::new(token.to_owned()))
}

/// A header's text (`device::header_text`), if present.
fn text_header(headers: &HeaderMap, name: &str) -> Option<String> {
    headers.get(name).map(|value| device::from_header_text(value.as_bytes()))
}

fn status_of(code: ErrorCode) -> StatusCode {
    use ErrorCode::*;
    match code {
        NotSignedIn | StaffNotSignedIn => StatusCode::UNAUTHORIZED,
        Forbidden => StatusCode::FORBIDDEN,
        NotFound => StatusCode::NOT_FOUND,
        Validation => StatusCode::UNPROCESSABLE_ENTITY,
        IdentifierTaken | IdentifierOfClosedAccount | WrongState | NothingToUndo => StatusCode::CONFLICT,
        TooManyRequests | RateLimited | Locked => StatusCode::TOO_MANY_REQUESTS,
        DatabaseUnavailable | KeyringUnavailable | KeyringLocked | KeyMissing | KeyWrong | DatabaseTooNew
        | DataDirUnavailable => StatusCode::SERVICE_UNAVAILABLE,
        Internal => StatusCode::INTERNAL_SERVER_ERROR,
        _ => StatusCode::BAD_REQUEST,
    }
}

fn error_response(error: ApiError) -> Response {
    with_status(status_of(error.code), error)
}

fn with_status(status: StatusCode, error: ApiError) -> Response {
    let mut response = (status, axum::Json(error)).into_response();
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// An argument read from an HTTP request: the headers the app sends over its IPC, and the body.
trait FromHttp<'a> {
    fn from_http(headers: &'a HeaderMap, body: &'a [u8]) -> Self;
}

fn header_str<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|value| value.to_str().ok())
}

impl<'a> FromHttp<'a> for RawUpload<'a> {
    fn from_http(headers: &'a HeaderMap, body: &'a [u8]) -> Self {
        use kabinet_core::uploads::{HEADER_KIND, HEADER_NAME, HEADER_REPLACES};
        RawUpload {
            kind: header_str(headers, HEADER_KIND),
            replaces: header_str(headers, HEADER_REPLACES),
            name: header_str(headers, HEADER_NAME),
            bytes: Some(body),
        }
    }
}

impl<'a> FromHttp<'a> for RawClaim<'a> {
    fn from_http(headers: &'a HeaderMap, body: &'a [u8]) -> Self {
        use kabinet_core::debts::{HEADER_DEBT, HEADER_RECEIPT_NAME};
        RawClaim {
            debt: header_str(headers, HEADER_DEBT),
            name: header_str(headers, HEADER_RECEIPT_NAME),
            bytes: Some(body),
        }
    }
}

impl<'a> FromHttp<'a> for RawFile<'a> {
    fn from_http(_headers: &'a HeaderMap, body: &'a [u8]) -> Self {
        RawFile { bytes: body }
    }
}

/// An answer sent as raw bytes.
trait IntoBytes {
    fn into_bytes(self) -> Answer;
}

impl IntoBytes for UploadContent {
    fn into_bytes(self) -> Answer {
        Answer::Bytes(self.bytes)
    }
}

/// The `raw` and `bytes` entries of the table, generated like the app's adapters: the JSON
/// entries all go through [`Client::dispatch`].
mod routes {
    use super::*;

    macro_rules! server_routes {
        ($(
            $group:ident {
                $(
                    $(#[doc = $doc:literal])*
                    $name:ident : $access:ident, $transport:ident => $method:ident ( $($arg:ident : $argty:ty),* ) -> $resp:ty
                        $( => $shell:ident ( $($sarg:ident : $sargty:ty),* ) -> $out:ty )? ;
                )*
            }
        )*) => {
            pub(super) async fn run(client: &Client<'_>, name: &str, asked: Asked<'_>) -> ApiResult<Answer> {
                $($(
                    server_routes!(@route $transport client name asked $group $name $access $method ($($arg : $argty),*) [$($shell)?]);
                )*)*
                Err(ApiError::new(ErrorCode::NotFound, client.locale()))
            }
        };
        (@route shell $client:ident $n:ident $asked:ident $group:ident $name:ident $access:ident $method:ident ($($arg:ident : $argty:ty),*) [$shell:ident]) => {
            if $n == stringify!($name) {
                let Asked { body, spool, want, .. } = $asked;
                // Only a save has dialog words to ask first: nothing else runs its core part for
                // an offer (a slip's new code, a print's audit row).
                if want == Want::Offer && !stringify!($shell).contains("save") {
                    return Err(ApiError::new(ErrorCode::NotFound, $client.locale()));
                }
                let args = json_arguments($client, $n, body)?;
                let _ = &args;
                $(
                    let $arg: $argty = serde_json::from_value(args.get(stringify!($arg)).cloned().unwrap_or_default())
                        .map_err(|cause| malformed($client, concat!(stringify!($name), ", ", stringify!($arg)), cause))?;
                )*
                let kabinet = $client.kabinet();
                let who = kabinet_core::__kabinet_who!($client, $access, $name);
                let part = kabinet.$group().$method(who, $($arg),*).await?;
                if want == Want::Offer {
                    let Some(offer) = offer_of(&part, who) else {
                        return Err(ApiError::new(ErrorCode::NotFound, $client.locale()));
                    };
                    return serde_json::to_value(offer)
                        .map(Answer::Json)
                        .map_err(|cause| ApiError::internal(cause, $client.locale()));
                }
                return Handover::hand_over(part, kabinet, who, spool).await.map(Answer::File);
            }
        };
        (@route raw $client:ident $n:ident $asked:ident $group:ident $name:ident $access:ident $method:ident ($arg:ident : $argty:ty) []) => {
            if $n == stringify!($name) && $asked.want == Want::Answer {
                let Asked { headers, body, .. } = $asked;
                let $arg = <$argty as FromHttp>::from_http(headers, body);
                let answer = $client.$group().$method($arg).await?;
                return serde_json::to_value(answer)
                    .map(Answer::Json)
                    .map_err(|cause| ApiError::internal(cause, $client.locale()));
            }
        };
        (@route bytes $client:ident $n:ident $asked:ident $group:ident $name:ident $access:ident $method:ident ($($arg:ident : $argty:ty),*) []) => {
            if $n == stringify!($name) && $asked.want == Want::Answer {
                let args = json_arguments($client, $n, $asked.body)?;
                $(
                    let $arg: $argty = serde_json::from_value(args.get(stringify!($arg)).cloned().unwrap_or_default())
                        .map_err(|cause| malformed($client, concat!(stringify!($name), ", ", stringify!($arg)), cause))?;
                )*
                let answer = $client.$group().$method($($arg),*).await?;
                return Ok(IntoBytes::into_bytes(answer));
            }
        };
        (@route $other:ident $($rest:tt)*) => {};
    }

    kabinet_core::with_commands!(server_routes);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bearer_token_is_64_hex_digits_or_nothing() {
        let mut headers = HeaderMap::new();
        assert!(bearer(&headers).is_none());
        let token = "a".repeat(64);
        headers.insert(
            header::AUTHORIZATION,
            HeaderValue::from_str(&format!("Bearer {token}")).unwrap_or_else(|e| panic!("{e}")),
        );
        assert_eq!(bearer(&headers).as_deref().map(String::as_str), Some(token.as_str()));
        for bad in
            ["Bearer abc", "Basic aGVsbG8=", &format!("Bearer {}", "z".repeat(64)), &format!("Token {token}")]
        {
            headers
                .insert(header::AUTHORIZATION, HeaderValue::from_str(bad).unwrap_or_else(|e| panic!("{e}")));
            assert!(bearer(&headers).is_none(), "{bad}");
        }
    }

    #[test]
    fn x_forwarded_for_is_believed_only_from_a_trusted_balancer() {
        let ip = |text: &str| text.parse::<std::net::IpAddr>().unwrap_or_else(|e| panic!("{e}"));
        let balancer = ip("10.0.0.1");
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", HeaderValue::from_static("6.6.6.6, 203.0.113.7"));
        assert_eq!(
            client_address(ip("198.51.100.2"), &headers, &[balancer]),
            ip("198.51.100.2"),
            "not a balancer"
        );
        assert_eq!(
            client_address(balancer, &headers, &[balancer]),
            ip("203.0.113.7"),
            "the hop the balancer saw"
        );
        let two = [balancer, ip("10.0.0.2")];
        headers.insert("x-forwarded-for", HeaderValue::from_static("6.6.6.6, 203.0.113.7, 10.0.0.2"));
        assert_eq!(client_address(balancer, &headers, &two), ip("203.0.113.7"), "through two balancers");
        headers.insert("x-forwarded-for", HeaderValue::from_static("garbage"));
        assert_eq!(client_address(balancer, &headers, &[balancer]), balancer, "nothing usable: the balancer");
    }

    #[test]
    fn the_device_header_is_percent_decoded() {
        let mut headers = HeaderMap::new();
        headers.insert(
            DEVICE_HEADER,
            HeaderValue::from_static("%D0%9D%D0%BE%D1%83%D1%82%D0%B1%D1%83%D0%BA-1 %zz"),
        );
        assert_eq!(text_header(&headers, DEVICE_HEADER).as_deref(), Some("Ноутбук-1 %zz"));
    }

    #[test]
    fn every_command_the_core_answers_alone_is_served_and_the_staff_side_is_the_desk() {
        for command in COMMANDS {
            let staff = command.uses_staff_session();
            let desk =
                ["staff", "desk", "printing", "queue", "forced", "team", "audit"].contains(&command.group);
            assert_eq!(staff, desk, "{}", command.name);
        }
        assert_eq!(status_of(ErrorCode::NotSignedIn), StatusCode::UNAUTHORIZED);
        assert_eq!(status_of(ErrorCode::InvalidCredentials), StatusCode::BAD_REQUEST);
        assert_eq!(status_of(ErrorCode::TooManyRequests), StatusCode::TOO_MANY_REQUESTS);
    }
}
