//! SMS through an HTTP gateway with `reqwest` over rustls: a JSON POST built from the configured
//! template, the token as a bearer credential, and the outbox row's idempotency key both in an
//! `Idempotency-Key` header and, if the template asks, in the body (`{key}`), so a gateway can
//! refuse to send a retried request twice.
//!
//! Answers: 2xx is sent. 400, 404, 410, 413 and 422 say the request itself is wrong: failed for
//! good. Everything else (408, 429, 5xx, 401/403 an admin may fix, no connection, timeout) is
//! retried with back-off.

use std::time::Duration;

use zeroize::Zeroizing;

use super::Failure;
use super::config::fill_template;

/// How long one request may take.
pub const TIMEOUT: Duration = Duration::from_secs(20);
/// How long connecting may take (a gateway that does not answer at all fails fast).
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// A gateway ready to send.
pub struct Gateway {
    client: reqwest::Client,
    url: String,
    template: String,
    token: Option<Zeroizing<String>>,
}

impl Gateway {
    /// A client for `url` with the body `template` and the bearer `token`.
    pub fn new(url: &str, template: &str, token: Option<Zeroizing<String>>) -> Result<Self, Failure> {
        super::install_crypto_provider();
        let client =
            reqwest::Client::builder().connect_timeout(CONNECT_TIMEOUT).timeout(TIMEOUT).build().map_err(
                |e| Failure::transient(format!("HTTP client: {}", super::describe(&e.without_url()))),
            )?;
        Ok(Self { client, url: url.to_owned(), template: template.to_owned(), token })
    }

    /// Posts one SMS.
    pub async fn send(&self, to: &str, text: &str, key: &str) -> Result<(), Failure> {
        let body = fill_template(&self.template, to, text, key);
        let mut request = self
            .client
            .post(&self.url)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .header("Idempotency-Key", key)
            .body(body);
        if let Some(token) = &self.token {
            request = request.bearer_auth(token.as_str());
        }
        let response = request
            .send()
            .await
            .map_err(|e| Failure::transient(format!("HTTP: {}", super::describe(&e.without_url()))))?;
        let status = response.status();
        if status.is_success() {
            return Ok(());
        }
        let reason = format!("HTTP {status}");
        if matches!(status.as_u16(), 400 | 404 | 410 | 413 | 422) {
            Err(Failure::permanent(reason))
        } else {
            Err(Failure::transient(reason))
        }
    }
}
