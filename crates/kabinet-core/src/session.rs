//! Sign-in, the current session and sign-out.
//!
//! The identifier may be a phone, an e-mail or a СНИЛС; all three resolve through one table, so
//! adding e-mail and СНИЛС later needs no change here. An unknown identifier and a wrong password
//! give the same answer and cost the same Argon2 time. «Запомнить меня» puts the session token in
//! the OS keyring; without it the token lives only in this process.

use sha2::{Digest, Sha256};
use tokio::sync::Mutex;
use zeroize::Zeroizing;

use crate::context::{Context, rfc3339};
use crate::contract::{AccountStatus, Level, SessionView, SignInRequest};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::fields::Field;
use crate::password_hash;
use crate::validate::{self, Invalid};
use crate::vault::Vault;

/// The signed-in session held by this process.
#[derive(Default)]
pub struct Current {
    token: Mutex<Option<Zeroizing<String>>>,
}

/// The session flow.
pub struct Sessions<'a> {
    pub(crate) ctx: &'a Context,
    pub(crate) vault: &'a Vault,
    pub(crate) current: &'a Current,
}

impl Sessions<'_> {
    /// Signs in and makes the new session current.
    pub async fn sign_in(&self, request: SignInRequest) -> ApiResult<SessionView> {
        let ctx = self.ctx;
        let identifier = parse_identifier(ctx, &request.identifier)?;
        let found = find_account(ctx, &identifier).await?;
        let stored_hash = match found {
            Some(account_id) => stored_hash(ctx, account_id).await?,
            None => None,
        };
        let password = Zeroizing::new(request.password.trim().to_owned());
        let matches = password_hash::verify(stored_hash, password).await;
        let Some(account_id) = found.filter(|_| matches) else {
            if let Some(account_id) = found {
                journal(ctx, account_id, "sign_in_failed").await?;
            }
            return Err(ctx.error(ErrorCode::InvalidCredentials));
        };
        let token = hex::encode(rand::random::<[u8; 32]>());
        start_session(ctx, account_id, &token, request.remember_me).await?;
        if request.remember_me {
            self.vault.remember_token(&token).map_err(|code| ctx.error(code))?;
        } else {
            self.vault.forget_token().map_err(|code| ctx.error(code))?;
        }
        *self.current.token.lock().await = Some(Zeroizing::new(token.clone()));
        self.view(&token).await?.ok_or_else(|| ctx.error(ErrorCode::NotSignedIn))
    }

    /// The current session: this process's, else one remembered in the keyring.
    pub async fn current(&self) -> ApiResult<Option<SessionView>> {
        let mut held = self.current.token.lock().await;
        if held.is_none() {
            *held = self.vault.remembered_token().map_err(|code| self.ctx.error(code))?;
        }
        let Some(token) = held.clone() else { return Ok(None) };
        let view = self.view(&token).await?;
        if view.is_none() {
            *held = None;
        }
        Ok(view)
    }

    /// Ends the current session here and in the keyring.
    pub async fn sign_out(&self) -> ApiResult<()> {
        let ctx = self.ctx;
        if let Some(token) = self.current.token.lock().await.take() {
            sqlx::query("UPDATE sessions SET ended_at = ? WHERE token_hash = ? AND ended_at IS NULL")
                .bind(ctx.now())
                .bind(token_hash(&token))
                .execute(&ctx.pool)
                .await
                .map_err(ctx.db_error())?;
        }
        self.vault.forget_token().map_err(|code| ctx.error(code))
    }

    async fn view(&self, token: &str) -> ApiResult<Option<SessionView>> {
        let ctx = self.ctx;
        let row: Option<ViewRow> = sqlx::query_as(
            "SELECT a.number, a.surname, a.given_name, a.patronymic, a.level, a.status, \
                    i.value AS phone, s.remembered, s.created_at \
             FROM sessions s JOIN accounts a ON a.id = s.account_id \
             LEFT JOIN identifiers i ON i.account_id = a.id AND i.kind = 'phone' \
             WHERE s.token_hash = ? AND s.ended_at IS NULL",
        )
        .bind(token_hash(token))
        .fetch_optional(&ctx.pool)
        .await
        .map_err(ctx.db_error())?;
        Ok(row.map(ViewRow::into_view))
    }
}

enum Identifier {
    Phone(String),
    Email(String),
    Snils(String),
}

