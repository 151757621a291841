//! Which transport carries e-mail and which carries SMS: stored in the database (one JSON row per
//! channel), secrets in the OS keyring, loadable from a TOML file for kiosks and admins.
//!
//! Rules: an SMTP host is a host name or an IP address; the port is 1–65535; the sender is an
//! e-mail address, optionally as `Имя <адрес>`. A gateway URL is `https://…`. Clear text — SMTP
//! with `tls = "none"`, a gateway over plain `http://` — goes only to this machine
//! ([`is_loopback`]: `localhost`, 127.0.0.0/8, ::1), so nothing crosses a network unencrypted;
//! and SMTP in clear never carries credentials (no login, no stored password), even on loopback,
//! where any local process may be the one listening on the port. [`validated`] refuses such a
//! configuration at load, and the worker refuses it again at send time
//! ([`smtp_clear_text`], [`check_url`]), so one stored by an earlier version never sends in clear.
//! The body template is JSON with `{to}` and `{text}` (and optionally `{key}`, the
//! idempotency key) inside strings; values are JSON-escaped when substituted.
//!
//! The TOML file (`kabinet-cli transport load FILE.toml`):
//!
//! ```toml
//! [email]
//! transport = "smtp"                        # or "local"
//! host = "smtp.example.ru"
//! port = 587
//! tls = "starttls"                          # none | starttls | tls
//! user = "kabinet"
//! from = "Кабинет <noreply@example.ru>"
//! password_env = "KABINET_SMTP_PASSWORD"    # or password = "…" (moved to the keyring)
//!
//! [sms]
//! transport = "http"                        # or "local"
//! url = "https://sms.example.ru/api/send"
//! body_template = '{"to": "{to}", "text": "{text}", "id": "{key}"}'
//! token_env = "KABINET_SMS_TOKEN"           # or token = "…" (moved to the keyring)
//! ```
//!
//! A section left out keeps that channel's current settings and secret.

use serde::Deserialize;

use crate::context::Context;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::fields::Field;
use crate::i18n::Locale;
use crate::notifications::types::{
    EmailTransport, SmsTransport, SmtpTls, TransportSettings, TransportUpdate,
};
use crate::secret::Secret;
use crate::validate::{self, Invalid};

impl Default for TransportSettings {
    fn default() -> Self {
        Self { email: EmailTransport::Local, sms: SmsTransport::Local }
    }
}

impl TransportSettings {
    /// Both channels stay on this machine («Демонстрационная доставка»).
    pub fn is_demo(&self) -> bool {
        self.email == EmailTransport::Local && self.sms == SmsTransport::Local
    }
}

/// The stored transports (local when nothing is stored); refreshes the demo flag.
pub async fn load(ctx: &Context) -> ApiResult<TransportSettings> {
    let rows: Vec<(String, String)> = crate::db::query_as("SELECT channel, config FROM delivery_transports")
        .fetch_all(&ctx.pool)
        .await
        .map_err(ctx.db_error())?;
    let mut settings = TransportSettings::default();
    for (channel, config) in rows {
        match channel.as_str() {
            "email" => settings.email = serde_json::from_str(&config).unwrap_or(EmailTransport::Local),
            _ => settings.sms = serde_json::from_str(&config).unwrap_or(SmsTransport::Local),
        }
    }
    ctx.demo_delivery.store(settings.is_demo(), std::sync::atomic::Ordering::Relaxed);
    Ok(settings)
}

/// Stores both transports in one transaction.
pub async fn save(ctx: &Context, settings: &TransportSettings) -> ApiResult<()> {
    let email = serde_json::to_string(&settings.email).map_err(|e| ApiError::internal(e, ctx.locale()))?;
    let sms = serde_json::to_string(&settings.sms).map_err(|e| ApiError::internal(e, ctx.locale()))?;
    let mut tx = ctx.write().await?;
    for (channel, config) in [("email", email), ("sms", sms)] {
        crate::db::query(
            "INSERT INTO delivery_transports (channel, config, updated_at) VALUES (?, ?, ?) \
             ON CONFLICT (channel) DO UPDATE SET config = excluded.config, updated_at = excluded.updated_at",
        )
        .bind(channel)
        .bind(config)
        .bind(ctx.now())
        .execute(&mut tx)
        .await
        .map_err(ctx.db_error())?;
    }
    tx.commit().await.map_err(ctx.db_error())?;
    ctx.demo_delivery.store(settings.is_demo(), std::sync::atomic::Ordering::Relaxed);
    Ok(())
}

