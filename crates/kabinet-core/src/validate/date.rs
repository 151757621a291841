//! Dates as citizens type them on Russian forms (ДД.ММ.ГГГГ) and the age arithmetic the birth
//! date and the passport issue date depend on.
//!
//! - The text is exactly ДД.ММ.ГГГГ: two-digit day and month, four-digit year, dots.
//! - Age is counted in full years by birthday; a 29 February birthday falls on 28 February in
//!   common years.
//! - Birth date: not after today, age 14..=120 full years at today.

use time::{Date, Month};

use super::{Checked, Invalid, required};

/// Youngest age, in full years, at which a citizen may hold an account and a passport.
pub(super) const MIN_AGE: i32 = 14;
/// Oldest believable age, in full years.
const MAX_AGE: i32 = 120;

/// Checks a date of birth typed as ДД.ММ.ГГГГ against `today`.
pub fn birth_date(input: &str, today: Date) -> Checked<Date> {
    let date = parse(input)?;
    if date > today {
        return Err(Invalid::DateInFuture);
    }
    match full_years(date, today) {
        age if age < MIN_AGE => Err(Invalid::TooYoung),
        age if age > MAX_AGE => Err(Invalid::TooOld),
        _ => Ok(date),
    }
}

/// A date on a form (ДД.ММ.ГГГГ, a real calendar day), with no rule about when it may be.
pub fn date(input: &str) -> Checked<Date> {
    parse(input)
}

/// Writes `date` as ДД.ММ.ГГГГ, the shape [`date`] reads. Every day the product shows or prints
/// (screens, documents, messages, the CLI) is written by this one function.
pub fn dotted_date(date: Date) -> String {
    format!("{:02}.{:02}.{:04}", date.day(), u8::from(date.month()), date.year())
}

/// Parses ДД.ММ.ГГГГ: [`Invalid::DateFormat`] for the shape, [`Invalid::DateNotReal`] for a day
/// the calendar does not have.
pub(super) fn parse(input: &str) -> Checked<Date> {
    let text = required(input)?;
    let [d1, d2, '.', m1, m2, '.', y1, y2, y3, y4] = chars(text)? else {
        return Err(Invalid::DateFormat);
    };
    let day = number(&[d1, d2])?;
    let month = number(&[m1, m2])?;
    let year = number(&[y1, y2, y3, y4])?;
    let month = u8::try_from(month).ok().and_then(|m| Month::try_from(m).ok()).ok_or(Invalid::DateNotReal)?;
    let day = u8::try_from(day).map_err(|_| Invalid::DateNotReal)?;
    let year = i32::try_from(year).map_err(|_| Invalid::DateNotReal)?;
    Date::from_calendar_date(year, month, day).map_err(|_| Invalid::DateNotReal)
}

fn chars(text: &str) -> Checked<[char; 10]> {
    let chars: Vec<char> = text.chars().collect();
    chars.try_into().map_err(|_| Invalid::DateFormat)
}

fn number(digits: &[char]) -> Checked<u32> {
    digits.iter().try_fold(0, |acc, c| c.to_digit(10).map(|d| acc * 10 + d).ok_or(Invalid::DateFormat))
}

/// The day `birth`'s anniversary falls on in `year`; `None` when the year is out of range.
pub(super) fn anniversary(birth: Date, year: i32) -> Option<Date> {
    let day = birth.day().min(time::util::days_in_month(birth.month(), year));
    Date::from_calendar_date(year, birth.month(), day).ok()
}

/// Full years from `birth` to `today` (negative when `today` is earlier).
pub(super) fn full_years(birth: Date, today: Date) -> i32 {
    let years = today.year() - birth.year();
    match anniversary(birth, today.year()) {
        Some(birthday) if today < birthday => years - 1,
        _ => years,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const TODAY: Date = date!(2025 - 06 - 15);

    #[test]
    fn accepts_a_plain_adult() {
        assert_eq!(birth_date(" 05.03.1990 ", TODAY), Ok(date!(1990 - 03 - 05)));
    }

    #[test]
    fn writes_the_shape_it_reads() {
        assert_eq!(dotted_date(date!(2026 - 01 - 09)), "09.01.2026");
        assert_eq!(dotted_date(date!(1990 - 12 - 31)), "31.12.1990");
        for day in [date!(2024 - 02 - 29), date!(2000 - 10 - 05), TODAY] {
            assert_eq!(parse(&dotted_date(day)), Ok(day));
        }
    }

    #[test]
    fn requires_a_value() {
        assert_eq!(birth_date("  ", TODAY), Err(Invalid::Required));
    }

    #[test]
    fn refuses_other_shapes() {
        for text in [
            "5.03.1990",
            "05.3.1990",
            "05.03.90",
            "05-03-1990",
            "1990-03-05",
            "05.03.1990г",
            "0a.03.1990",
            "05.03.19 0",
        ] {
            assert_eq!(birth_date(text, TODAY), Err(Invalid::DateFormat), "{text}");
        }
    }

    #[test]
    fn refuses_days_the_calendar_lacks() {
        for text in
            ["31.04.1990", "29.02.1990", "29.02.1900", "00.01.1990", "01.13.1990", "01.00.1990", "32.01.1990"]
        {
            assert_eq!(birth_date(text, TODAY), Err(Invalid::DateNotReal), "{text}");
        }
    }

    #[test]
    fn accepts_leap_days() {
        assert_eq!(birth_date("29.02.2000", TODAY), Ok(date!(2000 - 02 - 29)));
        assert_eq!(birth_date("29.02.1996", TODAY), Ok(date!(1996 - 02 - 29)));
    }

    #[test]
    fn refuses_tomorrow() {
        assert_eq!(birth_date("16.06.2025", TODAY), Err(Invalid::DateInFuture));
    }

    #[test]
    fn today_is_too_young() {
        assert_eq!(birth_date("15.06.2025", TODAY), Err(Invalid::TooYoung));
    }

    #[test]
    fn fourteen_exactly_on_the_birthday() {
        assert_eq!(birth_date("15.06.2011", TODAY), Ok(date!(2011 - 06 - 15)));
        assert_eq!(birth_date("16.06.2011", TODAY), Err(Invalid::TooYoung));
    }

    #[test]
    fn one_hundred_twenty_until_the_next_birthday() {
        assert_eq!(birth_date("16.06.1904", TODAY), Ok(date!(1904 - 06 - 16)));
        assert_eq!(birth_date("15.06.1905", TODAY), Ok(date!(1905 - 06 - 15)));
        assert_eq!(birth_date("15.06.1904", TODAY), Err(Invalid::TooOld));
    }

    #[test]
    fn leap_day_birthday_falls_on_28_february_in_common_years() {
        let born = "29.02.2012";
        assert_eq!(birth_date(born, date!(2026 - 02 - 27)), Err(Invalid::TooYoung));
        assert_eq!(birth_date(born, date!(2026 - 02 - 28)), Ok(date!(2012 - 02 - 29)));
        assert_eq!(birth_date(born, date!(2028 - 02 - 29)), Ok(date!(2012 - 02 - 29)));
        assert_eq!(full_years(date!(2012 - 02 - 29), date!(2028 - 02 - 28)), 15);
        assert_eq!(full_years(date!(2012 - 02 - 29), date!(2028 - 02 - 29)), 16);
    }

    #[test]
    fn leap_day_birthday_at_the_upper_bound() {
        assert_eq!(birth_date("29.02.1904", date!(2025 - 02 - 27)), Ok(date!(1904 - 02 - 29)));
        assert_eq!(birth_date("29.02.1904", date!(2025 - 02 - 28)), Err(Invalid::TooOld));
    }
}
