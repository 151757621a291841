//! Working days and deadlines against dates worked out by hand from the decrees:
//! 2025 — Постановление № 1335 от 04.10.2024, 2026 — № 1466 от 24.09.2025, 2027 — № 1187 от
//! 17.09.2026; 2028 provisional (art. 112 ТК РФ only); 2030–2031 not loaded (fallback).
//! Every expected date below is counted in the comments next to it, not taken from the code.

use kabinet_core::Locale;
use kabinet_core::calendar::{CalendarStatus, Deadline, WorkingCalendar};
use time::macros::{date, datetime, offset};
use time::{Date, Duration, Month, Weekday};

fn calendar() -> &'static WorkingCalendar {
    WorkingCalendar::bundled()
}

fn due(from: Date, n: u32) -> Date {
    calendar().add_working_days(from, n).unwrap().due_on
}

#[test]
fn the_shipped_files_all_load() {
    assert_eq!(calendar().problems(), &[]);
    let years: Vec<i32> = calendar().years().map(|year| year.year()).collect();
    assert_eq!(years, [2025, 2026, 2027, 2028]);
}

#[test]
fn each_year_says_how_far_it_can_be_trusted() {
    for year in [2025, 2026, 2027] {
        assert_eq!(calendar().calendar_status(year), CalendarStatus::Official, "{year}");
    }
    assert_eq!(calendar().calendar_status(2028), CalendarStatus::Provisional);
    for year in [2024, 2029, 2031] {
        assert_eq!(calendar().calendar_status(year), CalendarStatus::Fallback, "{year}");
    }
    let sources: Vec<String> = calendar().years().map(|year| year.source().to_owned()).collect();
    assert!(sources[0].contains("от 04.10.2024 № 1335"));
    assert!(sources[1].contains("от 24.09.2025 № 1466"));
    assert!(sources[2].contains("от 17.09.2026 № 1187"));
    assert!(calendar().year(2028).unwrap().note().starts_with("Предварительный"));
}

/// The published totals of the production calendars for a five-day week.
#[test]
fn official_years_have_247_working_days() {
    for year in [2025, 2026, 2027] {
        let eve = Date::from_calendar_date(year - 1, Month::December, 31).unwrap();
        let last = Date::from_calendar_date(year, Month::December, 31).unwrap();
        assert_eq!(calendar().working_days_between(eve, last), 247, "{year}");
    }
}

#[test]
fn transfers_of_2025() {
    let cal = calendar();
    assert!(cal.is_working_day(date!(2025 - 11 - 01)), "Saturday 1 November is worked");
    assert!(!cal.is_working_day(date!(2025 - 11 - 03)), "its day off moved to Monday 3 November");
    assert!(!cal.is_working_day(date!(2025 - 05 - 02)), "from 4 January");
    assert!(!cal.is_working_day(date!(2025 - 05 - 08)), "from 23 February");
    assert!(!cal.is_working_day(date!(2025 - 06 - 13)), "from 8 March");
    assert!(!cal.is_working_day(date!(2025 - 12 - 31)), "from 5 January");
    assert!(cal.is_working_day(date!(2025 - 02 - 24)), "no automatic carry-over: the decree moved it");
    assert!(cal.is_working_day(date!(2025 - 03 - 10)));
    assert!(cal.is_working_day(date!(2025 - 01 - 09)));
}

#[test]
fn a_working_saturday_counts() {
    // Fri 31.10.2025 + 2: Sat 01.11 (worked) is 1; 02–04.11 off; Wed 05.11 is 2.
    assert_eq!(due(date!(2025 - 10 - 31), 2), date!(2025 - 11 - 05));
    // Submitted on the working Saturday itself: registered that day; 05.11 is 1, 06.11 is 2.
    let deadline = calendar().add_working_days(date!(2025 - 11 - 01), 2).unwrap();
    assert_eq!(deadline.registered_on, date!(2025 - 11 - 01));
    assert_eq!(deadline.due_on, date!(2025 - 11 - 06));
    // 2027: Sat 20.02 is worked, Mon 22.02 and Tue 23.02 are off.
    assert_eq!(due(date!(2027 - 02 - 19), 1), date!(2027 - 02 - 20));
    assert_eq!(due(date!(2027 - 02 - 19), 2), date!(2027 - 02 - 24));
}

#[test]
fn across_the_new_year_holidays_of_2026() {
    // Mon 29.12.2025: 30.12 is 1; 31.12.2025–11.01.2026 off; Mon 12.01 is 2.
    assert_eq!(due(date!(2025 - 12 - 29), 2), date!(2026 - 01 - 12));
    // Tue 30.12.2025: 12.01 is 1, 13.01 is 2, 16.01 is 5; 19–23.01 are 6–10.
    assert_eq!(due(date!(2025 - 12 - 30), 2), date!(2026 - 01 - 13));
    assert_eq!(due(date!(2025 - 12 - 30), 5), date!(2026 - 01 - 16));
    assert_eq!(due(date!(2025 - 12 - 30), 10), date!(2026 - 01 - 23));
}