/// Checks and normalises transport settings, reporting every problem in form order.
/// `smtp_password_set`: an SMTP password will be in the keyring after the save.
pub fn validated(
    settings: &TransportSettings,
    smtp_password_set: bool,
) -> Result<TransportSettings, Vec<(Field, Invalid)>> {
    let mut found = Vec::new();
    let email = match &settings.email {
        EmailTransport::Local => EmailTransport::Local,
        EmailTransport::Smtp { host, port, tls, user, from } => {
            let host = check_host(host);
            let user = user.as_deref().map(str::trim).filter(|u| !u.is_empty()).map(str::to_owned);
            let mut clear = match &host {
                Ok(host) => smtp_clear_text(host, *tls, user.as_deref(), smtp_password_set),
                Err(_) => Vec::new(),
            };
            let mut refused = |field: Field, found: &mut Vec<(Field, Invalid)>| {
                found.extend(clear.iter().filter(|(f, _)| *f == field).copied());
                clear.retain(|(f, _)| *f != field);
            };
            let host = host.map_err(|e| found.push((Field::SmtpHost, e))).unwrap_or_default();
            refused(Field::SmtpHost, &mut found);
            if *port == 0 {
                found.push((Field::SmtpPort, Invalid::OutOfRange));
            }
            refused(Field::SmtpUser, &mut found);
            let from = check_from(from).map_err(|e| found.push((Field::SmtpFrom, e))).unwrap_or_default();
            refused(Field::SmtpPassword, &mut found);
            EmailTransport::Smtp { host, port: *port, tls: *tls, user, from }
        }
    };
    let sms = match &settings.sms {
        SmsTransport::Local => SmsTransport::Local,
        SmsTransport::Http { url, body_template } => SmsTransport::Http {
            url: check_url(url).map_err(|e| found.push((Field::GatewayUrl, e))).unwrap_or_default(),
            body_template: check_template(body_template)
                .map_err(|e| found.push((Field::BodyTemplate, e)))
                .unwrap_or_default(),
        },
    };
    if found.is_empty() { Ok(TransportSettings { email, sms }) } else { Err(found) }
}

fn check_host(host: &str) -> Result<String, Invalid> {
    let host = host.trim();
    if host.is_empty() {
        return Err(Invalid::Required);
    }
    let ok = host.len() <= 253
        && host.chars().all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
    if ok { Ok(host.to_owned()) } else { Err(Invalid::Format) }
}

