//! How values look on paper. Documents show Moscow time whatever the machine's zone — a document
//! must read the same wherever it is printed — and show stored forms (E.164 phone, bare СНИЛС)
//! in the groups people know.

use time::format_description::well_known::Rfc3339;
use time::{OffsetDateTime, UtcOffset};

use crate::contract::{AccountStatus, Level};

/// Moscow time, UTC+3 all year since 2014.
pub fn msk(at: OffsetDateTime) -> OffsetDateTime {
    at.to_offset(UtcOffset::from_hms(3, 0, 0).unwrap_or(UtcOffset::UTC))
}

/// Parses an RFC 3339 moment.
pub fn parse_moment(value: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(value.trim(), &Rfc3339).ok()
}

/// Whether `value` is a real date written ДД.ММ.ГГГГ.
pub fn is_date(value: &str) -> bool {
    let parts: Vec<&str> = value.trim().split('.').collect();
    let [day, month, year] = parts.as_slice() else { return false };
    let digits = |s: &str, n: usize| s.len() == n && s.chars().all(|c| c.is_ascii_digit());
    if !(digits(day, 2) && digits(month, 2) && digits(year, 4)) {
        return false;
    }
    let (Ok(day), Ok(month), Ok(year)) = (day.parse::<u8>(), month.parse::<u8>(), year.parse::<i32>()) else {
        return false;
    };
    time::Month::try_from(month)
        .ok()
        .and_then(|month| time::Date::from_calendar_date(year, month, day).ok())
        .is_some()
}

/// «25.11.2026 12:00 МСК».
pub fn moment(at: OffsetDateTime) -> String {
    let at = msk(at);
    format!("{} {:02}:{:02} МСК", date(at), at.hour(), at.minute())
}

/// «25.11.2026».
pub fn date(at: OffsetDateTime) -> String {
    crate::validate::dotted_date(msk(at).date())
}

/// «25 ноября 2026 г.».
pub fn long_date(at: OffsetDateTime) -> String {
    const MONTHS: [&str; 12] = [
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ];
    let at = msk(at);
    let month = MONTHS[usize::from(u8::from(at.month())).saturating_sub(1) % 12];
    format!("{} {month} {} г.", at.day(), at.year())
}

/// «+7 (912) 345-67-89» (with no-break spaces, so it never splits) for a Russian E.164
/// number; anything else as given.
pub fn phone(value: &str) -> String {
    let digits: String = value.chars().filter(char::is_ascii_digit).collect();
    if value.trim().starts_with("+7") && digits.len() == 11 {
        let d = &digits[1..];
        return format!("+7\u{a0}({})\u{a0}{}-{}-{}", &d[..3], &d[3..6], &d[6..8], &d[8..]);
    }
    value.trim().to_owned()
}

/// «123-456-789 64» for eleven digits; anything else as given.
pub fn snils(value: &str) -> String {
    let trimmed = value.trim();
    if trimmed.len() == 11 && trimmed.chars().all(|c| c.is_ascii_digit()) {
        return format!("{}-{}-{} {}", &trimmed[..3], &trimmed[3..6], &trimmed[6..9], &trimmed[9..]);
    }
    trimmed.to_owned()
}

/// «45 08 123456» for ten digits; anything else as given.
pub fn passport(value: &str) -> String {
    let trimmed = value.trim();
    if trimmed.len() == 10 && trimmed.chars().all(|c| c.is_ascii_digit()) {
        return format!("{} {} {}", &trimmed[..2], &trimmed[2..4], &trimmed[4..]);
    }
    trimmed.to_owned()
}

/// «Упрощённая», «Стандартная», «Подтверждённая».
pub fn level(level: Level) -> &'static str {
    match level {
        Level::Simplified => "Упрощённая",
        Level::Standard => "Стандартная",
        Level::Confirmed => "Подтверждённая",
    }
}

/// «Активен», «Ожидает закрытия», «Закрыт», «Удалён».
pub fn status(status: AccountStatus) -> &'static str {
    match status {
        AccountStatus::Active => "Активен",
        AccountStatus::PendingClosure => "Ожидает закрытия",
        AccountStatus::Closed => "Закрыт",
        AccountStatus::Purged => "Удалён",
    }
}

/// The value, or a dash-phrase when it is absent or blank.
pub fn or_none(value: Option<&str>, none: &str) -> String {
    value.map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned).unwrap_or_else(|| none.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn moments_are_shown_in_moscow_time() {
        let at = datetime!(2026-12-31 22:30 UTC);
        assert_eq!(moment(at), "01.01.2027 01:30 МСК");
        assert_eq!(long_date(at), "1 января 2027 г.");
    }

    #[test]
    fn stored_forms_are_grouped() {
        assert_eq!(phone("+79123456789"), "+7\u{a0}(912)\u{a0}345-67-89");
        assert_eq!(phone("+44 20 7946 0000"), "+44 20 7946 0000");
        assert_eq!(snils("12345678964"), "123-456-789 64");
        assert_eq!(passport("4508123456"), "45 08 123456");
    }

    #[test]
    fn dates_must_exist() {
        assert!(is_date("29.02.2028"));
        assert!(!is_date("29.02.2027"));
        assert!(!is_date("1.1.2026"));
    }
}
