//! Password strength: the rule of `domain.md`, applied in a fixed order so the citizen always
//! hears the first thing to fix, and the UI, the CLI and the tests agree on which it is.
//!
//! The password is judged after trimming outer whitespace, so the caller must hash and later
//! verify the trimmed text. Rules, in order (the first failing one is returned):
//! 1. not empty ([`Invalid::Required`]); 8–128 characters (Unicode scalar values);
//! 2. an upper-case and a lower-case letter (any script), a digit, and a special character —
//!    anything that is not a letter, a digit or whitespace;
//! 3. no run of 4 or more identical characters, then no run of 4 or more consecutive ones
//!    (up or down by code point) among the digits 0–9, the Latin letters or the Russian letters,
//!    both case-insensitive;
//! 4. not on the list of common passwords (whole password, case-insensitive);
//! 5. none of the citizen's own data, case-insensitive: the birth date in any form of
//!    [`birth_date_forms`]; the phone's 10-digit national number or its last 7 digits; the
//!    СНИЛС's 11 digits, its first 9, or those 9 written «123-456-789»; every word of 3 or more
//!    letters of a name part — as typed, with ё read as е on either side, romanised (ICAO and
//!    everyday) and typed on the Latin layout; the e-mail's local part when it has 3 or more
//!    characters.
//!
//! Not one of the last 5 passwords ([`Invalid::PasswordReused`]) is the caller's check: only it
//! holds the hashes.

use std::collections::HashSet;
use std::sync::LazyLock;

use time::Date;

use super::translit::{everyday, icao, latin_layout};
use super::{Checked, Invalid, required};

const MIN_CHARS: usize = 8;
const MAX_CHARS: usize = 128;
/// Length of a run of repeated or consecutive characters that is refused.
const RUN: usize = 4;
/// Shortest word of a name part, in letters, that a password must not contain.
const MIN_NAME_LETTERS: usize = 3;
/// Shortest e-mail local part that a password must not contain.
const MIN_EMAIL_LOCAL: usize = 3;

/// Common passwords: the zxcvbn-ts list (MIT, see `data/COMMON-PASSWORDS-LICENSE.txt`) plus
/// common Russian ones; lower case, one per line.
static COMMON: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../../data/common-passwords.txt")
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect()
});

/// What the password must not contain: the citizen's own data, as far as it is known.
#[derive(Debug, Clone, Copy, Default)]
pub struct PasswordContext<'a> {
    /// Date of birth.
    pub birth_date: Option<Date>,
    /// Mobile phone in E.164 («+79123456789»); other spellings work too, only digits count.
    pub phone: Option<&'a str>,
    /// СНИЛС, 11 digits, formatted or not.
    pub snils: Option<&'a str>,
    /// Surname, first name, patronymic, as stored.
    pub name_parts: &'a [&'a str],
    /// E-mail address.
    pub email: Option<&'a str>,
}

/// Checks a new password; the first failing rule, in the order of the module docs.
pub fn password(input: &str, ctx: &PasswordContext<'_>) -> Checked<()> {
    let text = required(input)?;
    let chars: Vec<char> = text.chars().collect();
    check_length(&chars)?;
    check_classes(&chars)?;
    check_runs(&chars)?;
    let lower = text.to_lowercase();
    if is_common(&lower) {
        return Err(Invalid::PasswordCommon);
    }
    check_personal(&lower, ctx)
}

/// The date formats in which a birth date may hide inside a password, used by `password`:
/// DDMMYYYY, DD.MM.YYYY, DD-MM-YYYY, DD/MM/YYYY, YYYYMMDD, YYYY-MM-DD, YYYY.MM.DD, DDMMYY, DD.MM.YY.
pub fn birth_date_forms(date: Date) -> Vec<String> {
    let (d, m, y) = (date.day(), u8::from(date.month()), date.year());
    let yy = y.rem_euclid(100);
    vec![
        format!("{d:02}{m:02}{y:04}"),
        super::dotted_date(date),
        format!("{d:02}-{m:02}-{y:04}"),
        format!("{d:02}/{m:02}/{y:04}"),
        format!("{y:04}{m:02}{d:02}"),
        format!("{y:04}-{m:02}-{d:02}"),
        format!("{y:04}.{m:02}.{d:02}"),
        format!("{d:02}{m:02}{yy:02}"),
        format!("{d:02}.{m:02}.{yy:02}"),
    ]
}

fn is_common(lower: &str) -> bool {
    COMMON.contains(lower)
}

fn check_length(chars: &[char]) -> Checked<()> {
    match chars.len() {
        n if n < MIN_CHARS => Err(Invalid::PasswordTooShort),
        n if n > MAX_CHARS => Err(Invalid::PasswordTooLong),
        _ => Ok(()),
    }
}

