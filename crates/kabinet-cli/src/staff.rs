//! `staff` and `audit`: staff accounts and the check of the audit log, for the machine's
//! administrator (whoever can open the data with the key in this OS account's keyring).
//!
//! `staff add --login L --name "Фамилия Имя Отчество" --role supervisor` reads the password from
//! standard input (one line) or, at a terminal, asks for it twice without echo; it prints the
//! authenticator secret once, as an `otpauth://` URI and as Base32. `staff list`, `staff disable
//! --login L`. `audit verify [--head SEQ:HASH]` walks the hash chain and exits non-zero when a
//! row was changed or deleted (or, with `--head`, when rows after a head written down earlier
//! were cut off). Every change is recorded in the audit log as «cli».

use std::io::{BufRead, IsTerminal};
use std::path::Path;

use clap::Subcommand;
use kabinet_core::staff::types::{AuditBreak, AuditVerification, NewStaff, StaffInfo};
use kabinet_core::{ApiError, ErrorCode, Kabinet, Locale};

use crate::with_kabinet;

/// The staff subcommands, flattened into the CLI's own.
#[derive(Subcommand)]
pub enum Command {
    /// Staff accounts: add, list, disable.
    Staff {
        #[command(subcommand)]
        command: StaffCommand,
    },
    /// The staff audit log: verify.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
}

/// `staff …`.
#[derive(Subcommand)]
pub enum StaffCommand {
    /// Creates a staff account; the password comes from stdin or a prompt.
    Add {
        /// Login: 3–32 Latin letters, digits, . _ -, starting with a letter.
        #[arg(long)]
        login: String,
        /// ФИО in one line.
        #[arg(long)]
        name: String,
        /// operator or supervisor.
        #[arg(long)]
        role: String,
    },
    /// Lists staff accounts.
    List,
    /// Disables a staff account and ends its sessions.
    Disable {
        /// The login.
        #[arg(long)]
        login: String,
    },
}

/// `audit …`.
#[derive(Subcommand)]
pub enum AuditCommand {
    /// A page of the audit log, newest first (as «Журнал действий» shows it).
    List {
        /// A staff login, `cli:<user>` or `system`.
        #[arg(long)]
        login: Option<String>,
        /// An action code, e.g. closure_decided.
        #[arg(long)]
        action: Option<String>,
        /// Whom: an account number or a login.
        #[arg(long)]
        target: Option<String>,
        /// The page, from 1.
        #[arg(long, default_value_t = 1)]
        page: u32,
    },
    /// Checks the hash chain of the audit log.
    Verify {
        /// A head written down earlier, `SEQ:HASH`: the row must still be there unchanged.
        #[arg(long)]
        head: Option<String>,
    },
}

/// Runs a staff or audit command.
pub fn run(command: &Command, data_dir: Option<&Path>, json: bool, locale: Locale) -> Result<(), ApiError> {
    let password = match command {
        Command::Staff { command: StaffCommand::Add { .. } } => Some(read_password(locale)?),
        _ => None,
    };
    with_kabinet(data_dir, locale, async |kabinet| execute(kabinet, command, password, json).await)
}

