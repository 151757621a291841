//! What the citizen is told: the notice, the block, the closure by staff and the lifting, each as
//! a security or account message in the caller's transaction, and the sign-in refusals. Every
//! text names the reason category and ends with how to appeal ([`appeal`]).

use crate::db::Conn;
use time::Date;

use crate::context::Context;
use crate::documents::ForcedGround;
use crate::error::ApiResult;
use crate::i18n::Locale;
use crate::notifications::publish::{self, Event};
use crate::notifications::types::EventType;
use crate::validate::dotted_date;

/// The support line named in every forced-closure and block message.
pub const APPEAL_PHONE: &str = "8 800 100-70-10";

/// «Обжаловать решение можно …».
pub fn appeal(locale: Locale) -> String {
    format!(
        "{} {APPEAL_PHONE}.",
        locale.pick(
            "Обжаловать решение можно в течение 30 дней в центре обслуживания или по телефону",
            "You can appeal within 30 days at a service centre or by phone"
        )
    )
}

/// The ground in words, capitalised.
pub fn ground_label(ground: ForcedGround, locale: Locale) -> &'static str {
    match locale {
        Locale::Ru => ground.label(),
        Locale::En => match ground {
            ForcedGround::RulesViolation => "Violation of the terms of use",
            ForcedGround::SuspiciousActivity => "Suspicious activity",
            ForcedGround::CourtDecision => "Court decision",
            ForcedGround::AuthorityAct => "Act of an authority",
            ForcedGround::Death => "Death of the account holder",
        },
    }
}

/// The stored code of a ground.
pub fn code(ground: ForcedGround) -> &'static str {
    match ground {
        ForcedGround::RulesViolation => "rules_violation",
        ForcedGround::SuspiciousActivity => "suspicious_activity",
        ForcedGround::CourtDecision => "court_decision",
        ForcedGround::AuthorityAct => "authority_act",
        ForcedGround::Death => "death",
    }
}

/// The ground of a stored code.
pub fn ground_of(code: &str) -> Option<ForcedGround> {
    serde_json::from_value(serde_json::Value::String(code.to_owned())).ok()
}

/// The violation notice: what, until when to fix it, what follows, the case number.
pub async fn notice(
    ctx: &Context,
    conn: &mut Conn,
    account_id: i64,
    case_number: &str,
    text: &str,
    fix_by: Date,
    closed_after: Date,
) -> ApiResult<()> {
    let locale = ctx.locale();
    let title =
        locale.pick("Предупреждение о нарушении правил пользования", "Warning: terms of use violated");
    let (text, fix_by, closed_after) = (clause(text), dotted_date(fix_by), dotted_date(closed_after));
    let body = match locale {
        Locale::Ru => format!(
            "Дело № {case_number}: {text}. Устраните нарушение до {fix_by} включительно. Иначе кабинет \
             будет заблокирован, а после {closed_after} — закрыт. {}",
            appeal(locale)
        ),
        Locale::En => format!(
            "Case № {case_number}: {text}. Fix the violation by {fix_by} inclusive. Otherwise the account \
             will be blocked and, after {closed_after}, closed. {}",
            appeal(locale)
        ),
    };
    security(ctx, conn, account_id, "forced_notice", title, &body).await
}

/// A block: the reason, the last day, and for a violation that closure follows.
pub async fn blocked(
    ctx: &Context,
    conn: &mut Conn,
    account_id: i64,
    reason: &str,
    last_day: Date,
    closure_follows: bool,
) -> ApiResult<()> {
    let locale = ctx.locale();
    let title = locale.pick("Личный кабинет заблокирован", "Your account is blocked");
    let mut body = block_sentence(locale, reason, last_day);
    if closure_follows {
        body.push(' ');
        body.push_str(locale.pick(
            "После окончания блокировки кабинет будет закрыт.",
            "When the block ends, the account will be closed.",
        ));
    }
    body.push(' ');
    body.push_str(&appeal(locale));
    security(ctx, conn, account_id, "account_blocked", title, &body).await
}