fn check_classes(chars: &[char]) -> Checked<()> {
    let has = |test: fn(&char) -> bool, missing: Invalid| {
        if chars.iter().any(test) { Ok(()) } else { Err(missing) }
    };
    has(|c| c.is_uppercase(), Invalid::PasswordNoUpper)?;
    has(|c| c.is_lowercase(), Invalid::PasswordNoLower)?;
    has(|c| c.is_numeric(), Invalid::PasswordNoDigit)?;
    has(|&c| !(c.is_alphabetic() || c.is_numeric() || c.is_whitespace()), Invalid::PasswordNoSpecial)
}

fn check_runs(chars: &[char]) -> Checked<()> {
    let folded: Vec<char> = chars.iter().map(|&c| fold(c)).collect();
    if folded.windows(RUN).any(|w| w.iter().all(|&c| c == w[0])) {
        return Err(Invalid::PasswordRepeated);
    }
    if folded.windows(RUN).any(is_sequence) {
        return Err(Invalid::PasswordSequence);
    }
    Ok(())
}

fn fold(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

/// The alphabets within which consecutive code points form a sequence.
#[derive(PartialEq, Eq)]
enum Alphabet {
    Digits,
    Latin,
    Russian,
}

fn alphabet(c: char) -> Option<Alphabet> {
    match c {
        '0'..='9' => Some(Alphabet::Digits),
        'a'..='z' => Some(Alphabet::Latin),
        'а'..='я' | 'ё' => Some(Alphabet::Russian),
        _ => None,
    }
}

fn is_sequence(window: &[char]) -> bool {
    let Some(first) = alphabet(window[0]) else {
        return false;
    };
    if !window.iter().all(|&c| alphabet(c).as_ref() == Some(&first)) {
        return false;
    }
    let steps: Vec<i64> =
        window.windows(2).map(|p| i64::from(u32::from(p[1])) - i64::from(u32::from(p[0]))).collect();
    steps.iter().all(|&s| s == 1) || steps.iter().all(|&s| s == -1)
}

fn check_personal(lower: &str, ctx: &PasswordContext<'_>) -> Checked<()> {
    let checks: [(Vec<String>, Invalid); 5] = [
        (ctx.birth_date.map(birth_date_forms).unwrap_or_default(), Invalid::PasswordContainsBirthDate),
        (ctx.phone.map(phone_forms).unwrap_or_default(), Invalid::PasswordContainsPhone),
        (ctx.snils.map(snils_forms).unwrap_or_default(), Invalid::PasswordContainsSnils),
        (name_forms(ctx.name_parts), Invalid::PasswordContainsName),
        (ctx.email.map(email_forms).unwrap_or_default(), Invalid::PasswordContainsEmail),
    ];
    let plain = lower.replace('ё', "е");
    for (forms, invalid) in checks {
        if forms.iter().any(|form| lower.contains(form.as_str()) || plain.contains(form.as_str())) {
            return Err(invalid);
        }
    }
    Ok(())
}

fn only_digits(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

fn phone_forms(phone: &str) -> Vec<String> {
    let digits = only_digits(phone);
    if digits.len() < 10 {
        return Vec::new();
    }
    let national = &digits[digits.len() - 10..];
    vec![national.to_owned(), national[3..].to_owned()]
}

fn snils_forms(snils: &str) -> Vec<String> {
    let digits = only_digits(snils);
    if digits.len() != 11 {
        return Vec::new();
    }
    let hyphenated = format!("{}-{}-{}", &digits[..3], &digits[3..6], &digits[6..9]);
    vec![digits[..9].to_owned(), digits.clone(), hyphenated]
}

fn name_forms(parts: &[&str]) -> Vec<String> {
    parts
        .iter()
        .flat_map(|part| part.split(|c: char| c.is_whitespace() || matches!(c, '-' | '\'' | '’')))
        .filter(|word| word.chars().filter(|c| c.is_alphabetic()).count() >= MIN_NAME_LETTERS)
        .flat_map(|word| {
            let lower = word.to_lowercase();
            [lower.replace('ё', "е"), lower]
        })
        .flat_map(|word| [icao(&word), everyday(&word), latin_layout(&word), word])
        .filter(|form| form.chars().count() >= MIN_NAME_LETTERS)
        .collect()
}

fn email_forms(email: &str) -> Vec<String> {
    let local = email.trim().rsplit_once('@').map_or(email.trim(), |(local, _)| local);
    if local.chars().count() >= MIN_EMAIL_LOCAL { vec![local.to_lowercase()] } else { Vec::new() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const STRONG: &str = "Zebra!Kite7";

    fn none() -> PasswordContext<'static> {
        PasswordContext::default()
    }

    fn check(text: &str) -> Checked<()> {
        password(text, &none())
    }

    #[test]
    fn accepts_a_strong_password() {
        assert_eq!(check(STRONG), Ok(()));
        assert_eq!(check("Пароль-для-Кабинета7"), Ok(()));
        assert_eq!(check("  Zebra!Kite7  "), Ok(()));
        assert_eq!(check("Зебра и воздушный змей-7"), Ok(()));
        assert_eq!(check("Зебра и воздушный змей 7"), Err(Invalid::PasswordNoSpecial));
    }

    #[test]
    fn length_in_characters() {
        assert_eq!(check(""), Err(Invalid::Required));
        assert_eq!(check("Ze!ra7k"), Err(Invalid::PasswordTooShort));
        assert_eq!(check("Ze!ra7ki"), Ok(()));
        assert_eq!(check("Жё!ра7кш"), Ok(()));
        let longest: String = format!("Aa1!{}", "xyqp".repeat(31));
        assert_eq!(longest.chars().count(), 128);
        assert_eq!(check(&longest), Ok(()));
        assert_eq!(check(&format!("{longest}x")), Err(Invalid::PasswordTooLong));
    }

    #[test]
    fn character_classes() {
        assert_eq!(check("zebra!kite7"), Err(Invalid::PasswordNoUpper));
        assert_eq!(check("ZEBRA!KITE7"), Err(Invalid::PasswordNoLower));
        assert_eq!(check("Zebra!Kites"), Err(Invalid::PasswordNoDigit));
        assert_eq!(check("Zebra Kite7"), Err(Invalid::PasswordNoSpecial));
        assert_eq!(check("Зебра!змей7"), Ok(()));
        assert_eq!(check("зебра!змей7"), Err(Invalid::PasswordNoUpper));
        assert_eq!(check("ЗЕБРА!ЗМЕЙ7"), Err(Invalid::PasswordNoLower));
        assert_eq!(check("Zebra_Kite7"), Ok(()));
        assert_eq!(check("Zebra№Kite7"), Ok(()));
    }

    #[test]
    fn repeated_runs() {
        assert_eq!(check("Zebra!1111k"), Err(Invalid::PasswordRepeated));
        assert_eq!(check("Zeb!aAaAk7"), Err(Invalid::PasswordRepeated));
        assert_eq!(check("Zeb!жЖжЖk7"), Err(Invalid::PasswordRepeated));
        assert_eq!(check("Zebra!!!!K7"), Err(Invalid::PasswordRepeated));
        assert_eq!(check("Zebra!!!K7"), Ok(()));
    }

    #[test]
    fn sequential_runs() {
        for text in [
            "Zeb!1234k",
            "Zeb!4321k",
            "Zeb!abcdK7",
            "Zeb!DCBAk7",
            "Zeb!aBcDk7",
            "Zeb!абвгK7",
            "Zeb!ГВБАk7",
            "Zeb!wxyzK7",
            "Zeb!6789k",
        ] {
            assert_eq!(check(text), Err(Invalid::PasswordSequence), "{text}");
        }
        for text in ["Zeb!123k", "Zeb!135k7", "Zeb!abc1k", "Zeb!7890k", "Zeb!abвгK7", "Zeb!9abck"] {
            assert_ne!(check(text), Err(Invalid::PasswordSequence), "{text}");
        }
    }

    #[test]
    fn repeated_is_reported_before_sequence() {
        assert_eq!(check("Zeb!1234aaaa"), Err(Invalid::PasswordRepeated));
    }

    #[test]
    fn common_passwords() {
        assert!(COMMON.len() >= 20_000);
        for known in ["123456", "password", "йцукен", "пароль", "gfhjkm", "qwerty123", "1q2w3e4r"]
        {
            assert!(COMMON.contains(known), "{known}");
        }
        assert_eq!(check("P@ssw0rd"), Err(Invalid::PasswordCommon));
        assert_eq!(check("Password1!"), Err(Invalid::PasswordCommon));
        assert_eq!(check("Qwerty123!"), Err(Invalid::PasswordCommon));
        assert_eq!(check("Пароль123!"), Err(Invalid::PasswordCommon));
        assert_eq!(check("P@ssw0rd-Кабинет"), Ok(()));
    }

    #[test]
    fn birth_date_in_every_form() {
        let born = date!(1990 - 03 - 05);
        let ctx = PasswordContext { birth_date: Some(born), ..none() };
        for form in birth_date_forms(born) {
            let text = format!("Zeb!{form}k");
            assert_eq!(password(&text, &ctx), Err(Invalid::PasswordContainsBirthDate), "{text}");
        }
        assert_eq!(birth_date_forms(born).len(), 9);
        assert!(birth_date_forms(born).contains(&"050390".to_owned()));
        assert!(birth_date_forms(born).contains(&"1990-03-05".to_owned()));
        assert_eq!(password("Zeb!0503k91", &ctx), Ok(()));
        assert_eq!(password(STRONG, &ctx), Ok(()));
    }

    #[test]
    fn phone_digits() {
        let ctx = PasswordContext { phone: Some("+79165831742"), ..none() };
        assert_eq!(password("Zeb!9165831742k", &ctx), Err(Invalid::PasswordContainsPhone));
        assert_eq!(password("Zeb!5831742k", &ctx), Err(Invalid::PasswordContainsPhone));
        assert_eq!(password("Zeb!583174k", &ctx), Ok(()));
    }

    #[test]
    fn snils_digits() {
        let ctx = PasswordContext { snils: Some("192-837-465 00"), ..none() };
        assert_eq!(password("Zeb!19283746500k", &ctx), Err(Invalid::PasswordContainsSnils));
        assert_eq!(password("Zeb!192837465k", &ctx), Err(Invalid::PasswordContainsSnils));
        assert_eq!(password("Zeb!192-837-465k", &ctx), Err(Invalid::PasswordContainsSnils));
        assert_eq!(password("Zeb!19283746k", &ctx), Ok(()));
        let formatted = PasswordContext { snils: Some("19283746500"), ..none() };
        assert_eq!(password("Zeb!192-837-465k", &formatted), Err(Invalid::PasswordContainsSnils));
    }

    #[test]
    fn name_parts_in_every_spelling() {
        let parts = ["Иванов", "Пётр", "Юлия-Мария", "Ян"];
        let ctx = PasswordContext { name_parts: &parts, ..none() };
        for text in [
            "Zeb!Иванов7",
            "ZEB!иВАНОВ7",
            "Zeb!Ivanov7",
            "Zeb!bdfyjd7",
            "Zeb!BDFYJD7",
            "Zeb!Пётр77",
            "Zeb!петр777",
            "Zeb!Petr777",
            "Zeb!Pyotr77",
            "Zeb!gtnh777",
            "Zeb!Iuliia7",
            "Zeb!Yuliya7",
            "Zeb!Мария77",
            "Zeb!Mariia77",
            "Zeb!Mariya77",
            "Zeb!vfhbz77",
        ] {
            assert_eq!(password(text, &ctx), Err(Invalid::PasswordContainsName), "{text}");
        }
        assert_eq!(password("Zeb!Янтарь7", &ctx), Ok(()));
        let plain = ["Семенов"];
        let ctx = PasswordContext { name_parts: &plain, ..none() };
        assert_eq!(password("Zeb!Семёнов7", &ctx), Err(Invalid::PasswordContainsName));
        assert_eq!(password(STRONG, &ctx), Ok(()));
    }

    #[test]
    fn icao_specific_letters() {
        let parts = ["Хрущёв", "Михаил", "Цой"];
        let ctx = PasswordContext { name_parts: &parts, ..none() };
        for text in [
            "Zeb!Khrushchev7",
            "Zeb!Mikhail7",
            "Zeb!Mihail77",
            "Zeb!Tsoi777",
            "Zeb!Tsoy777",
            "Zeb![heo`d7",
            "Zeb![HEOTD7",
        ] {
            assert_eq!(password(text, &ctx), Err(Invalid::PasswordContainsName), "{text}");
        }
    }

    #[test]
    fn email_local_part() {
        let ctx = PasswordContext { email: Some("Kite@mail.ru"), ..none() };
        assert_eq!(password(STRONG, &ctx), Err(Invalid::PasswordContainsEmail));
        let short = PasswordContext { email: Some("ki@mail.ru"), ..none() };
        assert_eq!(password(STRONG, &short), Ok(()));
    }

    #[test]
    fn personal_rules_in_their_order() {
        let parts = ["Зебра"];
        let ctx = PasswordContext {
            birth_date: Some(date!(1990 - 03 - 05)),
            phone: Some("+79165831742"),
            snils: None,
            name_parts: &parts,
            email: Some("zebra@mail.ru"),
        };
        assert_eq!(password("Зебра!Zebra050390", &ctx), Err(Invalid::PasswordContainsBirthDate));
        assert_eq!(password("Зебра!Zebra5831742", &ctx), Err(Invalid::PasswordContainsPhone));
        assert_eq!(password("Зебра!Zebra7", &ctx), Err(Invalid::PasswordContainsName));
        assert_eq!(password("Zeb!Rakite7", &ctx), Ok(()));
    }
}
