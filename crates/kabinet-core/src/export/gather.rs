//! Gathers [`PersonalData`] through the facade's own calls, as the signed-in citizen.

use crate::Kabinet;
use crate::applications::types::ApplicationRequest;
use crate::auth::Authed;
use crate::contract::Profile;
use crate::error::ApiResult;
use crate::notifications::types::HistoryQuery;

use super::data::*;

/// Everything the account holds; `account` and `now` (RFC 3339) come from the caller.
pub async fn personal_data(
    kabinet: &Kabinet,
    me: &Authed,
    account: AccountPart,
    now: String,
) -> ApiResult<PersonalData> {
    let profile = kabinet.profile().get(me).await?;
    Ok(PersonalData {
        format_version: FORMAT_VERSION.to_owned(),
        exported_at: now,
        account,
        contacts: contacts(&profile),
        profile: profile_part(profile),
        consents: consents(kabinet, me).await?,
        applications: applications(kabinet, me).await?,
        documents: documents(kabinet, me).await?,
        uploads: uploads(kabinet, me).await?,
        debts: debts(kabinet, me).await?,
        sessions: sessions(kabinet, me).await?,
        access_journal: journal(kabinet, me).await?,
        change_history: changes(kabinet, me).await?,
        notification_settings: settings(kabinet, me).await?,
        messages: messages(kabinet, me).await?,
    })
}

/// A serde enum as its wire name.
pub fn code<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(text)) => text,
        _ => String::new(),
    }
}

fn profile_part(p: Profile) -> ProfilePart {
    let passport = match (p.passport_number, p.passport_issue_date, p.passport_issued_by, p.division_code) {
        (Some(number), Some(issue_date), Some(issued_by), Some(division_code)) => {
            Some(PassportPart { number, issue_date, issued_by, division_code })
        }
        _ => None,
    };
    ProfilePart {
        surname: p.surname,
        given_name: p.given_name,
        patronymic: p.patronymic,
        birth_date: p.birth_date,
        gender: p.gender,
        snils: p.snils,
        inn: p.inn,
        passport,
        address: p.address,
    }
}

fn contacts(p: &Profile) -> Vec<ContactPart> {
    let phone = Some(("phone", p.phone.clone()));
    let email = p.email.clone().map(|e| ("email", e));
    let snils = p.snils.clone().map(|s| ("snils", s));
    [phone, email, snils]
        .into_iter()
        .flatten()
        .map(|(kind, value)| ContactPart { kind: kind.into(), value })
        .collect()
}

async fn consents(kabinet: &Kabinet, me: &Authed) -> ApiResult<Vec<ConsentPart>> {
    Ok(kabinet
        .consents()
        .list(me)
        .await?
        .into_iter()
        .map(|c| ConsentPart {
            title: c.title,
            purpose: c.purpose,
            version: c.version,
            accepted_at: c.accepted_at,
            withdrawn_at: c.withdrawn_at,
        })
        .collect())
}

async fn applications(kabinet: &Kabinet, me: &Authed) -> ApiResult<Vec<ApplicationPart>> {
    let mut parts = Vec::new();
    for summary in kabinet.applications().list(me).await? {
        let detail = kabinet.applications().get(me, ApplicationRequest { number: summary.number }).await?;
        parts.push(ApplicationPart {
            number: detail.summary.number,
            service: detail.summary.service,
            service_name: detail.summary.service_name,
            status: code(&detail.summary.status),
            submitted_at: detail.summary.submitted_at,
            fields: detail
                .form
                .into_iter()
                .map(|f| FieldPart { key: f.key, label: f.label, value: f.value })
                .collect(),
            history: detail
                .history
                .into_iter()
                .map(|h| StatusPart { status: code(&h.status), at: h.at, comment: h.comment, actor: h.actor })
                .collect(),
        });
    }
    Ok(parts)
}

async fn documents(kabinet: &Kabinet, me: &Authed) -> ApiResult<Vec<DocumentPart>> {
    Ok(kabinet
        .documents()
        .mine(me)
        .await?
        .into_iter()
        .map(|d| DocumentPart {
            number: d.number,
            kind: code(&d.kind),
            title: d.title,
            created_at: d.created_at,
        })
        .collect())
}

