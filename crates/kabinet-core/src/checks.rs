//! `kabinet-cli check`: the official-format validators applied to loose values, for operators
//! vetting imported records. Needs no database.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::contract::CheckResult;
use crate::i18n::Locale;
use crate::validate::{self, Checked, PasswordContext};

/// What kind of value to check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum CheckKind {
    /// СНИЛС.
    Snils,
    /// ИНН of a person.
    Inn,
    /// Passport series and number.
    Passport,
    /// Passport division code.
    DivisionCode,
    /// Mobile phone.
    Phone,
    /// E-mail.
    Email,
    /// One part of ФИО.
    Name,
    /// Birth date ДД.ММ.ГГГГ.
    BirthDate,
    /// Password, without personal context.
    Password,
}

/// Checks one value against the rules of its kind, as of `today`.
pub fn check(kind: CheckKind, value: &str, locale: Locale, today: time::Date) -> CheckResult {
    let outcome: Checked<String> = match kind {
        CheckKind::Snils => validate::snils(value),
        CheckKind::Inn => validate::inn(value),
        CheckKind::Passport => validate::passport_number(value),
        CheckKind::DivisionCode => validate::division_code(value),
        CheckKind::Phone => validate::phone(value),
        CheckKind::Email => validate::email(value).map(|email| email.address),
        CheckKind::Name => validate::name_part(value),
        CheckKind::BirthDate => validate::birth_date(value, today).map(|date| date.to_string()),
        CheckKind::Password => {
            let context =
                PasswordContext { birth_date: None, phone: None, snils: None, name_parts: &[], email: None };
            validate::password(value, &context).map(|()| String::new())
        }
    };
    let normalized_shown = kind != CheckKind::Password;
    match outcome {
        Ok(normalized) => CheckResult {
            value: value.to_owned(),
            ok: true,
            code: None,
            message: None,
            normalized: normalized_shown.then_some(normalized),
        },
        Err(code) => CheckResult {
            value: value.to_owned(),
            ok: false,
            code: Some(code),
            message: Some(code.reason(locale).to_owned()),
            normalized: None,
        },
    }
}
