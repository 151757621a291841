//! Personal data under per-account keys (issue 16): how a purge reaches every copy.
//!
//! Deleting rows is enough on one SQLCipher file, which zeroes what it deletes. It is not on
//! PostgreSQL: a deleted tuple stays in its page until vacuumed and overwritten, and the WAL, each
//! streaming replica and each backup keep it as long as they are kept. So a person's fields are
//! stored sealed — AES-256-GCM under a random key of their own account — and the purge deletes
//! that key in the transaction that deletes the rows. Whatever copy survives (a free page, a WAL
//! segment, a replica, yesterday's backup) is then ciphertext no remaining key opens.
//!
//! - **Keys.** An account's data key is 32 random bytes, stored only wrapped (AES-256-GCM) by a
//!   wrapping key in `account_keys`, one row per account, deleted with it. The wrapping key and
//!   the blind-index key are derived from the root secret the data directory already has
//!   ([`Vault::derived_key`]): the master key of a server, the database key in the OS keyring of
//!   a desktop. Neither is ever written to the database.
//! - **Bound to their place.** The associated data of every sealed value names the column, the
//!   account and the row (`kabinet/v1 ‖ column ‖ owner ‖ row`), so ciphertext moved to another
//!   row, column or account does not open.
//! - **Account-less rows** — a registration's confirmed phone, a code's message before there is
//!   an account — are sealed under the day's transit key (`transit_keys`), destroyed after
//!   [`TRANSIT_DAYS`] days (a week of delivery retries and of the local transport's reading, and
//!   a day) together with what it sealed.
//! - **Blind indexes.** What is looked up by equality — sign-in by phone, e-mail or СНИЛС,
//!   uniqueness, the desk's search, a code's destination — is found by HMAC-SHA-256 of the
//!   normalised value under the index key ([`Keys::index`]), never by the value.
//!
//! The formats: sealed text is `k1` (account) or `t1<day>.` (transit) followed by the base64url
//! of nonce ‖ ciphertext ‖ tag; sealed bytes are the same without the base64 (first byte `0x6b`
//! or `0x74`, then `1`).

pub mod convert;

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use zeroize::Zeroizing;

use crate::context::Context;
use crate::db::{Conn, Target};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::vault::Vault;

/// How long a transit key lives, in days: a registration ticket and a code are worthless long
/// before; a purged account's certificate e-mail is retried and readable for a week.
pub const TRANSIT_DAYS: i64 = 8;

const NONCE: usize = 12;

/// The names the wrapping key and the blind-index key are derived by.
const NAMES: [&str; 2] = ["account-key-wrapping", "blind-index"];

/// The data directory's two sealing keys, read once at open.
pub struct Keys {
    wrap: Aes256Gcm,
    index: Zeroizing<[u8; 32]>,
}

impl std::fmt::Debug for Keys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Keys(…)")
    }
}

impl Keys {
    /// Derives the wrapping key and the blind-index key from the vault's root secret.
    pub fn from_vault(vault: &Vault) -> Result<Self, ErrorCode> {
        let [wrap, index] = vault.derived_keys(NAMES)?;
        Ok(Self::from_parts(&wrap, index))
    }

    /// The keys of a desktop whose database key `storage` has just read from the keyring: the
    /// same as [`Keys::from_vault`], without a second keyring call at start.
    pub(crate) fn from_database_key(key: &crate::vault::DbKey) -> Self {
        let [wrap, index] = Vault::derived_from_database_key(key, NAMES);
        Self::from_parts(&wrap, index)
    }

    fn from_parts(wrap: &[u8; 32], index: Zeroizing<[u8; 32]>) -> Self {
        Self { wrap: Aes256Gcm::new(wrap.into()), index }
    }

