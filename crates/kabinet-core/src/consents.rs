//! «Согласия»: the agreements a citizen has given, with purpose, version and dates, and the
//! withdrawal of those that may be withdrawn.
//!
//! Rules (also in `docs/rules.md`):
//! - Three kinds. The user agreement and the consent to personal-data processing are given at
//!   registration and are the account itself: neither can be withdrawn on its own — withdrawing
//!   is refused with `consent_not_withdrawable`, and the screen points to «Закрыть профиль».
//! - «Получение новостей сервиса» is optional. Registration records it together with the other
//!   two (service news was on by default, so the agreements page says it and where to withdraw
//!   it); the citizen withdraws it — and may give it again — here, any number of times. Each
//!   giving is a new row with the current version and time; withdrawing dates the live row.
//! - While the news consent is not in force no service news is published to the account at all
//!   (no inbox row, no channel): the publisher is refused with `consent_missing`. The
//!   notification settings are left as the citizen set them, so giving the consent again brings
//!   back the channels they had chosen.

use crate::db::Conn;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::auth::Authed;
use crate::context::{Context, rfc3339};
use crate::error::{ApiResult, ErrorCode};
use crate::registration::{CONSENT_VERSION, TERMS_VERSION};

/// Version of the consent «Получение новостей сервиса».
pub const NEWS_VERSION: &str = "2026-11-01";

/// A kind of agreement or consent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ConsentKind {
    /// «Пользовательское соглашение».
    UserAgreement,
    /// «Согласие на обработку персональных данных».
    PersonalData,
    /// «Получение новостей сервиса».
    ServiceNews,
}

impl ConsentKind {
    /// Every kind, in display order.
    pub const ALL: [ConsentKind; 3] =
        [ConsentKind::UserAgreement, ConsentKind::PersonalData, ConsentKind::ServiceNews];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            ConsentKind::UserAgreement => "user_agreement",
            ConsentKind::PersonalData => "personal_data",
            ConsentKind::ServiceNews => "service_news",
        }
    }

    /// The version a new giving records.
    pub fn version(self) -> &'static str {
        match self {
            ConsentKind::UserAgreement => TERMS_VERSION,
            ConsentKind::PersonalData => CONSENT_VERSION,
            ConsentKind::ServiceNews => NEWS_VERSION,
        }
    }

    /// Whether the citizen may withdraw it without closing the account.
    pub fn withdrawable(self) -> bool {
        self == ConsentKind::ServiceNews
    }

    fn parse(stored: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == stored)
    }

    fn title(self, ctx: &Context) -> &'static str {
        let l = ctx.locale();
        match self {
            ConsentKind::UserAgreement => l.pick("Пользовательское соглашение", "User agreement"),
            ConsentKind::PersonalData => {
                l.pick("Согласие на обработку персональных данных", "Consent to personal-data processing")
            }
            ConsentKind::ServiceNews => l.pick("Получение новостей сервиса", "Service news"),
        }
    }

    fn purpose(self, ctx: &Context) -> &'static str {
        let l = ctx.locale();
        match self {
            ConsentKind::UserAgreement => l.pick(
                "Условия пользования Кабинетом: права и обязанности сторон",
                "The terms of using Кабинет: the rights and duties of both sides",
            ),
            ConsentKind::PersonalData => l.pick(
                "Ведение личного кабинета: вход, заявления, документы и уведомления",
                "Keeping the account: sign-in, applications, documents and notifications",
            ),
            ConsentKind::ServiceNews => l.pick(
                "Сообщения о новых услугах и изменениях в работе Кабинета",
                "Messages about new services and changes in how Кабинет works",
            ),
        }
    }
}

/// One agreement or consent as the citizen sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ConsentView {
    /// Which one.
    pub kind: ConsentKind,
    /// Its name.
    pub title: String,
    /// What it is for.
    pub purpose: String,
    /// The version last given (the current one if never given).
    pub version: String,
    /// When last given (RFC 3339); none if never.
    pub accepted_at: Option<String>,
    /// When withdrawn (RFC 3339); none while in force.
    pub withdrawn_at: Option<String>,
    /// Given and not withdrawn.
    pub in_force: bool,
    /// The citizen may withdraw it now.
    pub can_withdraw: bool,
    /// The citizen may give it now.
    pub can_give: bool,
    /// It ends only with the closure of the account.
    pub ends_with_closure: bool,
}

/// A consent to give or withdraw.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS)]
pub struct ConsentRequest {
    /// Which one.
    pub kind: ConsentKind,
}

