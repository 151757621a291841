//! Validation of the staff's forms, field by field, all failures at once in form order: what
//! each ground requires (see the rules in [`super`]); fields a ground does not use are ignored.

use time::{Date, Duration};

use crate::context::Context;
use crate::documents::ForcedGround;
use crate::error::{ApiError, ApiResult};
use crate::fields::Field;
use crate::validate::{self, Invalid};

use super::types::{BlockRequest, ForcedClosureRequest};

/// Days to fix a violation, and days of its block, when staff give none.
pub const DEFAULT_DAYS: u32 = 10;
/// The longest notice and violation block, in calendar days.
pub const MAX_DAYS: u32 = 30;
/// The longest block staff may set by hand, in calendar days from today.
pub const MAX_BLOCK_DAYS: i64 = 365;
const NUMBER_MAX: usize = 50;
const ISSUER_MIN: usize = 3;
const ISSUER_MAX: usize = 200;
const SIGNER_MAX: usize = 60;

/// A forced-closure request that passed every check.
pub struct Checked {
    pub ground: ForcedGround,
    pub decision_number: Option<String>,
    pub decision_date: Option<Date>,
    pub issuer: Option<String>,
    pub text: Option<String>,
    pub notice_days: u32,
    pub block_days: u32,
    pub operator: Option<String>,
    pub supervisor: Option<String>,
}

/// Checks a forced-closure request against what its ground requires.
pub fn forced(ctx: &Context, request: &ForcedClosureRequest) -> ApiResult<Checked> {
    let mut failures = Vec::new();
    account(&request.account_number, &mut failures);
    let ground = request.ground;
    let today = ctx.clock.today();
    let decision = matches!(ground, ForcedGround::CourtDecision | ForcedGround::AuthorityAct);
    let decision_number = match ground {
        ForcedGround::Death => {
            number(request.certificate.as_deref(), Field::Certificate, true, &mut failures)
        }
        _ => number(request.decision_number.as_deref(), Field::DecisionNumber, decision, &mut failures),
    };
    let uses_document = decision || ground == ForcedGround::Death;
    let decision_date = if uses_document {
        past_date(request.decision_date.as_deref(), decision, today, &mut failures)
    } else {
        None
    };
    let issuer =
        if uses_document { issuer(request.issuer.as_deref(), decision, &mut failures) } else { None };
    let explained = matches!(ground, ForcedGround::RulesViolation | ForcedGround::SuspiciousActivity);
    let text = text(request.text.as_deref(), Field::Grounds, explained, &mut failures);
    if ground == ForcedGround::SuspiciousActivity && !request.identity_checked {
        failures.push((Field::IdentityChecked, Invalid::IdentityNotChecked));
    }
    let violation = ground == ForcedGround::RulesViolation;
    let notice_days = days(request.notice_days, Field::NoticeDays, violation, &mut failures);
    let block_days = days(request.block_days, Field::BlockDays, violation, &mut failures);
    let operator = signer(request.operator.as_deref(), Field::Operator, &mut failures);
    let supervisor = signer(request.supervisor.as_deref(), Field::Supervisor, &mut failures);
    if !failures.is_empty() {
        return Err(ApiError::fields(failures, ctx.locale()));
    }
    Ok(Checked {
        ground,
        decision_number,
        decision_date,
        issuer,
        text,
        notice_days,
        block_days,
        operator,
        supervisor,
    })
}

/// A block request that passed every check: the reason and the last day.
pub fn block(ctx: &Context, request: &BlockRequest) -> ApiResult<(String, Date)> {
    let mut failures = Vec::new();
    account(&request.account_number, &mut failures);
    let reason = text(Some(&request.reason), Field::Reason, true, &mut failures);
    let today = ctx.clock.today();
    let until = match validate::date(&request.until) {
        Ok(day) if day < today => Err(Invalid::DateInPast),
        Ok(day) if day > today + Duration::days(MAX_BLOCK_DAYS) => Err(Invalid::BlockTooLong),
        other => other,
    }
    .map_err(|reason| failures.push((Field::BlockedUntil, reason)))
    .ok();
    match (reason, until, failures.is_empty()) {
        (Some(reason), Some(until), true) => Ok((reason, until)),
        _ => Err(ApiError::fields(failures, ctx.locale())),
    }
}