async fn uploads(kabinet: &Kabinet, me: &Authed) -> ApiResult<Vec<UploadPart>> {
    Ok(kabinet
        .uploads()
        .list(me)
        .await?
        .into_iter()
        .map(|u| UploadPart {
            kind: u.kind.as_str().to_owned(),
            name: u.name,
            content_type: u.content_type,
            size: u.size,
            created_at: u.created_at,
        })
        .collect())
}

async fn debts(kabinet: &Kabinet, me: &Authed) -> ApiResult<Vec<DebtPart>> {
    Ok(kabinet
        .debts()
        .list(me)
        .await?
        .debts
        .into_iter()
        .map(|d| DebtPart {
            kind: code(&d.kind),
            agency: d.agency,
            purpose: d.purpose,
            amount_kopecks: d.amount_kopecks,
            due_date: d.due_date,
            status: code(&d.status),
            paid_at: d.paid_at,
        })
        .collect())
}

async fn sessions(kabinet: &Kabinet, me: &Authed) -> ApiResult<Vec<SessionPart>> {
    Ok(kabinet
        .session()
        .list(me)
        .await?
        .into_iter()
        .map(|s| SessionPart {
            device: s.device,
            os: s.os,
            remembered: s.remembered,
            started_at: s.started_at,
            last_seen_at: s.last_seen_at,
        })
        .collect())
}

async fn journal(kabinet: &Kabinet, me: &Authed) -> ApiResult<Vec<JournalPart>> {
    let mut parts = Vec::new();
    let mut page = 1;
    loop {
        let found = kabinet.session().journal(me, crate::contract::JournalRequest { page }).await?;
        parts.extend(found.entries.into_iter().map(|e| JournalPart {
            event: e.event,
            title: e.title,
            at: e.at,
            device: e.device,
        }));
        if page >= found.pages {
            return Ok(parts);
        }
        page += 1;
    }
}

async fn changes(kabinet: &Kabinet, me: &Authed) -> ApiResult<Vec<ChangePart>> {
    let mut parts = Vec::new();
    let mut page = 1;
    loop {
        let found = kabinet.profile().history(me, crate::contract::PageRequest { page }).await?;
        parts.extend(found.changes.into_iter().map(|c| ChangePart {
            at: c.at,
            field: c.field,
            old_value: c.old_value,
            new_value: c.new_value,
            actor: c.actor,
        }));
        if page >= found.pages {
            return Ok(parts);
        }
        page += 1;
    }
}

async fn settings(kabinet: &Kabinet, me: &Authed) -> ApiResult<SettingsPart> {
    let settings = kabinet.notifications().settings(me).await?.settings;
    let channels = |subject: String, desktop, email, sms| ChannelsPart { subject, desktop, email, sms };
    Ok(SettingsPart {
        only_important: settings.only_important,
        working_hours_only: settings.working_hours_only,
        quiet_hours_start: settings.quiet_hours.as_ref().map(|q| q.start.clone()),
        quiet_hours_end: settings.quiet_hours.as_ref().map(|q| q.end.clone()),
        matrix: settings
            .matrix
            .into_iter()
            .map(|r| channels(code(&r.event), r.desktop, r.email, r.sms))
            .collect(),
        overrides: settings
            .overrides
            .into_iter()
            .map(|o| channels(o.service, o.desktop, o.email, o.sms))
            .collect(),
    })
}

async fn messages(kabinet: &Kabinet, me: &Authed) -> ApiResult<Vec<MessagePart>> {
    let mut parts = Vec::new();
    let mut before = None;
    loop {
        let page = kabinet.notifications().history(me, HistoryQuery { before, limit: Some(100) }).await?;
        parts.extend(page.messages.into_iter().map(|m| {
            MessagePart {
                event: code(&m.event),
                title: m.title,
                created_at: m.created_at,
                deliveries: m
                    .deliveries
                    .into_iter()
                    .map(|d| DeliveryPart {
                        channel: code(&d.channel),
                        status: code(&d.status),
                        summary: d.summary,
                    })
                    .collect(),
            }
        }));
        match page.next_before {
            Some(next) => before = Some(next),
            None => return Ok(parts),
        }
    }
}
