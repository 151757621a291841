//! The inbox's sealed texts (issue 16): a message's title and text speak of the citizen's affairs
//! (an application, a debt, a sign-in), so they are stored sealed under the account's key and
//! opened in Rust; a purge deleting the key leaves every surviving copy of them unreadable.
//! Nothing in SQL may compare, search or sort these two columns.

use crate::context::Context;
use crate::db::Conn;
use crate::error::ApiResult;
use crate::sealing::Sealer;

/// The associated-data name of a message's title.
pub(crate) const TITLE: &str = "notifications.title";
/// The associated-data name of a message's text.
pub(crate) const BODY: &str = "notifications.body";

/// Seals in place the titles and bodies of the account's messages stored in the clear
/// (`crate::sealing::convert`: a value that already opens is left as it is).
pub(crate) async fn seal_existing(
    ctx: &Context,
    conn: &mut Conn,
    key: &Sealer,
    account_id: i64,
) -> ApiResult<()> {
    crate::sealing::convert::seal_texts(ctx, conn, key, account_id, TITLE, "id").await?;
    crate::sealing::convert::seal_texts(ctx, conn, key, account_id, BODY, "id").await?;
    Ok(())
}
