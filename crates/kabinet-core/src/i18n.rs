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

impl Locale {
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
