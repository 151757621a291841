//! E-mail over SMTP with `lettre`: plain, STARTTLS (required, never opportunistic) or TLS from
//! the first byte, over rustls. The outbox row's idempotency key is the Message-ID, so a message
//! re-sent after a crash carries the same id and mail systems can drop the copy.

use std::time::Duration;

use lettre::message::Mailbox;
use lettre::message::header::ContentType;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use zeroize::Zeroizing;

use super::Failure;
use crate::notifications::types::SmtpTls;

/// How long one SMTP conversation may take.
pub const TIMEOUT: Duration = Duration::from_secs(20);

/// An SMTP server ready to send.
pub struct Smtp {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Smtp {
    /// Connects lazily (each send opens its own conversation).
    pub fn new(
        host: &str,
        port: u16,
        tls: SmtpTls,
        user: Option<&str>,
        password: Option<Zeroizing<String>>,
        from: &str,
    ) -> Result<Self, Failure> {
        super::install_crypto_provider();
        let parameters =
            || TlsParameters::new(host.to_owned()).map_err(|e| Failure::transient(format!("TLS: {e}")));
        let tls = match tls {
            SmtpTls::None => Tls::None,
            SmtpTls::Starttls => Tls::Required(parameters()?),
            SmtpTls::Tls => Tls::Wrapper(parameters()?),
        };
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host)
            .port(port)
            .tls(tls)
            .timeout(Some(TIMEOUT));
        if let Some(user) = user {
            // lettre keeps its credentials as plain strings for this worker run: it gets the one
            // copy, moved out of the keyring's wiping buffer rather than cloned.
            let password = password.map(|mut p| std::mem::take(&mut *p)).unwrap_or_default();
            builder = builder.credentials(Credentials::new(user.to_owned(), password));
        }
        let from = from.parse::<Mailbox>().map_err(|e| Failure::permanent(format!("from: {e}")))?;
        Ok(Self { transport: builder.build(), from })
    }

    /// Sends one e-mail with the idempotency key as its Message-ID.
    pub async fn send(
        &self,
        to: &str,
        subject: &str,
        body: &str,
        key: &str,
        attachment: Option<(&str, &[u8])>,
    ) -> Result<(), Failure> {
        let to = ascii_domain(to).parse::<Mailbox>().map_err(|e| Failure::permanent(format!("to: {e}")))?;
        let builder = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .message_id(Some(format!("<{key}@kabinet.local>")));
        let built = match attachment {
            None => builder.header(ContentType::TEXT_PLAIN).body(body.to_owned()),
            Some((name, bytes)) => {
                use lettre::message::{Attachment, MultiPart, SinglePart};
                let pdf = ContentType::parse("application/pdf")
                    .map_err(|e| Failure::permanent(format!("type: {e}")))?;
                builder.multipart(
                    MultiPart::mixed()
                        .singlepart(SinglePart::plain(body.to_owned()))
                        .singlepart(Attachment::new(name.to_owned()).body(bytes.to_vec(), pdf)),
                )
            }
        };
        let message = built.map_err(|e| Failure::permanent(format!("message: {e}")))?;
        match self.transport.send(message).await {
            Ok(_) => Ok(()),
            Err(e) if e.is_permanent() => Err(Failure::permanent(format!("SMTP: {}", super::describe(&e)))),
            Err(e) => Err(Failure::transient(format!("SMTP: {}", super::describe(&e)))),
        }
    }
}

/// The address with its domain in punycode (domain.md: internationalised domains are sent so).
fn ascii_domain(address: &str) -> String {
    match address.rsplit_once('@') {
        Some((local, domain)) => {
            let domain = idna::domain_to_ascii(domain).unwrap_or_else(|_| domain.to_owned());
            format!("{local}@{domain}")
        }
        None => address.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internationalised_domains_go_in_punycode() {
        assert_eq!(ascii_domain("имя@почта.рф"), "имя@xn--80a1acny.xn--p1ai");
        assert_eq!(ascii_domain("anna@example.ru"), "anna@example.ru");
    }
}
