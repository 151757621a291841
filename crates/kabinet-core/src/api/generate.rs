//! The files generated from the command table and the contract types, each compared with its
//! committed copy by `tests/core/contract.rs` (a stale file fails the test; `UPDATE_CONTRACT=1`
//! rewrites them):
//! - `ui/src/lib/api/contract.ts`: the TypeScript of every request and response type (ts-rs);
//! - `ui/src/lib/api/commands.ts`: the TypeScript client — one interface per group, the `Commands`
//!   interface the UI's `Api` extends, and the `invoke` call of each command with its argument
//!   names and result type;
//! - `src-tauri/commands.generated.rs`: the command list `build.rs` declares to Tauri;
//! - `src-tauri/capabilities/default.json`: the main window's permissions, one per command.
//!
//! The registry of types lives here and not in `contract.rs`, which holds the types only.

use ts_rs::TS;

use super::{COMMANDS, Command, Transport};
use crate::contract::*;
use crate::error::ApiError;
use crate::i18n::Locale;

/// The generated files: the path from the workspace root and the content.
pub fn files() -> Vec<(&'static str, String)> {
    vec![
        ("ui/src/lib/api/contract.ts", contract_ts()),
        ("ui/src/lib/api/commands.ts", commands_ts()),
        ("src-tauri/commands.generated.rs", build_list()),
        ("src-tauri/capabilities/default.json", capability()),
    ]
}

/// The ts-rs configuration every generated TypeScript uses.
pub fn ts_config() -> ts_rs::Config {
    ts_rs::Config::new().with_large_int("number")
}

