//! Gender as the passport states it: «М» or «Ж» (either case is accepted, stored as the enum).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Checked, Invalid, required};

/// Gender as written in the passport; serialised as «М» / «Ж».
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
pub enum Gender {
    /// Мужской.
    #[serde(rename = "М")]
    Male,
    /// Женский.
    #[serde(rename = "Ж")]
    Female,
}

impl Gender {
    /// The letter as printed in documents: «М» or «Ж».
    pub fn as_str(self) -> &'static str {
        match self {
            Gender::Male => "М",
            Gender::Female => "Ж",
        }
    }
}

/// Checks «М» / «Ж» (also «м» / «ж»).
pub fn gender(input: &str) -> Checked<Gender> {
    match required(input)? {
        "М" | "м" => Ok(Gender::Male),
        "Ж" | "ж" => Ok(Gender::Female),
        _ => Err(Invalid::GenderValue),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_both_letters_in_either_case() {
        assert_eq!(gender(" М "), Ok(Gender::Male));
        assert_eq!(gender("м"), Ok(Gender::Male));
        assert_eq!(gender("Ж"), Ok(Gender::Female));
        assert_eq!(gender("ж"), Ok(Gender::Female));
    }

    #[test]
    fn refuses_anything_else() {
        assert_eq!(gender(""), Err(Invalid::Required));
        for text in ["M", "F", "Муж", "МЖ", "X"] {
            assert_eq!(gender(text), Err(Invalid::GenderValue), "{text}");
        }
    }

    #[test]
    fn serialises_as_the_letter() {
        assert_eq!(serde_json::to_string(&Gender::Female).ok().as_deref(), Some("\"Ж\""));
        assert_eq!(Gender::Male.as_str(), "М");
    }
}
