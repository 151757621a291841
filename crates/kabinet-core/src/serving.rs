//! What a server in front of the core needs from the database besides the commands: a limit on
//! requests per client address shared by every server process, its readiness, and the delivery
//! backlog it reports.
//!
//! Why the count is in the database: a limit kept in one process's memory is multiplied by the
//! number of processes behind the load balancer, and forgotten on every restart. One upsert per
//! request (the row of this address and this minute) is what sharing it costs; the address is
//! stored only as its SHA-256, and only for the minute it counts ([`Serving::prune`]).

use sha2::{Digest, Sha256};

use crate::context::{Context, rfc3339};
use crate::error::{ApiResult, ErrorCode};

/// The server's part of the core.
pub struct Serving<'a> {
    pub(crate) ctx: &'a Context,
}

impl Serving<'_> {
    /// Counts one request from `address` in the current minute: `too_many_requests` (with the
    /// next minute as `details.retry_at`) once more than `per_minute` came this minute. The
    /// upsert is one statement, so two processes counting at once never lose a hit.
    pub async fn admit(&self, address: &str, per_minute: u32) -> ApiResult<()> {
        let ctx = self.ctx;
        let minute = ctx.now().div_euclid(60);
        let client = Sha256::digest(address.as_bytes()).to_vec();
        let hits: i64 = crate::db::query_scalar(
            "INSERT INTO request_counts (client, minute, hits) VALUES (?, ?, 1) \
             ON CONFLICT (client, minute) DO UPDATE SET hits = request_counts.hits + 1 RETURNING hits",
        )
        .bind(client)
        .bind(minute)
        .fetch_one(&ctx.pool)
        .await
        .map_err(ctx.db_error())?;
        if hits > i64::from(per_minute) {
            return Err(ctx.error(ErrorCode::TooManyRequests).retry_at(rfc3339((minute + 1) * 60)));
        }
        Ok(())
    }

    /// Deletes the counts of minutes that are over; how many rows.
    pub async fn prune(&self) -> ApiResult<u64> {
        let ctx = self.ctx;
        let done = crate::db::query("DELETE FROM request_counts WHERE minute < ?")
            .bind(ctx.now().div_euclid(60))
            .execute(&ctx.pool)
            .await
            .map_err(ctx.db_error())?;
        Ok(done.rows_affected())
    }

    /// Whether the database answers (a server's `/ready`).
    pub async fn ready(&self) -> ApiResult<()> {
        let ctx = self.ctx;
        let one: i64 = crate::db::query_scalar("SELECT CAST(1 AS BIGINT)")
            .fetch_one(&ctx.pool)
            .await
            .map_err(ctx.db_error())?;
        if one == 1 { Ok(()) } else { Err(ctx.error(ErrorCode::DatabaseUnavailable)) }
    }

    /// How the streaming replica served: reads it answered, and reads the primary answered
    /// instead while it was down; `None` without a replica.
    pub fn replica_reads(&self) -> Option<(u64, u64)> {
        self.ctx.replica.as_ref().map(crate::context::Replica::reads)
    }

    /// Messages waiting to be delivered (pending or being sent), for the server's metrics.
    pub async fn backlog(&self) -> ApiResult<i64> {
        let ctx = self.ctx;
        crate::db::query_scalar("SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending')")
            .fetch_one(&ctx.pool)
            .await
            .map_err(ctx.db_error())
    }
}