#[test]
fn a_request_on_a_day_off_is_registered_on_the_next_working_day() {
    // Wed 31.12.2025 is a day off (from 5 January): registered Mon 12.01.2026;
    // 13.01 is 1, 14.01 is 2, 16.01 is 4, 19.01 is 5, 23.01 is 9, 26.01 is 10.
    let deadline = calendar().add_working_days(date!(2025 - 12 - 31), 2).unwrap();
    assert_eq!(deadline.submitted_on, date!(2025 - 12 - 31));
    assert_eq!(deadline.registered_on, date!(2026 - 01 - 12));
    assert_eq!(deadline.due_on, date!(2026 - 01 - 14));
    assert_eq!(due(date!(2025 - 12 - 31), 5), date!(2026 - 01 - 19));
    assert_eq!(due(date!(2025 - 12 - 31), 10), date!(2026 - 01 - 26));
    // A plain weekend: Sat 07.02.2026 → registered Mon 09.02, due Wed 11.02; one day later than
    // Fri 06.02 (due Tue 10.02).
    assert_eq!(calendar().registration_day(date!(2026 - 02 - 07)), Some(date!(2026 - 02 - 09)));
    assert_eq!(due(date!(2026 - 02 - 07), 2), date!(2026 - 02 - 11));
    assert_eq!(due(date!(2026 - 02 - 06), 2), date!(2026 - 02 - 10));
}

#[test]
fn zero_days_is_the_registration_day() {
    assert_eq!(due(date!(2026 - 02 - 06), 0), date!(2026 - 02 - 06));
    assert_eq!(due(date!(2026 - 01 - 01), 0), date!(2026 - 01 - 12));
}

#[test]
fn across_the_may_holidays_of_2026() {
    // Thu 30.04.2026: 01–03.05 off; Mon 04.05 is 1, 05.05 is 2, Fri 08.05 is 5;
    // 09–11.05 off (11.05 for 9 May on a Saturday); 12–15.05 are 6–9, Mon 18.05 is 10.
    assert_eq!(due(date!(2026 - 04 - 30), 2), date!(2026 - 05 - 05));
    assert_eq!(due(date!(2026 - 04 - 30), 5), date!(2026 - 05 - 08));
    assert_eq!(due(date!(2026 - 04 - 30), 10), date!(2026 - 05 - 18));
    assert!(!calendar().is_working_day(date!(2026 - 03 - 09)), "for 8 March on a Sunday");
}

#[test]
fn transfers_of_2027() {
    let cal = calendar();
    for off in [date!(2027 - 02 - 22), date!(2027 - 05 - 03), date!(2027 - 05 - 10), date!(2027 - 06 - 14)] {
        assert!(!cal.is_working_day(off), "{off}");
    }
    assert!(!cal.is_working_day(date!(2027 - 11 - 05)), "from 2 January");
    assert!(!cal.is_working_day(date!(2027 - 12 - 31)), "from 3 January");
    assert!(cal.is_working_day(date!(2027 - 01 - 11)));
    // Wed 03.11.2027: 04–07.11 off; Mon 08.11 is 1, Tue 09.11 is 2.
    assert_eq!(due(date!(2027 - 11 - 03), 2), date!(2027 - 11 - 09));
}

#[test]
fn a_provisional_year_follows_article_112_and_says_so() {
    let cal = calendar();
    // 4 November 2028 is a Saturday: the day off passes to Monday 6 November (art. 112 part 2).
    assert!(!cal.is_working_day(date!(2028 - 11 - 06)));
    let mut day = date!(2028 - 01 - 01);
    while day.year() == 2028 {
        let weekend = matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday);
        let holiday = kabinet_core::calendar::HOLIDAYS.contains(&(day.month(), day.day()));
        let expected = !weekend && !holiday && day != date!(2028 - 11 - 06);
        assert_eq!(cal.is_working_day(day), expected, "{day}");
        day = day.next_day().unwrap();
    }
    // Thu 30.12.2027: 31.12 off (from 3 January); 01–09.01.2028 off; Mon 10.01 is 1 … Fri 14.01 is 5.
    let deadline = cal.add_working_days(date!(2027 - 12 - 30), 5).unwrap();
    assert_eq!(deadline.due_on, date!(2028 - 01 - 14));
    assert_eq!(deadline.weakest(), CalendarStatus::Provisional);
    assert!(!deadline.is_official());
    assert_eq!(
        deadline.notices(Locale::Ru),
        ["Календарь на 2028 год предварительный: переносы выходных дней ещё не утверждены"]
    );
}

