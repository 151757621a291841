//! One year's production calendar, read from its TOML file (`data/calendar/YYYY.toml`) and
//! checked before it is trusted.
//!
//! The decrees are written as «перенести выходной с X на Y», which says nothing directly about
//! whether X is then worked (it is not when X is a holiday). The files therefore state outcomes:
//! `off` — every holiday of the year and every weekday made a day off; `working` — every
//! Saturday or Sunday made a working day. Each entry carries its reason, so a reviewer can hold
//! the file against the decree line by line. A file that contradicts the Labour Code (a holiday
//! missing, a weekday in `working`, a date of another year) is refused as a whole: a half-right
//! calendar would silently move deadlines.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use time::{Date, Month};

use super::statute;

/// How far a year's calendar can be trusted.
///
/// Ordered from the weakest to the strongest, so the weakest year a deadline relied on is a
/// `min()` away.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CalendarStatus {
    /// No file for the year: weekends and the fixed holidays of art. 112 only.
    Fallback,
    /// A file derived from the Labour Code before the year's decree exists; it will change.
    Provisional,
    /// A file transcribing the year's decree on transferred days off.
    Official,
}

/// Why a calendar file was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarDataError {
    /// Not TOML, or not the fields the format has.
    #[error("calendar file: {0}")]
    Syntax(String),
    /// `source` is empty: every year must say what it rests on.
    #[error("calendar {year}: the source is missing")]
    MissingSource {
        /// The file's year.
        year: i32,
    },
    /// A value in `off` or `working` that is not a plain calendar date.
    #[error("calendar {year}: «{value}» is not a date (YYYY-MM-DD, without time or offset)")]
    NotADate {
        /// The file's year.
        year: i32,
        /// The value as written.
        value: String,
    },
    /// An entry without its reason.
    #[error("calendar {year}: {date} has no reason")]
    MissingReason {
        /// The file's year.
        year: i32,
        /// The entry.
        date: Date,
    },
    /// A date of another year.
    #[error("calendar {year}: {date} is outside the year")]
    OutsideYear {
        /// The file's year.
        year: i32,
        /// The entry.
        date: Date,
    },
    /// The same date twice in one list, or in both lists.
    #[error("calendar {year}: {date} is listed more than once")]
    Duplicate {
        /// The file's year.
        year: i32,
        /// The entry.
        date: Date,
    },
    /// `working` lists a Monday–Friday, which is working anyway. (A holiday in `working` is refused
    /// too: as a duplicate, since `off` must list every holiday.)
    #[error("calendar {year}: {date} in `working` is not a Saturday or Sunday")]
    WorkingWeekday {
        /// The file's year.
        year: i32,
        /// The entry.
        date: Date,
    },
    /// `off` lists an ordinary Saturday or Sunday, which is a day off anyway.
    #[error("calendar {year}: {date} in `off` is an ordinary weekend day")]
    PlainWeekendOff {
        /// The file's year.
        year: i32,
        /// The entry.
        date: Date,
    },
    /// A holiday of art. 112 is not in `off`.
    #[error("calendar {year}: the holiday {date} is missing from `off`")]
    MissingHoliday {
        /// The file's year.
        year: i32,
        /// The holiday.
        date: Date,
    },
    /// Two files for one year.
    #[error("calendar {year}: more than one file")]
    DuplicateYear {
        /// The year.
        year: i32,
    },
}

/// One year's calendar, checked.
#[derive(Debug, Clone)]
pub struct YearCalendar {
    year: i32,
    status: CalendarStatus,
    source: String,
    note: String,
    off: BTreeMap<Date, String>,
    working: BTreeMap<Date, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    year: i32,
    status: FileStatus,
    source: String,
    note: String,
    off: Vec<Entry>,
    working: Vec<Entry>,
}

#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum FileStatus {
    Official,
    Provisional,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    date: toml::value::Datetime,
    why: String,
}

impl YearCalendar {
    /// Reads and checks one file.
    pub fn parse(text: &str) -> Result<Self, CalendarDataError> {
        let file: File = toml::from_str(text).map_err(|e| CalendarDataError::Syntax(e.to_string()))?;
        let year = file.year;
        if file.source.trim().is_empty() {
            return Err(CalendarDataError::MissingSource { year });
        }
        let mut seen = BTreeSet::new();
        let off = entries(year, file.off, &mut seen)?;
        let working = entries(year, file.working, &mut seen)?;
        check_off(year, &off)?;
        check_working(year, &working)?;
        let status = match file.status {
            FileStatus::Official => CalendarStatus::Official,
            FileStatus::Provisional => CalendarStatus::Provisional,
        };
        Ok(Self { year, status, source: file.source, note: file.note.trim().to_owned(), off, working })
    }

    /// The year the file describes.
    pub fn year(&self) -> i32 {
        self.year
    }

    /// Official or provisional.
    pub fn status(&self) -> CalendarStatus {
        self.status
    }

    /// The act the file transcribes (decree number and date), as written in the file.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// How the file was made and checked, as written in it.
    pub fn note(&self) -> &str {
        &self.note
    }

    /// Whether `date` (of this year) is worked.
    pub fn is_working(&self, date: Date) -> bool {
        if self.working.contains_key(&date) {
            return true;
        }
        !statute::is_weekend(date) && !self.off.contains_key(&date)
    }

    /// The file's reason for `date`, when the file mentions it.
    pub fn reason(&self, date: Date) -> Option<&str> {
        self.off.get(&date).or_else(|| self.working.get(&date)).map(String::as_str)
    }
}

fn entries(
    year: i32,
    list: Vec<Entry>,
    seen: &mut BTreeSet<Date>,
) -> Result<BTreeMap<Date, String>, CalendarDataError> {
    let mut out = BTreeMap::new();
    for entry in list {
        let date = plain_date(year, &entry.date)?;
        if date.year() != year {
            return Err(CalendarDataError::OutsideYear { year, date });
        }
        if !seen.insert(date) {
            return Err(CalendarDataError::Duplicate { year, date });
        }
        if entry.why.trim().is_empty() {
            return Err(CalendarDataError::MissingReason { year, date });
        }
        out.insert(date, entry.why);
    }
    Ok(out)
}

fn plain_date(year: i32, value: &toml::value::Datetime) -> Result<Date, CalendarDataError> {
    let not_a_date = || CalendarDataError::NotADate { year, value: value.to_string() };
    let (Some(date), None, None) = (value.date, value.time, value.offset) else {
        return Err(not_a_date());
    };
    let month = Month::try_from(date.month).map_err(|_| not_a_date())?;
    Date::from_calendar_date(i32::from(date.year), month, date.day).map_err(|_| not_a_date())
}

fn check_off(year: i32, off: &BTreeMap<Date, String>) -> Result<(), CalendarDataError> {
    if let Some(date) = statute::holidays_of(year).find(|date| !off.contains_key(date)) {
        return Err(CalendarDataError::MissingHoliday { year, date });
    }
    match off.keys().find(|date| statute::is_weekend(**date) && !statute::is_holiday(**date)) {
        Some(&date) => Err(CalendarDataError::PlainWeekendOff { year, date }),
        None => Ok(()),
    }
}

fn check_working(year: i32, working: &BTreeMap<Date, String>) -> Result<(), CalendarDataError> {
    for &date in working.keys() {
        if !statute::is_weekend(date) {
            return Err(CalendarDataError::WorkingWeekday { year, date });
        }
    }
    Ok(())
}
