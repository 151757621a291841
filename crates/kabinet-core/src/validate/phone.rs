//! Russian mobile phone numbers, stored in E.164 («+79123456789»).
//!
//! - Spaces, parentheses and hyphens are ignored.
//! - Accepted: +7XXXXXXXXXX, 8XXXXXXXXXX, 7XXXXXXXXXX and the bare ten-digit XXXXXXXXXX.
//! - `+` followed by another country code is refused as not Russian.
//! - The ten-digit national number must start with 9 (mobile).

use super::{Checked, Invalid, required};

/// Checks a mobile number: «+7 (912) 345-67-89» → «+79123456789».
pub fn phone(input: &str) -> Checked<String> {
    let compact: String =
        required(input)?.chars().filter(|&c| !(c.is_whitespace() || matches!(c, '(' | ')' | '-'))).collect();
    let national = national_number(&compact)?;
    if national.starts_with('9') { Ok(format!("+7{national}")) } else { Err(Invalid::NotMobile) }
}

fn national_number(compact: &str) -> Checked<&str> {
    let (international, digits) = match compact.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => (false, compact),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Invalid::PhoneFormat);
    }
    if international && !digits.starts_with('7') {
        return Err(Invalid::PhoneCountry);
    }
    match (international, digits.len()) {
        (true, 11) => Ok(&digits[1..]),
        (false, 11) if digits.starts_with(['7', '8']) => Ok(&digits[1..]),
        (false, 10) => Ok(digits),
        _ => Err(Invalid::PhoneFormat),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_usual_spellings() {
        for text in [
            "+7 (912) 345-67-89",
            "89123456789",
            "9123456789",
            "79123456789",
            "+79123456789",
            " 8 912 345 67 89 ",
            "8(912)345-67-89",
        ] {
            assert_eq!(phone(text), Ok("+79123456789".to_owned()), "{text}");
        }
    }

    #[test]
    fn landlines_are_not_mobile() {
        assert_eq!(phone("+7 (495) 123-45-67"), Err(Invalid::NotMobile));
        assert_eq!(phone("84951234567"), Err(Invalid::NotMobile));
        assert_eq!(phone("4951234567"), Err(Invalid::NotMobile));
    }

    #[test]
    fn other_countries_are_refused() {
        assert_eq!(phone("+380 50 123 45 67"), Err(Invalid::PhoneCountry));
        assert_eq!(phone("+8 912 345-67-89"), Err(Invalid::PhoneCountry));
    }

    #[test]
    fn other_shapes_are_refused() {
        assert_eq!(phone(""), Err(Invalid::Required));
        for text in [
            "912345678",
            "891234567890",
            "69123456789",
            "+7912345678",
            "+791234567890",
            "+7 912 345.67.89",
            "8-912-ABC-67-89",
            "+",
            "++79123456789",
            "7+9123456789",
        ] {
            assert_eq!(phone(text), Err(Invalid::PhoneFormat), "{text}");
        }
    }
}
