//! `calendar deadline --from YYYY-MM-DD --days N`: the deadline of N working days for a request
//! submitted on a day, by the production calendar shipped with the app
//! (`kabinet_core::calendar`), with how far each year's calendar on the way can be trusted.
//! It answers an operator's «когда будет готово?» and lets whoever adds next year's calendar
//! file check it against the decree's known dates. No data directory is opened.

use clap::Subcommand;
use kabinet_core::calendar::{CalendarStatus, Deadline, WorkingCalendar, YearStatus};
use kabinet_core::{ApiError, ErrorCode, Locale};
use time::Date;
use time::macros::format_description;

/// `calendar …`.
#[derive(Subcommand)]
pub enum Command {
    /// The deadline of N working days for a request submitted on a day.
    Deadline {
        /// The day of submission, YYYY-MM-DD.
        #[arg(long)]
        from: String,
        /// Working days: 2 when nothing needs checking, 5 standard, 10 with additional checks.
        #[arg(long)]
        days: u32,
    },
}

/// Runs a calendar command.
pub fn run(command: &Command, json: bool, locale: Locale) -> Result<(), ApiError> {
    match command {
        Command::Deadline { from, days } => {
            let submitted = parse_day(from, locale)?;
            let deadline =
                WorkingCalendar::bundled().add_working_days(submitted, *days).ok_or_else(|| {
                    ApiError::with_message(
                        ErrorCode::Validation,
                        locale.pick("Срок выходит за 9999 год", "The deadline falls after the year 9999"),
                    )
                })?;
            if json {
                println!("{}", as_json(&deadline, locale));
            } else {
                print_text(&deadline, locale);
            }
            Ok(())
        }
    }
}

fn parse_day(text: &str, locale: Locale) -> Result<Date, ApiError> {
    Date::parse(text.trim(), format_description!("[year]-[month]-[day]")).map_err(|_| {
        ApiError::with_message(
            ErrorCode::Validation,
            locale.pick("--from: нужна дата ГГГГ-ММ-ДД", "--from: a date YYYY-MM-DD is needed"),
        )
    })
}

fn iso(day: Date) -> String {
    day.format(format_description!("[year]-[month]-[day]")).unwrap_or_default()
}

fn shown(day: Date, locale: Locale) -> String {
    match locale {
        Locale::Ru => kabinet_core::validate::dotted_date(day),
        Locale::En => iso(day),
    }
}

fn as_json(deadline: &Deadline, locale: Locale) -> serde_json::Value {
    serde_json::json!({
        "submitted_on": iso(deadline.submitted_on),
        "registered_on": iso(deadline.registered_on),
        "due_on": iso(deadline.due_on),
        "working_days": deadline.working_days,
        "official": deadline.is_official(),
        "calendars": deadline.calendars,
        "notices": deadline.notices(locale),
    })
}

fn print_text(deadline: &Deadline, locale: Locale) {
    let due = shown(deadline.due_on, locale);
    let submitted = shown(deadline.submitted_on, locale);
    let n = deadline.working_days;
    match locale {
        Locale::Ru => println!("Срок: {due}, до конца дня\nПодано: {submitted}, рабочих дней: {n}"),
        Locale::En => println!("Deadline: {due}, end of day\nSubmitted: {submitted}, working days: {n}"),
    }
    if deadline.registered_on != deadline.submitted_on {
        let registered = shown(deadline.registered_on, locale);
        println!(
            "{}{registered}",
            locale.pick(
                "Подано в нерабочий день: считается поданным ",
                "Submitted on a day off: counts as submitted on "
            )
        );
    }
    for year in &deadline.calendars {
        println!("{}", year_line(year, locale));
    }
}

fn year_line(year: &YearStatus, locale: Locale) -> String {
    match (year.status, &year.source) {
        (CalendarStatus::Official, Some(source)) => match locale {
            Locale::Ru => format!("Календарь на {} год: официальный, {source}", year.year),
            Locale::En => format!("Calendar for {}: official, {source}", year.year),
        },
        _ => year.notice(locale).unwrap_or_default(),
    }
}
