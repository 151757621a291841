//! `kabinet-cli calendar deadline` as an operator or a script runs it: the deadline across the
//! January holidays of 2026 (Постановление № 1466), a request on a day off, a year without a
//! calendar file, JSON output, and a refused date.

use std::process::{Command, Output};

use serde_json::Value;

fn cli(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kabinet-cli")).args(args).output().unwrap()
}

fn stdout(output: &Output) -> String {
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout.clone()).unwrap()
}

#[test]
fn deadline_across_the_new_year_holidays() {
    let text = stdout(&cli(&["calendar", "deadline", "--from", "2025-12-29", "--days", "2"]));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "Срок: 12.01.2026, до конца дня");
    assert_eq!(lines[1], "Подано: 29.12.2025, рабочих дней: 2");
    assert!(lines[2].starts_with(
        "Календарь на 2025 год: официальный, Постановление Правительства РФ от 04.10.2024 № 1335"
    ));
    assert!(lines[3].starts_with(
        "Календарь на 2026 год: официальный, Постановление Правительства РФ от 24.09.2025 № 1466"
    ));
    assert_eq!(lines.len(), 4);
}

#[test]
fn a_day_off_counts_from_the_next_working_day() {
    let text = stdout(&cli(&["calendar", "deadline", "--from", "2025-12-31", "--days", "10"]));
    assert!(text.starts_with("Срок: 26.01.2026, до конца дня\n"), "{text}");
    assert!(text.contains("Подано в нерабочий день: считается поданным 12.01.2026\n"), "{text}");
}

#[test]
fn a_year_without_a_calendar_says_so() {
    let text = stdout(&cli(&["calendar", "deadline", "--from", "2031-03-06", "--days", "5"]));
    // Thu 06.03.2031: Fri 07.03 is 1; Sat 08.03 is a holiday and a weekend; 10–13.03 are 2–5.
    assert!(text.starts_with("Срок: 13.03.2031, до конца дня\n"), "{text}");
    assert!(
        text.contains("Календарь на 2031 год не загружен: учтены только выходные и праздники\n"),
        "{text}"
    );
    let english =
        stdout(&cli(&["--lang", "en", "calendar", "deadline", "--from", "2031-03-06", "--days", "5"]));
    assert!(english.starts_with("Deadline: 2031-03-13, end of day\n"), "{english}");
    assert!(english.contains("The calendar for 2031 is not loaded: only weekends and holidays are counted"));
}

#[test]
fn json_carries_the_dates_and_every_years_status() {
    let text = stdout(&cli(&["--json", "calendar", "deadline", "--from", "2027-12-30", "--days", "5"]));
    let value: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["submitted_on"], "2027-12-30");
    assert_eq!(value["registered_on"], "2027-12-30");
    assert_eq!(value["due_on"], "2028-01-14");
    assert_eq!(value["working_days"], 5);
    assert_eq!(value["official"], false);
    assert_eq!(value["calendars"][0]["status"], "official");
    assert!(value["calendars"][0]["source"].as_str().unwrap().contains("№ 1187"));
    assert_eq!(value["calendars"][1]["status"], "provisional");
    assert_eq!(
        value["notices"][0],
        "Календарь на 2028 год предварительный: переносы выходных дней ещё не утверждены"
    );
}

#[test]
fn a_malformed_date_is_refused() {
    let output = cli(&["calendar", "deadline", "--from", "31.12.2025", "--days", "2"]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("--from: нужна дата ГГГГ-ММ-ДД"));
    let json = cli(&["--json", "calendar", "deadline", "--from", "2025-02-30", "--days", "2"]);
    assert!(!json.status.success());
    let error: Value = serde_json::from_slice(&json.stderr).unwrap();
    assert_eq!(error["code"], "validation");
}
