//! `kabinet-cli`: the same core as the app, for staff, admins, demo desks and scripts.
//!
//! Every command prints JSON with `--json` (one object per line where it prints several) and a
//! short human text otherwise. A failure prints the core's error and exits non-zero.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use kabinet_core::checks::{self, CheckKind};
use kabinet_core::{ApiError, Clock, Config, Kabinet, Locale};

mod calendar;
mod casework;
mod closure;
mod documents;
mod forced;
mod notifications;
mod purge;
mod staff;

#[derive(Parser)]
#[command(name = "kabinet-cli", version, about = "Кабинет: команды для сотрудников и администраторов")]
struct Cli {
    /// The data directory (default: KABINET_DATA_DIR, else the OS app-data directory).
    #[arg(long, global = true)]
    data_dir: Option<PathBuf>,
    /// A PostgreSQL database to use instead of the data directory's encrypted file, as
    /// postgres://user@host:port/database (default: KABINET_DATABASE_URL); migrated first.
    #[arg(long, global = true)]
    database_url: Option<String>,
    /// Print machine-readable JSON.
    #[arg(long, global = true)]
    json: bool,
    /// Language of messages: ru or en.
    #[arg(long, global = true, default_value = "ru")]
    lang: String,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Checks values against the official formats, one JSON object per value.
    Check {
        /// snils, inn, passport, division-code, phone, email, name, birth-date or password.
        kind: String,
        /// The values, in order.
        values: Vec<String>,
    },
    /// The delivery outbox.
    Outbox {
        #[command(subcommand)]
        command: OutboxCommand,
    },
    /// Prints the TypeScript contract generated from the core's types.
    Contract,
    /// Working days by the production calendar: deadline.
    Calendar {
        #[command(subcommand)]
        command: calendar::Command,
    },
    /// Closure: jobs run, closure (queue, decide, restore).
    #[command(flatten)]
    Closure(closure::Command),
    /// Forced closure and blocks: forced (close, violation, clear, list), block, unblock.
    #[command(flatten)]
    Forced(forced::Command),
    /// Casework: application (list, status), debt (add, list, confirm), issue.
    #[command(flatten)]
    Casework(casework::Command),
    /// Documents: render, render-batch, verify.
    #[command(flatten)]
    Documents(documents::Command),
    /// Notifications: transport (load, show, test), notify.
    #[command(flatten)]
    Notifications(notifications::Command),
    /// Staff mode: staff (add, list, disable), audit (verify).
    #[command(flatten)]
    Staff(staff::Command),
    /// The purge at day 90: purge run.
    #[command(flatten)]
    Purge(purge::Command),
}

#[derive(Subcommand)]
enum OutboxCommand {
    /// Prints the latest message for a phone or e-mail.
    Last {
        /// Phone or e-mail, as typed.
        #[arg(long)]
        to: String,
    },
    /// Runs the delivery worker once: every due message (with retries and back-off), then the
    /// purge of messages deleted 30 days ago.
    Deliver,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(url) = cli.database_url.clone().filter(|url| !url.trim().is_empty()) {
        let _ = DATABASE_URL.set(url);
    }
    install_log(&cli);
    let locale = if cli.lang == "en" { Locale::En } else { Locale::Ru };
    let outcome = match &cli.command {
        Command::Check { kind, values } => check(kind, values, locale),
        Command::Contract => {
            print!("{}", kabinet_core::api::generate::contract_ts());
            Ok(())
        }
        Command::Outbox { command } => with_kabinet(cli.data_dir.as_deref(), locale, async |kabinet| {
            outbox(kabinet, command, cli.json).await
        }),
        Command::Calendar { command } => calendar::run(command, cli.json, locale),
        Command::Closure(command) => closure::run(command, cli.data_dir.as_deref(), cli.json, locale),
        Command::Casework(command) => casework::run(command, cli.data_dir.as_deref(), cli.json, locale),
        Command::Forced(command) => forced::run(command, cli.data_dir.as_deref(), cli.json, locale),
        Command::Documents(command) => {
            return documents::run(command, cli.data_dir.as_deref(), cli.json, locale);
        }
        Command::Notifications(command) => {
            notifications::run(command, cli.data_dir.as_deref(), cli.json, locale)
        }
        Command::Staff(command) => staff::run(command, cli.data_dir.as_deref(), cli.json, locale),
        Command::Purge(command) => purge::run(command, cli.data_dir.as_deref(), cli.json, locale),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            report(&error, cli.json);
            ExitCode::FAILURE
        }
    }
}

/// The log in the data directory's `logs/`, as the app writes it (see `kabinet_core::support`):
/// Кабинет's own events only, plain text, nothing created until the first event.
fn install_log(cli: &Cli) {
    use tracing_subscriber::prelude::*;
    let data_dir = config(cli.data_dir.as_deref(), Locale::Ru).data_dir;
    let targets = tracing_subscriber::filter::Targets::new().with_targets(
        kabinet_core::support::LOG_TARGETS.iter().map(|target| (*target, tracing::Level::INFO)),
    );
    let file = tracing_subscriber::fmt::layer()
        .with_ansi(false)
        .with_writer(std::sync::Mutex::new(kabinet_core::support::LogFile::new(&data_dir)));
    let _ = tracing_subscriber::registry().with(file.with_filter(targets)).try_init();
}

