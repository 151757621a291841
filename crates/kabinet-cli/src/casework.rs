//! `application`, `debt` and `document issue`: operators' casework before the staff console
//! exists, through the same core calls the console will use ([`kabinet_core::Casework`]). Each
//! change notifies the citizen according to their notification settings.

use std::path::{Path, PathBuf};

use clap::Subcommand;
use kabinet_core::applications::types::{
    ApplicationDetail, ApplicationStatus, DebtKind, DebtList, NewDebt, StatusUpdate,
};
use kabinet_core::documents::DocumentInput;
use kabinet_core::staff::desk::{CitizenRef, IssueDocument, ReceiptDecision};
use kabinet_core::{ApiError, ErrorCode, Locale};

use crate::documents::{bad_input, parse_kind, read_json};
use crate::with_kabinet;

/// The casework subcommands, flattened into the CLI's own.
#[derive(Subcommand)]
pub enum Command {
    /// A citizen's applications: list, show, status.
    Application {
        #[command(subcommand)]
        command: ApplicationCommand,
    },
    /// A citizen's debts: add, list, confirm.
    Debt {
        #[command(subcommand)]
        command: DebtCommand,
    },
    /// Issues a document to a citizen («Мои документы») from JSON input.
    Issue {
        /// «Номер личного кабинета».
        #[arg(long)]
        account: String,
        /// Document kind, e.g. registration-certificate.
        #[arg(long)]
        kind: String,
        /// The JSON input of the kind (as for `render`).
        #[arg(long)]
        input: PathBuf,
    },
}

/// `application …`.
#[derive(Subcommand)]
pub enum ApplicationCommand {
    /// The applications of an account, newest first.
    List {
        /// «Номер личного кабинета».
        #[arg(long)]
        account: String,
    },
    /// Moves an application to a new status.
    Status {
        /// «Номер заявления», e.g. 2026-000123.
        #[arg(long)]
        number: String,
        /// in_review, documents_required, completed or refused.
        #[arg(long)]
        status: String,
        /// A comment for the citizen (required for documents_required and refused).
        #[arg(long)]
        comment: Option<String>,
    },
}

/// `debt …`.
#[derive(Subcommand)]
pub enum DebtCommand {
    /// Adds an open debt.
    Add {
        /// «Номер личного кабинета».
        #[arg(long)]
        account: String,
        /// tax, fine, state_fee or utility.
        #[arg(long)]
        kind: String,
        /// The agency owed.
        #[arg(long)]
        agency: String,
        /// What it is for.
        #[arg(long)]
        purpose: String,
        /// Roubles, e.g. 1500,50.
        #[arg(long)]
        amount: String,
        /// ДД.ММ.ГГГГ.
        #[arg(long)]
        due: String,
    },
    /// The debts of an account.
    List {
        /// «Номер личного кабинета».
        #[arg(long)]
        account: String,
    },
    /// Confirms a payment.
    Confirm {
        /// The debt's number.
        #[arg(long)]
        id: i64,
    },
}

/// Runs a casework command.
pub fn run(command: &Command, data_dir: Option<&Path>, json: bool, locale: Locale) -> Result<(), ApiError> {
    with_kabinet(data_dir, locale, async |kabinet| {
        let caller = crate::machine();
        let client = kabinet.client(&caller);
        let desk = client.desk();
        let of = |account: &String| CitizenRef { account_number: account.clone() };
        match command {
            Command::Application { command: ApplicationCommand::List { account } } => {
                let list = desk.applications(of(account)).await?;
                print(&list, json, || {
                    list.iter()
                        .map(|a| format!("{}  {:<22} {}", a.number, a.status_label, a.service_name))
                        .collect::<Vec<_>>()
                        .join("\n")
                });
            }
            Command::Application { command: ApplicationCommand::Status { number, status, comment } } => {
                let status = parse::<ApplicationStatus>(status, locale)?;
                let update = StatusUpdate { number: number.clone(), status, comment: comment.clone() };
                let detail = desk.set_application_status(update).await?;
                print(&detail, json, || summary(&detail));
            }
            Command::Debt { command: DebtCommand::Add { account, kind, agency, purpose, amount, due } } => {
                let debt = NewDebt {
                    account_number: account.clone(),
                    kind: parse::<DebtKind>(kind, locale)?,
                    agency: agency.clone(),
                    purpose: purpose.clone(),
                    amount: amount.clone(),
                    due_date: due.clone(),
                };
                let added = desk.add_debt(debt).await?;
                print(&added, json, || format!("{}  {}  {}", added.id, added.amount_text, added.due_date));
            }
            Command::Debt { command: DebtCommand::List { account } } => {
                let list = desk.debts(of(account)).await?;
                print(&list, json, || debts(&list));
            }
            Command::Debt { command: DebtCommand::Confirm { id } } => {
                let paid =
                    desk.decide_receipt(ReceiptDecision { id: *id, accept: true, comment: None }).await?;
                print(&paid, json, || format!("{}  {}", paid.id, paid.amount_text));
            }
            Command::Issue { account, kind, input } => {
                let kind = parse_kind(kind, locale)?;
                let document = DocumentInput::from_json(kind, read_json(input, locale)?)
                    .map_err(|e| bad_input(&e, locale))?;
                let request = IssueDocument { account_number: account.clone(), input: document };
                let issued = desk.issue_document(request).await?;
                let view = serde_json::json!({ "number": issued.number, "title": issued.title });
                print(&view, json, || issued.title.clone());
            }
        }
        Ok(())
    })
}

fn print<T: serde::Serialize>(value: &T, json: bool, text: impl FnOnce() -> String) {
    if json {
        println!("{}", serde_json::to_string(value).unwrap_or_default());
    } else {
        println!("{}", text());
    }
}

fn summary(detail: &ApplicationDetail) -> String {
    format!("{}  {}  {}", detail.summary.number, detail.summary.status_label, detail.summary.service_name)
}

fn debts(list: &DebtList) -> String {
    let mut lines: Vec<String> = list
        .debts
        .iter()
        .map(|d| {
            format!("{:>4}  {:<20} {:>14}  {}  {}", d.id, d.kind_label, d.amount_text, d.due_date, d.agency)
        })
        .collect();
    lines.push(format!("= {}", list.open_total_text));
    lines.join("\n")
}

fn parse<T: serde::de::DeserializeOwned>(text: &str, locale: Locale) -> Result<T, ApiError> {
    serde_json::from_value(serde_json::Value::String(text.trim().replace('-', "_"))).map_err(|_| {
        ApiError::with_message(
            ErrorCode::Validation,
            format!("{} «{text}»", locale.pick("Неизвестное значение", "Unknown value")),
        )
    })
}
