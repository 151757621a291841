//! Statuses of an application: their words, which moves an operator may make, and which
//! notification each move sends.
//!
//! Moves: an unfinished application (Принято, На рассмотрении, Требуются документы) may go to any
//! other unfinished status or to Завершено / Отказано by an operator, and to Отменено by the
//! citizen only. A finished one never moves again. «Требуются документы» and «Отказано» need a
//! comment, so the citizen learns what to bring or why.

use crate::i18n::Locale;
use crate::notifications::types::EventType;

use super::types::ApplicationStatus;

impl ApplicationStatus {
    /// The status in words.
    pub fn label(self, locale: Locale) -> &'static str {
        use ApplicationStatus::*;
        match self {
            Accepted => locale.pick("Принято", "Accepted"),
            InReview => locale.pick("На рассмотрении", "In review"),
            DocumentsRequired => locale.pick("Требуются документы", "Documents required"),
            Completed => locale.pick("Завершено", "Completed"),
            Refused => locale.pick("Отказано", "Refused"),
            Cancelled => locale.pick("Отменено", "Cancelled"),
        }
    }

    /// Accepted, in review or waiting for documents.
    pub fn is_unfinished(self) -> bool {
        matches!(self, Self::Accepted | Self::InReview | Self::DocumentsRequired)
    }

    /// An operator may move an application from `self` to `next`.
    pub fn operator_may_move_to(self, next: Self) -> bool {
        self.is_unfinished() && next != self && !matches!(next, Self::Accepted | Self::Cancelled)
    }

    /// The move to this status needs a comment for the citizen.
    pub fn needs_comment(self) -> bool {
        matches!(self, Self::DocumentsRequired | Self::Refused)
    }

    /// The notification a move to this status sends.
    pub fn event(self) -> EventType {
        use ApplicationStatus::*;
        match self {
            Accepted => EventType::ApplicationAccepted,
            InReview => EventType::ApplicationInReview,
            DocumentsRequired => EventType::ApplicationDocumentsRequired,
            Completed => EventType::ApplicationResultReady,
            Refused => EventType::ApplicationRefused,
            Cancelled => EventType::ApplicationCancelled,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ApplicationStatus::*;

    #[test]
    fn finished_applications_never_move() {
        for from in [Completed, Refused, Cancelled] {
            for to in [Accepted, InReview, DocumentsRequired, Completed, Refused, Cancelled] {
                assert!(!from.operator_may_move_to(to), "{from:?} → {to:?}");
            }
        }
    }

    #[test]
    fn operators_move_unfinished_ones_forward_but_never_cancel() {
        assert!(Accepted.operator_may_move_to(InReview));
        assert!(DocumentsRequired.operator_may_move_to(InReview));
        assert!(InReview.operator_may_move_to(Completed));
        assert!(!InReview.operator_may_move_to(InReview));
        assert!(!InReview.operator_may_move_to(Accepted));
        assert!(!Accepted.operator_may_move_to(Cancelled));
    }
}
