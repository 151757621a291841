//! The inbox's sealed texts (issue 16): a message's title and text speak of the citizen's affairs
//! (an application, a debt, a sign-in), so they are stored sealed under the account's key and
//! opened in Rust; a purge deleting the key leaves every surviving copy of them unreadable.
//! Nothing in SQL may compare, search or sort these two columns.

use crate::context::Context;
use crate::db::Conn;
use crate::error::ApiResult;
use crate::sealing::{Sealer, is_sealed_text};

/// The associated-data name of a message's title.
pub(crate) const TITLE: &str = "notifications.title";
/// The associated-data name of a message's text.
pub(crate) const BODY: &str = "notifications.body";

/// Messages read per round of [`seal_existing`]: an account with a million messages is sealed
/// in bounded memory.
const BATCH: i64 = 500;

/// Seals in place every message of `account_id` still stored in the clear (a database from the
/// release before sealing), in the caller's transaction; a value already sealed is left as is,
/// so a conversion that resumes does no harm.
pub(crate) async fn seal_existing(
    ctx: &Context,
    conn: &mut Conn,
    key: &Sealer,
    account_id: i64,
) -> ApiResult<()> {
    let mut after = 0_i64;
    loop {
        let rows: Vec<(i64, String, String)> = crate::db::query_as(
            "SELECT id, title, body FROM notifications WHERE account_id = ? AND id > ? ORDER BY id LIMIT ?",
        )
        .bind(account_id)
        .bind(after)
        .bind(BATCH)
        .fetch_all(&mut *conn)
        .await
        .map_err(ctx.db_error())?;
        let Some(&(last, _, _)) = rows.last() else { return Ok(()) };
        for (id, title, body) in rows {
            if is_sealed_text(&title) && is_sealed_text(&body) {
                continue;
            }
            crate::db::query("UPDATE notifications SET title = ?, body = ? WHERE id = ?")
                .bind(sealed(key, TITLE, id, title))
                .bind(sealed(key, BODY, id, body))
                .bind(id)
                .execute(&mut *conn)
                .await
                .map_err(ctx.db_error())?;
        }
        after = last;
    }
}

/// A stored value sealed: as it is when it already is, sealed for `column` of `id` otherwise.
fn sealed(key: &Sealer, column: &str, id: i64, stored: String) -> String {
    if is_sealed_text(&stored) { stored } else { key.seal(column, id, &stored) }
}
