//! The one lockout of Кабинет, shared by citizens' sign-in ([`crate::signin`]) and staff sign-in
//! (`staff::signin`): attempts on one account are serialised in this process, each wrong answer
//! is counted in one atomic update, the third in a row locks the account for 15 minutes, and a
//! right answer clears the count.
//!
//! It is one module because it is one rule: two copies of it had already drifted apart (staff
//! counted from a value read before the update and serialised every staff attempt behind one
//! process-wide mutex). The two sides differ only in where the counts live, so that is the
//! parameter, [`Key`]:
//! - a citizen (`accounts`): `failed_sign_ins` counts wrong passwords and `failed_factor` wrong
//!   second-factor codes; the lock looks at their sum, and a right password clears only its own
//!   count, so "right password → guess the code" cannot repeat without end;
//! - staff (`staff`): one `failed_sign_ins` for both, as staff answer password and code in one
//!   step.
//!
//! What a failure or a lock records stays with each side, where its readers are: the citizen's
//! access journal and security notification in `signin`, the staff audit log in `staff::signin`.

use std::collections::HashMap;
use std::sync::Arc;

use crate::db::Conn;

use crate::context::Context;
use crate::error::ApiResult;

/// Wrong answers in a row that lock sign-in.
pub const LOCK_AFTER: i64 = 3;
/// How long a lock lasts, in seconds.
pub const LOCK_FOR: i64 = 15 * 60;

/// Whose attempts: the account the counts and the lock belong to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Key {
    /// A citizen's account (`accounts.id`).
    Citizen(i64),
    /// A staff account (`staff.id`).
    Staff(i64),
}

/// What a wrong answer was: a password, or a code of the second factor (TOTP, a code by message,
/// a backup code). Both count toward the one lockout; a citizen's are kept apart only so that a
/// right password clears the password count and never the factor count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// A wrong password, at sign-in or inside a session.
    Password,
    /// A wrong second-factor code, at sign-in or inside a session.
    Factor,
}

/// What counting one wrong answer did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counted {
    /// Wrong answers in a row, this one included.
    pub failures: i64,
    /// The end of the lock this answer started, if it was the one that locked.
    pub locked_until: Option<i64>,
}

/// Serialises attempts per [`Key`], so concurrent guesses cannot slip past the count: at most
/// [`LOCK_AFTER`] failures are accepted per lock window. Attempts on different accounts never
/// wait for each other.
#[derive(Default)]
pub struct Gate {
    locks: std::sync::Mutex<HashMap<Key, Arc<tokio::sync::Mutex<()>>>>,
}

/// One attempt's turn: this process's other attempts on the account wait for it, and on
/// PostgreSQL so do other processes' (a transaction holding the account's advisory lock).
pub struct Turn {
    _here: tokio::sync::OwnedMutexGuard<()>,
    _everywhere: Option<Conn>,
}

impl Gate {
    /// Waits for `key`'s turn in this process only (what the tests of the gate itself use).
    pub async fn enter_here(&self, key: Key) -> tokio::sync::OwnedMutexGuard<()> {
        let lock = {
            let mut locks = self.locks.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            locks.entry(key).or_default().clone()
        };
        lock.lock_owned().await
    }

    /// Waits for `key`'s turn; its other attempts, in this process and on PostgreSQL in every
    /// process sharing the database, wait until the turn is dropped. In-process attempts queue
    /// here first, so a process holds at most one database connection per account waiting.
    pub async fn enter(&self, ctx: &Context, key: Key) -> ApiResult<Turn> {
        let here = self.enter_here(key).await;
        let everywhere = match ctx.pool.engine() {
            crate::db::Engine::Sqlite => None,
            crate::db::Engine::Postgres => {
                let mut tx = ctx.write().await?;
                let lock = match key {
                    Key::Citizen(id) => crate::db::exclusive::citizen(id),
                    Key::Staff(id) => crate::db::exclusive::staff(id),
                };
                crate::db::serialize(&mut tx, lock).await.map_err(ctx.db_error())?;
                Some(tx)
            }
        };
        Ok(Turn { _here: here, _everywhere: everywhere })
    }
}

/// The SQL of one side: where its counts and its lock live.
struct Columns {
    locked_until: &'static str,
    count_password: &'static str,
    count_factor: &'static str,
    lock: &'static str,
    clear: &'static str,
    clear_password: &'static str,
}

