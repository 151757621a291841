//! Purge at day 90: a closed account's personal data is destroyed for good, leaving a tombstone
//! and the «Сертификат об удалении персональных данных».
//!
//! Rules (also in `docs/rules.md`, «Closure — purge»):
//! - Due: status `closed` and `closures.purge_at` reached. [`purge_due`] takes each due account
//!   in its own transaction; the closure scheduler and `kabinet-cli purge run` call it.
//! - Crash-safe, one certificate: (1) the certificate is issued with the account as its owner
//!   (`Documents::issue` commits it on its own), or the one an interrupted run issued is found
//!   as the account's `deletion_certificate` row and reused; (2) one transaction re-reads that the
//!   account is still due, writes the tombstone with the certificate's number, deletes the
//!   account and everything of it, clears the bytes and owner of its registry rows (the
//!   certificate's too) and queues the e-mail. A crash between (1) and (2) leaves the account and
//!   a certificate the next run reuses; after (2) only the tombstone is left. Never half.
//! - What goes is listed in `purge/erase.rs`; what stays: the tombstone (account number,
//!   registration, closing and purge times, reason category, keyed HMACs of phone, e-mail and
//!   СНИЛС — see `purge/tombstone.rs`), the registry rows of documents (number, kind, title,
//!   SHA-256, verification code — no owner, no bytes), and `staff_audit` (staff actions; nothing
//!   of a citizen's but masked test destinations and account numbers).
//! - Gone from the file, not just unlinked: every connection runs with `secure_delete` (the
//!   pool sets it; the purge transaction sets it again), so deleted cells and freed pages are
//!   overwritten with zeros, and a run that deleted anything ends with
//!   `wal_checkpoint(TRUNCATE)`, so the zeroed pages reach the database file and the WAL holding
//!   older page images is cut to nothing. The deleting transaction records that a checkpoint is
//!   owed (a `settings` row), so one kept busy by readers is tried again by every run until it
//!   succeeds. No `VACUUM` is needed: freed pages stay in the file, but zeroed.
//! - The certificate's PDF carries the ФИО, so its bytes live only from (1) to (2); then the
//!   registry keeps its hash and verification code. The PDF travels only attached to the e-mail
//!   (to the last confirmed address, with no account attached), which also names the
//!   certificate by number and verification code, which anyone can check against the registry;
//!   the attachment is cleared from the outbox once an SMTP server accepted it. A week after it was written, once delivered or failed for good, a run deletes
//!   it, so the address does not outlive its use (the week keeps it readable where transports are
//!   local, and leaves the delivery its retries).
//! - Before the purge an identifier of a closed account is refused at registration with the
//!   restoration and purge dates (`refuse_closed_holder`); after it the identifier rows are gone
//!   and registration works. A tombstone refuses nothing.

mod before;
mod certificate;
mod erase;
mod tombstone;

use std::collections::HashSet;

use crate::db::Conn;

use crate::context::Context;
use crate::error::{ApiResult, ErrorCode};
use crate::staff::audit::{Actor, Entry};

pub(crate) use before::refuse_closed_holder;
pub use certificate::EMAIL_KIND;
pub use tombstone::{IdentifierKind, identifier_hmac};

/// Purges every closed account whose purge date has come; returns how many were purged.
/// Each purge is one row of the staff audit log by `actor` (the scheduler, or `cli:<user>`).
pub async fn purge_due(ctx: &Context, actor: Actor<'_>) -> ApiResult<u32> {
    // One purge run at a time across processes sharing PostgreSQL (the schedulers of several
    // servers, `kabinet-cli purge run`): another run under way means this one has nothing to do.
    let Some(runner) =
        crate::db::try_runner(&ctx.pool, crate::db::exclusive::PURGE).await.map_err(ctx.db_error())?
    else {
        return Ok(0);
    };
    let purged = purge_all(ctx, actor).await;
    runner.release().await;
    purged
}

/// Every purge due now, while this process holds the purge run.
async fn purge_all(ctx: &Context, actor: Actor<'_>) -> ApiResult<u32> {
    let due: Vec<i64> = crate::db::query_scalar(
        "SELECT c.account_id FROM closures c JOIN accounts a ON a.id = c.account_id \
         WHERE a.status = 'closed' AND c.purge_at <= ? ORDER BY c.purge_at, c.account_id",
    )
    .bind(ctx.now())
    .fetch_all(&ctx.pool)
    .await
    .map_err(ctx.db_error())?;
    let mut purged = 0;
    for account_id in due {
        if purge_account(ctx, actor, account_id).await? {
            purged += 1;
        }
    }
    certificate::sweep_sent(ctx).await?;
    erase::checkpoint(ctx).await?;
    Ok(purged)
}

