//! «Акт о закрытии личного кабинета»: issued once per executed case, after its transaction (the
//! document registry writes its own); the number is recorded only where none is yet, so a re-run
//! of the scheduler after a crash issues the missing act and never a second one.

use crate::Kabinet;
use crate::context::rfc3339;
use crate::documents::{ClosureActInput, DocumentInput, ForcedGround, StaffSigner};
use crate::error::ApiResult;

use super::super::{DAY, PURGE_AFTER_DAYS, RESTORE_DAYS, day, iso_to_day, person};
use super::store::{self, CaseRow, CaseTexts};
use super::types::ForcedStage;

/// Issues the act of an executed case that has none; true if one was issued.
pub async fn ensure(kabinet: &Kabinet, case_id: i64) -> ApiResult<bool> {
    let ctx = kabinet.context();
    let mut conn = ctx.pool.acquire().await.map_err(ctx.db_error())?;
    let case = store::case(ctx, &mut conn, case_id).await?;
    drop(conn);
    let Some(case) = case.filter(|c| c.stage == ForcedStage::Executed && c.act_number.is_none()) else {
        return Ok(false);
    };
    let ground = case.ground;
    let Some(closed_at) = case.executed_at else { return Ok(false) };
    let person = person(ctx, case.account_id).await?;
    let texts = case.texts(ctx, &crate::sealing::account_key(ctx, &ctx.pool, case.account_id).await?)?;
    let (authority, basis_number, basis_date) = basis(&case, &texts);
    let input = ClosureActInput {
        full_name: person.full_name,
        account_number: person.account_number,
        ground,
        grounds_text: grounds_text(texts.grounds_text, ground),
        authority,
        basis_number,
        basis_date,
        closed_at: rfc3339(closed_at),
        restore_until: (ground != ForcedGround::Death).then(|| day(ctx, closed_at + RESTORE_DAYS * DAY)),
        purge_on: day(ctx, closed_at + PURGE_AFTER_DAYS * DAY),
        operator: signer(case.operator.as_deref(), "Оператор центра обслуживания"),
        supervisor: signer(case.supervisor.as_deref(), "Руководитель центра обслуживания"),
    };
    let issued = kabinet.documents().issue(DocumentInput::ClosureAct(input), Some(case.account_id)).await?;
    let mut tx = ctx.write().await?;
    crate::db::query("UPDATE forced_closures SET act_number = ? WHERE id = ? AND act_number IS NULL")
        .bind(&issued.number)
        .bind(case.id)
        .execute(&mut tx)
        .await
        .map_err(ctx.db_error())?;
    tx.commit().await.map_err(ctx.db_error())?;
    Ok(true)
}

/// The document the closure rests on: the decision or act, the death certificate, or the case.
fn basis(case: &CaseRow, texts: &CaseTexts) -> (Option<String>, Option<String>, Option<String>) {
    let date = texts.decision_date.as_deref().map(iso_to_day);
    let ground = case.ground;
    match ground {
        ForcedGround::CourtDecision | ForcedGround::AuthorityAct => {
            (texts.issuer.clone(), texts.decision_number.clone(), date)
        }
        ForcedGround::Death => {
            let authority = match &texts.issuer {
                Some(issuer) => format!("Свидетельство о смерти ({issuer})"),
                None => "Свидетельство о смерти".to_owned(),
            };
            (Some(authority), texts.decision_number.clone(), date)
        }
        ForcedGround::RulesViolation | ForcedGround::SuspiciousActivity => {
            let what = match ground {
                ForcedGround::RulesViolation => "Уведомление о нарушении",
                _ => "Решение о закрытии",
            };
            let created = crate::validate::dotted_date(super::super::local(case.created_at).date());
            (Some(what.to_owned()), case.number.clone(), Some(created))
        }
    }
}

fn grounds_text(given: Option<String>, ground: ForcedGround) -> String {
    match ground {
        ForcedGround::RulesViolation => given.unwrap_or_else(|| "нарушение правил пользования".to_owned()),
        ForcedGround::SuspiciousActivity => format!(
            "{}. Личность владельца и его согласие на закрытие проверены.",
            given.as_deref().unwrap_or("подозрительная активность").trim_end_matches('.')
        ),
        ForcedGround::CourtDecision => given.unwrap_or_else(|| "Исполнение решения суда.".to_owned()),
        ForcedGround::AuthorityAct => {
            given.unwrap_or_else(|| "Исполнение акта уполномоченного органа.".to_owned())
        }
        ForcedGround::Death => given.unwrap_or_else(|| {
            "Смерть владельца личного кабинета подтверждена свидетельством о смерти.".to_owned()
        }),
    }
}

fn signer(name: Option<&str>, position: &str) -> StaffSigner {
    StaffSigner { name: name.unwrap_or_default().to_owned(), position: position.to_owned() }
}
