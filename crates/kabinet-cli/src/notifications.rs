//! `transport` and `notify`: delivery administration and system messages from the command line.
//!
//! `transport load FILE.toml` reads the e-mail and SMS transports (format in
//! `kabinet_core::delivery::config`), moving any password or token into the OS keyring;
//! `transport show` prints them without secrets; `transport test --channel sms --to …` is
//! «Отправить тест». Each goes through `Kabinet::admin` and is recorded in the staff audit log
//! as «cli». `notify` writes a message to a citizen (as the system would) and delivers what is
//! due. `outbox deliver` (in main) runs the delivery worker once.

use std::path::{Path, PathBuf};

use clap::Subcommand;
use kabinet_core::notifications::types::{EventType, NewNotification, TransportSettingsView};
use kabinet_core::outbox::Channel;
use kabinet_core::{ApiError, ErrorCode, Kabinet, Locale};

use crate::with_kabinet;

/// The notification subcommands, flattened into the CLI's own.
#[derive(Subcommand)]
pub enum Command {
    /// Delivery transports: load, show, test.
    Transport {
        #[command(subcommand)]
        command: TransportCommand,
    },
    /// Sends a notification to a citizen as the system would (inbox + channels per settings).
    Notify {
        /// «Номер личного кабинета», with or without dashes.
        #[arg(long)]
        account: String,
        /// Event type, e.g. application_result_ready, payment_due, service_news, security.
        #[arg(long)]
        event: String,
        /// Service code from the catalogue, e.g. passport_foreign.
        #[arg(long)]
        service: Option<String>,
        /// Title (e-mail subject).
        #[arg(long)]
        title: String,
        /// Text.
        #[arg(long)]
        text: String,
    },
}

/// `transport …`.
#[derive(Subcommand)]
pub enum TransportCommand {
    /// Loads the transports from a TOML file; secrets go to the OS keyring.
    Load {
        /// The TOML file.
        file: PathBuf,
    },
    /// Prints the transports (no secrets).
    Show,
    /// «Отправить тест»: one message through the channel's transport now.
    Test {
        /// email or sms.
        #[arg(long)]
        channel: String,
        /// Phone or e-mail.
        #[arg(long)]
        to: String,
    },
}

/// Runs a notification command.
pub fn run(command: &Command, data_dir: Option<&Path>, json: bool, locale: Locale) -> Result<(), ApiError> {
    with_kabinet(data_dir, locale, async |kabinet| execute(kabinet, command, json).await)
}

async fn execute(kabinet: &Kabinet, command: &Command, json: bool) -> Result<(), ApiError> {
    let n = kabinet.notifications();
    let user = crate::os_user();
    let admin = kabinet.admin(&user);
    let locale = kabinet.locale();
    match command {
        Command::Transport { command: TransportCommand::Load { file } } => {
            let text = std::fs::read_to_string(file).map_err(|e| {
                ApiError::with_message(
                    ErrorCode::Validation,
                    format!("{} {}: {e}", locale.pick("Не удалось прочитать", "Cannot read"), file.display()),
                )
            })?;
            print_transports(&admin.load_transport_file(&text).await?, json, locale);
        }
        Command::Transport { command: TransportCommand::Show } => {
            print_transports(&admin.transports().await?, json, locale);
        }
        Command::Transport { command: TransportCommand::Test { channel, to } } => {
            let channel = match channel.as_str() {
                "email" | "e-mail" => Channel::Email,
                "sms" => Channel::Sms,
                _ => Channel::Desktop, // refused by the core with the field's reason
            };
            let result = admin.send_test(channel, to).await?;
            if json {
                println!("{}", serde_json::to_string(&result).unwrap_or_default());
            } else if result.ok {
                println!(
                    "{} ({}) → {}",
                    locale.pick("Отправлено", "Sent"),
                    result.transport,
                    result.destination
                );
            } else {
                println!(
                    "{} ({}): {}",
                    locale.pick("Не отправлено", "Not sent"),
                    result.transport,
                    result.error.unwrap_or_default()
                );
            }
            if !result.ok {
                return Err(ApiError::with_message(
                    ErrorCode::Internal,
                    locale.pick("Тестовое сообщение не доставлено", "The test message was not delivered"),
                ));
            }
        }
        Command::Notify { account, event, service, title, text } => {
            let event: EventType =
                serde_json::from_value(serde_json::Value::String(event.clone())).map_err(|_| {
                    ApiError::with_message(
                        ErrorCode::Validation,
                        locale.pick("Неизвестный тип события", "Unknown event type"),
                    )
                })?;
            let message = NewNotification {
                account_number: account.clone(),
                event,
                service: service.clone(),
                title: title.clone(),
                body: text.clone(),
            };
            let published = n.publish(message).await?;
            if json {
                println!("{}", serde_json::to_string(&published).unwrap_or_default());
            } else {
                for delivery in &published.deliveries {
                    println!("{:<10} {}", format!("{:?}", delivery.channel).to_lowercase(), delivery.summary);
                }
            }
        }
    }
    Ok(())
}

fn print_transports(view: &TransportSettingsView, json: bool, locale: Locale) {
    if json {
        println!("{}", serde_json::to_string(view).unwrap_or_default());
        return;
    }
    let settings = serde_json::to_string_pretty(&view.settings).unwrap_or_default();
    println!("{settings}");
    let yes_no = |b: bool| if b { locale.pick("да", "yes") } else { locale.pick("нет", "no") };
    println!(
        "{}: {}",
        locale.pick("Пароль SMTP в хранилище ключей", "SMTP password in the keyring"),
        yes_no(view.smtp_password_set)
    );
    println!(
        "{}: {}",
        locale.pick("Токен SMS-шлюза в хранилище ключей", "SMS gateway token in the keyring"),
        yes_no(view.sms_token_set)
    );
    if view.demo {
        println!(
            "{}",
            locale.pick(
                "Демонстрационная доставка: сообщения остаются на этом компьютере",
                "Demo delivery: messages stay on this machine"
            )
        );
    }
}