/// Whether `host` is this machine: `localhost`, an address of 127.0.0.0/8 or ::1 (bracketed or
/// not). The one test for every clear-text transport.
pub fn is_loopback(host: &str) -> bool {
    let host = host.trim();
    let bare = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')).unwrap_or(host);
    bare.eq_ignore_ascii_case("localhost")
        || bare.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// Why SMTP may not run as configured, by field: without TLS only to this machine
/// ([`Invalid::ClearTextRemote`]) and never with a login or a stored password
/// ([`Invalid::ClearTextCredentials`]). Empty when it may.
pub fn smtp_clear_text(
    host: &str,
    tls: SmtpTls,
    user: Option<&str>,
    password_set: bool,
) -> Vec<(Field, Invalid)> {
    let mut found = Vec::new();
    if tls != SmtpTls::None {
        return found;
    }
    if !is_loopback(host) {
        found.push((Field::SmtpHost, Invalid::ClearTextRemote));
    }
    if user.is_some_and(|u| !u.trim().is_empty()) {
        found.push((Field::SmtpUser, Invalid::ClearTextCredentials));
    }
    if password_set {
        found.push((Field::SmtpPassword, Invalid::ClearTextCredentials));
    }
    found
}

/// `адрес` or `Имя <адрес>`, with the address checked like any e-mail.
fn check_from(from: &str) -> Result<String, Invalid> {
    let from = from.trim();
    let (name, address) = match (from.rfind('<'), from.strip_suffix('>')) {
        (Some(open), Some(inner)) => (from[..open].trim(), &inner[open + 1..]),
        _ => ("", from),
    };
    let email = validate::email(address)?;
    if name.is_empty() {
        return Ok(email.address);
    }
    if name.chars().any(|c| matches!(c, '<' | '>' | '"') || c.is_control()) {
        return Err(Invalid::Format);
    }
    Ok(format!("{name} <{}>", email.address))
}

/// A gateway URL: `https://`, or `http://` to this machine ([`is_loopback`]).
pub fn check_url(url: &str) -> Result<String, Invalid> {
    let url = url.trim();
    if url.is_empty() {
        return Err(Invalid::Required);
    }
    let parsed = reqwest::Url::parse(url).map_err(|_| Invalid::UrlFormat)?;
    let local = parsed.host_str().is_some_and(is_loopback);
    match parsed.scheme() {
        "https" => Ok(parsed.to_string()),
        "http" if local => Ok(parsed.to_string()),
        _ => Err(Invalid::UrlFormat),
    }
}

fn check_template(template: &str) -> Result<String, Invalid> {
    let template = template.trim();
    if template.is_empty() {
        return Err(Invalid::Required);
    }
    if !template.contains("{to}") || !template.contains("{text}") {
        return Err(Invalid::TemplateJson);
    }
    // Values with a quote and a line break are valid JSON only once escaped inside a string.
    let sample = fill_template(template, "+7\"9\n", "т\"екст\n", "k\"ey\n");
    serde_json::from_str::<serde_json::Value>(&sample).map_err(|_| Invalid::TemplateJson)?;
    Ok(template.to_owned())
}

/// The gateway request body: the template with each placeholder replaced by the JSON-escaped
/// value (without quotes: the template's own quotes surround it).
pub fn fill_template(template: &str, to: &str, text: &str, key: &str) -> String {
    let escape = |value: &str| {
        let quoted = serde_json::Value::String(value.to_owned()).to_string();
        quoted[1..quoted.len() - 1].to_owned()
    };
    template.replace("{to}", &escape(to)).replace("{text}", &escape(text)).replace("{key}", &escape(key))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    email: Option<EmailSection>,
    sms: Option<SmsSection>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EmailSection {
    transport: String,
    host: Option<String>,
    port: Option<u16>,
    tls: Option<SmtpTls>,
    user: Option<String>,
    from: Option<String>,
    password: Option<Secret>,
    password_env: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SmsSection {
    transport: String,
    url: Option<String>,
    body_template: Option<String>,
    token: Option<Secret>,
    token_env: Option<String>,
}

/// Reads the TOML file's text into an update over `current`; the error names the line, never
/// the line's content (it could hold a secret).
pub fn parse_file(text: &str, current: &TransportSettings, locale: Locale) -> ApiResult<TransportUpdate> {
    let file: File = toml::from_str(text).map_err(|e| {
        let line = e
            .span()
            .and_then(|span| text.get(..span.start))
            .map_or(1, |before| before.matches('\n').count() + 1);
        ApiError::with_message(
            ErrorCode::Validation,
            format!(
                "{} {line}: {}",
                locale.pick("Файл настроек доставки, строка", "Delivery settings file, line"),
                e.message()
            ),
        )
    })?;
    let unknown = |what: &str| {
        ApiError::with_message(
            ErrorCode::Validation,
            format!("{}: {what}", locale.pick("Неизвестный способ доставки", "Unknown transport")),
        )
    };
    let mut update = TransportUpdate { settings: current.clone(), smtp_password: None, sms_token: None };
    if let Some(email) = file.email {
        update.settings.email = match email.transport.as_str() {
            "local" => EmailTransport::Local,
            "smtp" => EmailTransport::Smtp {
                host: email.host.unwrap_or_default(),
                port: email.port.unwrap_or(587),
                tls: email.tls.unwrap_or(SmtpTls::Starttls),
                user: email.user,
                from: email.from.unwrap_or_default(),
            },
            other => return Err(unknown(other)),
        };
        update.smtp_password = secret(email.password, email.password_env);
    }
    if let Some(sms) = file.sms {
        update.settings.sms = match sms.transport.as_str() {
            "local" => SmsTransport::Local,
            "http" => SmsTransport::Http {
                url: sms.url.unwrap_or_default(),
                body_template: sms.body_template.unwrap_or_default(),
            },
            other => return Err(unknown(other)),
        };
        update.sms_token = secret(sms.token, sms.token_env);
    }
    Ok(update)
}

fn secret(inline: Option<Secret>, env: Option<String>) -> Option<Secret> {
    inline.or_else(|| env.and_then(|name| std::env::var(name).ok()).map(Secret::from))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn smtp(host: &str, port: u16, from: &str) -> TransportSettings {
        TransportSettings {
            email: EmailTransport::Smtp {
                host: host.into(),
                port,
                tls: SmtpTls::None,
                user: None,
                from: from.into(),
            },
            sms: SmsTransport::Local,
        }
    }

    fn http(url: &str, template: &str) -> TransportSettings {
        TransportSettings {
            email: EmailTransport::Local,
            sms: SmsTransport::Http { url: url.into(), body_template: template.into() },
        }
    }

    const TEMPLATE: &str = r#"{"to": "{to}", "text": "{text}", "id": "{key}"}"#;

    fn validated_http(settings: &TransportSettings) -> Result<TransportSettings, Vec<(Field, Invalid)>> {
        validated(settings, false)
    }

    #[test]
    fn clear_text_goes_only_to_this_machine_and_never_with_credentials() {
        for host in ["localhost", "LocalHost", "127.0.0.1", "127.255.0.9", "::1", "[::1]", " 127.0.0.1 "] {
            assert!(is_loopback(host), "{host}");
        }
        for host in ["", "10.0.0.1", "128.0.0.1", "::2", "[::]", "localhost.example.ru", "example.ru"] {
            assert!(!is_loopback(host), "{host}");
        }
        assert_eq!(smtp_clear_text("smtp.example.ru", SmtpTls::Starttls, Some("u"), true), []);
        assert_eq!(smtp_clear_text("127.0.0.1", SmtpTls::None, None, false), []);
        assert_eq!(
            smtp_clear_text("smtp.example.ru", SmtpTls::None, Some("kabinet"), true),
            [
                (Field::SmtpHost, Invalid::ClearTextRemote),
                (Field::SmtpUser, Invalid::ClearTextCredentials),
                (Field::SmtpPassword, Invalid::ClearTextCredentials)
            ]
        );
        let mut settings = smtp("localhost", 25, "nope");
        if let EmailTransport::Smtp { user, .. } = &mut settings.email {
            *user = Some("kabinet".into());
        }
        assert_eq!(
            validated(&settings, true),
            Err(vec![
                (Field::SmtpUser, Invalid::ClearTextCredentials),
                (Field::SmtpFrom, Invalid::EmailAt),
                (Field::SmtpPassword, Invalid::ClearTextCredentials)
            ]),
            "in form order"
        );
    }

    #[test]
    fn smtp_settings_are_checked() {
        assert!(validated(&smtp("127.0.0.1", 2525, "Кабинет <noreply@example.ru>"), false).is_ok());
        assert_eq!(
            validated(&smtp(" ", 0, "nope"), false),
            Err(vec![
                (Field::SmtpHost, Invalid::Required),
                (Field::SmtpPort, Invalid::OutOfRange),
                (Field::SmtpFrom, Invalid::EmailAt)
            ])
        );
        assert_eq!(
            validated(&smtp("a b", 25, "x@example.ru"), false),
            Err(vec![(Field::SmtpHost, Invalid::Format)])
        );
    }

    #[test]
    fn gateway_urls_are_https_or_local() {
        assert!(validated_http(&http("https://sms.example.ru/send", TEMPLATE)).is_ok());
        assert!(validated_http(&http("http://127.0.0.1:8080/send", TEMPLATE)).is_ok());
        assert!(validated_http(&http("http://localhost/send", TEMPLATE)).is_ok());
        assert_eq!(
            validated_http(&http("http://sms.example.ru/send", TEMPLATE)),
            Err(vec![(Field::GatewayUrl, Invalid::UrlFormat)])
        );
        assert_eq!(
            validated_http(&http("ftp://x", TEMPLATE)),
            Err(vec![(Field::GatewayUrl, Invalid::UrlFormat)])
        );
    }

    #[test]
    fn templates_need_both_placeholders_inside_strings() {
        let bad =
            [r#"{"to": {to}, "text": "{text}"}"#, r#"{"to": "{to}"}"#, r#"{"to": "{to}", "text": "{text}""#];
        for template in bad {
            assert_eq!(
                validated_http(&http("https://x.ru", template)),
                Err(vec![(Field::BodyTemplate, Invalid::TemplateJson)]),
                "{template}"
            );
        }
        let body = fill_template(TEMPLATE, "+79161234567", "Код: \"1\"\nконец", "k.1");
        let json: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
        assert_eq!(json["text"], "Код: \"1\"\nконец");
        assert_eq!(json["id"], "k.1");
    }

    #[test]
    fn the_file_fills_an_update_and_keeps_missing_sections() {
        let text = r#"
[email]
transport = "smtp"
host = "127.0.0.1"
port = 2525
tls = "none"
from = "noreply@example.ru"
password = "s3cret"
"#;
        let current = http("https://x.ru", TEMPLATE);
        let update = parse_file(text, &current, Locale::Ru).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(update.settings.email, smtp("127.0.0.1", 2525, "noreply@example.ru").email);
        assert_eq!(update.settings.sms, current.sms);
        assert_eq!(update.smtp_password.as_deref(), Some("s3cret"));
        assert_eq!(update.sms_token, None);
    }

    #[test]
    fn file_errors_name_the_line_but_not_its_content() {
        let text = "[email]\ntransport = \"smtp\"\npassword = s3cret-unquoted\n";
        let error =
            parse_file(text, &TransportSettings::default(), Locale::Ru).err().unwrap_or_else(|| panic!());
        assert!(error.message.contains("строка 3"), "{}", error.message);
        assert!(!error.message.contains("s3cret"), "{}", error.message);
        let unknown =
            parse_file("[sms]\ntransport = \"pigeon\"\n", &TransportSettings::default(), Locale::Ru);
        assert!(unknown.is_err());
        assert!(parse_file("[mail]\n", &TransportSettings::default(), Locale::Ru).is_err());
    }
}
