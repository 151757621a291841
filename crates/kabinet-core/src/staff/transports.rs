//! The delivery transports as staff and the administrator reach them: the same calls as
//! [`crate::notifications`], each followed by its audit row (who, what, the outcome), with no
//! secret in the row — only whether a password or token was set, kept or removed.

use crate::context::Context;
use crate::error::ApiResult;
use crate::notifications::Notifications;
use crate::notifications::types::{
    EmailTransport, SmsTransport, TransportSettingsView, TransportTestRequest, TransportTestResult,
    TransportUpdate,
};
use crate::staff::audit::{self, Actor, Entry};

/// «Транспорты доставки» as stored, without secrets.
pub async fn view(
    ctx: &Context,
    n: &Notifications<'_>,
    actor: Actor<'_>,
) -> ApiResult<TransportSettingsView> {
    let result = n.transports().await;
    let details = serde_json::json!({ "outcome": outcome(&result) });
    audit::record(ctx, Entry { actor, action: "transports_viewed", target: "", details }).await?;
    result
}

/// Checks and stores the transports; secrets go to the keyring.
pub async fn save(
    ctx: &Context,
    n: &Notifications<'_>,
    actor: Actor<'_>,
    update: TransportUpdate,
) -> ApiResult<TransportSettingsView> {
    let mut details = summary(&update);
    let result = n.save_transports(update).await;
    details["outcome"] = outcome(&result).into();
    audit::record(ctx, Entry { actor, action: "transports_saved", target: "", details }).await?;
    result
}

/// Loads the transports from a TOML file's text.
pub async fn load_file(
    ctx: &Context,
    n: &Notifications<'_>,
    actor: Actor<'_>,
    text: &str,
) -> ApiResult<TransportSettingsView> {
    let result = n.load_transport_file(text).await;
    let mut details = match &result {
        Ok(view) => {
            serde_json::json!({ "email": email_kind(&view.settings.email), "sms": sms_kind(&view.settings.sms) })
        }
        Err(_) => serde_json::json!({}),
    };
    details["outcome"] = outcome(&result).into();
    audit::record(ctx, Entry { actor, action: "transports_loaded", target: "", details }).await?;
    result
}

/// «Отправить тест».
pub async fn test(
    ctx: &Context,
    n: &Notifications<'_>,
    actor: Actor<'_>,
    request: &TransportTestRequest,
) -> ApiResult<TransportTestResult> {
    let result = n.send_test(request.channel, &request.to).await;
    let mut details = serde_json::json!({ "outcome": outcome(&result) });
    if let Ok(answer) = &result {
        details["to"] = mask(&answer.destination).into();
        details["transport"] = answer.transport.clone().into();
        details["delivered"] = answer.ok.into();
        details["error"] = answer.error.clone().into();
    }
    let target = serde_json::to_value(request.channel).ok().and_then(|v| v.as_str().map(str::to_owned));
    let entry = Entry { actor, action: "transport_tested", target: target.as_deref().unwrap_or(""), details };
    audit::record(ctx, entry).await?;
    result
}

fn outcome<T>(result: &ApiResult<T>) -> String {
    match result {
        Ok(_) => "ok".to_owned(),
        Err(error) => serde_json::to_value(error.code)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default(),
    }
}

fn email_kind(email: &EmailTransport) -> &'static str {
    match email {
        EmailTransport::Local => "local",
        EmailTransport::Smtp { .. } => "smtp",
    }
}

fn sms_kind(sms: &SmsTransport) -> &'static str {
    match sms {
        SmsTransport::Local => "local",
        SmsTransport::Http { .. } => "http",
    }
}

fn secret_change(value: Option<&str>) -> &'static str {
    match value {
        None => "kept",
        Some("") => "removed",
        Some(_) => "set",
    }
}

fn summary(update: &TransportUpdate) -> serde_json::Value {
    let mut details = serde_json::json!({
        "email": email_kind(&update.settings.email),
        "sms": sms_kind(&update.settings.sms),
        "smtp_password": secret_change(update.smtp_password.as_deref()),
        "sms_token": secret_change(update.sms_token.as_deref()),
    });
    if let EmailTransport::Smtp { host, port, .. } = &update.settings.email {
        details["smtp_server"] = format!("{}:{port}", host.trim()).into();
    }
    if let SmsTransport::Http { url, .. } = &update.settings.sms {
        let host = reqwest::Url::parse(url.trim()).ok().and_then(|u| u.host_str().map(str::to_owned));
        details["gateway_host"] = host.unwrap_or_default().into();
    }
    details
}

/// A destination with its middle hidden: `+7916***1122`, `a***@example.ru`.
fn mask(destination: &str) -> String {
    if let Some((local, domain)) = destination.split_once('@') {
        let first: String = local.chars().take(1).collect();
        return format!("{first}***@{domain}");
    }
    let chars: Vec<char> = destination.chars().collect();
    if chars.len() <= 8 {
        return "***".to_owned();
    }
    let head: String = chars[..5].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}***{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn destinations_are_masked() {
        assert_eq!(mask("+79160001122"), "+7916***1122");
        assert_eq!(mask("anna@example.ru"), "a***@example.ru");
        assert_eq!(mask("12345"), "***");
    }

    #[test]
    fn the_summary_names_no_secret() {
        let update = TransportUpdate {
            settings: crate::notifications::types::TransportSettings {
                email: EmailTransport::Local,
                sms: SmsTransport::Http {
                    url: "https://sms.example.ru/send?key=s3cret".into(),
                    body_template: "{}".into(),
                },
            },
            smtp_password: Some("".into()),
            sms_token: Some("t0ken".into()),
        };
        let text = summary(&update).to_string();
        assert!(!text.contains("s3cret") && !text.contains("t0ken"), "{text}");
        assert!(text.contains(r#""sms_token":"set""#) && text.contains(r#""smtp_password":"removed""#));
        assert!(text.contains(r#""gateway_host":"sms.example.ru""#));
    }
}
