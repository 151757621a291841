//! Deadlines in working days: «2 рабочих дня», «5 рабочих дней», «10 рабочих дней».
//!
//! The rule (also in `docs/rules.md`, «Working days»):
//! - the request is *registered* on the day it is submitted when that day is a working day,
//!   otherwise on the next working day — as a paper request handed in on Saturday is registered
//!   on Monday;
//! - the period starts the day after registration (ГК РФ ст. 191) and counts only working
//!   days; the deadline is the *end* of the n-th working day after the registration day
//!   (ГК РФ ст. 194: until 24:00 of that day);
//! - n = 0 gives the registration day itself.
//!
//! So 2 working days from Monday 29.12.2025 ends on Monday 12.01.2026 (30.12 is the first,
//! 31.12–11.01 are days off), and a request of Saturday 07.02.2026 is registered on Monday
//! 09.02 and due on Wednesday 11.02 — one day later than a request of Friday 06.02.
//!
//! A deadline remembers which years' calendars it relied on, so a screen can say when one of
//! them is provisional or missing instead of presenting a guess as a fact.

use serde::Serialize;
use time::{Date, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

use super::{CalendarStatus, WorkingCalendar};
use crate::Locale;

/// A moment or a day a request was submitted on.
///
/// For an instant the day is its date in its own offset: pass it in the offset where the
/// request was received (e.g. `at.to_offset(kabinet_core::local_offset(at))`).
pub trait SubmissionDay {
    /// The calendar day of the submission.
    fn submission_day(&self) -> Date;
}

impl SubmissionDay for Date {
    fn submission_day(&self) -> Date {
        *self
    }
}

impl SubmissionDay for OffsetDateTime {
    fn submission_day(&self) -> Date {
        self.date()
    }
}

/// How one year's calendar stands, with what it rests on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct YearStatus {
    /// The year.
    pub year: i32,
    /// Official, provisional or fallback.
    pub status: CalendarStatus,
    /// The decree (or, for a provisional year, the law) the year's file rests on; `None` for
    /// the fallback.
    pub source: Option<String>,
}

impl YearStatus {
    /// The warning a screen shows for a year that is not official; `None` when it is.
    pub fn notice(&self, locale: Locale) -> Option<String> {
        let year = self.year;
        match (self.status, locale) {
            (CalendarStatus::Official, _) => None,
            (CalendarStatus::Provisional, Locale::Ru) => Some(format!(
                "Календарь на {year} год предварительный: переносы выходных дней ещё не утверждены"
            )),
            (CalendarStatus::Provisional, Locale::En) => Some(format!(
                "The calendar for {year} is provisional: the transfers of days off are not decreed yet"
            )),
            (CalendarStatus::Fallback, Locale::Ru) => {
                Some(format!("Календарь на {year} год не загружен: учтены только выходные и праздники"))
            }
            (CalendarStatus::Fallback, Locale::En) => {
                Some(format!("The calendar for {year} is not loaded: only weekends and holidays are counted"))
            }
        }
    }
}

/// A computed deadline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadline {
    /// The day the request was submitted.
    pub submitted_on: Date,
    /// The day it counts as registered: `submitted_on`, or the next working day.
    pub registered_on: Date,
    /// The last day of the period: the n-th working day after `registered_on`.
    pub due_on: Date,
    /// n.
    pub working_days: u32,
    /// Every year from `submitted_on` to `due_on`, with its calendar's status.
    pub calendars: Vec<YearStatus>,
}

impl Deadline {
    /// The last instant of `due_on` in `offset` (23:59:59.999999999): the deadline is met by
    /// anything done at or before it.
    pub fn ends_at(&self, offset: UtcOffset) -> OffsetDateTime {
        PrimitiveDateTime::new(self.due_on, Time::MAX).assume_offset(offset)
    }

    /// The weakest calendar the count relied on.
    pub fn weakest(&self) -> CalendarStatus {
        self.calendars.iter().map(|year| year.status).min().unwrap_or(CalendarStatus::Fallback)
    }

    /// True when every year the count crossed has its official calendar.
    pub fn is_official(&self) -> bool {
        self.weakest() == CalendarStatus::Official
    }

    /// The warnings for the years that are not official, in year order.
    pub fn notices(&self, locale: Locale) -> Vec<String> {
        self.calendars.iter().filter_map(|year| year.notice(locale)).collect()
    }
}

impl WorkingCalendar {
    /// The deadline of `n` working days for a request submitted on `submitted` (a [`Date`] or
    /// an [`OffsetDateTime`]); see the module docs for the rule. `None` only when the count
    /// runs past the last representable date (year 9999).
    pub fn add_working_days(&self, submitted: impl SubmissionDay, n: u32) -> Option<Deadline> {
        let submitted_on = submitted.submission_day();
        let registered_on = self.registration_day(submitted_on)?;
        let mut due_on = registered_on;
        for _ in 0..n {
            due_on = self.next_working_day(due_on)?;
        }
        let calendars = (submitted_on.year()..=due_on.year()).map(|year| self.year_status(year)).collect();
        Some(Deadline { submitted_on, registered_on, due_on, working_days: n, calendars })
    }

    /// The day a request submitted on `date` counts as registered: `date` itself when it is a
    /// working day, else the next working day.
    pub fn registration_day(&self, date: Date) -> Option<Date> {
        if self.is_working_day(date) { Some(date) } else { self.next_working_day(date) }
    }

    /// The first working day strictly after `date`.
    pub fn next_working_day(&self, date: Date) -> Option<Date> {
        let mut day = date.next_day()?;
        while !self.is_working_day(day) {
            day = day.next_day()?;
        }
        Some(day)
    }

    /// The working days in the half-open span (`from`, `to`]: after `from`, up to and including
    /// `to`. Negative when `to` is before `from` (the count of (`to`, `from`], negated), so
    /// `working_days_between(today, deadline.due_on)` is the number of working days left after
    /// today, and for a request registered on a working day `r`,
    /// `working_days_between(r, add_working_days(r, n).due_on) == n`.
    pub fn working_days_between(&self, from: Date, to: Date) -> i64 {
        let (start, end, sign) = if from <= to { (from, to, 1) } else { (to, from, -1) };
        let mut count = 0;
        let mut day = start;
        while day < end {
            let Some(next) = day.next_day() else { break };
            if self.is_working_day(next) {
                count += 1;
            }
            day = next;
        }
        sign * count
    }
}
