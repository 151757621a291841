//! The staff session of this process, apart from the citizen's: its own token holder, its own
//! table, its own error. A citizen's token is never looked up among staff sessions, nor a staff
//! token among citizens', so neither session grants the other's calls.
//!
//! Rules: the token is 32 random bytes, stored only as its SHA-256 (`auth::token_hash`) and held
//! in this process's memory (never in the keyring: closing the app signs staff out). A session
//! idle for more than 15 minutes ends at the next call; disabling the account ends it at once;
//! a new staff sign-in in the same app ends the one before.

use crate::auth::token_hash;
use crate::context::{Context, rfc3339};
use crate::error::ApiResult;
use crate::staff::audit::{self, Actor, Entry};
use crate::staff::types::{StaffRole, StaffView};

/// Minutes without a call after which a staff session ends.
pub const IDLE_MINUTES: i64 = 15;

/// A checked, live staff session.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StaffAuthed {
    /// The session's row.
    pub session_id: i64,
    /// The staff member.
    pub staff_id: i64,
    /// The login.
    pub login: String,
    /// ФИО.
    pub full_name: String,
    /// `operator` or `supervisor`.
    pub role: String,
    /// When the session started (Unix seconds).
    pub created_at: i64,
    last_seen_at: i64,
    /// The OS user when this is the machine's administrator (`kabinet-cli`), not a session.
    #[sqlx(skip)]
    machine: Option<String>,
}

impl StaffAuthed {
    /// The machine's administrator as OS user `os_user`: a supervisor's rights, no session.
    pub fn machine(os_user: &str) -> Self {
        Self {
            session_id: 0,
            staff_id: 0,
            login: format!("cli:{os_user}"),
            full_name: format!("cli:{os_user}"),
            role: "supervisor".to_owned(),
            created_at: 0,
            last_seen_at: 0,
            machine: Some(os_user.to_owned()),
        }
    }

    /// Whether this is the machine's administrator rather than a signed-in staff member.
    pub fn is_machine(&self) -> bool {
        self.machine.is_some()
    }

    /// Who this is in the audit log.
    pub fn actor(&self) -> Actor<'_> {
        match &self.machine {
            Some(user) => Actor::Cli(user),
            None => Actor::Staff(self.staff_id),
        }
    }

    /// The role.
    pub fn role(&self) -> StaffRole {
        StaffRole::parse(&self.role).unwrap_or(StaffRole::Operator)
    }

    /// What the staff area shows.
    pub fn view(&self) -> StaffView {
        StaffView {
            login: self.login.clone(),
            full_name: self.full_name.clone(),
            role: self.role(),
            started_at: rfc3339(self.created_at),
            idle_minutes: IDLE_MINUTES as u32,
        }
    }
}

/// Starts a session for `staff_id` inside the caller's transaction; returns the token.
pub async fn start(ctx: &Context, conn: &mut crate::db::Conn, staff_id: i64) -> ApiResult<String> {
    let token = hex::encode(rand::random::<[u8; 32]>());
    let now = ctx.now();
    crate::db::query(
        "INSERT INTO staff_sessions (staff_id, token_hash, created_at, last_seen_at) VALUES (?, ?, ?, ?)",
    )
    .bind(staff_id)
    .bind(token_hash(&token))
    .bind(now)
    .bind(now)
    .execute(conn)
    .await
    .map_err(ctx.db_error())?;
    Ok(token)
}

/// The live session of `token`, ending it first when idle too long; refreshes its last call.
pub async fn session_of(ctx: &Context, token: &str) -> ApiResult<Option<StaffAuthed>> {
    let now = ctx.now();
    let mut tx = ctx.write().await?;
    let found: Option<StaffAuthed> = crate::db::query_as(
        "SELECT s.id AS session_id, s.staff_id, t.login, t.full_name, t.role, s.created_at, s.last_seen_at \
         FROM staff_sessions s JOIN staff t ON t.id = s.staff_id \
         WHERE s.token_hash = ? AND s.ended_at IS NULL AND t.disabled_at IS NULL",
    )
    .bind(token_hash(token))
    .fetch_optional(&mut tx)
    .await
    .map_err(ctx.db_error())?;
    let Some(authed) = found else { return Ok(None) };
    let idle = now - authed.last_seen_at > IDLE_MINUTES * 60;
    let sql = if idle {
        "UPDATE staff_sessions SET ended_at = ?, end_reason = 'idle' WHERE id = ?"
    } else {
        "UPDATE staff_sessions SET last_seen_at = ? WHERE id = ?"
    };
    crate::db::query(sql).bind(now).bind(authed.session_id).execute(&mut tx).await.map_err(ctx.db_error())?;
    if idle {
        let entry = Entry {
            actor: Actor::Staff(authed.staff_id),
            action: "session_expired",
            target: &authed.login,
            details: serde_json::json!({ "idle_minutes": IDLE_MINUTES }),
        };
        audit::append(ctx, &mut tx, entry).await?;
    }
    tx.commit().await.map_err(ctx.db_error())?;
    Ok((!idle).then_some(authed))
}
