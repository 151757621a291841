//! The name of the computer a call comes from, shown in the session list and the access journal.
//!
//! In the app that is this computer. A server serves calls from many computers: it runs each
//! call inside [`serving`] with what the client said of itself and the address it connected
//! from, and the session list, the «new device» notice and the journal then name the citizen's
//! computer, not the server's. (A task-local rather than one more argument through every
//! journal write: the fifteen places that record an event know the account, not the transport.)
//! What a client says of itself is only a label: cleaned of control characters and cut to 64
//! characters here, and never used to decide anything but whether to say «вход с нового
//! устройства».

use std::future::Future;

/// Where a served call comes from.
#[derive(Debug, Clone, Default)]
pub struct ClientInfo {
    /// The client's computer as it names itself.
    pub device: Option<String>,
    /// The client's operating system as it names it.
    pub os: Option<String>,
    /// The address the request came from.
    pub ip: Option<String>,
}

tokio::task_local! {
    static CLIENT: ClientInfo;
}

/// Runs `work` (one served call) as coming from `client`.
pub async fn serving<F: Future>(client: ClientInfo, work: F) -> F::Output {
    let client = ClientInfo {
        device: client.device.as_deref().and_then(label),
        os: client.os.as_deref().and_then(label),
        ip: client.ip.as_deref().and_then(label),
    };
    CLIENT.scope(client, work).await
}

fn label(text: &str) -> Option<String> {
    let cleaned: String = text.chars().filter(|c| !c.is_control()).take(64).collect();
    let cleaned = cleaned.trim();
    (!cleaned.is_empty()).then(|| cleaned.to_owned())
}

fn served<T>(pick: impl FnOnce(&ClientInfo) -> Option<T>) -> Option<T> {
    CLIENT.try_with(pick).ok().flatten()
}

/// The caller's computer: the served client's name, else this computer's host name, or «—» when
/// the system does not say.
pub fn name() -> String {
    if let Some(device) = served(|client| client.device.clone()) {
        return device;
    }
    std::fs::read_to_string("/etc/hostname")
        .ok()
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .map(|name| name.trim().to_owned())
        .filter(|name| !name.is_empty())
        .unwrap_or_else(|| "—".to_owned())
}

/// The caller's operating system, in words.
pub fn os() -> String {
    if let Some(os) = served(|client| client.os.clone()) {
        return os;
    }
    match std::env::consts::OS {
        "linux" => "Linux",
        "macos" => "macOS",
        "windows" => "Windows",
        other => other,
    }
    .to_owned()
}

/// The address a served call came from; `None` in the app.
pub fn ip() -> Option<String> {
    served(|client| client.ip.clone())
}

/// Text as an HTTP header carries it between the app and the server (a computer's name, a file
/// name): everything but unreserved ASCII percent-encoded, so any language crosses intact.
pub fn header_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~ ".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// A header's text back from [`header_text`]: `%XX` decoded, anything else kept as it is (a bad
/// escape stays literal), invalid UTF-8 replaced.
pub fn from_header_text(raw: &[u8]) -> String {
    let hex = |b: u8| char::from(b).to_digit(16);
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        match (raw[i], raw.get(i + 1).copied().and_then(hex), raw.get(i + 2).copied().and_then(hex)) {
            (b'%', Some(high), Some(low)) => {
                out.push(u8::try_from(high * 16 + low).unwrap_or(b'?'));
                i += 3;
            }
            (byte, _, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn what_a_client_says_of_itself_is_a_label_cleaned_and_cut_to_64_characters() {
        let long = format!("Ноутбук\u{7}\n{}", "Ж".repeat(100));
        let client = ClientInfo {
            device: Some(long),
            os: Some("\u{1b}[31mLinux\u{0}".to_owned()),
            ip: Some("   ".to_owned()),
        };
        let (device, os, ip) = serving(client, async { (name(), os(), ip()) }).await;
        assert_eq!(device.chars().count(), 64, "{device}");
        assert!(device.starts_with("НоутбукЖ") && device.chars().all(|c| !c.is_control()), "{device:?}");
        assert_eq!(os, "[31mLinux", "control characters go, the rest is only text");
        assert_eq!(ip, None, "blank is nothing");
        let outside = name();
        assert_ne!(outside, device, "outside a served call the computer is this one");
    }

    #[test]
    fn header_text_crosses_in_any_language_and_a_bad_escape_stays_literal() {
        for text in ["Ноутбук Анны", "Справка № 1/2 (копия).pdf", "a%b", ""] {
            let encoded = header_text(text);
            assert!(encoded.bytes().all(|b| b.is_ascii_graphic() || b == b' '), "{encoded}");
            assert_eq!(from_header_text(encoded.as_bytes()), text);
        }
        assert_eq!(from_header_text(b"%D0%9D%zz%"), "Н%zz%");
    }
}
