//! The service catalogue, shipped as data (`data/services.toml`), and the forms built from it.
//!
//! A form is typed per field (text, long text, date, choice) and prefilled from the profile so
//! the citizen retypes nothing the account already knows. Submitted values are judged field by
//! field and every failure is reported at once, under the field's key, with its label.

use std::sync::OnceLock;

use serde::Deserialize;

use crate::contract::Profile;
use crate::i18n::Locale;
use crate::validate::{self, Invalid};

use super::types::{FormField, FormFieldKind, FormValues, ServiceForm, ServiceSummary, SubmittedField};

/// Longest one-line answer.
const TEXT_MAX: usize = 200;
/// Longest multi-line answer.
const LONG_TEXT_MAX: usize = 2000;

/// One service as the data file declares it.
#[derive(Debug, Deserialize)]
pub struct Service {
    /// Machine code.
    pub code: String,
    name: String,
    name_en: String,
    /// The agency that provides it.
    pub agency: String,
    days: u32,
    fields: Vec<FieldSpec>,
}

#[derive(Debug, Deserialize)]
struct FieldSpec {
    key: String,
    label: String,
    label_en: String,
    kind: FormFieldKind,
    #[serde(default = "yes")]
    required: bool,
    #[serde(default)]
    options: Vec<String>,
    prefill: Option<String>,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
struct Catalogue {
    service: Vec<Service>,
}

/// Every service, in catalogue order.
pub fn services() -> &'static [Service] {
    static CATALOGUE: OnceLock<Vec<Service>> = OnceLock::new();
    CATALOGUE.get_or_init(|| {
        toml::from_str::<Catalogue>(include_str!("../../data/services.toml"))
            .map(|c| c.service)
            .unwrap_or_else(|error| panic!("data/services.toml is checked by a test: {error}"))
    })
}

/// The service with this code.
pub fn find(code: &str) -> Option<&'static Service> {
    services().iter().find(|s| s.code == code)
}

impl Service {
    /// Its name in `locale`.
    pub fn name(&self, locale: Locale) -> &str {
        locale.choose(&self.name, &self.name_en)
    }

    /// The list entry.
    pub fn summary(&self, locale: Locale) -> ServiceSummary {
        ServiceSummary {
            code: self.code.clone(),
            name: self.name(locale).to_owned(),
            agency: self.agency.clone(),
            days: self.days,
        }
    }

    /// The form, prefilled from `profile`.
    pub fn form(&self, profile: &Profile, locale: Locale) -> ServiceForm {
        let fields = self
            .fields
            .iter()
            .map(|spec| FormField {
                key: spec.key.clone(),
                label: locale.choose(&spec.label, &spec.label_en).to_owned(),
                kind: spec.kind,
                required: spec.required,
                options: spec.options.clone(),
                value: spec.prefill.as_deref().and_then(|key| prefill(profile, key)).unwrap_or_default(),
            })
            .collect();
        ServiceForm { service: self.summary(locale), fields }
    }

    /// Judges the answers: the submitted form in field order, or every failing field with its
    /// key, label and reason. Keys not in the form are ignored.
    pub fn check(&self, values: &FormValues) -> Result<Vec<SubmittedField>, Vec<(String, Invalid)>> {
        let mut form = Vec::with_capacity(self.fields.len());
        let mut failures = Vec::new();
        for spec in &self.fields {
            let value = values.get(&spec.key).map(|v| v.trim()).unwrap_or_default();
            match spec.judge(value) {
                Ok(value) => {
                    form.push(SubmittedField { key: spec.key.clone(), label: spec.label.clone(), value })
                }
                Err(reason) => failures.push((spec.key.clone(), reason)),
            }
        }
        if failures.is_empty() { Ok(form) } else { Err(failures) }
    }

    /// The Russian and English labels of a field, for errors in either locale.
    pub fn label(&self, key: &str, locale: Locale) -> Option<&str> {
        self.fields.iter().find(|f| f.key == key).map(|f| locale.choose(&f.label, &f.label_en))
    }
}

impl FieldSpec {
    fn judge(&self, value: &str) -> Result<String, Invalid> {
        if value.is_empty() {
            return if self.required { Err(Invalid::Required) } else { Ok(String::new()) };
        }
        match self.kind {
            FormFieldKind::Text if value.chars().count() > TEXT_MAX => Err(Invalid::TooLong),
            FormFieldKind::LongText if value.chars().count() > LONG_TEXT_MAX => Err(Invalid::TooLong),
            FormFieldKind::Text | FormFieldKind::LongText => Ok(value.to_owned()),
            FormFieldKind::Date => validate::date(value).map(|_| value.to_owned()),
            FormFieldKind::Choice if self.options.iter().any(|o| o == value) => Ok(value.to_owned()),
            FormFieldKind::Choice => Err(Invalid::NotAnOption),
        }
    }
}

fn prefill(profile: &Profile, key: &str) -> Option<String> {
    match key {
        "surname" => Some(profile.surname.clone()),
        "given_name" => Some(profile.given_name.clone()),
        "patronymic" => profile.patronymic.clone(),
        "birth_date" => Some(profile.birth_date.clone()),
        "phone" => Some(profile.phone.clone()),
        "email" => profile.email.clone(),
        "snils" => profile.snils.clone(),
        "inn" => profile.inn.clone(),
        "passport" => profile.passport_number.clone(),
        "address" => profile.address.clone(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notifications::event::SERVICES;

    #[test]
    fn the_catalogue_parses_and_matches_the_notification_services() {
        let codes: Vec<&str> = services().iter().map(|s| s.code.as_str()).collect();
        let notified: Vec<&str> = SERVICES.iter().map(|(code, _, _)| *code).collect();
        assert_eq!(codes, notified);
        for service in services() {
            assert!(!service.fields.is_empty(), "{} has a form", service.code);
            for field in &service.fields {
                let choice = field.kind == FormFieldKind::Choice;
                assert_eq!(choice, !field.options.is_empty(), "{}.{}", service.code, field.key);
            }
        }
    }
}
