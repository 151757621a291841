//! The Russian internal passport: series and number, division code, issue date and «кем выдан».
//!
//! - Series and number: spaces ignored, then exactly 10 digits, stored without spaces.
//! - Division code: «123-456» or «123456», stored as «123-456».
//! - Issue date: ДД.ММ.ГГГГ, not after today, not before the 14th birthday.
//! - «Кем выдан»: 3–200 characters of Russian letters, digits, spaces and . , - « » " ( ) № /,
//!   with at least one letter.

use time::Date;

use super::date::{self, MIN_AGE, anniversary};
use super::name::is_russian_letter;
use super::{Checked, Invalid, digits_without, required};

/// Checks the series and number: «45 08 123456» → «4508123456».
pub fn passport_number(input: &str) -> Checked<String> {
    let digits = digits_without(input, char::is_whitespace)?;
    if digits.len() == 10 { Ok(digits) } else { Err(Invalid::PassportLength) }
}

/// Checks the division code: «123456» → «123-456».
pub fn division_code(input: &str) -> Checked<String> {
    let text = required(input)?;
    let digits = match text.split_once('-') {
        Some((left, right)) if left.len() == 3 && right.len() == 3 => format!("{left}{right}"),
        Some(_) => return Err(Invalid::DivisionCodeFormat),
        None => text.to_owned(),
    };
    if digits.len() == 6 && digits.bytes().all(|b| b.is_ascii_digit()) {
        Ok(format!("{}-{}", &digits[..3], &digits[3..]))
    } else {
        Err(Invalid::DivisionCodeFormat)
    }
}

/// Checks the issue date against the holder's birth date and today.
pub fn passport_issue_date(input: &str, birth: Date, today: Date) -> Checked<Date> {
    let issued = date::parse(input)?;
    if issued > today {
        return Err(Invalid::DateInFuture);
    }
    match anniversary(birth, birth.year() + MIN_AGE) {
        Some(fourteenth) if issued >= fourteenth => Ok(issued),
        _ => Err(Invalid::IssueBeforeFourteen),
    }
}

/// Checks «кем выдан», e.g. «ГУ МВД России по г. Москве».
pub fn issued_by(input: &str) -> Checked<String> {
    let text = required(input)?;
    let length = text.chars().count();
    if length < 3 {
        return Err(Invalid::IssuedByTooShort);
    }
    if length > 200 {
        return Err(Invalid::IssuedByTooLong);
    }
    if !text.chars().all(is_issuer_char) {
        return Err(Invalid::IssuedByCharacters);
    }
    if !text.chars().any(is_russian_letter) {
        return Err(Invalid::IssuedByNoLetters);
    }
    Ok(text.to_owned())
}

fn is_issuer_char(c: char) -> bool {
    is_russian_letter(c) || c.is_ascii_digit() || " .,-«»\"()№/".contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const BIRTH: Date = date!(1990 - 03 - 05);
    const TODAY: Date = date!(2025 - 06 - 15);

    #[test]
    fn number_in_the_usual_spellings() {
        for text in ["45 08 123456", "4508 123456", "4508123456", " 4508123456 ", "45\u{a0}08 123456"] {
            assert_eq!(passport_number(text), Ok("4508123456".to_owned()), "{text}");
        }
    }

    #[test]
    fn number_refusals() {
        assert_eq!(passport_number(" "), Err(Invalid::Required));
        assert_eq!(passport_number("45-08 123456"), Err(Invalid::OnlyDigits));
        assert_eq!(passport_number("45 08 12345"), Err(Invalid::PassportLength));
        assert_eq!(passport_number("45 08 1234567"), Err(Invalid::PassportLength));
    }

    #[test]
    fn division_code_both_spellings() {
        assert_eq!(division_code("123-456"), Ok("123-456".to_owned()));
        assert_eq!(division_code(" 123456 "), Ok("123-456".to_owned()));
    }

    #[test]
    fn division_code_refusals() {
        assert_eq!(division_code(""), Err(Invalid::Required));
        for text in [
            "12-3456",
            "1234-56",
            "123 456",
            "12345",
            "1234567",
            "123-45a",
            "123--456",
            "-123456",
            "１２３-４５６",
        ] {
            assert_eq!(division_code(text), Err(Invalid::DivisionCodeFormat), "{text}");
        }
    }

    #[test]
    fn issue_date_from_the_fourteenth_birthday_to_today() {
        assert_eq!(passport_issue_date("05.03.2004", BIRTH, TODAY), Ok(date!(2004 - 03 - 05)));
        assert_eq!(passport_issue_date("15.06.2025", BIRTH, TODAY), Ok(TODAY));
        assert_eq!(passport_issue_date("04.03.2004", BIRTH, TODAY), Err(Invalid::IssueBeforeFourteen));
        assert_eq!(passport_issue_date("16.06.2025", BIRTH, TODAY), Err(Invalid::DateInFuture));
    }

    #[test]
    fn issue_date_for_a_leap_day_birth() {
        let birth = date!(2000 - 02 - 29);
        assert_eq!(passport_issue_date("28.02.2014", birth, TODAY), Ok(date!(2014 - 02 - 28)));
        assert_eq!(passport_issue_date("27.02.2014", birth, TODAY), Err(Invalid::IssueBeforeFourteen));
    }

    #[test]
    fn issue_date_shape() {
        assert_eq!(passport_issue_date("", BIRTH, TODAY), Err(Invalid::Required));
        assert_eq!(passport_issue_date("2004-03-05", BIRTH, TODAY), Err(Invalid::DateFormat));
        assert_eq!(passport_issue_date("31.06.2010", BIRTH, TODAY), Err(Invalid::DateNotReal));
    }

    #[test]
    fn issued_by_accepts_real_wording() {
        for text in [
            "ГУ МВД России по г. Москве",
            "Отделом УФМС России по гор. Санкт-Петербургу и Ленинградской обл. в Приморском р-не",
            "ТП №2 ОУФМС (Кировский район) «Центр»",
            "ОВД \"Ясенево\" 12/3",
        ] {
            assert_eq!(issued_by(text), Ok(text.to_owned()), "{text}");
        }
    }

    #[test]
    fn issued_by_refusals() {
        assert_eq!(issued_by("  "), Err(Invalid::Required));
        assert_eq!(issued_by("ОВ"), Err(Invalid::IssuedByTooShort));
        assert_eq!(issued_by(&"О".repeat(201)), Err(Invalid::IssuedByTooLong));
        assert_eq!(issued_by(&"О".repeat(200)), Ok("О".repeat(200)));
        assert_eq!(issued_by("UFMS Russia"), Err(Invalid::IssuedByCharacters));
        assert_eq!(issued_by("ОВД; 12"), Err(Invalid::IssuedByCharacters));
        assert_eq!(issued_by("123/45"), Err(Invalid::IssuedByNoLetters));
    }
}
