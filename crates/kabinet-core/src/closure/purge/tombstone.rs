//! The tombstone: what remains of a purged account — its number, the registration, closing and
//! purge times, the reason category, the certificate's number, and HMAC-SHA256 of the phone,
//! e-mail and СНИЛС under a 256-bit key kept in the OS keyring (never in the database), so the
//! hashes cannot be reversed by trying every phone number without that key.
//!
//! Each HMAC covers `kind ‖ 0x00 ‖ normal form`: the phone in E.164 (`+79161234567`), the e-mail
//! lower-cased, the СНИЛС as its 11 digits. The kind prefix keeps a phone and a СНИЛС with the
//! same digits apart.

use crate::db::Conn;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::context::Context;
use crate::error::ApiResult;
use crate::validate;

use super::Due;

/// Which identifier an HMAC is of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdentifierKind {
    /// Mobile phone.
    Phone,
    /// E-mail address.
    Email,
    /// СНИЛС.
    Snils,
}

impl IdentifierKind {
    fn as_str(self) -> &'static str {
        match self {
            IdentifierKind::Phone => "phone",
            IdentifierKind::Email => "email",
            IdentifierKind::Snils => "snils",
        }
    }

    fn normal(self, value: &str) -> String {
        let value = value.trim();
        match self {
            IdentifierKind::Phone => validate::phone(value).unwrap_or_else(|_| value.to_owned()),
            IdentifierKind::Email => validate::email(value)
                .map(|email| email.address)
                .unwrap_or_else(|_| value.to_owned())
                .to_lowercase(),
            IdentifierKind::Snils => value.chars().filter(char::is_ascii_digit).collect(),
        }
    }
}

/// HMAC-SHA256 of an identifier in its normal form under `key` (the tombstone key).
pub fn identifier_hmac(key: &[u8; 32], kind: IdentifierKind, value: &str) -> [u8; 32] {
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(key) else { return [0; 32] };
    mac.update(kind.as_str().as_bytes());
    mac.update(&[0]);
    mac.update(kind.normal(value).as_bytes());
    mac.finalize().into_bytes().into()
}

/// The account's identifiers as stored.
pub(super) struct Identifiers {
    phone: Option<String>,
    email: Option<String>,
    snils: Option<String>,
    /// The e-mail, when confirmed: where the certificate goes.
    pub confirmed_email: Option<String>,
}

impl Identifiers {
    pub(super) async fn of(ctx: &Context, conn: &mut Conn, account_id: i64) -> ApiResult<Self> {
        let key = crate::sealing::account_key(ctx, &mut *conn, account_id).await?;
        let rows = crate::accounts::identifiers(ctx, conn, &key, account_id).await?;
        let value = |kind: &str| rows.iter().find(|(k, _, _)| k == kind).map(|(_, v, _)| v.clone());
        let confirmed_email =
            rows.iter().find(|(k, _, at)| k == "email" && at.is_some()).map(|(_, v, _)| v.clone());
        Ok(Self { phone: value("phone"), email: value("email"), snils: value("snils"), confirmed_email })
    }
}

/// Writes the tombstone inside the purge transaction.
pub(super) async fn write(
    ctx: &Context,
    conn: &mut Conn,
    due: &Due,
    identifiers: &Identifiers,
    key: &[u8; 32],
    certificate_number: &str,
) -> ApiResult<()> {
    let hmac =
        |kind, value: &Option<String>| value.as_deref().map(|v| identifier_hmac(key, kind, v).to_vec());
    crate::db::query(
        "INSERT INTO tombstones (account_number, registered_at, closed_at, purged_at, reason_category, \
         phone_hmac, email_hmac, snils_hmac, certificate_number) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&due.number)
    .bind(due.registered_at)
    .bind(due.closed_at)
    .bind(ctx.now())
    .bind(&due.reason_category)
    .bind(hmac(IdentifierKind::Phone, &identifiers.phone))
    .bind(hmac(IdentifierKind::Email, &identifiers.email))
    .bind(hmac(IdentifierKind::Snils, &identifiers.snils))
    .bind(certificate_number)
    .execute(conn)
    .await
    .map_err(ctx.db_error())?;
    Ok(())
}