    /// The blind index of an identifier, a destination or an account number: hex HMAC-SHA-256
    /// under the index key. Values of different kinds never collide (a phone starts with `+`,
    /// an e-mail has `@`, a СНИЛС has dashes), so one index serves every table.
    pub fn index(&self, value: &str) -> String {
        // HMAC takes a key of any length: this cannot fail.
        let Ok(mut mac) = <Hmac<Sha256> as Mac>::new_from_slice(&self.index[..]) else { unreachable!() };
        mac.update(b"kabinet/v1/index\0");
        mac.update(value.as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }

    fn wrap_key(&self, owner: &str, key: &[u8; 32]) -> Vec<u8> {
        let aad = format!("kabinet/v1/data-key\0{owner}");
        seal_raw(&self.wrap, aad.as_bytes(), key)
    }

    fn unwrap_key(&self, owner: &str, wrapped: &[u8]) -> Option<Zeroizing<[u8; 32]>> {
        let aad = format!("kabinet/v1/data-key\0{owner}");
        let plain = Zeroizing::new(open_raw(&self.wrap, aad.as_bytes(), wrapped)?);
        let mut key = Zeroizing::new([0u8; 32]);
        if plain.len() != key.len() {
            return None;
        }
        key.copy_from_slice(&plain);
        Some(key)
    }

    /// A new random transit key of `day`: wrapped as `transit_keys` stores it, and ready to use
    /// (what a test seeding account-less messages in bulk writes itself).
    pub fn new_transit_key(&self, day: i64) -> (Vec<u8>, Sealer) {
        let owner = Owner::Transit(day);
        let mut key = Zeroizing::new([0u8; 32]);
        rand::fill(&mut key[..]);
        let wrapped = self.wrap_key(&owner.to_string(), &key);
        (wrapped, Sealer::new(&key, owner))
    }

    /// Unwraps a transit key as stored in `transit_keys` (tests reading account-less rows).
    pub fn transit_sealer_of(&self, day: i64, wrapped: &[u8]) -> Option<Sealer> {
        let owner = Owner::Transit(day);
        let key = self.unwrap_key(&owner.to_string(), wrapped)?;
        Some(Sealer::new(&key, owner))
    }

    /// Unwraps a wrapped data key as stored in `account_keys` — for tests that show which copies
    /// the remaining keys open.
    pub fn sealer_of(&self, account_id: i64, wrapped: &[u8]) -> Option<Sealer> {
        let owner = Owner::Account(account_id);
        let key = self.unwrap_key(&owner.to_string(), wrapped)?;
        Some(Sealer::new(&key, owner))
    }
}

/// Whose key seals a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Owner {
    Account(i64),
    Transit(i64),
}

impl std::fmt::Display for Owner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Owner::Account(id) => write!(f, "account:{id}"),
            Owner::Transit(day) => write!(f, "transit:{day}"),
        }
    }
}

/// A value that does not open: sealed under another key (a purged account's, an expired transit
/// key's), moved from another place, damaged, or not sealed at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unreadable;

impl std::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a sealed value does not open with its key")
    }
}

/// One account's (or one day's transit) data key, unwrapped, ready to seal and open that
/// owner's values. The expanded key is wiped when dropped.
pub struct Sealer {
    cipher: Aes256Gcm,
    owner: Owner,
    /// HMAC-SHA-256(data key, "kabinet/v1/tag"): the key of [`Sealer::tag`].
    tag_key: Zeroizing<[u8; 32]>,
}

impl std::fmt::Debug for Sealer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Sealer({})", self.owner)
    }
}

impl Sealer {
    fn new(key: &[u8; 32], owner: Owner) -> Self {
        // HMAC takes a key of any length: this cannot fail.
        let Ok(mut mac) = <Hmac<Sha256> as Mac>::new_from_slice(key) else { unreachable!() };
        mac.update(b"kabinet/v1/tag");
        let mut tag_key = Zeroizing::new([0u8; 32]);
        tag_key.copy_from_slice(&mac.finalize().into_bytes());
        Self { cipher: Aes256Gcm::new(key.into()), owner, tag_key }
    }

