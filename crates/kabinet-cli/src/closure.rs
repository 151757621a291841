//! `jobs run` (the scheduler, for kiosks and cron) and `closure queue | decide | restore`: the
//! operator's side of closure before the staff console exists, through the same core calls.

use std::path::Path;

use clap::Subcommand;
use kabinet_core::closure::types::{ClosureDecision, RestorationDecision};
use kabinet_core::{ApiError, Locale};

use crate::with_kabinet;

/// The closure subcommands, flattened into the CLI's own.
#[derive(Subcommand)]
pub enum Command {
    /// Scheduled work: closes clean requests whose 24 hours are over, purges what is due.
    Jobs {
        #[command(subcommand)]
        command: JobsCommand,
    },
    /// The operator's closure work: queue, decide, restore.
    Closure {
        #[command(subcommand)]
        command: ClosureCommand,
    },
}

/// `jobs …`.
#[derive(Subcommand)]
pub enum JobsCommand {
    /// Runs everything due now, once.
    Run,
}

/// `closure …`.
#[derive(Subcommand)]
pub enum ClosureCommand {
    /// Flagged closure requests and restoration requests (`{"closures": […], "restorations": […]}`),
    /// each earliest deadline first.
    Queue,
    /// Approves (closes the account) or rejects a flagged request.
    Decide {
        /// «Номер заявления о закрытии», e.g. ЗК-2026-000001.
        #[arg(long)]
        number: String,
        /// approve or reject.
        #[arg(long)]
        decision: String,
        /// The reason (required to reject).
        #[arg(long)]
        comment: Option<String>,
    },
    /// Restores a staff-closed account on the citizen's request after comparing the passport
    /// presented, or rejects the request (`--reject --comment …`).
    Restore {
        /// «Номер личного кабинета».
        #[arg(long)]
        account: String,
        /// The passport series and number presented (required to restore).
        #[arg(long)]
        passport: Option<String>,
        /// Rejects the request instead.
        #[arg(long)]
        reject: bool,
        /// The reason (required to reject).
        #[arg(long)]
        comment: Option<String>,
    },
}

/// Runs a closure command.
pub fn run(command: &Command, data_dir: Option<&Path>, json: bool, locale: Locale) -> Result<(), ApiError> {
    with_kabinet(data_dir, locale, async |kabinet| {
        let caller = crate::machine();
        let client = kabinet.client(&caller);
        let desk = client.queue();
        let value = match command {
            Command::Jobs { command: JobsCommand::Run } => serde_json::to_value(kabinet.run_jobs().await?),
            Command::Closure { command: ClosureCommand::Queue } => {
                let closures = desk.closures().await?;
                let restorations = desk.restorations().await?;
                Ok(serde_json::json!({ "closures": closures, "restorations": restorations }))
            }
            Command::Closure { command: ClosureCommand::Decide { number, decision, comment } } => {
                let approve = decision.trim() == "approve";
                let decision = ClosureDecision { number: number.clone(), approve, comment: comment.clone() };
                serde_json::to_value(desk.decide(decision).await?)
            }
            Command::Closure { command: ClosureCommand::Restore { account, passport, reject, comment } } => {
                let decision = RestorationDecision {
                    account_number: account.clone(),
                    approve: !reject,
                    passport_number: passport.clone(),
                    comment: comment.clone(),
                };
                serde_json::to_value(desk.restore(decision).await?)
            }
        };
        let value = value.map_err(|e| ApiError::internal(e, locale))?;
        if json {
            println!("{value}");
        } else {
            println!("{}", serde_json::to_string_pretty(&value).unwrap_or_default());
        }
        Ok(())
    })
}