async fn execute(
    kabinet: &Kabinet,
    command: &Command,
    password: Option<String>,
    json: bool,
) -> Result<(), ApiError> {
    let user = crate::os_user();
    let admin = kabinet.admin(&user);
    let caller = crate::machine();
    let client = kabinet.client(&caller);
    let team = client.team();
    let locale = kabinet.locale();
    match command {
        Command::Staff { command: StaffCommand::Add { login, name, role } } => {
            let new = NewStaff {
                login: login.clone(),
                full_name: name.clone(),
                role: role.clone(),
                password: password.unwrap_or_default().into(),
            };
            let created = team.add(new).await?;
            if json {
                println!("{}", serde_json::to_string(&created).unwrap_or_default());
            } else {
                println!(
                    "{} {} ({})\n{}\n  {}\n  {}",
                    locale.pick("Создан сотрудник", "Staff member created:"),
                    created.login,
                    created.role.as_str(),
                    locale.pick(
                        "Секрет для приложения-аутентификатора (показывается один раз):",
                        "Authenticator secret (shown once):"
                    ),
                    created.otpauth_uri.as_str(),
                    created.secret.as_str()
                );
            }
        }
        Command::Staff { command: StaffCommand::List } => {
            for info in team.list().await? {
                print_info(&info, json, locale);
            }
        }
        Command::Staff { command: StaffCommand::Disable { login } } => {
            print_info(
                &team.disable(kabinet_core::staff::types::StaffLogin { login: login.clone() }).await?,
                json,
                locale,
            );
        }
        Command::Audit { command: AuditCommand::List { login, action, target, page } } => {
            let query = kabinet_core::staff::types::AuditQuery {
                page: *page,
                login: login.clone(),
                action: action.clone(),
                target: target.clone(),
                from: None,
                to: None,
            };
            let listed = client.audit().page(query).await?;
            if json {
                println!("{}", serde_json::to_string(&listed).unwrap_or_default());
            } else {
                for row in &listed.rows {
                    println!(
                        "{:>6}  {}  {:<20} {:<24} {}  {}",
                        row.seq, row.at, row.who, row.action, row.target, row.details
                    );
                }
                println!("{} {}/{}", locale.pick("страница", "page"), listed.page, listed.pages);
            }
        }
        Command::Audit { command: AuditCommand::Verify { head } } => {
            let head = head.as_deref().map(|text| parse_head(text, locale)).transpose()?;
            let verification = admin.verify_audit(head).await?;
            print_verification(&verification, json, locale);
            if !verification.ok {
                return Err(ApiError::with_message(
                    ErrorCode::Internal,
                    locale.pick("Журнал аудита повреждён", "The audit log is damaged"),
                ));
            }
        }
    }
    Ok(())
}

fn read_password(locale: Locale) -> Result<String, ApiError> {
    let failed = |e: std::io::Error| ApiError::internal(e, locale);
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password(locale.pick("Пароль сотрудника: ", "Staff password: "))
            .map_err(failed)?;
        let again = rpassword::prompt_password(locale.pick("Пароль ещё раз: ", "Password again: "))
            .map_err(failed)?;
        if first != again {
            return Err(ApiError::with_message(
                ErrorCode::Validation,
                locale.pick("Пароли не совпадают", "The passwords do not match"),
            ));
        }
        return Ok(first);
    }
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line).map_err(failed)?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

fn parse_head(text: &str, locale: Locale) -> Result<(u64, &str), ApiError> {
    text.split_once(':')
        .and_then(|(seq, hash)| Some((seq.trim().parse().ok()?, hash.trim())))
        .filter(|(_, hash)| hash.len() == 64 && hash.chars().all(|c| c.is_ascii_hexdigit()))
        .ok_or_else(|| {
            ApiError::with_message(
                ErrorCode::Validation,
                locale.pick(
                    "--head: укажите НОМЕР:ХЕШ (64 шестнадцатеричных знака)",
                    "--head: give SEQ:HASH (64 hex digits)",
                ),
            )
        })
}

fn print_info(info: &StaffInfo, json: bool, locale: Locale) {
    if json {
        println!("{}", serde_json::to_string(info).unwrap_or_default());
        return;
    }
    let state = match (&info.disabled_at, &info.locked_until) {
        (Some(at), _) => format!("{} {at}", locale.pick("отключён", "disabled")),
        (None, Some(until)) => format!("{} {until}", locale.pick("заблокирован до", "locked until")),
        (None, None) => locale.pick("активен", "active").to_owned(),
    };
    println!("{:<20} {:<11} {:<32} {state}", info.login, info.role.as_str(), info.full_name);
}

fn print_verification(v: &AuditVerification, json: bool, locale: Locale) {
    if json {
        println!("{}", serde_json::to_string(v).unwrap_or_default());
        return;
    }
    if v.ok {
        println!(
            "{} {}: {}, head {}:{}",
            locale.pick("Журнал аудита цел", "The audit log is intact"),
            locale.pick("записей", "rows"),
            v.rows,
            v.head_seq,
            v.head_hash
        );
        return;
    }
    let reason = match v.reason {
        Some(AuditBreak::Changed) => locale.pick("запись изменена", "the row was changed"),
        Some(AuditBreak::Missing) => locale.pick("перед ней удалена запись", "a row before it was deleted"),
        Some(AuditBreak::Unlinked) => locale.pick("цепочка разорвана", "the chain is broken"),
        Some(AuditBreak::HeadMismatch) => locale.pick(
            "записанной ранее вершины нет или она изменена",
            "the head written down earlier is gone or changed",
        ),
        None => "",
    };
    println!(
        "{} {}: {reason}",
        locale.pick("Журнал аудита повреждён, запись", "The audit log is damaged at row"),
        v.broken_at.unwrap_or_default()
    );
}
