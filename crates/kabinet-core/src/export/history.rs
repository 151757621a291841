//! The inputs of the two PDFs a citizen takes away: «История обращений» (every application
//! with its status and dates; closure and restoration requests join it when they exist) and
//! «Выписка персональных данных».

use crate::Kabinet;
use crate::applications::types::ApplicationStatus;
use crate::auth::Authed;
use crate::contract::Profile;
use crate::documents::{
    ApplicationsHistoryInput, ConsentRecord, DocumentInput, HistoryEntry, HistoryEntryKind, HistoryStatus,
    PassportData, PersonalDataExtractInput,
};
use crate::error::{ApiError, ApiResult};
use crate::validate;

use super::data::AccountPart;

/// «История обращений» of the signed-in citizen, oldest first.
pub async fn input(kabinet: &Kabinet, me: &Authed, account: AccountPart) -> ApiResult<DocumentInput> {
    let profile = kabinet.profile().get(me).await?;
    let mut entries: Vec<HistoryEntry> = kabinet
        .applications()
        .list(me)
        .await?
        .into_iter()
        .map(|a| HistoryEntry {
            number: a.number,
            kind: HistoryEntryKind::Application,
            subject: a.service_name,
            submitted_at: a.submitted_at,
            status: history_status(a.status),
            updated_at: Some(a.updated_at),
        })
        .collect();
    entries.reverse();
    Ok(DocumentInput::ApplicationsHistory(ApplicationsHistoryInput {
        full_name: full_name(&profile),
        account_number: account.number,
        entries,
    }))
}

/// «Выписка персональных данных» of the signed-in citizen.
pub async fn extract(kabinet: &Kabinet, me: &Authed, account: AccountPart) -> ApiResult<DocumentInput> {
    let session = crate::session::view(kabinet.context(), me).await?;
    let profile = kabinet.profile().get(me).await?;
    let consents = kabinet
        .consents()
        .list(me)
        .await?
        .into_iter()
        .filter_map(|c| {
            c.accepted_at.map(|accepted_at| ConsentRecord {
                title: c.title,
                version: c.version,
                accepted_at,
                withdrawn_at: c.withdrawn_at,
            })
        })
        .collect();
    let gender = validate::gender(&profile.gender).map_err(|e| ApiError::internal(e, kabinet.locale()))?;
    Ok(DocumentInput::PersonalDataExtract(PersonalDataExtractInput {
        full_name: full_name(&profile),
        birth_date: profile.birth_date.clone(),
        gender,
        phone: profile.phone.clone(),
        email: profile.email.clone(),
        snils: profile.snils.clone(),
        inn: profile.inn.clone(),
        passport: passport(&profile),
        address: profile.address.clone(),
        account_number: account.number,
        level: session.level,
        status: session.status,
        registered_at: account.registered_at,
        consents,
    }))
}

fn full_name(p: &Profile) -> String {
    [Some(p.surname.as_str()), Some(p.given_name.as_str()), p.patronymic.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ")
}

fn passport(p: &Profile) -> Option<PassportData> {
    Some(PassportData {
        series_number: p.passport_number.clone()?,
        issued_by: p.passport_issued_by.clone()?,
        issued_on: p.passport_issue_date.clone()?,
        division_code: p.division_code.clone()?,
    })
}

fn history_status(status: ApplicationStatus) -> HistoryStatus {
    match status {
        ApplicationStatus::Accepted => HistoryStatus::Accepted,
        ApplicationStatus::InReview => HistoryStatus::InReview,
        ApplicationStatus::DocumentsRequired => HistoryStatus::DocumentsRequired,
        ApplicationStatus::Completed => HistoryStatus::Completed,
        ApplicationStatus::Refused => HistoryStatus::Rejected,
        ApplicationStatus::Cancelled => HistoryStatus::Cancelled,
    }
}
