//! The two languages of the product. Russian is the default everywhere; English is the second
//! language a citizen may choose. Every user-facing text of the core is chosen through [`Locale`],
//! so the shell, the CLI and the UI show the same words for the same situation.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A language the product speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    /// Русский, the default.
    #[default]
    Ru,
    /// English.
    En,
}

tokio::task_local! {
    static ASKED: Locale;
}

/// Runs `work` (one served call) answering in `locale`: a server serves citizens in both
/// languages at once, so the language of a served call is the caller's (its `Accept-Language`),
/// not the process's. Outside such a call the open Кабинет's own setting applies.
pub async fn answering_in<F: std::future::Future>(locale: Locale, work: F) -> F::Output {
    ASKED.scope(locale, work).await
}

/// The language the current served call asked for, if any.
pub fn asked() -> Option<Locale> {
    ASKED.try_with(|locale| *locale).ok()
}

impl Locale {
    /// The language an HTTP `Accept-Language` value prefers of the two: English when its first
    /// language is English, else Russian (the default).
    pub fn from_accept_language(value: &str) -> Self {
        let first = value.split(',').next().unwrap_or("").split(';').next().unwrap_or("").trim();
        let primary = first.split('-').next().unwrap_or("");
        if primary.eq_ignore_ascii_case("en") { Locale::En } else { Locale::Ru }
    }

    /// The Russian or the English of a pair of texts of any lifetime (catalogue data).
    pub fn choose<'a>(self, ru: &'a str, en: &'a str) -> &'a str {
        match self {
            Locale::Ru => ru,
            Locale::En => en,
        }
    }

    /// The Russian or the English text of a constant pair.
    pub fn pick(self, ru: &'static str, en: &'static str) -> &'static str {
        match self {
            Locale::Ru => ru,
            Locale::En => en,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_english_only_when_it_comes_first() {
        for (value, locale) in [
            ("en", Locale::En),
            ("en-GB,en;q=0.9", Locale::En),
            ("EN-us", Locale::En),
            ("ru-RU,ru;q=0.9,en;q=0.8", Locale::Ru),
            ("de", Locale::Ru),
            ("", Locale::Ru),
        ] {
            assert_eq!(Locale::from_accept_language(value), locale, "{value}");
        }
    }
}