    /// An equality tag of `value` for `column`, keyed by this account's own key: rows of one
    /// account compare by it («a device seen before?») without the value, and once the key is
    /// destroyed the tag is as meaningless as the ciphertext.
    pub fn tag(&self, column: &str, value: &str) -> String {
        // HMAC takes a key of any length: this cannot fail.
        let Ok(mut mac) = <Hmac<Sha256> as Mac>::new_from_slice(&self.tag_key[..]) else { unreachable!() };
        mac.update(column.as_bytes());
        mac.update(b"\0");
        mac.update(value.as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }

    fn aad(&self, column: &str, row: &dyn std::fmt::Display) -> Vec<u8> {
        format!("kabinet/v1\0{column}\0{}\0{row}", self.owner).into_bytes()
    }

    fn text_prefix(&self) -> String {
        match self.owner {
            Owner::Account(_) => "k1".to_owned(),
            Owner::Transit(day) => format!("t1{day}."),
        }
    }

    /// Seals `text` for `column` (`"table.column"`) of `row` (the row's key).
    pub fn seal(&self, column: &str, row: impl std::fmt::Display, text: &str) -> String {
        let sealed = seal_raw(&self.cipher, &self.aad(column, &row), text.as_bytes());
        let mut out = self.text_prefix();
        out.push_str(&data_encoding::BASE64URL_NOPAD.encode(&sealed));
        out
    }

    /// [`Sealer::seal`] of a value that may be absent.
    pub fn seal_opt(&self, column: &str, row: impl std::fmt::Display, text: Option<&str>) -> Option<String> {
        text.map(|text| self.seal(column, row, text))
    }

    /// Opens what [`Sealer::seal`] sealed for the same column and row.
    pub fn open(
        &self,
        column: &str,
        row: impl std::fmt::Display,
        stored: &str,
    ) -> Result<String, Unreadable> {
        let body = stored.strip_prefix(&self.text_prefix()).ok_or(Unreadable)?;
        let sealed = data_encoding::BASE64URL_NOPAD.decode(body.as_bytes()).map_err(|_| Unreadable)?;
        let plain = open_raw(&self.cipher, &self.aad(column, &row), &sealed).ok_or(Unreadable)?;
        String::from_utf8(plain).map_err(|_| Unreadable)
    }

    /// [`Sealer::open`] of a value that may be absent.
    pub fn open_opt(
        &self,
        column: &str,
        row: impl std::fmt::Display,
        stored: Option<&str>,
    ) -> Result<Option<String>, Unreadable> {
        stored.map(|stored| self.open(column, row, stored)).transpose()
    }

    /// Seals bytes (a scan, a PDF) for `column` of `row`.
    pub fn seal_bytes(&self, column: &str, row: impl std::fmt::Display, bytes: &[u8]) -> Vec<u8> {
        let mut out = match self.owner {
            Owner::Account(_) => vec![b'k', 1],
            Owner::Transit(day) => [&[b't', 1][..], &day.to_le_bytes()].concat(),
        };
        out.extend_from_slice(&seal_raw(&self.cipher, &self.aad(column, &row), bytes));
        out
    }

    /// Opens what [`Sealer::seal_bytes`] sealed for the same column and row.
    pub fn open_bytes(
        &self,
        column: &str,
        row: impl std::fmt::Display,
        stored: &[u8],
    ) -> Result<Vec<u8>, Unreadable> {
        let body = match (self.owner, stored) {
            (Owner::Account(_), [b'k', 1, rest @ ..]) => rest,
            (Owner::Transit(day), [b't', 1, rest @ ..]) if transit_day_of_bytes(stored) == Some(day) => {
                &rest[8..]
            }
            _ => return Err(Unreadable),
        };
        open_raw(&self.cipher, &self.aad(column, &row), body).ok_or(Unreadable)
    }
}

/// Whether a stored text has the form of a sealed value: `k1` or `t1<day>.` then the base64url
/// of at least a nonce and a tag (38 characters). A value someone typed that merely starts with
/// `k1` («k1.pdf», «k1-2026») does not pass, so the in-place conversion never leaves it unsealed.
pub fn is_sealed_text(stored: &str) -> bool {
    let body = match (stored.strip_prefix("k1"), transit_day(stored)) {
        (Some(body), _) => body,
        (None, Some(_)) => stored.split_once('.').map_or("", |(_, body)| body),
        (None, None) => return false,
    };
    body.len() >= 38 && body.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The day of a transit-sealed text (`t1<day>.…`).
pub fn transit_day(stored: &str) -> Option<i64> {
    stored.strip_prefix("t1")?.split_once('.')?.0.parse().ok()
}

/// The day of transit-sealed bytes (`t`, 1, the day as 8 bytes little-endian, …).
pub fn transit_day_of_bytes(stored: &[u8]) -> Option<i64> {
    match stored {
        [b't', 1, day @ ..] if day.len() >= 8 => day[..8].try_into().ok().map(i64::from_le_bytes),
        _ => None,
    }
}

fn seal_raw(cipher: &Aes256Gcm, aad: &[u8], plain: &[u8]) -> Vec<u8> {
    let mut nonce = [0u8; NONCE];
    rand::fill(&mut nonce[..]);
    // Encryption fails only past GCM's length limit (64 GiB); no stored value comes near.
    let Ok(sealed) = cipher.encrypt(Nonce::from_slice(&nonce), Payload { msg: plain, aad }) else {
        unreachable!("AES-GCM refuses only inputs of more than 64 GiB")
    };
    let mut out = Vec::with_capacity(NONCE + sealed.len());
    out.extend_from_slice(&nonce);
    out.extend_from_slice(&sealed);
    out
}

fn open_raw(cipher: &Aes256Gcm, aad: &[u8], sealed: &[u8]) -> Option<Vec<u8>> {
    if sealed.len() < NONCE + 16 {
        return None;
    }
    let (nonce, body) = sealed.split_at(NONCE);
    cipher.decrypt(Nonce::from_slice(nonce), Payload { msg: body, aad }).ok()
}

impl Context {
    /// The sealing keys of this data directory.
    pub(crate) fn keys(&self) -> ApiResult<&Keys> {
        self.keys.as_deref().ok_or_else(|| self.error(ErrorCode::KeyringUnavailable))
    }

    /// The error of a sealed value that does not open: the data is damaged or its key is gone.
    pub(crate) fn unreadable(&self) -> impl Fn(Unreadable) -> ApiError + '_ {
        move |_| {
            tracing::error!("a sealed value does not open with its account's key");
            ApiError::internal("a sealed value does not open", self.locale())
        }
    }
}

/// The data key of `account_id`, unwrapped.
pub async fn account_key<'a>(ctx: &Context, on: impl Into<Target<'a>>, account_id: i64) -> ApiResult<Sealer> {
    let wrapped: Option<Vec<u8>> =
        crate::db::query_scalar("SELECT wrapped FROM account_keys WHERE account_id = ?")
            .bind(account_id)
            .fetch_optional(on)
            .await
            .map_err(ctx.db_error())?;
    let Some(wrapped) = wrapped else {
        tracing::error!(account_id, "an account has no data key");
        return Err(ApiError::internal("an account has no data key", ctx.locale()));
    };
    ctx.keys()?.sealer_of(account_id, &wrapped).ok_or_else(|| ctx.unreadable()(Unreadable))
}

