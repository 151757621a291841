//! Parts of the ФИО (surname, first name, patronymic) as in a Russian passport.
//!
//! - Characters: Russian letters А–Я, а–я, Ё, ё; separators: hyphen, apostrophe (' and ’), space.
//! - 1–60 characters per part; the case is kept as typed.
//! - A separator stands only between two letters: never first, never last, never two in a row.
//! - The patronymic is «при наличии»: empty means the citizen has none.

use super::{Checked, Invalid, required};

/// Longest part, in characters.
const MAX_CHARS: usize = 60;

/// Checks a required part (surname or first name).
pub fn name_part(input: &str) -> Checked<String> {
    let text = required(input)?;
    if !text.chars().all(|c| is_russian_letter(c) || is_separator(c)) {
        return Err(Invalid::NameCharacters);
    }
    if !separators_between_letters(text) {
        return Err(Invalid::NameSeparators);
    }
    if text.chars().count() > MAX_CHARS {
        return Err(Invalid::NameTooLong);
    }
    Ok(text.to_owned())
}

/// Checks a part the citizen may not have (patronymic): empty is `None`.
pub fn optional_name_part(input: &str) -> Checked<Option<String>> {
    match name_part(input) {
        Ok(part) => Ok(Some(part)),
        Err(Invalid::Required) => Ok(None),
        Err(other) => Err(other),
    }
}

/// А–Я, а–я, Ё, ё.
pub(super) fn is_russian_letter(c: char) -> bool {
    matches!(c, 'А'..='я' | 'Ё' | 'ё')
}

fn is_separator(c: char) -> bool {
    matches!(c, '-' | '\'' | '’' | ' ')
}

fn separators_between_letters(text: &str) -> bool {
    let mut previous_was_letter = false;
    for c in text.chars() {
        let letter = !is_separator(c);
        if !letter && !previous_was_letter {
            return false;
        }
        previous_was_letter = letter;
    }
    previous_was_letter
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_russian_names_as_typed() {
        for name in [
            "Иванов",
            "ёлкин",
            "Ян",
            "Ё",
            "Салтыков-Щедрин",
            "Д'Артаньян",
            "Д’Артаньян",
            "Анна Мария",
            "ОГЛЫ",
        ] {
            assert_eq!(name_part(name), Ok(name.to_owned()), "{name}");
        }
    }

    #[test]
    fn trims_outer_whitespace() {
        assert_eq!(name_part("  Пётр\t"), Ok("Пётр".to_owned()));
    }

    #[test]
    fn requires_a_value() {
        assert_eq!(name_part(""), Err(Invalid::Required));
        assert_eq!(name_part("   "), Err(Invalid::Required));
    }

    #[test]
    fn refuses_other_characters() {
        for name in
            ["Ivanov", "Иванов1", "Иванoв", "Иван_ов", "Иван.", "Іван", "Иван\u{a0}Петрович", "Анна\tМария"]
        {
            assert_eq!(name_part(name), Err(Invalid::NameCharacters), "{name}");
        }
    }

    #[test]
    fn refuses_misplaced_separators() {
        for name in [
            "-Иванов",
            "Иванов-",
            "'Иванов",
            "Иванов’",
            "Салтыков--Щедрин",
            "Анна  Мария",
            "Д'-Артаньян",
            "-",
        ] {
            assert_eq!(name_part(name), Err(Invalid::NameSeparators), "{name}");
        }
    }

    #[test]
    fn sixty_characters_at_most() {
        let sixty = "Щ".repeat(60);
        assert_eq!(name_part(&sixty), Ok(sixty.clone()));
        assert_eq!(name_part(&format!("{sixty}а")), Err(Invalid::NameTooLong));
    }

    #[test]
    fn patronymic_may_be_absent() {
        assert_eq!(optional_name_part("  "), Ok(None));
        assert_eq!(optional_name_part("Петрович"), Ok(Some("Петрович".to_owned())));
        assert_eq!(optional_name_part("Petrovich"), Err(Invalid::NameCharacters));
    }
}
