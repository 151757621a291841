//! Synthetic citizens for benchmarks and demo desks (feature `synthetic-data`, never in the app):
//! fills a database with many accounts quickly, with multi-row inserts in one transaction, all
//! sharing one pre-computed password hash so that Argon2 does not dominate the seeding.

use crate::context::Context;
use crate::error::ApiResult;
use crate::password_hash;

const CHUNK: usize = 500;

/// Seeding of synthetic accounts.
pub struct Synthetic<'a> {
    pub(crate) ctx: &'a Context,
}

impl Synthetic<'_> {
    /// Adds `count` active accounts with phones `+7 9XX…` counted up from `first_phone`
    /// (a 10-digit national number) and the given password; returns how many were added.
    pub async fn seed_accounts(&self, count: usize, first_phone: u64, password: &str) -> ApiResult<usize> {
        let ctx = self.ctx;
        let hash = password_hash::hash(password.to_owned().into(), ctx.locale()).await?;
        let mut tx = ctx.write().await?;
        let start: i64 = crate::db::query_scalar("SELECT coalesce(max(id), 0) + 1 FROM accounts")
            .fetch_one(&mut tx)
            .await
            .map_err(ctx.db_error())?;
        let now = ctx.now();
        for chunk_start in (0..count).step_by(CHUNK) {
            let ids: Vec<i64> =
                (chunk_start..count.min(chunk_start + CHUNK)).map(|i| start + i as i64).collect();
            insert_chunk(ctx, &mut tx, &ids, start, first_phone, &hash, now).await?;
        }
        if tx.engine() == crate::db::Engine::Postgres {
            // The ids were given, so PostgreSQL's identity sequence has not moved past them.
            crate::db::query(
                "SELECT setval(pg_get_serial_sequence('accounts', 'id'), (SELECT max(id) FROM accounts))",
            )
            .execute(&mut tx)
            .await
            .map_err(ctx.db_error())?;
        }
        tx.commit().await.map_err(ctx.db_error())?;
        if ctx.pool.engine() == crate::db::Engine::Postgres {
            // A bulk load is followed by ANALYZE (PostgreSQL's own advice): until autovacuum
            // gets to it, the planner would not know the tables hold 100 000 rows.
            crate::db::query("ANALYZE").execute(&ctx.pool).await.map_err(ctx.db_error())?;
        }
        Ok(count)
    }
}

async fn insert_chunk(
    ctx: &Context,
    conn: &mut crate::db::Conn,
    ids: &[i64],
    start: i64,
    first_phone: u64,
    hash: &str,
    now: i64,
) -> ApiResult<()> {
    // Each account sealed under a key of its own, as registration makes them.
    let keys =
        ids.iter().map(|id| crate::sealing::new_account_key(ctx, *id)).collect::<ApiResult<Vec<_>>>()?;
    let index = ctx.keys()?;
    let mut accounts = crate::db::QueryBuilder::new(
        "INSERT INTO accounts (id, number, surname, given_name, birth_date, gender, created_at) ",
    );
    accounts.push_values(ids.iter().zip(&keys), |mut row, (id, (_, key))| {
        row.push_bind(*id)
            .push_bind(crate::account_number::from_body(u64::try_from(*id).unwrap_or_default()))
            .push_bind(key.seal("accounts.surname", id, "Тестова"))
            .push_bind(key.seal("accounts.given_name", id, "Анна"))
            .push_bind(key.seal("accounts.birth_date", id, "1990-01-01"))
            .push_bind(key.seal("accounts.gender", id, "Ж"))
            .push_bind(now);
    });
    accounts.build().execute(&mut *conn).await.map_err(ctx.db_error())?;
    let mut wrapped =
        crate::db::QueryBuilder::new("INSERT INTO account_keys (account_id, wrapped, created_at) ");
    wrapped.push_values(ids.iter().zip(&keys), |mut row, (id, (stored, _))| {
        row.push_bind(*id).push_bind(stored).push_bind(now);
    });
    wrapped.build().execute(&mut *conn).await.map_err(ctx.db_error())?;
    let mut identifiers = crate::db::QueryBuilder::new(
        "INSERT INTO identifiers (kind, lookup, value, account_id, confirmed_at) ",
    );
    identifiers.push_values(ids.iter().zip(&keys), |mut row, (id, (_, key))| {
        let phone = format!("+7{}", first_phone + (id - start) as u64);
        row.push_bind("phone")
            .push_bind(index.index(&phone))
            .push_bind(key.seal("identifiers.value", "phone", &phone))
            .push_bind(*id)
            .push_bind(now);
    });
    identifiers.build().execute(&mut *conn).await.map_err(ctx.db_error())?;
    let mut credentials = crate::db::QueryBuilder::new(
        "INSERT INTO credentials (account_id, password_hash, password_changed_at) ",
    );
    credentials.push_values(ids, |mut row, id| {
        row.push_bind(*id).push_bind(hash).push_bind(now);
    });
    credentials.build().execute(&mut *conn).await.map_err(ctx.db_error())?;
    Ok(())
}
