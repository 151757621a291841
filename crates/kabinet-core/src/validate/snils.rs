//! СНИЛС, the pension insurance number: 11 digits, the last two a checksum of the first nine.
//!
//! - Spaces and hyphens are ignored («123-456-789 64» → «12345678964»).
//! - The checksum is verified only for numbers above 001-001-998; lower numbers were issued
//!   before the checksum existed and pass as they are.
//! - s = Σ d_i·(10−i) over the first nine digits; s < 100 → s; s = 100 or 101 → 00;
//!   s > 101 → s mod 101, where 100 → 00.

use super::{Checked, Invalid, digit_values, digits_without};

/// Highest number issued without a checksum.
const LAST_UNCHECKED: u32 = 1_001_998;

/// Checks a СНИЛС and returns its 11 digits.
pub fn snils(input: &str) -> Checked<String> {
    let digits = digits_without(input, |c| c.is_whitespace() || c == '-')?;
    if digits.len() != 11 {
        return Err(Invalid::SnilsLength);
    }
    let values = digit_values(&digits);
    let (number, control) = values.split_at(9);
    let number_value = number.iter().fold(0, |acc, d| acc * 10 + d);
    let control_value = control.iter().fold(0, |acc, d| acc * 10 + d);
    if number_value > LAST_UNCHECKED && control_value != checksum(number) {
        return Err(Invalid::Checksum);
    }
    Ok(digits)
}

/// The two control digits of the nine-digit number, as a number 0..=99.
fn checksum(number: &[u32]) -> u32 {
    let sum: u32 = number.iter().zip((1..=9).rev()).map(|(d, w)| d * w).sum();
    match sum {
        0..100 => sum,
        100 | 101 => 0,
        _ => (sum % 101) % 100,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Independent reference: weights 9..1, the rules of `domain.md` spelled out one by one.
    fn expected_control(nine: &str) -> String {
        let mut s = 0;
        for (i, c) in nine.chars().enumerate() {
            s += c.to_digit(10).unwrap_or(0) * (10 - (i as u32 + 1));
        }
        let control = if s < 100 {
            s
        } else if s == 100 || s == 101 {
            0
        } else {
            let m = s % 101;
            if m == 100 { 0 } else { m }
        };
        format!("{control:02}")
    }

    fn weighted_sum(nine: &str) -> u32 {
        nine.chars().zip((1..=9).rev()).map(|(c, w)| c.to_digit(10).unwrap_or(0) * w).sum()
    }

    fn valid(nine: &str) -> String {
        format!("{nine}{}", expected_control(nine))
    }

    #[test]
    fn accepts_the_formatted_example() {
        assert_eq!(expected_control("123456789"), "64");
        assert_eq!(snils("123-456-789 64"), Ok("12345678964".to_owned()));
        assert_eq!(snils(" 123 456 789 64 "), Ok("12345678964".to_owned()));
        assert_eq!(snils("12345678964"), Ok("12345678964".to_owned()));
    }

    #[test]
    fn sum_below_one_hundred_is_the_control() {
        let nine = "002003001";
        assert!(weighted_sum(nine) < 100);
        assert_eq!(snils(&valid(nine)), Ok(valid(nine)));
        assert_eq!(valid(nine), format!("{nine}{:02}", weighted_sum(nine)));
    }

    #[test]
    fn sum_of_one_hundred_and_one_hundred_one_give_00() {
        let hundred = "920000003";
        let hundred_one = "920000004";
        assert_eq!(weighted_sum(hundred), 100);
        assert_eq!(weighted_sum(hundred_one), 101);
        assert_eq!(snils(&format!("{hundred}00")), Ok(format!("{hundred}00")));
        assert_eq!(snils(&format!("{hundred_one}00")), Ok(format!("{hundred_one}00")));
        assert_eq!(snils(&format!("{hundred}01")), Err(Invalid::Checksum));
        assert_eq!(snils(&format!("{hundred_one}01")), Err(Invalid::Checksum));
    }

    #[test]
    fn sum_above_one_hundred_one_is_taken_mod_101() {
        let nine = "123456789";
        assert_eq!(weighted_sum(nine), 165);
        assert_eq!(snils(&valid(nine)), Ok(valid(nine)));
    }

    #[test]
    fn mod_101_giving_100_is_00() {
        let nine = (1_001_999..=999_999_999)
            .step_by(7)
            .map(|n| format!("{n:09}"))
            .find(|nine| weighted_sum(nine) % 101 == 100 && weighted_sum(nine) > 101)
            .unwrap_or_default();
        assert_eq!(nine.len(), 9);
        assert_eq!(snils(&format!("{nine}00")), Ok(format!("{nine}00")));
        assert_eq!(snils(&format!("{nine}10")), Err(Invalid::Checksum));
    }

    #[test]
    fn old_numbers_pass_without_checksum() {
        assert_eq!(snils("001-001-998 99"), Ok("00100199899".to_owned()));
        assert_eq!(snils("000-000-001 00"), Ok("00000000100".to_owned()));
        assert_eq!(snils("001-001-999 00"), Err(Invalid::Checksum));
        assert_eq!(snils(&valid("001001999")), Ok(valid("001001999")));
    }

    #[test]
    fn every_wrong_control_is_refused() {
        let nine = "112233445";
        let right = expected_control(nine);
        for control in 0..100 {
            let control = format!("{control:02}");
            let result = snils(&format!("{nine}{control}"));
            if control == right {
                assert!(result.is_ok());
            } else {
                assert_eq!(result, Err(Invalid::Checksum), "{control}");
            }
        }
    }

    #[test]
    fn shape_refusals() {
        assert_eq!(snils(" "), Err(Invalid::Required));
        assert_eq!(snils("123-456-789 6"), Err(Invalid::SnilsLength));
        assert_eq!(snils("123-456-789 645"), Err(Invalid::SnilsLength));
        assert_eq!(snils("123.456.789 64"), Err(Invalid::OnlyDigits));
        assert_eq!(snils("123-456-78a 64"), Err(Invalid::OnlyDigits));
    }
}
