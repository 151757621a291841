//! Unknown identifiers answered exactly like known ones.
//!
//! «Забыли пароль?» must not tell whether a phone, e-mail or СНИЛС is registered: not by its
//! words, not by its limits (the 60-second cooldown, 5 codes an hour, 3 wrong codes burn one),
//! not by its timing class. So an unknown identifier gets the same one-time-code state as a known
//! one — a code issued (and never sent) under a pseudo destination, `unknown:` followed by a
//! keyed HMAC of the normalised identifier — and every later step runs the same code paths
//! against it: a second request within 60 s is refused with the same `rate_limited`, a guess is
//! `code_wrong` with the tries left, the third burns it.
//!
//! The HMAC key is 256 random bits made on first need and kept in the encrypted database's
//! settings: the pseudo destinations name no identifier to whoever reads the rows, and nothing
//! outside the database is touched, so the unknown path costs what the known one does.

use crate::db::Conn;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use zeroize::Zeroizing;

use crate::context::Context;
use crate::error::ApiResult;

/// The pseudo destination of an identifier that belongs to no account, inside the caller's
/// write transaction. `identifier` is normalised (kind and value, as the lookup uses them).
pub(crate) async fn unknown_destination(
    ctx: &Context,
    conn: &mut Conn,
    identifier: &str,
) -> ApiResult<String> {
    let key = key(ctx, conn).await?;
    let mut mac =
        <Hmac<Sha256> as Mac>::new_from_slice(&key[..]).map_err(|_| ctx.error(crate::ErrorCode::Internal))?;
    mac.update(identifier.as_bytes());
    Ok(format!("unknown:{}", hex::encode(&mac.finalize().into_bytes()[..16])))
}

async fn key(ctx: &Context, conn: &mut Conn) -> ApiResult<Zeroizing<Vec<u8>>> {
    crate::db::query(
        "INSERT INTO settings (key, value) VALUES ('probe_hmac_key', ?) ON CONFLICT (key) DO NOTHING",
    )
    .bind(hex::encode(rand::random::<[u8; 32]>()))
    .execute(&mut *conn)
    .await
    .map_err(ctx.db_error())?;
    let stored: Zeroizing<String> = Zeroizing::new(
        crate::db::query_scalar("SELECT value FROM settings WHERE key = 'probe_hmac_key'")
            .fetch_one(&mut *conn)
            .await
            .map_err(ctx.db_error())?,
    );
    hex::decode(stored.as_bytes()).map(Zeroizing::new).map_err(|_| ctx.error(crate::ErrorCode::Internal))
}
