//! What the Labour Code fixes for every year, decree or not: the five-day week and the
//! non-working holidays of art. 112 part 1 ТК РФ. These never change from year to year, so they
//! are code rather than data. They are also everything the calendar can honestly claim about a
//! year it has no file for: the fallback is exactly «weekends and these holidays», nothing
//! guessed on top.

use time::{Date, Month, Weekday};

/// The non-working holidays of art. 112 part 1: 1–8 January (New Year holidays and Christmas),
/// 23 February, 8 March, 1 May, 9 May, 12 June, 4 November.
pub const HOLIDAYS: [(Month, u8); 14] = [
    (Month::January, 1),
    (Month::January, 2),
    (Month::January, 3),
    (Month::January, 4),
    (Month::January, 5),
    (Month::January, 6),
    (Month::January, 7),
    (Month::January, 8),
    (Month::February, 23),
    (Month::March, 8),
    (Month::May, 1),
    (Month::May, 9),
    (Month::June, 12),
    (Month::November, 4),
];

/// True for a holiday of art. 112 part 1, whatever the weekday.
pub fn is_holiday(date: Date) -> bool {
    HOLIDAYS.contains(&(date.month(), date.day()))
}

/// True for Saturday and Sunday, the days off of the five-day week.
pub fn is_weekend(date: Date) -> bool {
    matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday)
}

/// The fallback rule for a year without a file: a working day is a weekday that is no holiday.
/// No transfers, not even the automatic one of art. 112 part 2, so that «учтены только выходные
/// и праздники» stays literally true.
pub fn fallback_is_working(date: Date) -> bool {
    !is_weekend(date) && !is_holiday(date)
}

/// Every statutory holiday of `year`, in date order.
pub fn holidays_of(year: i32) -> impl Iterator<Item = Date> {
    HOLIDAYS.into_iter().filter_map(move |(month, day)| Date::from_calendar_date(year, month, day).ok())
}