/// The block lifted, or the violation cleared.
pub async fn lifted(
    ctx: &Context,
    conn: &mut Conn,
    account_id: i64,
    case_number: Option<&str>,
    comment: Option<&str>,
) -> ApiResult<()> {
    let locale = ctx.locale();
    let (kind, title) = match case_number {
        Some(_) => ("violation_cleared", locale.pick("Нарушение устранено", "Violation cleared")),
        None => {
            ("account_unblocked", locale.pick("Личный кабинет разблокирован", "Your account is unblocked"))
        }
    };
    let mut body = String::new();
    if let Some(number) = case_number {
        body.push_str(&format!(
            "{} № {number} {}. ",
            locale.pick("Дело", "Case"),
            locale.pick("закрыто", "closed")
        ));
    }
    if let Some(comment) = comment {
        body.push_str(&format!("{}. ", clause(comment)));
    }
    body.push_str(locale.pick("Вход в кабинет доступен.", "You can sign in again."));
    security(ctx, conn, account_id, kind, title, &body).await
}

/// The final message of a closure by staff (called by `close_account`): the ground, whether and
/// how it can be restored, how to appeal.
pub async fn closed(
    ctx: &Context,
    conn: &mut Conn,
    account_id: i64,
    category: &str,
    restore_until: i64,
) -> ApiResult<()> {
    let locale = ctx.locale();
    let title = locale.pick("Личный кабинет закрыт", "Your account is closed");
    let body = format!(
        "{}{} {}",
        ground_sentence(locale, category),
        restore_sentence(ctx, category, restore_until, true),
        appeal(locale)
    );
    let event = Event {
        event: EventType::ClosureCompleted,
        kind: "closure_forced",
        service: None,
        title,
        body: &body,
    };
    publish::publish(ctx, conn, account_id, event).await.map(|_| ())
}

/// «Кабинет заблокирован по {день} включительно. Причина: …».
pub fn block_sentence(locale: Locale, reason: &str, last_day: Date) -> String {
    format!(
        "{} {} {}. {}: {}.",
        locale.pick("Кабинет заблокирован по", "The account is blocked through"),
        dotted_date(last_day),
        locale.pick("включительно", "inclusive"),
        locale.pick("Причина", "Reason"),
        clause(reason)
    )
}

/// The refusal of sign-in to an account staff closed.
pub fn closed_refusal(ctx: &Context, category: &str, closed_at: i64, restore_until: i64) -> String {
    let locale = ctx.locale();
    format!(
        "{} {}. {}{} {}",
        locale.pick("Кабинет закрыт сотрудником", "The account was closed by staff on"),
        super::super::day(ctx, closed_at),
        ground_sentence(locale, category),
        restore_sentence(ctx, category, restore_until, restore_until > ctx.now()),
        appeal(locale)
    )
}

/// Staff's text as a clause: without the full stop it may end with (the message adds its own).
fn clause(text: &str) -> &str {
    text.trim().trim_end_matches('.')
}

fn ground_sentence(locale: Locale, category: &str) -> String {
    match ground_of(category) {
        Some(ground) => format!(
            "{}: {}. ",
            locale.pick("Основание", "Ground"),
            ground_label(ground, locale).to_lowercase()
        ),
        None => String::new(),
    }
}

fn restore_sentence(ctx: &Context, category: &str, restore_until: i64, restorable: bool) -> String {
    let locale = ctx.locale();
    if ground_of(category) == Some(ForcedGround::Death) {
        return locale.pick("Восстановление не предусмотрено.", "It cannot be restored.").to_owned();
    }
    if !restorable {
        return locale.pick("Срок восстановления истёк.", "The time to restore it is over.").to_owned();
    }
    format!(
        "{} {} {}",
        locale.pick("Восстановить его можно до", "It can be restored until"),
        super::super::day(ctx, restore_until),
        locale.pick("через оператора центра обслуживания.", "through an operator at a service centre.")
    )
}

async fn security(
    ctx: &Context,
    conn: &mut Conn,
    account_id: i64,
    kind: &str,
    title: &str,
    body: &str,
) -> ApiResult<()> {
    let event = Event { event: EventType::Security, kind, service: None, title, body };
    publish::publish(ctx, conn, account_id, event).await.map(|_| ())
}