/// A new random data key for `account_id`: as stored (wrapped) and ready to use.
pub(crate) fn new_account_key(ctx: &Context, account_id: i64) -> ApiResult<(Vec<u8>, Sealer)> {
    let owner = Owner::Account(account_id);
    let mut key = Zeroizing::new([0u8; 32]);
    rand::fill(&mut key[..]);
    let wrapped = ctx.keys()?.wrap_key(&owner.to_string(), &key);
    Ok((wrapped, Sealer::new(&key, owner)))
}

/// Makes the data key of a new account (inside the transaction that inserts it).
pub async fn create_account_key(ctx: &Context, conn: &mut Conn, account_id: i64) -> ApiResult<Sealer> {
    let (wrapped, sealer) = new_account_key(ctx, account_id)?;
    crate::db::query("INSERT INTO account_keys (account_id, wrapped, created_at) VALUES (?, ?, ?)")
        .bind(account_id)
        .bind(&wrapped)
        .bind(ctx.now())
        .execute(conn)
        .await
        .map_err(ctx.db_error())?;
    Ok(sealer)
}

/// The day a transit key belongs to (days since 1970-01-01, UTC).
pub fn day_of(unix: i64) -> i64 {
    unix.div_euclid(86_400)
}

/// Today's transit key, made on first need (two processes making it at once keep the first).
pub async fn transit_key_today(ctx: &Context, conn: &mut Conn) -> ApiResult<Sealer> {
    let day = day_of(ctx.now());
    let owner = Owner::Transit(day);
    let mut key = Zeroizing::new([0u8; 32]);
    rand::fill(&mut key[..]);
    let wrapped = ctx.keys()?.wrap_key(&owner.to_string(), &key);
    crate::db::query(
        "INSERT INTO transit_keys (day, wrapped, created_at) VALUES (?, ?, ?) ON CONFLICT (day) DO NOTHING",
    )
    .bind(day)
    .bind(&wrapped)
    .bind(ctx.now())
    .execute(&mut *conn)
    .await
    .map_err(ctx.db_error())?;
    transit_key(ctx, conn, day).await?.ok_or_else(|| ctx.unreadable()(Unreadable))
}

