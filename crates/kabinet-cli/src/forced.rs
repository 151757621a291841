//! `forced close | violation | clear | list`, `block`, `unblock`: forced closure and blocks
//! before the staff console exists, through the same core calls ([`kabinet_core::Casework`]).
//! Every change tells the citizen the reason and how to appeal, and is written to the audit log.

use std::path::Path;

use clap::{Args, Subcommand};
use kabinet_core::closure::forced::types::{
    BlockRequest, BlockView, ClearViolation, ForcedCase, ForcedClosureRequest, ForcedOverview,
};
use kabinet_core::documents::ForcedGround;
use kabinet_core::{ApiError, ErrorCode, Locale};

use crate::with_kabinet;

/// The forced-closure subcommands, flattened into the CLI's own.
#[derive(Subcommand)]
pub enum Command {
    /// Forced closure by staff: close, violation, clear, list.
    Forced {
        #[command(subcommand)]
        command: ForcedCommand,
    },
    /// Blocks an account through a day: sessions end, sign-in is refused with the reason.
    Block {
        /// «Номер личного кабинета».
        #[arg(long)]
        account: String,
        /// The reason the citizen is shown.
        #[arg(long)]
        reason: String,
        /// The last day of the block, ДД.ММ.ГГГГ.
        #[arg(long)]
        until: String,
    },
    /// Lifts the block of an account (and clears the violation it belongs to).
    Unblock {
        /// «Номер личного кабинета».
        #[arg(long)]
        account: String,
    },
}

/// `forced …`.
#[derive(Subcommand)]
pub enum ForcedCommand {
    /// Registers a forced closure; every ground but a violation closes the account now.
    Close(CloseArgs),
    /// A violation of the rules: the notice now, a block if not fixed in time, then closure.
    Violation {
        /// «Номер личного кабинета».
        #[arg(long)]
        account: String,
        /// What the violation is.
        #[arg(long)]
        text: String,
        /// Calendar days to fix it (1–30).
        #[arg(long, default_value_t = 10)]
        notice_days: u32,
        /// Calendar days of the block before closure (1–30).
        #[arg(long, default_value_t = 10)]
        block_days: u32,
    },
    /// Clears a violation that was fixed: nothing more happens.
    Clear {
        /// «Номер личного кабинета».
        #[arg(long)]
        account: String,
        /// What was done.
        #[arg(long)]
        comment: String,
    },
    /// Every forced closure, newest first, and the blocks in force.
    List,
}

/// `forced close …`.
#[derive(Args)]
pub struct CloseArgs {
    /// «Номер личного кабинета».
    #[arg(long)]
    pub account: String,
    /// rules-violation, suspicious-activity, court-decision, authority-act or death.
    #[arg(long)]
    pub ground: String,
    /// The number of the court decision or the authority's act.
    #[arg(long)]
    pub number: Option<String>,
    /// Its date (or the death certificate's), ДД.ММ.ГГГГ.
    #[arg(long)]
    pub date: Option<String>,
    /// The court or the authority (or the registry office).
    #[arg(long)]
    pub issuer: Option<String>,
    /// Death: the death certificate's number.
    #[arg(long)]
    pub certificate: Option<String>,
    /// The circumstances (required for a violation or suspicious activity).
    #[arg(long)]
    pub text: Option<String>,
    /// Suspicious activity: the owner's identity and consent were checked.
    #[arg(long)]
    pub identity_checked: bool,
    /// The operator who signs the act, «Фамилия И. О.».
    #[arg(long)]
    pub operator: Option<String>,
    /// The supervisor who signs the act.
    #[arg(long)]
    pub supervisor: Option<String>,
}

/// Runs a forced-closure or block command.
pub fn run(command: &Command, data_dir: Option<&Path>, json: bool, locale: Locale) -> Result<(), ApiError> {
    with_kabinet(data_dir, locale, async |kabinet| {
        let caller = crate::machine();
        let client = kabinet.client(&caller);
        let desk = client.forced();
        match command {
            Command::Forced { command: ForcedCommand::List } => {
                let overview = desk.list().await?;
                print(&overview, json, || overview_text(&overview));
            }
            Command::Forced { command: ForcedCommand::Clear { account, comment } } => {
                let request = ClearViolation { account_number: account.clone(), comment: comment.clone() };
                let case = desk.clear(request).await?;
                print(&case, json, || case_line(&case));
            }
            Command::Forced { command: ForcedCommand::Close(args) } => {
                let case = desk.register(close_request(args, locale)?).await?;
                print(&case, json, || case_line(&case));
            }
            Command::Forced {
                command: ForcedCommand::Violation { account, text, notice_days, block_days },
            } => {
                let request = ForcedClosureRequest {
                    text: Some(text.clone()),
                    notice_days: Some(*notice_days),
                    block_days: Some(*block_days),
                    ..ForcedClosureRequest::new(account.clone(), ForcedGround::RulesViolation)
                };
                let case = desk.register(request).await?;
                print(&case, json, || case_line(&case));
            }
            Command::Block { account, reason, until } => {
                let request = BlockRequest {
                    account_number: account.clone(),
                    reason: reason.clone(),
                    until: until.clone(),
                };
                let block = desk.block(request).await?;
                print(&block, json, || block_line(&block));
            }
            Command::Unblock { account } => {
                let block = desk
                    .unblock(kabinet_core::staff::desk::CitizenRef { account_number: account.clone() })
                    .await?;
                print(&block, json, || block_line(&block));
            }
        }
        Ok(())
    })
}

fn close_request(args: &CloseArgs, locale: Locale) -> Result<ForcedClosureRequest, ApiError> {
    Ok(ForcedClosureRequest {
        decision_number: args.number.clone(),
        decision_date: args.date.clone(),
        issuer: args.issuer.clone(),
        certificate: args.certificate.clone(),
        text: args.text.clone(),
        identity_checked: args.identity_checked,
        operator: args.operator.clone(),
        supervisor: args.supervisor.clone(),
        ..ForcedClosureRequest::new(args.account.clone(), parse_ground(&args.ground, locale)?)
    })
}

fn parse_ground(text: &str, locale: Locale) -> Result<ForcedGround, ApiError> {
    serde_json::from_value(serde_json::Value::String(text.trim().replace('-', "_"))).map_err(|_| {
        ApiError::with_message(
            ErrorCode::Validation,
            format!(
                "{} «{text}»: rules-violation, suspicious-activity, court-decision, authority-act, death",
                locale.pick("Неизвестное основание", "Unknown ground")
            ),
        )
    })
}

fn print<T: serde::Serialize>(value: &T, json: bool, text: impl FnOnce() -> String) {
    if json {
        println!("{}", serde_json::to_string(value).unwrap_or_default());
    } else {
        println!("{}", text());
    }
}

fn case_line(case: &ForcedCase) -> String {
    let mut line =
        format!("{}  {}  {}  {}", case.number, case.account_number, case.ground_label, case.stage_label);
    if let Some(act) = &case.act_number {
        line.push_str(&format!("  {act}"));
    }
    line
}

fn block_line(block: &BlockView) -> String {
    format!("{}  по {}  {}", block.account_number, block.until_day, block.reason)
}

fn overview_text(overview: &ForcedOverview) -> String {
    let mut lines: Vec<String> = overview.cases.iter().map(case_line).collect();
    lines.extend(overview.blocks.iter().map(block_line));
    lines.join("\n")
}
