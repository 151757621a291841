//! Working days: the Russian production calendar («производственный календарь») and deadline
//! arithmetic on it.
//!
//! Closure deadlines (2, 5 or 10 working days), forced closure by an authority's act (5 working
//! days) and the operator's queue all count working days, and a working day is not «Monday to
//! Friday»: the Labour Code fixes the holidays (art. 112), and every year a Government decree
//! moves days off around them — a Saturday becomes a working day, a Friday becomes a day off.
//! No formula predicts a decree, so each year is data: `data/calendar/YYYY.toml`, embedded in
//! the binary with `include_str!` (no database, no network), each naming the decree it
//! transcribes. The file format and its checks are in [`YearCalendar`].
//!
//! A year can be:
//! - [`CalendarStatus::Official`] — its file transcribes the decree;
//! - [`CalendarStatus::Provisional`] — its file is derived from art. 112 alone because the
//!   decree is not out yet; it will change;
//! - [`CalendarStatus::Fallback`] — there is no file: weekends and the fixed holidays only.
//!
//! The status travels with every answer that depends on it ([`Deadline::calendars`]), so the
//! UI can say «календарь на 2031 год не загружен: учтены только выходные и праздники» rather
//! than show a guessed date as certain. The counting rule itself is in [`deadline`].
//!
//! Adding a year: write `data/calendar/YYYY.toml` from the decree (every holiday in `off`, every
//! moved weekday in `off`, every worked Saturday in `working`, with reasons), add it to
//! `BUNDLED`, and add known dates of that year to `tests/core/working_days.rs`.

pub mod deadline;
mod statute;
mod year;

use std::collections::BTreeMap;
use std::sync::LazyLock;

use time::Date;

pub use deadline::{Deadline, SubmissionDay, YearStatus};
pub use statute::HOLIDAYS;
pub use year::{CalendarDataError, CalendarStatus, YearCalendar};

/// The calendar files shipped with the app.
const BUNDLED: [&str; 4] = [
    include_str!("../../data/calendar/2025.toml"),
    include_str!("../../data/calendar/2026.toml"),
    include_str!("../../data/calendar/2027.toml"),
    include_str!("../../data/calendar/2028.toml"),
];

static SHIPPED: LazyLock<WorkingCalendar> = LazyLock::new(|| WorkingCalendar::lenient(&BUNDLED));

/// The production calendar: the years it has files for, and the fallback for the rest.
#[derive(Debug, Clone, Default)]
pub struct WorkingCalendar {
    years: BTreeMap<i32, YearCalendar>,
    problems: Vec<CalendarDataError>,
}

impl WorkingCalendar {
    /// The calendar built from the files shipped with the app.
    ///
    /// A shipped file that fails its checks is left out, so its year falls back to weekends and
    /// holidays and says so through [`Self::calendar_status`]; [`Self::problems`] lists what
    /// was refused, and a test keeps that list empty.
    pub fn bundled() -> &'static WorkingCalendar {
        &SHIPPED
    }

    /// A calendar of exactly these files; the first refused file is the error.
    pub fn from_files(files: &[&str]) -> Result<Self, CalendarDataError> {
        let mut calendar = Self::default();
        for text in files {
            calendar.insert(YearCalendar::parse(text)?)?;
        }
        Ok(calendar)
    }

    /// A calendar with no files: every year is the fallback.
    pub fn fallback_only() -> Self {
        Self::default()
    }

    fn lenient(files: &[&str]) -> Self {
        let mut calendar = Self::default();
        for text in files {
            if let Err(problem) = YearCalendar::parse(text).and_then(|year| calendar.insert(year)) {
                calendar.problems.push(problem);
            }
        }
        calendar
    }

    fn insert(&mut self, year: YearCalendar) -> Result<(), CalendarDataError> {
        let number = year.year();
        if self.years.contains_key(&number) {
            return Err(CalendarDataError::DuplicateYear { year: number });
        }
        self.years.insert(number, year);
        Ok(())
    }

    /// The files that were refused when the calendar was built.
    pub fn problems(&self) -> &[CalendarDataError] {
        &self.problems
    }

    /// Whether `date` is a working day.
    pub fn is_working_day(&self, date: Date) -> bool {
        match self.years.get(&date.year()) {
            Some(year) => year.is_working(date),
            None => statute::fallback_is_working(date),
        }
    }

    /// How far the calendar of `year` can be trusted.
    pub fn calendar_status(&self, year: i32) -> CalendarStatus {
        self.years.get(&year).map_or(CalendarStatus::Fallback, YearCalendar::status)
    }

    /// The status of `year` with the act it rests on.
    pub fn year_status(&self, year: i32) -> YearStatus {
        match self.years.get(&year) {
            Some(file) => YearStatus { year, status: file.status(), source: Some(file.source().to_owned()) },
            None => YearStatus { year, status: CalendarStatus::Fallback, source: None },
        }
    }

    /// The loaded file of `year`, for its note and per-day reasons.
    pub fn year(&self, year: i32) -> Option<&YearCalendar> {
        self.years.get(&year)
    }

    /// The years that have a file, in order.
    pub fn years(&self) -> impl Iterator<Item = &YearCalendar> {
        self.years.values()
    }
}

#[cfg(test)]
mod tests;