fn check(kind: &str, values: &[String], locale: Locale) -> Result<(), ApiError> {
    let kind: CheckKind = serde_json::from_value(serde_json::Value::String(kind.to_owned())).map_err(|_| {
        ApiError::with_message(
            kabinet_core::ErrorCode::Validation,
            locale.pick(
                "Неизвестный вид проверки: snils, inn, passport, division-code, phone, email, name, birth-date, password",
                "Unknown check: snils, inn, passport, division-code, phone, email, name, birth-date, password",
            ),
        )
    })?;
    let today = Clock::system().today();
    for value in values {
        let result = checks::check(kind, value, locale, today);
        println!("{}", serde_json::to_string(&result).unwrap_or_default());
    }
    Ok(())
}

/// `--database-url`, set once in `main` before any command runs.
static DATABASE_URL: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Where the CLI finds the data: `--data-dir`, else `KABINET_DATA_DIR`, else the OS app-data
/// directory (the core's rule, the same folder the app opens); the database there, or the
/// PostgreSQL database of `--database-url`, else of `KABINET_DATABASE_URL`; messages in `locale`.
fn config(data_dir: Option<&Path>, locale: Locale) -> Config {
    let mut config = Config::from_env();
    if let Some(dir) = data_dir {
        config.data_dir = dir.to_path_buf();
    }
    if let Some(url) = DATABASE_URL.get() {
        config.database_url = Some(url.clone());
    }
    config.locale = locale;
    config
}

/// The one way every command of the CLI opens the core: the [`config`] of `data_dir`, a
/// single-threaded runtime, the Кабинет opened, `work` done, and the Кабинет closed again
/// whatever `work` answered. The CLI acts as the machine's administrator and the operators'
/// desk (`Kabinet::admin`, `Kabinet::casework`), so it holds no citizen's session.
/// The OS user running the CLI: how the audit log names its actions (`cli:<user>`). `$USER`,
/// `$LOGNAME` or `$USERNAME` when set; on Unix otherwise the name of the process's user id in
/// `/etc/passwd` (services and containers often run without those variables); else `uid:<n>`.
pub(crate) fn os_user() -> String {
    let from_env = ["USER", "LOGNAME", "USERNAME"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|user| !user.trim().is_empty());
    if let Some(user) = from_env {
        return user;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let Ok(uid) = std::fs::metadata("/proc/self").map(|m| m.uid()) {
            let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
            let name = passwd.lines().find_map(|line| {
                let mut fields = line.split(':');
                let name = fields.next()?;
                let id = fields.nth(1)?;
                (id.parse::<u32>().ok()? == uid).then(|| name.to_owned())
            });
            return name.unwrap_or_else(|| format!("uid:{uid}"));
        }
    }
    "unknown".to_owned()
}

/// The caller the CLI is: the machine's administrator, as OS user [`os_user`].
pub(crate) fn machine() -> kabinet_core::Caller {
    kabinet_core::Caller::machine(&os_user())
}

pub(crate) fn with_kabinet<T>(
    data_dir: Option<&Path>,
    locale: Locale,
    work: impl AsyncFnOnce(&Kabinet) -> Result<T, ApiError>,
) -> Result<T, ApiError> {
    let config = config(data_dir, locale);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| ApiError::internal(e, locale))?;
    runtime.block_on(async {
        let kabinet = Kabinet::open(config).await?;
        let outcome = work(&kabinet).await;
        kabinet.close().await;
        outcome
    })
}

async fn outbox(kabinet: &Kabinet, command: &OutboxCommand, json: bool) -> Result<(), ApiError> {
    match command {
        OutboxCommand::Last { to } => {
            let message = kabinet.outbox().last_for(to).await?;
            match (message, json) {
                (Some(message), true) => println!("{}", serde_json::to_string(&message).unwrap_or_default()),
                (Some(message), false) => {
                    println!(
                        "{} → {} ({})\n{}",
                        message.created_at,
                        message.destination,
                        message.channel_name(),
                        message.body
                    )
                }
                (None, true) => println!("null"),
                (None, false) => println!("{}", kabinet.locale().pick("Сообщений нет", "No messages")),
            }
            Ok(())
        }
        OutboxCommand::Deliver => {
            let delivered = kabinet.outbox().deliver_due().await?;
            if json {
                println!("{}", serde_json::json!({ "delivered": delivered }));
            } else {
                println!("{delivered}");
            }
            Ok(())
        }
    }
}

fn report(error: &ApiError, json: bool) {
    if json {
        eprintln!("{}", serde_json::to_string(error).unwrap_or_default());
    } else {
        eprintln!("{error}");
    }
}