fn parse_identifier(ctx: &Context, text: &str) -> ApiResult<Identifier> {
    let text = text.trim();
    if text.is_empty() {
        return Err(ApiError::field(Field::Identifier, Invalid::Required, ctx.locale()));
    }
    if text.contains('@') {
        return validate::email(text)
            .map(|email| Identifier::Email(email.address))
            .map_err(|_| ApiError::field(Field::Identifier, Invalid::Format, ctx.locale()));
    }
    if let Ok(phone) = validate::phone(text) {
        return Ok(Identifier::Phone(phone));
    }
    validate::snils(text)
        .map(Identifier::Snils)
        .map_err(|_| ApiError::field(Field::Identifier, Invalid::IdentifierFormat, ctx.locale()))
}

async fn find_account(ctx: &Context, identifier: &Identifier) -> ApiResult<Option<i64>> {
    let (kind, value) = match identifier {
        Identifier::Phone(value) => ("phone", value),
        Identifier::Email(value) => ("email", value),
        Identifier::Snils(value) => ("snils", value),
    };
    sqlx::query_scalar(
        "SELECT account_id FROM identifiers WHERE kind = ? AND value = ? AND confirmed_at IS NOT NULL",
    )
    .bind(kind)
    .bind(value)
    .fetch_optional(&ctx.pool)
    .await
    .map_err(ctx.db_error())
}

async fn stored_hash(ctx: &Context, account_id: i64) -> ApiResult<Option<String>> {
    sqlx::query_scalar("SELECT password_hash FROM credentials WHERE account_id = ?")
        .bind(account_id)
        .fetch_optional(&ctx.pool)
        .await
        .map_err(ctx.db_error())
}

async fn start_session(ctx: &Context, account_id: i64, token: &str, remembered: bool) -> ApiResult<()> {
    let now = ctx.now();
    let mut tx = ctx.write().await?;
    sqlx::query(
        "INSERT INTO sessions (account_id, token_hash, remembered, device, os, created_at, last_seen_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(account_id)
    .bind(token_hash(token))
    .bind(remembered)
    .bind(device_name())
    .bind(std::env::consts::OS)
    .bind(now)
    .bind(now)
    .execute(&mut *tx)
    .await
    .map_err(ctx.db_error())?;
    insert_journal(ctx, &mut tx, account_id, "signed_in").await?;
    tx.commit().await.map_err(ctx.db_error())
}

async fn journal(ctx: &Context, account_id: i64, event: &str) -> ApiResult<()> {
    let mut tx = ctx.write().await?;
    insert_journal(ctx, &mut tx, account_id, event).await?;
    tx.commit().await.map_err(ctx.db_error())
}

async fn insert_journal(
    ctx: &Context,
    conn: &mut sqlx::SqliteConnection,
    account_id: i64,
    event: &str,
) -> ApiResult<()> {
    sqlx::query("INSERT INTO access_journal (account_id, event, at, device) VALUES (?, ?, ?, ?)")
        .bind(account_id)
        .bind(event)
        .bind(ctx.now())
        .bind(device_name())
        .execute(conn)
        .await
        .map_err(ctx.db_error())?;
    Ok(())
}

fn token_hash(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

fn device_name() -> String {
    std::fs::read_to_string("/etc/hostname")
        .ok()
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .map(|name| name.trim().to_owned())
        .filter(|name| !name.is_empty())
        .unwrap_or_else(|| "—".to_owned())
}

#[derive(sqlx::FromRow)]
struct ViewRow {
    number: String,
    surname: String,
    given_name: String,
    patronymic: Option<String>,
    level: String,
    status: String,
    phone: Option<String>,
    remembered: bool,
    created_at: i64,
}

impl ViewRow {
    fn into_view(self) -> SessionView {
        let full_name = [Some(self.surname), Some(self.given_name), self.patronymic]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
        SessionView {
            account_number: self.number,
            full_name,
            level: match self.level.as_str() {
                "confirmed" => Level::Confirmed,
                "standard" => Level::Standard,
                _ => Level::Simplified,
            },
            status: match self.status.as_str() {
                "pending_closure" => AccountStatus::PendingClosure,
                "closed" => AccountStatus::Closed,
                "purged" => AccountStatus::Purged,
                _ => AccountStatus::Active,
            },
            phone: self.phone.unwrap_or_default(),
            remembered: self.remembered,
            started_at: rfc3339(self.created_at),
        }
    }
}