/// The TypeScript of every contract type, as committed in `ui/src/lib/api/contract.ts`.
pub fn contract_ts() -> String {
    use crate::checks::CheckKind;
    use crate::documents;
    use crate::error::{ErrorCode, ErrorDetails, FieldError};
    use crate::fields::Field;
    use crate::notifications::types as nt;
    use crate::outbox::{Channel, OutboxMessage};
    use crate::validate::{Gender, Invalid};

    let cfg = ts_config();
    let declarations = [
        Locale::decl(&cfg),
        ErrorCode::decl(&cfg),
        Invalid::decl(&cfg),
        Field::decl(&cfg),
        FieldError::decl(&cfg),
        ErrorDetails::decl(&cfg),
        ApiError::decl(&cfg),
        AppStatus::decl(&cfg),
        crate::connection::ConnectionMode::decl(&cfg),
        crate::connection::ConnectionSetting::decl(&cfg),
        crate::connection::ConnectionView::decl(&cfg),
        SendCodeRequest::decl(&cfg),
        CodeSent::decl(&cfg),
        VerifyCodeRequest::decl(&cfg),
        PhoneConfirmed::decl(&cfg),
        RegistrationDraft::decl(&cfg),
        Agreements::decl(&cfg),
        Registered::decl(&cfg),
        Level::decl(&cfg),
        AccountStatus::decl(&cfg),
        Gender::decl(&cfg),
        SignInRequest::decl(&cfg),
        SessionView::decl(&cfg),
        SignInOutcome::decl(&cfg),
        SecondFactorKind::decl(&cfg),
        SecondFactorRequest::decl(&cfg),
        SessionInfo::decl(&cfg),
        EndSessionRequest::decl(&cfg),
        FactorCodeRequest::decl(&cfg),
        JournalRequest::decl(&cfg),
        crate::journal::JournalEntry::decl(&cfg),
        crate::journal::JournalPage::decl(&cfg),
        PasswordChangeRequest::decl(&cfg),
        ReauthRequest::decl(&cfg),
        TotpSetup::decl(&cfg),
        TotpConfirmRequest::decl(&cfg),
        BackupCodes::decl(&cfg),
        DisableSecondFactorRequest::decl(&cfg),
        RecoveryReadiness::decl(&cfg),
        SecuritySettings::decl(&cfg),
        RecoveryStartRequest::decl(&cfg),
        RecoverySent::decl(&cfg),
        RecoveryVerifyRequest::decl(&cfg),
        RecoveryTicket::decl(&cfg),
        RecoveryCompleteRequest::decl(&cfg),
        Profile::decl(&cfg),
        ProfileUpdate::decl(&cfg),
        ContactKind::decl(&cfg),
        ContactChangeRequest::decl(&cfg),
        ContactChangeConfirm::decl(&cfg),
        ProfileChange::decl(&cfg),
        ProfileHistoryPage::decl(&cfg),
        PageRequest::decl(&cfg),
        Channel::decl(&cfg),
        OutboxMessage::decl(&cfg),
        CheckKind::decl(&cfg),
        CheckResult::decl(&cfg),
        // «Уведомления» (crate::notifications::types).
        nt::EventType::decl(&cfg),
        nt::EventCategory::decl(&cfg),
        nt::EventTypeInfo::decl(&cfg),
        nt::ServiceInfo::decl(&cfg),
        nt::MatrixRow::decl(&cfg),
        nt::ServiceOverride::decl(&cfg),
        nt::QuietHours::decl(&cfg),
        nt::NotificationSettings::decl(&cfg),
        nt::NotificationSettingsView::decl(&cfg),
        nt::Folder::decl(&cfg),
        nt::InboxQuery::decl(&cfg),
        nt::InboxItem::decl(&cfg),
        nt::InboxPage::decl(&cfg),
        nt::UnreadCount::decl(&cfg),
        nt::MessageRequest::decl(&cfg),
        nt::MarkReadRequest::decl(&cfg),
        nt::DeliveryStatus::decl(&cfg),
        nt::HoldReason::decl(&cfg),
        nt::SuppressReason::decl(&cfg),
        nt::AttemptResult::decl(&cfg),
        nt::DeliveryAttempt::decl(&cfg),
        nt::ChannelDelivery::decl(&cfg),
        nt::MessageHistory::decl(&cfg),
        nt::HistoryQuery::decl(&cfg),
        nt::MessageHistoryPage::decl(&cfg),
        nt::DesktopToast::decl(&cfg),
        nt::NewNotification::decl(&cfg),
        nt::Published::decl(&cfg),
        nt::SmtpTls::decl(&cfg),
        nt::EmailTransport::decl(&cfg),
        nt::SmsTransport::decl(&cfg),
        nt::TransportSettings::decl(&cfg),
        nt::TransportSettingsView::decl(&cfg),
        nt::TransportUpdate::decl(&cfg),
        nt::TransportTestRequest::decl(&cfg),
        nt::TransportTestResult::decl(&cfg),
        // «Мои заявления», «Задолженности» (crate::applications::types).
        crate::applications::types::ApplicationStatus::decl(&cfg),
        crate::applications::types::FormFieldKind::decl(&cfg),
        crate::applications::types::ServiceSummary::decl(&cfg),
        crate::applications::types::FormField::decl(&cfg),
        crate::applications::types::ServiceForm::decl(&cfg),
        crate::applications::types::ServiceRequest::decl(&cfg),
        crate::applications::types::SubmitApplication::decl(&cfg),
        crate::applications::types::ApplicationSummary::decl(&cfg),
        crate::applications::types::SubmittedField::decl(&cfg),
        crate::applications::types::StatusChange::decl(&cfg),
        crate::applications::types::ApplicationDetail::decl(&cfg),
        crate::applications::types::ApplicationRequest::decl(&cfg),
        crate::applications::types::CancelApplication::decl(&cfg),
        crate::applications::types::StatusUpdate::decl(&cfg),
        crate::applications::types::DebtKind::decl(&cfg),
        crate::applications::types::DebtStatus::decl(&cfg),
        crate::applications::types::Debt::decl(&cfg),
        crate::applications::types::DebtList::decl(&cfg),
        crate::applications::types::NewDebt::decl(&cfg),
        crate::applications::types::DebtRequest::decl(&cfg),
        crate::closure::types::RequestStatus::decl(&cfg),
        crate::closure::types::ClosureRequestView::decl(&cfg),
        crate::closure::types::ClosedView::decl(&cfg),
        crate::closure::types::ClosureStatus::decl(&cfg),
        crate::closure::types::PrecheckKind::decl(&cfg),
        crate::closure::types::PrecheckItem::decl(&cfg),
        crate::closure::types::Prechecks::decl(&cfg),
        crate::closure::types::ClosureSubmit::decl(&cfg),
        crate::closure::types::RestoreStart::decl(&cfg),
        crate::closure::types::RestoreComplete::decl(&cfg),
        crate::closure::types::RestoreOutcome::decl(&cfg),
        crate::closure::types::QueueItem::decl(&cfg),
        crate::closure::types::ClosureDecision::decl(&cfg),
        crate::closure::forced::types::ForcedClosureRequest::decl(&cfg),
        crate::closure::forced::types::ForcedStage::decl(&cfg),
        crate::closure::forced::types::ForcedCase::decl(&cfg),
        crate::closure::forced::types::ClearViolation::decl(&cfg),
        crate::closure::forced::types::BlockRequest::decl(&cfg),
        crate::closure::forced::types::BlockView::decl(&cfg),
        crate::closure::forced::types::ForcedOverview::decl(&cfg),
        crate::export::types::ExportProgress::decl(&cfg),
        crate::export::types::ManifestEntry::decl(&cfg),
        crate::export::types::Manifest::decl(&cfg),
        crate::export::types::ExportDone::decl(&cfg),
        crate::export::types::DataFormat::decl(&cfg),
        crate::export::types::DataExportRequest::decl(&cfg),
        documents::DocumentKind::decl(&cfg),
        documents::ClosureReason::decl(&cfg),
        documents::ForcedGround::decl(&cfg),
        documents::ClosureBasis::decl(&cfg),
        documents::StaffSigner::decl(&cfg),
        documents::RegistrationCertificateInput::decl(&cfg),
        documents::ClosureApplicationInput::decl(&cfg),
        documents::ClosureApplicationBlankInput::decl(&cfg),
        documents::ClosureConfirmationInput::decl(&cfg),
        documents::ClosureActInput::decl(&cfg),
        documents::DeletionCertificateInput::decl(&cfg),
        documents::HistoryEntryKind::decl(&cfg),
        documents::HistoryStatus::decl(&cfg),
        documents::HistoryEntry::decl(&cfg),
        documents::ApplicationsHistoryInput::decl(&cfg),
        documents::PassportData::decl(&cfg),
        documents::ConsentRecord::decl(&cfg),
        documents::PersonalDataExtractInput::decl(&cfg),
        documents::IdentityCodeSlipInput::decl(&cfg),
        documents::DayRegisterEntry::decl(&cfg),
        documents::DayRegisterInput::decl(&cfg),
        documents::DocumentInput::decl(&cfg),
        documents::IssuedDocument::decl(&cfg),
        documents::DocumentRecord::decl(&cfg),
        documents::VerificationStatus::decl(&cfg),
        documents::Verification::decl(&cfg),
        // Staff mode (crate::staff::types).
        crate::staff::types::StaffRole::decl(&cfg),
        crate::staff::types::StaffSignInRequest::decl(&cfg),
        crate::staff::types::StaffView::decl(&cfg),
        crate::staff::find::CardPurpose::decl(&cfg),
        crate::staff::find::FindCitizen::decl(&cfg),
        crate::staff::find::WaitingRequest::decl(&cfg),
        crate::staff::find::CitizenCard::decl(&cfg),
        crate::staff::types::StaffCreated::decl(&cfg),
        crate::staff::types::StaffInfo::decl(&cfg),
        crate::staff::types::AuditBreak::decl(&cfg),
        crate::staff::types::AuditVerification::decl(&cfg),
        crate::staff::types::NewStaff::decl(&cfg),
        crate::staff::types::StaffLogin::decl(&cfg),
        crate::staff::types::AuditQuery::decl(&cfg),
        crate::staff::types::AuditRow::decl(&cfg),
        crate::staff::types::AuditPage::decl(&cfg),
        crate::staff::types::AuditCheck::decl(&cfg),
        crate::staff::desk::CitizenRef::decl(&cfg),
        crate::staff::desk::CitizenPage::decl(&cfg),
        crate::staff::desk::CitizenDocument::decl(&cfg),
        crate::staff::desk::ReceiptDecision::decl(&cfg),
        crate::staff::desk::IdentityCheck::decl(&cfg),
        crate::staff::desk::IdentityCodeRequest::decl(&cfg),
        crate::staff::desk::IssueDocument::decl(&cfg),
        crate::staff::printing::DayBatchRequest::decl(&cfg),
        crate::staff::printing::DayBatchItem::decl(&cfg),
        crate::staff::printing::DayBatch::decl(&cfg),
        crate::staff::printing::BatchProgress::decl(&cfg),
        crate::staff::queue::IncidentOutcome::decl(&cfg),
        crate::staff::queue::Incident::decl(&cfg),
        crate::staff::queue::IncidentResolution::decl(&cfg),
        crate::staff::queue::StaffNotice::decl(&cfg),
        crate::staff::queue::StaffNotices::decl(&cfg),
        crate::closure::types::RestorationDecision::decl(&cfg),
        documents::MyDocument::decl(&cfg),
        documents::PrintOutcome::decl(&cfg),
        // Uploads and «Согласия».
        crate::validate::ScanKind::decl(&cfg),
        crate::uploads::types::UploadKind::decl(&cfg),
        crate::uploads::types::UploadInfo::decl(&cfg),
        crate::uploads::types::UploadId::decl(&cfg),
        crate::consents::ConsentKind::decl(&cfg),
        crate::consents::ConsentView::decl(&cfg),
        crate::consents::ConsentRequest::decl(&cfg),
    ];
    let mut out = String::from(
        "// Generated from crates/kabinet-core/src/contract.rs by ts-rs. Do not edit:\n\
         // run `UPDATE_CONTRACT=1 cargo test -p kabinet-core --test core contract::` instead.\n\n",
    );
    for declaration in declarations {
        out.push_str("export ");
        out.push_str(&declaration);
        out.push_str("\n\n");
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

fn camel(snake: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

fn pascal(snake: &str) -> String {
    let camel = camel(snake);
    let mut chars = camel.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// The TypeScript method of a command: its name without the group, in camelCase.
pub fn ts_method(command: &Command) -> String {
    let rest =
        command.name.strip_prefix(command.group).and_then(|r| r.strip_prefix('_')).unwrap_or(command.name);
    camel(rest)
}

const NOT_CONTRACT: &[&str] = &["Array", "Record", "Uint8Array", "ArrayBuffer", "Promise", "Channel"];

/// The TypeScript client of the table.
pub fn commands_ts() -> String {
    let mut used = std::collections::BTreeSet::new();
    let mut interfaces = String::new();
    let mut members = String::new();
    let mut client = String::new();
    let mut groups: Vec<&str> = Vec::new();
    for command in COMMANDS {
        if !groups.contains(&command.group) {
            groups.push(command.group);
        }
    }
    for group in &groups {
        let api = format!("{}Api", pascal(group));
        interfaces.push_str(&format!("/** The `{group}` commands. */\nexport interface {api} {{\n"));
        members.push_str(&format!("  {group}: {api};\n"));
        client.push_str(&format!("    {group}: {{\n"));
        for command in COMMANDS.iter().filter(|c| c.group == *group) {
            let args = (command.args)();
            let answer = (command.answer)();
            for text in args.iter().map(|(_, t)| t.as_str()).chain([answer.as_str()]) {
                for word in
                    text.split(|c: char| !c.is_alphanumeric()).filter(|w| w.starts_with(char::is_uppercase))
                {
                    if !NOT_CONTRACT.contains(&word) {
                        used.insert(word.to_owned());
                    }
                }
            }
            let method = ts_method(command);
            let params = args
                .iter()
                .map(|(name, ty)| {
                    let optional = command.transport == Transport::Raw && *name == "headers";
                    format!("{}{}: {ty}", camel(name), if optional { "?" } else { "" })
                })
                .collect::<Vec<_>>()
                .join(", ");
            let access = serde_json::to_value(command.access)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default();
            interfaces.push_str(&format!(
                "  /** {} (`{}`, {access}) */\n  {method}({params}): Promise<{answer}>;\n",
                command.doc.trim(),
                command.name
            ));
            let call = match command.transport {
                Transport::Raw => {
                    format!("call<{answer}>('{}', body, {{ headers: headers ?? {{}} }})", command.name)
                }
                _ if args.is_empty() => format!("call<{answer}>('{}')", command.name),
                _ => {
                    let named = args.iter().map(|(name, _)| camel(name)).collect::<Vec<_>>().join(", ");
                    format!("call<{answer}>('{}', {{ {named} }})", command.name)
                }
            };
            client.push_str(&format!("      {method}: ({params}) => {call},\n"));
        }
        interfaces.push_str("}\n\n");
        client.push_str("    },\n");
    }
    let mut out = String::from(
        "// Generated from the command table (crates/kabinet-core/src/api/table.rs). Do not edit:\n\
         // run `UPDATE_CONTRACT=1 cargo test -p kabinet-core --test core contract::` instead.\n\n\
         import type { Channel, InvokeArgs, InvokeOptions } from '@tauri-apps/api/core';\n",
    );
    let names = used.into_iter().collect::<Vec<_>>().join(", ");
    out.push_str(&format!("import type {{ {names} }} from './contract';\n\n"));
    out.push_str(
        "/** How a command is sent: `invoke` with its arguments (the shell's, or a fake in tests). */\n",
    );
    out.push_str("export type Call = <T>(command: string, args?: InvokeArgs, options?: InvokeOptions) => Promise<T>;\n\n");
    out.push_str(&interfaces);
    out.push_str("/** Every command of the table, by group. */\nexport interface Commands {\n");
    out.push_str(&members);
    out.push_str("}\n\n/** The client of every command over `call`. */\nexport function commands(call: Call): Commands {\n  return {\n");
    out.push_str(&client);
    out.push_str("  };\n}\n");
    out
}

/// The command list `src-tauri/build.rs` declares to Tauri (`AppManifest::commands`).
pub fn build_list() -> String {
    let mut out = String::from(
        "// Generated from the command table (crates/kabinet-core/src/api/table.rs). Do not edit:\n\
         // run `UPDATE_CONTRACT=1 cargo test -p kabinet-core --test core contract::` instead.\n\
         /// Every command of the app, declared to Tauri so each needs its own permission.\n\
         pub const COMMANDS: &[&str] = &[\n",
    );
    for command in COMMANDS {
        out.push_str(&format!("    \"{}\",\n", command.name));
    }
    out.push_str("];\n");
    out
}

/// The main window's capability: one permission per command of the table and the two the
/// notification plugin needs; nothing else.
pub fn capability() -> String {
    let mut permissions: Vec<String> =
        COMMANDS.iter().map(|c| format!("allow-{}", c.name.replace('_', "-"))).collect();
    permissions.push("notification:allow-notify".to_owned());
    permissions.push("notification:allow-is-permission-granted".to_owned());
    let value = serde_json::json!({
        "$schema": "../gen/schemas/desktop-schema.json",
        "identifier": "default",
        "description": "Generated from the command table (crates/kabinet-core/src/api/table.rs): the main window may call the app's own commands and show a desktop notification (notify; is_permission_granted, which the notification plugin's start-up script calls), nothing else: no file system, shell, HTTP or other plugin access for the webview.",
        "windows": ["main"],
        "permissions": permissions,
    });
    let mut out = serde_json::to_string_pretty(&value).unwrap_or_default();
    out.push('\n');
    out
}
