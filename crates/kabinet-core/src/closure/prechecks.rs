//! Step 2, pre-checks: what stops a closure and what the citizen should do first.
//!
//! Blocking: an unfinished application (cancel it or wait for its result), an open debt
//! (including one whose payment awaits confirmation), a closure request already open. Not
//! blocking: documents that may not be saved yet (step 3 offers the exports). A linked qualified
//! e-signature certificate would be listed too; Кабинет links none yet, so it never appears.

use crate::Kabinet;
use crate::applications::types::DebtStatus;
use crate::auth::Authed;
use crate::error::ApiResult;
use crate::i18n::Locale;

use super::types::{PrecheckItem, PrecheckKind, Prechecks};

/// The findings for the signed-in citizen.
pub async fn run(kabinet: &Kabinet, me: &Authed, request_open: bool) -> ApiResult<Prechecks> {
    let locale = kabinet.locale();
    let mut items = Vec::new();
    if request_open {
        items.push(item(
            PrecheckKind::RequestOpen,
            true,
            locale.pick("Заявление о закрытии уже подано", "A closure request is already open"),
            locale.pick("Дождитесь решения или отзовите заявление", "Wait for the decision or withdraw it"),
            None,
        ));
    }
    for app in kabinet.applications().list(me).await?.into_iter().filter(|a| a.unfinished) {
        let title = format!(
            "{} № {} — {}: {}",
            locale.pick("Заявление", "Application"),
            app.number,
            app.service_name,
            app.status_label
        );
        let action =
            locale.pick("Отмените заявление или дождитесь результата", "Cancel it or wait for the result");
        items.push(item(PrecheckKind::UnfinishedApplication, true, &title, action, Some(app.number)));
    }
    for debt in kabinet.debts().list(me).await?.debts.into_iter().filter(|d| d.status != DebtStatus::Paid) {
        let title = format!("{}: {}, {} ({})", debt.kind_label, debt.agency, debt.amount_text, debt.purpose);
        let action = match debt.status {
            DebtStatus::AwaitingConfirmation => locale.pick(
                "Оплата на проверке — дождитесь подтверждения",
                "The payment is being checked — wait for it",
            ),
            _ => locale.pick("Оплатите задолженность", "Pay the debt"),
        };
        items.push(item(PrecheckKind::OpenDebt, true, &title, action, Some(debt.id.to_string())));
    }
    let documents = kabinet.documents().mine(me).await?.len() + kabinet.uploads().list(me).await?.len();
    if documents > 0 {
        items.push(unsaved(locale, documents));
    }
    let can_continue = !items.iter().any(|i| i.blocking);
    Ok(Prechecks { items, can_continue })
}

fn unsaved(locale: Locale, count: usize) -> PrecheckItem {
    let title = format!("{}: {count}", locale.pick("Документы в кабинете", "Documents in the account"));
    let action = locale.pick(
        "Сохраните их на следующем шаге: после удаления данных их не восстановить",
        "Save them at the next step: after the data is destroyed they cannot be recovered",
    );
    item(PrecheckKind::UnsavedDocuments, false, &title, action, None)
}

fn item(
    kind: PrecheckKind,
    blocking: bool,
    title: &str,
    action: &str,
    reference: Option<String>,
) -> PrecheckItem {
    PrecheckItem { kind, blocking, title: title.to_owned(), action: action.to_owned(), reference }
}