#[test]
fn an_unknown_year_falls_back_to_weekends_and_holidays_and_says_so() {
    let cal = calendar();
    assert_eq!(cal.calendar_status(2031), CalendarStatus::Fallback);
    assert!(!cal.is_working_day(date!(2031 - 01 - 08)), "Wed, a holiday");
    assert!(cal.is_working_day(date!(2031 - 01 - 09)));
    assert!(!cal.is_working_day(date!(2031 - 05 - 01)));
    assert!(!cal.is_working_day(date!(2031 - 11 - 04)));
    assert!(!cal.is_working_day(date!(2031 - 02 - 22)), "a Saturday");
    // 23 February 2031 is a Sunday; with no decree nothing is carried over to Monday.
    assert!(cal.is_working_day(date!(2031 - 02 - 24)));
    // Tue 31.12.2030: 01–08.01.2031 holidays (Wed–Wed); Thu 09.01 is 1, Fri 10.01 is 2.
    let deadline = cal.add_working_days(date!(2030 - 12 - 31), 2).unwrap();
    assert_eq!(deadline.due_on, date!(2031 - 01 - 10));
    assert_eq!(deadline.weakest(), CalendarStatus::Fallback);
    let years: Vec<(i32, CalendarStatus)> = deadline.calendars.iter().map(|y| (y.year, y.status)).collect();
    assert_eq!(years, [(2030, CalendarStatus::Fallback), (2031, CalendarStatus::Fallback)]);
    assert_eq!(deadline.calendars[1].source, None);
    assert_eq!(
        deadline.notices(Locale::Ru)[1],
        "Календарь на 2031 год не загружен: учтены только выходные и праздники"
    );
    assert_eq!(
        deadline.notices(Locale::En)[1],
        "The calendar for 2031 is not loaded: only weekends and holidays are counted"
    );
}

#[test]
fn an_official_deadline_has_no_notices() {
    let deadline = calendar().add_working_days(date!(2025 - 12 - 29), 10).unwrap();
    assert!(deadline.is_official());
    assert!(deadline.notices(Locale::Ru).is_empty());
    let years: Vec<i32> = deadline.calendars.iter().map(|y| y.year).collect();
    assert_eq!(years, [2025, 2026]);
    assert!(deadline.calendars[1].source.as_deref().unwrap().contains("№ 1466"));
}

#[test]
fn an_instant_counts_on_its_own_date_and_the_deadline_ends_at_midnight() {
    // 22:30 UTC on Mon 12.01.2026 is already Tue 13.01 in Moscow.
    let utc = datetime!(2026-01-12 22:30 UTC);
    let moscow = utc.to_offset(offset!(+3));
    assert_eq!(calendar().add_working_days(utc, 2).unwrap().due_on, date!(2026 - 01 - 14));
    let deadline: Deadline = calendar().add_working_days(moscow, 2).unwrap();
    assert_eq!(deadline.submitted_on, date!(2026 - 01 - 13));
    assert_eq!(deadline.due_on, date!(2026 - 01 - 15));
    let ends = deadline.ends_at(offset!(+3));
    assert!(ends < datetime!(2026-01-16 00:00 +3));
    assert!(ends > datetime!(2026-01-15 23:59:59.999 +3));
}

#[test]
fn working_days_between_counts_after_the_first_day_up_to_the_last() {
    let cal = calendar();
    assert_eq!(cal.working_days_between(date!(2025 - 12 - 29), date!(2026 - 01 - 12)), 2);
    assert_eq!(cal.working_days_between(date!(2026 - 01 - 12), date!(2025 - 12 - 29)), -2);
    assert_eq!(cal.working_days_between(date!(2026 - 01 - 12), date!(2026 - 01 - 12)), 0);
    assert_eq!(cal.working_days_between(date!(2026 - 01 - 01), date!(2026 - 01 - 11)), 0);
    // Every day of 2025–2028, for 0, 2, 5 and 10: the count after registration is n.
    let mut day = date!(2025 - 01 - 01);
    while day.year() < 2029 {
        let registered = cal.registration_day(day).unwrap();
        for n in [0, 2, 5, 10] {
            let deadline = cal.add_working_days(day, n).unwrap();
            assert_eq!(deadline.registered_on, registered);
            assert!(cal.is_working_day(deadline.due_on), "{day} + {n}");
            assert_eq!(cal.working_days_between(registered, deadline.due_on), i64::from(n), "{day} + {n}");
        }
        day += Duration::days(1);
    }
}

#[test]
fn the_end_of_time_is_not_a_deadline() {
    assert!(calendar().add_working_days(date!(9999 - 12 - 30), 5).is_none());
    assert!(WorkingCalendar::fallback_only().add_working_days(date!(2026 - 01 - 01), 2).is_some());
}
