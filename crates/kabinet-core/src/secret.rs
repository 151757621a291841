//! Secrets in memory: passwords, one-time and backup codes, TOTP secrets and their manual keys,
//! registration and reset tickets, second-factor challenges, transport credentials.
//!
//! Every such value in a request or a response is a [`Secret`]: a [`Zeroizing<String>`] that
//! wipes its bytes when dropped, deserialised straight into it (serde's `String` moved in, never
//! copied), serialised as a plain string (the TypeScript contract says `string`), and shown as
//! `"***"` by `Debug`, so a request in a log or a panic message names no password. It derefs to
//! `str`, so `request.password.trim()`, `&request.code` for a `&str` and `Option::as_deref` read
//! it as before. TOTP secrets read from the database are [`SecretBytes`].
//!
//! What this cannot reach: the JSON text of an IPC call or a CLI argument (owned by Tauri, serde
//! or the OS), serde's scratch buffer for an escaped string, and copies a library keeps (sqlx's
//! connect options hold the database key literal for the pool's life; lettre's credentials hold
//! the SMTP password for one worker run). The core hands each of those the one copy it needs,
//! moved rather than cloned.

use std::fmt;
use std::ops::Deref;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use zeroize::Zeroizing;

/// A secret string, wiped from memory when dropped.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Secret(Zeroizing<String>);

impl Secret {
    /// The secret as text.
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    /// The wiping buffer itself.
    pub fn zeroizing(&self) -> &Zeroizing<String> {
        &self.0
    }

    /// The buffer, for a caller that keeps the secret longer (still wiped when dropped).
    pub fn into_zeroizing(self) -> Zeroizing<String> {
        self.0
    }
}

impl Deref for Secret {
    type Target = str;

    fn deref(&self) -> &str {
        self.0.as_str()
    }
}

impl AsRef<str> for Secret {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self(Zeroizing::new(value))
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Self(Zeroizing::new(value.to_owned()))
    }
}

impl From<Zeroizing<String>> for Secret {
    fn from(value: Zeroizing<String>) -> Self {
        Self(value)
    }
}

impl PartialEq<str> for Secret {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Secret {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"***\"")
    }
}

impl Serialize for Secret {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Self::from)
    }
}

/// Secret bytes read from the database (a TOTP secret), wiped from memory when dropped.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct SecretBytes(Zeroizing<Vec<u8>>);

impl Deref for SecretBytes {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        self.0.as_slice()
    }
}

impl From<Vec<u8>> for SecretBytes {
    fn from(value: Vec<u8>) -> Self {
        Self(Zeroizing::new(value))
    }
}

impl fmt::Debug for SecretBytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretBytes(***)")
    }
}

impl sqlx::Type<sqlx::Sqlite> for SecretBytes {
    fn type_info() -> sqlx::sqlite::SqliteTypeInfo {
        <Vec<u8> as sqlx::Type<sqlx::Sqlite>>::type_info()
    }

    fn compatible(ty: &sqlx::sqlite::SqliteTypeInfo) -> bool {
        <Vec<u8> as sqlx::Type<sqlx::Sqlite>>::compatible(ty)
    }
}

impl<'r> sqlx::Decode<'r, sqlx::Sqlite> for SecretBytes {
    fn decode(value: sqlx::sqlite::SqliteValueRef<'r>) -> Result<Self, sqlx::error::BoxDynError> {
        <Vec<u8> as sqlx::Decode<'r, sqlx::Sqlite>>::decode(value).map(Self::from)
    }
}

impl sqlx::Type<sqlx::Postgres> for SecretBytes {
    fn type_info() -> sqlx::postgres::PgTypeInfo {
        <Vec<u8> as sqlx::Type<sqlx::Postgres>>::type_info()
    }

    fn compatible(ty: &sqlx::postgres::PgTypeInfo) -> bool {
        <Vec<u8> as sqlx::Type<sqlx::Postgres>>::compatible(ty)
    }
}

impl<'r> sqlx::Decode<'r, sqlx::Postgres> for SecretBytes {
    fn decode(value: sqlx::postgres::PgValueRef<'r>) -> Result<Self, sqlx::error::BoxDynError> {
        <Vec<u8> as sqlx::Decode<'r, sqlx::Postgres>>::decode(value).map(Self::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_like_a_string_and_hides_in_debug() {
        let secret: Secret = serde_json::from_str(r#""  Zq8#mW2!rLp ""#).unwrap_or_default();
        assert_eq!(secret.trim(), "Zq8#mW2!rLp");
        assert_eq!(format!("{secret:?}"), "\"***\"");
        assert_eq!(serde_json::to_string(&secret).unwrap_or_default(), r#""  Zq8#mW2!rLp ""#);
        let wiped: &Zeroizing<String> = secret.zeroizing();
        assert_eq!(wiped.as_str(), "  Zq8#mW2!rLp ");
        assert_eq!(Some(secret.clone()).as_deref(), Some("  Zq8#mW2!rLp "));
        assert!(format!("{:?}", SecretBytes::from(vec![1, 2, 3])).contains("***"));
    }

    #[tokio::test]
    async fn secret_bytes_come_straight_from_a_row() {
        let Ok(pool) = sqlx::SqlitePool::connect("sqlite::memory:").await else { panic!("memory") };
        let pool = crate::db::Pool::Sqlite(pool);
        let row: (SecretBytes, Option<SecretBytes>) =
            crate::db::query_as("SELECT x'0102ff', NULL").fetch_one(&pool).await.unwrap_or_default();
        assert_eq!((&*row.0, row.1), (&[1u8, 2, 255][..], None));
    }
}
