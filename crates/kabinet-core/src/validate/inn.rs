//! ИНН of a person: 12 digits, the last two are control digits.
//!
//! - Spaces are ignored.
//! - 10 digits is an organisation's ИНН and is refused with its own reason.
//! - c11 = (Σ w_i·d_i mod 11) mod 10 with w = 7,2,4,10,3,5,9,4,6,8 over the first ten digits;
//!   c12 likewise over the first eleven with w = 3,7,2,4,10,3,5,9,4,6,8.

use super::{Checked, Invalid, digit_values, digits_without};

const WEIGHTS_11: [u32; 10] = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const WEIGHTS_12: [u32; 11] = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

/// Checks a personal ИНН and returns its 12 digits.
pub fn inn(input: &str) -> Checked<String> {
    let digits = digits_without(input, char::is_whitespace)?;
    match digits.len() {
        12 => {}
        10 => return Err(Invalid::InnOrganization),
        _ => return Err(Invalid::InnLength),
    }
    let d = digit_values(&digits);
    if d[10] == control(&d[..10], &WEIGHTS_11) && d[11] == control(&d[..11], &WEIGHTS_12) {
        Ok(digits)
    } else {
        Err(Invalid::Checksum)
    }
}

fn control(digits: &[u32], weights: &[u32]) -> u32 {
    let sum: u32 = digits.iter().zip(weights).map(|(d, w)| d * w).sum();
    sum % 11 % 10
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Independent reference: completes ten digits to a valid 12-digit ИНН.
    fn complete(ten: &str) -> String {
        let w11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
        let w12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
        let mut d: Vec<u32> = ten.chars().map(|c| c.to_digit(10).unwrap_or(0)).collect();
        let mut s = 0;
        for i in 0..10 {
            s += w11[i] * d[i];
        }
        d.push(s % 11 % 10);
        let mut s = 0;
        for i in 0..11 {
            s += w12[i] * d[i];
        }
        d.push(s % 11 % 10);
        d.iter().map(|x| x.to_string()).collect()
    }

    const PREFIXES: [&str; 6] =
        ["5001007322", "7707083893", "5001000000", "0000000000", "9999999999", "7736207543"];

    #[test]
    fn accepts_valid_numbers() {
        assert_eq!(complete("5001007322"), "500100732259");
        for ten in PREFIXES {
            let valid = complete(ten);
            assert_eq!(inn(&valid), Ok(valid.clone()), "{valid}");
        }
        assert_eq!(inn(" 7707 0838 9300 "), inn("770708389300"));
    }

    #[test]
    fn every_single_digit_change_is_refused() {
        for ten in PREFIXES {
            let valid = complete(ten);
            for position in 0..12 {
                for digit in '0'..='9' {
                    let mut changed: Vec<char> = valid.chars().collect();
                    if changed[position] == digit {
                        continue;
                    }
                    changed[position] = digit;
                    let changed: String = changed.into_iter().collect();
                    assert_eq!(inn(&changed), Err(Invalid::Checksum), "{changed}");
                }
            }
        }
    }

    #[test]
    fn ten_digits_belong_to_an_organisation() {
        assert_eq!(inn("7707083893"), Err(Invalid::InnOrganization));
        assert_eq!(inn("77 0708 3893"), Err(Invalid::InnOrganization));
    }

    #[test]
    fn shape_refusals() {
        assert_eq!(inn(""), Err(Invalid::Required));
        assert_eq!(inn("12345678901"), Err(Invalid::InnLength));
        assert_eq!(inn("1234567890123"), Err(Invalid::InnLength));
        assert_eq!(inn("7707-0838-9300"), Err(Invalid::OnlyDigits));
    }
}
