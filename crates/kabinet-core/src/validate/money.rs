//! Money as citizens and operators type it, kept as whole kopecks so no sum is ever rounded.
//!
//! - Accepted: digits with optional thin, ordinary or no-break spaces between groups, and a comma
//!   or a dot before at most two kopeck digits (`1234`, `1 234,5`, `1234.56`).
//! - The amount is above zero and at most 100 000 000 ₽ (a ceiling that catches typing slips).
//! - Shown as `1 234,56 ₽` with a no-break space between groups.

use super::{Checked, Invalid, required};

/// The largest amount accepted, in kopecks.
const CEILING: i64 = 100_000_000 * 100;

/// Parses a rouble amount into kopecks.
pub fn amount(input: &str) -> Checked<i64> {
    let text: String = required(input)?.chars().filter(|c| !c.is_whitespace()).collect();
    let (whole, fraction) = match text.split_once([',', '.']) {
        Some((whole, fraction)) => (whole, fraction),
        None => (text.as_str(), ""),
    };
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if !digits(whole) || fraction.len() > 2 || (!fraction.is_empty() && !digits(fraction)) {
        return Err(Invalid::AmountFormat);
    }
    let roubles: i64 = whole.parse().map_err(|_| Invalid::AmountRange)?;
    let kopecks: i64 = format!("{fraction:0<2}").parse().map_err(|_| Invalid::AmountFormat)?;
    let total = roubles.checked_mul(100).and_then(|r| r.checked_add(kopecks)).ok_or(Invalid::AmountRange)?;
    if total <= 0 || total > CEILING {
        return Err(Invalid::AmountRange);
    }
    Ok(total)
}

/// `1 234,56 ₽`.
pub fn roubles(kopecks: i64) -> String {
    let sign = if kopecks < 0 { "-" } else { "" };
    let abs = kopecks.unsigned_abs();
    let whole = (abs / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push('\u{a0}');
        }
        grouped.push(c);
    }
    format!("{sign}{grouped},{:02}\u{a0}₽", abs % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_usual_ways_of_typing_an_amount() {
        assert_eq!(amount("1234"), Ok(123_400));
        assert_eq!(amount("1 234,5"), Ok(123_450));
        assert_eq!(amount("1\u{a0}234.56"), Ok(123_456));
        assert_eq!(amount("0,01"), Ok(1));
        assert_eq!(amount("100000000"), Ok(CEILING));
    }

    #[test]
    fn refuses_what_is_not_an_amount() {
        assert_eq!(amount(""), Err(Invalid::Required));
        assert_eq!(amount("12,345"), Err(Invalid::AmountFormat));
        assert_eq!(amount("-5"), Err(Invalid::AmountFormat));
        assert_eq!(amount("1,2,3"), Err(Invalid::AmountFormat));
        assert_eq!(amount("abc"), Err(Invalid::AmountFormat));
        assert_eq!(amount("0"), Err(Invalid::AmountRange));
        assert_eq!(amount("100000000,01"), Err(Invalid::AmountRange));
        assert_eq!(amount("99999999999999999999"), Err(Invalid::AmountRange));
    }

    #[test]
    fn shows_roubles_with_grouped_digits() {
        assert_eq!(roubles(123_456), "1\u{a0}234,56\u{a0}₽");
        assert_eq!(roubles(5), "0,05\u{a0}₽");
        assert_eq!(roubles(10_000_000_000), "100\u{a0}000\u{a0}000,00\u{a0}₽");
    }
}