#[derive(sqlx::FromRow)]
struct Row {
    kind: String,
    version: String,
    accepted_at: i64,
    withdrawn_at: Option<i64>,
}

/// «Согласия» of the signed-in citizen.
pub struct Consents<'a> {
    pub(crate) ctx: &'a Context,
}

impl Consents<'_> {
    /// Every agreement and consent with its state.
    pub async fn list(&self, me: &Authed) -> ApiResult<Vec<ConsentView>> {
        let authed = me;
        views(self.ctx, authed.account_id).await
    }

    /// Withdraws a consent that may be withdrawn; the others are refused with
    /// `consent_not_withdrawable`. Withdrawing one already withdrawn changes nothing.
    pub async fn withdraw(&self, me: &Authed, request: ConsentRequest) -> ApiResult<Vec<ConsentView>> {
        let ctx = self.ctx;
        let authed = me;
        if !request.kind.withdrawable() {
            return Err(ctx.error(ErrorCode::ConsentNotWithdrawable));
        }
        crate::db::query(
            "UPDATE consents SET withdrawn_at = ? WHERE account_id = ? AND kind = ? AND withdrawn_at IS NULL",
        )
        .bind(ctx.now())
        .bind(authed.account_id)
        .bind(request.kind.as_str())
        .execute(&ctx.pool)
        .await
        .map_err(ctx.db_error())?;
        views(ctx, authed.account_id).await
    }

    /// Gives a consent (again) with its current version; one in force is left as it is.
    pub async fn give(&self, me: &Authed, request: ConsentRequest) -> ApiResult<Vec<ConsentView>> {
        let ctx = self.ctx;
        let authed = me;
        let mut tx = ctx.write().await?;
        if !in_force(ctx, &mut tx, authed.account_id, request.kind).await? {
            record(ctx, &mut tx, authed.account_id, request.kind).await?;
        }
        tx.commit().await.map_err(ctx.db_error())?;
        views(ctx, authed.account_id).await
    }
}

/// Records `kind` as given now, with its current version.
pub(crate) async fn record(
    ctx: &Context,
    conn: &mut Conn,
    account_id: i64,
    kind: ConsentKind,
) -> ApiResult<()> {
    crate::db::query("INSERT INTO consents (account_id, kind, version, accepted_at) VALUES (?, ?, ?, ?)")
        .bind(account_id)
        .bind(kind.as_str())
        .bind(kind.version())
        .bind(ctx.now())
        .execute(conn)
        .await
        .map_err(ctx.db_error())?;
    Ok(())
}

/// Whether `kind` is given and not withdrawn.
pub(crate) async fn in_force(
    ctx: &Context,
    conn: &mut Conn,
    account_id: i64,
    kind: ConsentKind,
) -> ApiResult<bool> {
    let live: i64 = crate::db::query_scalar(
        "SELECT count(*) FROM consents WHERE account_id = ? AND kind = ? AND withdrawn_at IS NULL",
    )
    .bind(account_id)
    .bind(kind.as_str())
    .fetch_one(conn)
    .await
    .map_err(ctx.db_error())?;
    Ok(live > 0)
}

async fn views(ctx: &Context, account_id: i64) -> ApiResult<Vec<ConsentView>> {
    let rows: Vec<Row> = crate::db::query_as(
        "SELECT kind, version, accepted_at, withdrawn_at FROM consents WHERE account_id = ? ORDER BY accepted_at, id",
    )
    .bind(account_id)
    .fetch_all(&ctx.pool)
    .await
    .map_err(ctx.db_error())?;
    Ok(ConsentKind::ALL
        .into_iter()
        .map(|kind| {
            let last = rows.iter().rev().find(|row| ConsentKind::parse(&row.kind) == Some(kind));
            view(ctx, kind, last)
        })
        .collect())
}

fn view(ctx: &Context, kind: ConsentKind, last: Option<&Row>) -> ConsentView {
    let in_force = last.is_some_and(|row| row.withdrawn_at.is_none());
    ConsentView {
        kind,
        title: kind.title(ctx).to_owned(),
        purpose: kind.purpose(ctx).to_owned(),
        version: last.map_or(kind.version(), |row| row.version.as_str()).to_owned(),
        accepted_at: last.map(|row| rfc3339(row.accepted_at)),
        withdrawn_at: last.and_then(|row| row.withdrawn_at).map(rfc3339),
        in_force,
        can_withdraw: in_force && kind.withdrawable(),
        can_give: !in_force && kind.withdrawable(),
        ends_with_closure: !kind.withdrawable(),
    }
}
