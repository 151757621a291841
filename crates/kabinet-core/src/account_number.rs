//! «Номер личного кабинета»: ten digits shown as `1234-5678-90`, the last a Luhn check digit so
//! that a digit mistyped at a service-centre desk is caught before any lookup.

/// A new random account number; uniqueness is the database's job.
pub fn generate() -> String {
    let body: Vec<u8> = std::iter::once(rand::random_range(1..=9u8))
        .chain((0..8).map(|_| rand::random_range(0..=9u8)))
        .collect();
    let check = luhn_check_digit(&body);
    let digits: String = body.iter().chain(std::iter::once(&check)).map(|d| char::from(b'0' + d)).collect();
    format!("{}-{}-{}", &digits[..4], &digits[4..8], &digits[8..])
}

/// The number whose first nine digits are `body` (below 10⁹, zero-padded) with its check digit:
/// synthetic accounts for benchmarks get valid, distinct numbers from their ids.
pub fn from_body(body: u64) -> String {
    let digits: Vec<u8> = format!("{:09}", body % 1_000_000_000).bytes().map(|b| b - b'0').collect();
    let check = luhn_check_digit(&digits);
    let text: String = digits.iter().chain(std::iter::once(&check)).map(|d| char::from(b'0' + d)).collect();
    format!("{}-{}-{}", &text[..4], &text[4..8], &text[8..])
}

/// Whether `number` (with or without hyphens) is ten digits with a valid check digit.
pub fn is_valid(number: &str) -> bool {
    let digits: Vec<u8> =
        number.chars().filter(|c| *c != '-').filter_map(|c| c.to_digit(10)).map(|d| d as u8).collect();
    let only_digits_and_hyphens = number.chars().all(|c| c == '-' || c.is_ascii_digit());
    only_digits_and_hyphens
        && digits.len() == 10
        && digits.last().is_some_and(|check| *check == luhn_check_digit(&digits[..9]))
}

/// The number as stored (`1234-5678-90`), from any typing with or without hyphens and spaces
/// around it; `AccountNumberFormat` when it is not ten digits with a valid check digit.
pub fn normalise(number: &str) -> Result<String, crate::validate::Invalid> {
    let text = number.trim();
    if text.is_empty() {
        return Err(crate::validate::Invalid::Required);
    }
    if text.len() > 16 || !is_valid(text) {
        return Err(crate::validate::Invalid::AccountNumberFormat);
    }
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    Ok(format!("{}-{}-{}", &digits[..4], &digits[4..8], &digits[8..]))
}

fn luhn_check_digit(body: &[u8]) -> u8 {
    let sum: u32 = body
        .iter()
        .rev()
        .enumerate()
        .map(|(i, d)| {
            let d = u32::from(*d);
            if i % 2 == 0 { if d * 2 > 9 { d * 2 - 9 } else { d * 2 } } else { d }
        })
        .sum();
    ((10 - sum % 10) % 10) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_from_a_body_are_valid_and_distinct() {
        assert_eq!(from_body(123_456_789), "1234-5678-97");
        assert!((0..1000).map(from_body).all(|n| is_valid(&n)));
        assert_ne!(from_body(1), from_body(2));
    }

    #[test]
    fn generated_numbers_are_valid_and_formatted() {
        for _ in 0..1000 {
            let number = generate();
            assert_eq!(number.len(), 12);
            assert!(is_valid(&number), "{number}");
        }
    }

    #[test]
    fn one_wrong_digit_is_caught() {
        assert!(is_valid("7992-7398-75"));
        assert!(!is_valid("7992-7398-74"));
        assert!(!is_valid("7992-7398-7"));
    }
}