/// A comment that clears a violation.
pub fn comment(ctx: &Context, account_number: &str, comment: &str) -> ApiResult<String> {
    let mut failures = Vec::new();
    account(account_number, &mut failures);
    let comment = text(Some(comment), Field::Comment, true, &mut failures);
    match (comment, failures.is_empty()) {
        (Some(comment), true) => Ok(comment),
        _ => Err(ApiError::fields(failures, ctx.locale())),
    }
}

/// Only presence is judged here; an unknown number is `not_found` from the lookup.
pub fn account(number: &str, failures: &mut Vec<(Field, Invalid)>) {
    if number.trim().is_empty() {
        failures.push((Field::AccountNumber, Invalid::Required));
    }
}

fn present(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|v| !v.is_empty())
}

fn number(
    value: Option<&str>,
    field: Field,
    required: bool,
    failures: &mut Vec<(Field, Invalid)>,
) -> Option<String> {
    let value = match present(value) {
        None if required => {
            failures.push((field, Invalid::Required));
            return None;
        }
        None => return None,
        Some(value) => value,
    };
    let failure = if value.chars().count() > NUMBER_MAX {
        Some(Invalid::TooLong)
    } else if !value.chars().any(|c| c.is_ascii_digit()) {
        Some(Invalid::DocumentNumberFormat)
    } else {
        None
    };
    match failure {
        Some(reason) => {
            failures.push((field, reason));
            None
        }
        None => Some(value.to_owned()),
    }
}

fn past_date(
    value: Option<&str>,
    required: bool,
    today: Date,
    failures: &mut Vec<(Field, Invalid)>,
) -> Option<Date> {
    let value = match present(value) {
        None if required => {
            failures.push((Field::DecisionDate, Invalid::Required));
            return None;
        }
        None => return None,
        Some(value) => value,
    };
    match validate::date(value) {
        Ok(day) if day > today => {
            failures.push((Field::DecisionDate, Invalid::DateInFuture));
            None
        }
        Ok(day) => Some(day),
        Err(reason) => {
            failures.push((Field::DecisionDate, reason));
            None
        }
    }
}

fn issuer(value: Option<&str>, required: bool, failures: &mut Vec<(Field, Invalid)>) -> Option<String> {
    let failure = match present(value) {
        None if required => Invalid::Required,
        None => return None,
        Some(v) if v.chars().count() < ISSUER_MIN => Invalid::TooShort,
        Some(v) if v.chars().count() > ISSUER_MAX => Invalid::TooLong,
        Some(v) => return Some(v.to_owned()),
    };
    failures.push((Field::Issuer, failure));
    None
}

fn text(
    value: Option<&str>,
    field: Field,
    required: bool,
    failures: &mut Vec<(Field, Invalid)>,
) -> Option<String> {
    match present(value) {
        None if required => {
            failures.push((field, Invalid::Required));
            None
        }
        None => None,
        Some(value) => crate::applications::reason(value, field).map_err(|f| failures.push(f)).ok(),
    }
}

fn days(value: Option<u32>, field: Field, used: bool, failures: &mut Vec<(Field, Invalid)>) -> u32 {
    let days = value.unwrap_or(DEFAULT_DAYS);
    if used && !(1..=MAX_DAYS).contains(&days) {
        failures.push((field, Invalid::OutOfRange));
    }
    days
}

fn signer(value: Option<&str>, field: Field, failures: &mut Vec<(Field, Invalid)>) -> Option<String> {
    let value = present(value)?;
    if value.chars().count() > SIGNER_MAX {
        failures.push((field, Invalid::TooLong));
        return None;
    }
    Some(value.to_owned())
}