/// The transit key of `day`; `None` when it is gone (older than [`TRANSIT_DAYS`]).
pub async fn transit_key<'a>(
    ctx: &Context,
    on: impl Into<Target<'a>>,
    day: i64,
) -> ApiResult<Option<Sealer>> {
    let wrapped: Option<Vec<u8>> = crate::db::query_scalar("SELECT wrapped FROM transit_keys WHERE day = ?")
        .bind(day)
        .fetch_optional(on)
        .await
        .map_err(ctx.db_error())?;
    let Some(wrapped) = wrapped else { return Ok(None) };
    let owner = Owner::Transit(day);
    let key =
        ctx.keys()?.unwrap_key(&owner.to_string(), &wrapped).ok_or_else(|| ctx.unreadable()(Unreadable))?;
    Ok(Some(Sealer::new(&key, owner)))
}

/// Opens a transit-sealed text, `None` when its day's key is gone.
pub async fn open_transit<'a>(
    ctx: &Context,
    on: impl Into<Target<'a>>,
    column: &str,
    row: impl std::fmt::Display,
    stored: &str,
) -> ApiResult<Option<String>> {
    let Some(day) = transit_day(stored) else { return Err(ctx.unreadable()(Unreadable)) };
    let Some(sealer) = transit_key(ctx, on, day).await? else { return Ok(None) };
    sealer.open(column, row, stored).map(Some).map_err(ctx.unreadable())
}

/// Opens values of many owners at once (a delivery batch, a page of messages), unwrapping each
/// account's or day's key once.
#[derive(Default)]
pub(crate) struct Opener {
    accounts: std::collections::HashMap<i64, Sealer>,
    transit: std::collections::HashMap<i64, Option<Sealer>>,
}

impl Opener {
    async fn sealer(
        &mut self,
        ctx: &Context,
        conn: &mut Conn,
        account_id: Option<i64>,
        transit_day: Option<i64>,
    ) -> ApiResult<Option<&Sealer>> {
        match (account_id, transit_day) {
            (Some(id), _) => {
                if let std::collections::hash_map::Entry::Vacant(slot) = self.accounts.entry(id) {
                    slot.insert(account_key(ctx, &mut *conn, id).await?);
                }
                Ok(self.accounts.get(&id))
            }
            (None, Some(day)) => {
                if let std::collections::hash_map::Entry::Vacant(slot) = self.transit.entry(day) {
                    slot.insert(transit_key(ctx, &mut *conn, day).await?);
                }
                Ok(self.transit.get(&day).and_then(Option::as_ref))
            }
            (None, None) => Err(ctx.unreadable()(Unreadable)),
        }
    }

    /// Opens a text of `account_id`'s row (or, without an account, of its transit day); `None`
    /// when the transit key is gone.
    pub(crate) async fn text(
        &mut self,
        ctx: &Context,
        conn: &mut Conn,
        account_id: Option<i64>,
        column: &str,
        row: i64,
        stored: &str,
    ) -> ApiResult<Option<String>> {
        let Some(sealer) = self.sealer(ctx, conn, account_id, transit_day(stored)).await? else {
            return Ok(None);
        };
        sealer.open(column, row, stored).map(Some).map_err(ctx.unreadable())
    }

    /// Opens bytes of `account_id`'s row (or of its transit day); `None` when the key is gone.
    pub(crate) async fn bytes(
        &mut self,
        ctx: &Context,
        conn: &mut Conn,
        account_id: Option<i64>,
        column: &str,
        row: i64,
        stored: &[u8],
    ) -> ApiResult<Option<Vec<u8>>> {
        let Some(sealer) = self.sealer(ctx, conn, account_id, transit_day_of_bytes(stored)).await? else {
            return Ok(None);
        };
        sealer.open_bytes(column, row, stored).map(Some).map_err(ctx.unreadable())
    }
}

/// The key that seals a new row of `account_id`, or today's transit key for a row without one.
pub(crate) async fn sealer_for(ctx: &Context, conn: &mut Conn, account_id: Option<i64>) -> ApiResult<Sealer> {
    match account_id {
        Some(id) => account_key(ctx, conn, id).await,
        None => transit_key_today(ctx, conn).await,
    }
}