const CITIZEN: Columns = Columns {
    locked_until: "SELECT locked_until FROM accounts WHERE id = ?",
    count_password: "UPDATE accounts SET failed_sign_ins = failed_sign_ins + 1 WHERE id = ? \
                     RETURNING failed_sign_ins + failed_factor",
    count_factor: "UPDATE accounts SET failed_factor = failed_factor + 1 WHERE id = ? \
                   RETURNING failed_sign_ins + failed_factor",
    lock: "UPDATE accounts SET failed_sign_ins = 0, failed_factor = 0, locked_until = ? WHERE id = ?",
    clear: "UPDATE accounts SET failed_sign_ins = 0, failed_factor = 0, locked_until = NULL WHERE id = ?",
    clear_password: "UPDATE accounts SET failed_sign_ins = 0, locked_until = NULL WHERE id = ?",
};

const STAFF: Columns = Columns {
    locked_until: "SELECT locked_until FROM staff WHERE id = ?",
    count_password: "UPDATE staff SET failed_sign_ins = failed_sign_ins + 1 WHERE id = ? \
                     RETURNING failed_sign_ins",
    count_factor: "UPDATE staff SET failed_sign_ins = failed_sign_ins + 1 WHERE id = ? \
                   RETURNING failed_sign_ins",
    lock: "UPDATE staff SET failed_sign_ins = 0, locked_until = ? WHERE id = ?",
    clear: "UPDATE staff SET failed_sign_ins = 0, locked_until = NULL WHERE id = ?",
    clear_password: "UPDATE staff SET failed_sign_ins = 0, locked_until = NULL WHERE id = ?",
};

impl Key {
    fn columns(self) -> (&'static Columns, i64) {
        match self {
            Key::Citizen(id) => (&CITIZEN, id),
            Key::Staff(id) => (&STAFF, id),
        }
    }
}

/// The end of a stored lock, when it is still in force now.
pub fn in_force(ctx: &Context, locked_until: Option<i64>) -> Option<i64> {
    locked_until.filter(|until| *until > ctx.now())
}

/// The end of the account's lock, when one is in force now.
pub async fn locked_now(ctx: &Context, conn: &mut Conn, key: Key) -> ApiResult<Option<i64>> {
    let (sql, id) = key.columns();
    let until: Option<i64> = crate::db::query_scalar(sql.locked_until)
        .bind(id)
        .fetch_optional(conn)
        .await
        .map_err(ctx.db_error())?
        .flatten();
    Ok(in_force(ctx, until))
}

/// Counts one wrong answer inside the caller's write transaction; when it is the
/// [`LOCK_AFTER`]th in a row the counts restart and the account locks for [`LOCK_FOR`]. The
/// increment is one atomic update, so concurrent answers can never count fewer than they are.
pub async fn count_failure(ctx: &Context, conn: &mut Conn, key: Key, failure: Failure) -> ApiResult<Counted> {
    let (sql, id) = key.columns();
    let count = match failure {
        Failure::Password => sql.count_password,
        Failure::Factor => sql.count_factor,
    };
    let failures: i64 =
        crate::db::query_scalar(count).bind(id).fetch_one(&mut *conn).await.map_err(ctx.db_error())?;
    if failures < LOCK_AFTER {
        return Ok(Counted { failures, locked_until: None });
    }
    let until = ctx.now() + LOCK_FOR;
    crate::db::query(sql.lock).bind(until).bind(id).execute(conn).await.map_err(ctx.db_error())?;
    Ok(Counted { failures, locked_until: Some(until) })
}

/// Clears every count and the lock: the account has proved every answer its step asks for.
pub async fn clear<'e>(ctx: &Context, executor: impl Into<crate::db::Target<'e>>, key: Key) -> ApiResult<()> {
    let (sql, id) = key.columns();
    crate::db::query(sql.clear).bind(id).execute(executor).await.map_err(ctx.db_error())?;
    Ok(())
}

/// Clears the wrong-password count and the lock, and for a citizen keeps the second-factor
/// count: a right password (or a new one by «Забыли пароль?») proves the password only.
pub async fn clear_password<'e>(
    ctx: &Context,
    executor: impl Into<crate::db::Target<'e>>,
    key: Key,
) -> ApiResult<()> {
    let (sql, id) = key.columns();
    crate::db::query(sql.clear_password).bind(id).execute(executor).await.map_err(ctx.db_error())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    async fn enters(gate: &Gate, key: Key) -> bool {
        tokio::time::timeout(Duration::from_millis(50), gate.enter_here(key)).await.is_ok()
    }

    #[tokio::test]
    async fn attempts_wait_only_for_their_own_account() {
        let gate = Gate::default();
        let held = gate.enter_here(Key::Staff(1)).await;
        assert!(!enters(&gate, Key::Staff(1)).await, "the same staff account waits");
        assert!(enters(&gate, Key::Staff(2)).await, "another staff account does not");
        assert!(enters(&gate, Key::Citizen(1)).await, "a citizen with the same id is another account");
        drop(held);
        assert!(enters(&gate, Key::Staff(1)).await);
    }
}
