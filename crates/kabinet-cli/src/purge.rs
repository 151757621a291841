//! `purge run`: destroys the personal data of every closed account whose 90 days are over, once,
//! as the closure scheduler does (`jobs run` includes it); prints how many accounts were purged.

use std::path::Path;

use clap::Subcommand;
use kabinet_core::{ApiError, Locale};

use crate::with_kabinet;

/// The purge subcommands, flattened into the CLI's own.
#[derive(Subcommand)]
pub enum Command {
    /// The purge at day 90 of closed accounts.
    Purge {
        #[command(subcommand)]
        command: PurgeCommand,
    },
}

/// `purge …`.
#[derive(Subcommand)]
pub enum PurgeCommand {
    /// Purges every account due now: tombstone, «Сертификат об удалении», no personal data left.
    Run,
}

/// Runs a purge command.
pub fn run(command: &Command, data_dir: Option<&Path>, json: bool, locale: Locale) -> Result<(), ApiError> {
    let Command::Purge { command: PurgeCommand::Run } = command;
    with_kabinet(data_dir, locale, async |kabinet| {
        let user = crate::os_user();
        let purged = kabinet.purge_due_as(kabinet_core::staff::audit::Actor::Cli(&user)).await?;
        if json {
            println!("{}", serde_json::json!({ "purged": purged }));
        } else {
            println!("{}: {purged}", locale.pick("Удалено кабинетов", "Accounts purged"));
        }
        Ok(())
    })
}