/// The facts of a due account that the tombstone and the certificate need.
#[derive(sqlx::FromRow)]
struct Due {
    account_id: i64,
    number: String,
    registered_at: i64,
    closed_at: i64,
    by_staff: i64,
    reason_category: String,
    surname: String,
    given_name: String,
    patronymic: Option<String>,
}

impl Due {
    fn full_name(&self) -> String {
        [Some(self.surname.as_str()), Some(self.given_name.as_str()), self.patronymic.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ")
    }
}

async fn load_due(ctx: &Context, conn: &mut Conn, account_id: i64) -> ApiResult<Option<Due>> {
    let due: Option<Due> = crate::db::query_as(
        "SELECT a.id AS account_id, a.number, a.created_at AS registered_at, c.closed_at, c.by_staff, \
         c.reason_category, a.surname, a.given_name, a.patronymic \
         FROM closures c JOIN accounts a ON a.id = c.account_id \
         WHERE a.id = ? AND a.status = 'closed' AND c.purge_at <= ?",
    )
    .bind(account_id)
    .bind(ctx.now())
    .fetch_optional(&mut *conn)
    .await
    .map_err(ctx.db_error())?;
    let Some(due) = due else { return Ok(None) };
    let key = crate::sealing::account_key(ctx, conn, account_id).await?;
    let id = account_id;
    let open = |column: &str, value: &str| key.open(column, id, value).map_err(ctx.unreadable());
    Ok(Some(Due {
        surname: open("accounts.surname", &due.surname)?,
        given_name: open("accounts.given_name", &due.given_name)?,
        patronymic: key
            .open_opt("accounts.patronymic", id, due.patronymic.as_deref())
            .map_err(ctx.unreadable())?,
        ..due
    }))
}

async fn purge_account(ctx: &Context, actor: Actor<'_>, account_id: i64) -> ApiResult<bool> {
    let mut conn = ctx.pool.acquire().await.map_err(ctx.db_error())?;
    let Some(due) = load_due(ctx, &mut conn, account_id).await? else { return Ok(false) };
    let data_dir = erase::data_dir(ctx, &mut conn).await?;
    drop(conn);
    let issued = certificate::ensure(ctx, &data_dir, &due).await?;
    crate::fault::crash_point("purge_after_certificate");
    let Some(digests) = destroy(ctx, actor, &due, &issued).await? else { return Ok(false) };
    erase::viewer_copies(&data_dir, digests).await;
    crate::delivery::kick(ctx).await;
    Ok(true)
}

/// The one transaction that leaves only the tombstone; `None` (and the unsent certificate
/// withdrawn) when the account is no longer due. Returns the digests of its files.
async fn destroy(
    ctx: &Context,
    actor: Actor<'_>,
    due: &Due,
    issued: &certificate::Issued,
) -> ApiResult<Option<HashSet<String>>> {
    let mut tx = ctx.write().await?;
    erase::prepare(ctx, &mut tx).await?;
    if load_due(ctx, &mut tx, due.account_id).await?.is_none() {
        certificate::withdraw(ctx, &mut tx, due.account_id).await?;
        tx.commit().await.map_err(ctx.db_error())?;
        return Ok(None);
    }
    // Read under the write lock: two processes making the key on first need take turns.
    let key = ctx.vault.as_ref().ok_or_else(|| ctx.error(ErrorCode::KeyringUnavailable))?;
    let key = key.tombstone_key().map_err(|code| ctx.error(code))?;
    let identifiers = tombstone::Identifiers::of(ctx, &mut tx, due.account_id).await?;
    let traces = erase::traces(ctx, &mut tx, due.account_id).await?;
    tombstone::write(ctx, &mut tx, due, &identifiers, &key, &issued.number).await?;
    erase::account(ctx, &mut tx, due.account_id, &traces).await?;
    erase::checkpoint_owed(ctx, &mut tx).await?;
    certificate::send(ctx, &mut tx, due, identifiers.confirmed_email.as_deref(), issued).await?;
    let details = serde_json::json!({ "certificate": issued.number, "reason": due.reason_category });
    let entry = Entry { actor, action: "account_purged", target: &due.number, details };
    crate::staff::audit::append(ctx, &mut tx, entry).await?;
    tx.commit().await.map_err(ctx.db_error())?;
    Ok(Some(traces.digests))
}