/// Destroys the transit keys older than [`TRANSIT_DAYS`] days; returns how many went.
/// and with them the registration tickets they sealed, which no key opens any more.
pub async fn expire_transit_keys(ctx: &Context) -> ApiResult<u64> {
    let first_kept = day_of(ctx.now()) - TRANSIT_DAYS;
    let mut tx = ctx.write().await?;
    // Account-less messages went already: the outbox's sweep deletes them after the same 8 days
    // counted in seconds (`crate::outbox::ACCOUNTLESS_KEEP`), before their day's key goes.
    crate::db::query("DELETE FROM registration_tickets WHERE expires_at < ?")
        .bind(first_kept * 86_400)
        .execute(&mut tx)
        .await
        .map_err(ctx.db_error())?;
    let done = crate::db::query("DELETE FROM transit_keys WHERE day < ?")
        .bind(first_kept)
        .execute(&mut tx)
        .await
        .map_err(ctx.db_error())?;
    tx.commit().await.map_err(ctx.db_error())?;
    Ok(done.rows_affected())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn keys() -> Keys {
        Keys::from_parts(&[7; 32], Zeroizing::new([9; 32]))
    }

    fn sealer(keys: &Keys, account_id: i64) -> Sealer {
        let owner = Owner::Account(account_id);
        let wrapped = keys.wrap_key(&owner.to_string(), &[account_id as u8; 32]);
        keys.sealer_of(account_id, &wrapped).unwrap()
    }

    #[test]
    fn a_value_opens_only_in_its_own_place_under_its_own_key() {
        let keys = keys();
        let one = sealer(&keys, 1);
        let sealed = one.seal("accounts.surname", 1, "Иванова");
        assert!(sealed.starts_with("k1") && !sealed.contains("Иванова"));
        assert_eq!(one.open("accounts.surname", 1, &sealed).unwrap(), "Иванова");
        // Another row, another column, another account's key: nothing opens.
        assert_eq!(one.open("accounts.surname", 2, &sealed), Err(Unreadable));
        assert_eq!(one.open("accounts.given_name", 1, &sealed), Err(Unreadable));
        assert_eq!(sealer(&keys, 2).open("accounts.surname", 1, &sealed), Err(Unreadable));
        // Two seals of one value differ (a fresh nonce each time).
        assert_ne!(one.seal("accounts.surname", 1, "Иванова"), sealed);
        // Plain text and damage are refused, not passed through.
        assert_eq!(one.open("accounts.surname", 1, "Иванова"), Err(Unreadable));
        let mut damaged = sealed.clone().into_bytes();
        let last = damaged.len() - 1;
        damaged[last] = if damaged[last] == b'A' { b'B' } else { b'A' };
        assert_eq!(one.open("accounts.surname", 1, &String::from_utf8(damaged).unwrap()), Err(Unreadable));
        let bytes = one.seal_bytes("documents.content", 5, b"%PDF-1.7");
        assert_eq!(one.open_bytes("documents.content", 5, &bytes).unwrap(), b"%PDF-1.7");
        assert_eq!(one.open_bytes("documents.content", 6, &bytes), Err(Unreadable));
    }

    #[test]
    fn a_wrapped_key_opens_only_for_its_account_and_wrapping_key() {
        let keys = keys();
        let wrapped = keys.wrap_key("account:1", &[3; 32]);
        assert!(keys.sealer_of(1, &wrapped).is_some());
        assert!(keys.sealer_of(2, &wrapped).is_none());
        let other = Keys::from_parts(&[8; 32], Zeroizing::new([9; 32]));
        assert!(other.sealer_of(1, &wrapped).is_none());
    }

    #[test]
    fn the_blind_index_is_keyed_and_stable() {
        let keys = keys();
        assert_eq!(keys.index("+79161234567"), keys.index("+79161234567"));
        assert_ne!(keys.index("+79161234567"), keys.index("+79161234568"));
        assert_eq!(keys.index("x").len(), 64);
        let other = Keys::from_parts(&[7; 32], Zeroizing::new([1; 32]));
        assert_ne!(other.index("+79161234567"), keys.index("+79161234567"));
        assert_eq!(transit_day("t120400.abc"), Some(20400));
        let sealed = sealer(&keys, 1).seal("accounts.surname", 1, "");
        assert!(is_sealed_text(&sealed), "even an empty value seals to the full form: {sealed}");
        assert!(!is_sealed_text("Иванова") && !is_sealed_text("k1.pdf") && !is_sealed_text("k1-2026"));
        assert!(!is_sealed_text(&format!("{sealed}.pdf")));
    }
}
