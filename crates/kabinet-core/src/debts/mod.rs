//! «Задолженности»: taxes, fines, state fees and utility bills owed, in kopecks.
//!
//! Rules: an open debt blocks closure and restoration. «Оплачено» attaches a receipt (PDF, JPEG
//! or PNG by content, ≤ 10 MB) and puts the debt «на проверке»: it stays open — and keeps blocking —
//! until an operator confirms the payment ([`crate::casework`]). A new receipt replaces the old
//! one while the check is pending. Overdue: the due date is before today (the machine's zone).

pub(crate) mod store;

use crate::applications::types::{Debt, DebtKind, DebtList, DebtRequest, DebtStatus};
use crate::auth::Authed;
use crate::context::Context;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::fields::Field;
use crate::i18n::Locale;
use crate::validate;

/// A receipt as sent from the file the citizen chose.
#[derive(Debug, Clone)]
pub struct Receipt {
    /// The file name as chosen, percent-encoding allowed (made safe as uploads' names are).
    pub name: String,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

/// Header of a raw «Оплачено» request naming the debt (its number).
pub const HEADER_DEBT: &str = "x-kabinet-debt";
/// Header of a raw «Оплачено» request with the receipt's file name, percent-encoded UTF-8.
pub const HEADER_RECEIPT_NAME: &str = "x-kabinet-name";

/// «Оплачено» as the app's shell passes it on: header values and the raw body, unjudged.
#[derive(Debug, Clone, Copy, Default)]
pub struct RawClaim<'a> {
    /// [`HEADER_DEBT`].
    pub debt: Option<&'a str>,
    /// [`HEADER_RECEIPT_NAME`].
    pub name: Option<&'a str>,
    /// The file's bytes; `None` when the body was not raw bytes.
    pub bytes: Option<&'a [u8]>,
}

/// «Задолженности» of the signed-in citizen.
pub struct Debts<'a> {
    pub(crate) ctx: &'a Context,
}

impl Debts<'_> {
    /// Open debts first (by due date), then paid ones.
    pub async fn list(&self, me: &Authed) -> ApiResult<DebtList> {
        let authed = me;
        list_of(self.ctx, authed.account_id).await
    }

    /// «Оплачено» from the app: the raw request judged, then [`Self::claim_receipt`].
    pub async fn claim_paid(&self, me: &Authed, raw: RawClaim<'_>) -> ApiResult<Debt> {
        let locale = self.ctx.locale();
        let id = raw.debt.and_then(|d| d.trim().parse().ok()).ok_or_else(|| not_found(self.ctx))?;
        let bytes = raw
            .bytes
            .filter(|b| !b.is_empty())
            .ok_or_else(|| ApiError::field(Field::Receipt, crate::validate::Invalid::Required, locale))?;
        let name = raw.name.unwrap_or_default().to_owned();
        self.claim_receipt(me, DebtRequest { id }, Receipt { name, bytes: bytes.to_vec() }).await
    }

    /// «Оплачено»: attaches the receipt; the debt waits for an operator's confirmation.
    pub async fn claim_receipt(
        &self,
        me: &Authed,
        request: DebtRequest,
        receipt: Receipt,
    ) -> ApiResult<Debt> {
        let ctx = self.ctx;
        let authed = me;
        let kind = validate::scan_kind(&receipt.bytes)
            .map_err(|reason| ApiError::field(Field::Receipt, reason, ctx.locale()))?;
        let name = crate::uploads::name::sanitised(&receipt.name, kind);
        let account_id = authed.account_id;
        let mut tx = ctx.write().await?;
        let key = crate::sealing::account_key(ctx, &mut tx, account_id).await?;
        let debt =
            store::one_of(ctx, &mut tx, &key, account_id, request.id).await?.ok_or_else(|| not_found(ctx))?;
        if debt.status == DebtStatus::Paid {
            return Err(ApiError::with_message(
                ErrorCode::WrongState,
                ctx.locale().pick("Эта задолженность уже погашена", "This debt is already paid"),
            ));
        }
        store::claim(ctx, &mut tx, &key, debt.id, &name, kind.mime(), &receipt.bytes).await?;
        tx.commit().await.map_err(ctx.db_error())?;
        let mut conn = ctx.pool.acquire().await.map_err(ctx.db_error())?;
        let row =
            store::one_of(ctx, &mut conn, &key, account_id, debt.id).await?.ok_or_else(|| not_found(ctx))?;
        Ok(row.view(ctx))
    }
}

/// The debts of an account.
pub(crate) async fn list_of(ctx: &Context, account_id: i64) -> ApiResult<DebtList> {
    let debts: Vec<Debt> = store::of_account(ctx, account_id).await?.iter().map(|d| d.view(ctx)).collect();
    let open_total_kopecks =
        debts.iter().filter(|d| d.status != DebtStatus::Paid).map(|d| d.amount_kopecks).sum();
    Ok(DebtList { debts, open_total_kopecks, open_total_text: validate::roubles(open_total_kopecks) })
}

impl DebtKind {
    /// In words.
    pub fn label(self, locale: Locale) -> &'static str {
        match self {
            DebtKind::Tax => locale.pick("Налог", "Tax"),
            DebtKind::Fine => locale.pick("Штраф", "Fine"),
            DebtKind::StateFee => locale.pick("Госпошлина", "State fee"),
            DebtKind::Utility => locale.pick("Коммунальный платёж", "Utility bill"),
        }
    }
}

pub(crate) fn not_found(ctx: &Context) -> ApiError {
    ApiError::with_message(ErrorCode::NotFound, ctx.locale().pick("Задолженность не найдена", "No such debt"))
}
