//! The checks a calendar file must pass, one refusal each, on a small valid file for 2031.
#![allow(clippy::unwrap_used)]

use time::macros::date;

use super::*;

const HOLIDAYS_2031: &str = r#"
  { date = 2031-01-01, why = "h" }, { date = 2031-01-02, why = "h" }, { date = 2031-01-03, why = "h" },
  { date = 2031-01-04, why = "h" }, { date = 2031-01-05, why = "h" }, { date = 2031-01-06, why = "h" },
  { date = 2031-01-07, why = "h" }, { date = 2031-01-08, why = "h" }, { date = 2031-02-23, why = "h" },
  { date = 2031-03-08, why = "h" }, { date = 2031-05-01, why = "h" }, { date = 2031-05-09, why = "h" },
  { date = 2031-06-12, why = "h" }, { date = 2031-11-04, why = "h" },"#;

fn file(status: &str, extra_off: &str, working: &str) -> String {
    format!(
        "year = 2031\nstatus = \"{status}\"\nsource = \"test\"\nnote = \"n\"\n\
         off = [{HOLIDAYS_2031}\n  {extra_off}\n]\nworking = [{working}]\n"
    )
}

fn refusal(text: &str) -> CalendarDataError {
    YearCalendar::parse(text).unwrap_err()
}

#[test]
fn a_valid_file_reads_with_its_transfers() {
    let text = file(
        "official",
        r#"{ date = 2031-11-03, why = "перенос" },"#,
        r#"{ date = 2031-11-01, why = "рабочая суббота" }"#,
    );
    let year = YearCalendar::parse(&text).unwrap();
    assert_eq!(year.status(), CalendarStatus::Official);
    assert!(year.is_working(date!(2031 - 11 - 01)));
    assert!(!year.is_working(date!(2031 - 11 - 03)));
    assert!(year.is_working(date!(2031 - 11 - 05)));
    assert!(!year.is_working(date!(2031 - 11 - 08)));
    assert_eq!(year.reason(date!(2031 - 11 - 01)), Some("рабочая суббота"));
    assert_eq!(year.reason(date!(2031 - 11 - 05)), None);
}

#[test]
fn a_provisional_file_says_so() {
    let calendar = WorkingCalendar::from_files(&[&file("provisional", "", "")]).unwrap();
    assert_eq!(calendar.calendar_status(2031), CalendarStatus::Provisional);
    assert_eq!(calendar.calendar_status(2032), CalendarStatus::Fallback);
}

#[test]
fn an_unknown_status_or_field_is_a_syntax_error() {
    assert!(matches!(refusal(&file("draft", "", "")), CalendarDataError::Syntax(_)));
    let extra = file("official", "", "").replace("note = ", "comment = \"x\"\nnote = ");
    assert!(matches!(refusal(&extra), CalendarDataError::Syntax(_)));
    assert!(matches!(refusal("year = "), CalendarDataError::Syntax(_)));
}

#[test]
fn the_source_is_required() {
    let text = file("official", "", "").replace("source = \"test\"", "source = \" \"");
    assert_eq!(refusal(&text), CalendarDataError::MissingSource { year: 2031 });
}

#[test]
fn dates_are_plain_dates_of_the_year() {
    let with_time = file("official", r#"{ date = 2031-11-03T10:00:00, why = "x" },"#, "");
    assert!(matches!(refusal(&with_time), CalendarDataError::NotADate { year: 2031, .. }));
    let other_year = file("official", r#"{ date = 2030-12-31, why = "x" },"#, "");
    assert_eq!(
        refusal(&other_year),
        CalendarDataError::OutsideYear { year: 2031, date: date!(2030 - 12 - 31) }
    );
}

#[test]
fn every_entry_has_a_reason() {
    let text = file("official", r#"{ date = 2031-11-03, why = "" },"#, "");
    assert_eq!(refusal(&text), CalendarDataError::MissingReason { year: 2031, date: date!(2031 - 11 - 03) });
}

#[test]
fn a_date_is_listed_once() {
    let twice = file("official", r#"{ date = 2031-05-09, why = "again" },"#, "");
    assert_eq!(refusal(&twice), CalendarDataError::Duplicate { year: 2031, date: date!(2031 - 05 - 09) });
    let holiday_worked = file("official", "", r#"{ date = 2031-03-08, why = "x" }"#);
    assert_eq!(
        refusal(&holiday_worked),
        CalendarDataError::Duplicate { year: 2031, date: date!(2031 - 03 - 08) }
    );
}

#[test]
fn every_holiday_is_off() {
    let text = file("official", "", "").replace(r#"{ date = 2031-06-12, why = "h" },"#, "");
    assert_eq!(refusal(&text), CalendarDataError::MissingHoliday { year: 2031, date: date!(2031 - 06 - 12) });
}

#[test]
fn lists_say_only_what_differs_from_the_week() {
    let weekday_worked = file("official", "", r#"{ date = 2031-11-05, why = "x" }"#);
    assert_eq!(
        refusal(&weekday_worked),
        CalendarDataError::WorkingWeekday { year: 2031, date: date!(2031 - 11 - 05) }
    );
    let weekend_off = file("official", r#"{ date = 2031-11-08, why = "x" },"#, "");
    assert_eq!(
        refusal(&weekend_off),
        CalendarDataError::PlainWeekendOff { year: 2031, date: date!(2031 - 11 - 08) }
    );
}

#[test]
fn one_file_per_year() {
    let text = file("official", "", "");
    assert_eq!(
        WorkingCalendar::from_files(&[&text, &text]).unwrap_err(),
        CalendarDataError::DuplicateYear { year: 2031 }
    );
}

#[test]
fn a_refused_shipped_file_leaves_its_year_to_the_fallback() {
    let good = file("official", r#"{ date = 2031-11-03, why = "перенос" },"#, "");
    let bad =
        file("official", "", "").replace("2031", "2032").replace(r#"{ date = 2032-06-12, why = "h" },"#, "");
    let calendar = WorkingCalendar::lenient(&[&good, &bad]);
    assert_eq!(calendar.calendar_status(2031), CalendarStatus::Official);
    assert_eq!(calendar.calendar_status(2032), CalendarStatus::Fallback);
    assert_eq!(calendar.problems().len(), 1);
}
