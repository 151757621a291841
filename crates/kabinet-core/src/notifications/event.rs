//! What each event type is: its group, its label, whether it is important (passes «Только
//! важные») or locked (security: cannot be switched off, ignores every setting), its default
//! channels, and the small service catalogue per-service overrides name.
//!
//! Choices where `domain.md` is silent (also in `docs/rules.md`):
//! - Important: documents required, result ready, refusal, every deadline and reminder, every
//!   account event and security. Not important: accepted, in review, cancelled, service news.
//! - Locked: security and «closure requested» (domain.md lists it among security notifications).
//! - Defaults: desktop and e-mail on for everything but news (desktop only); SMS on for what needs
//!   action soon (documents required, result ready, refusal, payment due, appointment, account
//!   events, password expiry) and for security.

use crate::i18n::Locale;

use super::types::{EventCategory, EventType, EventTypeInfo, MatrixRow, ServiceInfo};

/// Every event type, in the settings screen's order.
pub const EVENT_TYPES: [EventType; 14] = [
    EventType::ApplicationAccepted,
    EventType::ApplicationInReview,
    EventType::ApplicationDocumentsRequired,
    EventType::ApplicationResultReady,
    EventType::ApplicationRefused,
    EventType::ApplicationCancelled,
    EventType::PaymentDue,
    EventType::Appointment,
    EventType::PasswordExpiry,
    EventType::Security,
    EventType::ClosureRequested,
    EventType::ClosureCompleted,
    EventType::AccountRestored,
    EventType::ServiceNews,
];

/// The services a message may concern: code, Russian name, English name. Applications will
/// share this catalogue when they arrive.
pub const SERVICES: [(&str, &str, &str); 10] = [
    ("passport_rf", "Паспорт гражданина РФ", "Russian internal passport"),
    ("passport_foreign", "Загранпаспорт", "International passport"),
    ("driver_license", "Водительское удостоверение", "Driving licence"),
    ("vehicle_registration", "Регистрация транспортного средства", "Vehicle registration"),
    ("residence_registration", "Регистрация по месту жительства", "Residence registration"),
    ("taxes", "Налоги", "Taxes"),
    ("traffic_fines", "Штрафы ГИБДД", "Traffic fines"),
    ("pension", "Пенсии и пособия", "Pensions and benefits"),
    ("doctor_appointment", "Запись к врачу", "Doctor's appointment"),
    ("marriage", "Регистрация брака", "Marriage registration"),
];

impl EventType {
    /// Its group.
    pub fn category(self) -> EventCategory {
        use EventType::*;
        match self {
            ApplicationAccepted
            | ApplicationInReview
            | ApplicationDocumentsRequired
            | ApplicationResultReady
            | ApplicationRefused
            | ApplicationCancelled => EventCategory::Applications,
            PaymentDue | Appointment | PasswordExpiry => EventCategory::Reminders,
            Security => EventCategory::Security,
            ClosureRequested | ClosureCompleted | AccountRestored => EventCategory::Account,
            ServiceNews => EventCategory::News,
        }
    }

    /// Passes «Только важные».
    pub fn important(self) -> bool {
        use EventType::*;
        !matches!(self, ApplicationAccepted | ApplicationInReview | ApplicationCancelled | ServiceNews)
    }

    /// Cannot be switched off; ignores «Только важные», quiet hours, working hours and overrides.
    pub fn locked(self) -> bool {
        matches!(self, EventType::Security | EventType::ClosureRequested)
    }

    /// The default switches of its matrix row.
    pub fn default_row(self) -> MatrixRow {
        use EventType::*;
        let sms =
            !matches!(self, ApplicationAccepted | ApplicationInReview | ApplicationCancelled | ServiceNews);
        let email = self != ServiceNews;
        MatrixRow { event: self, desktop: true, email, sms }
    }

    /// The machine name, as stored.
    pub fn as_str(self) -> &'static str {
        use EventType::*;
        match self {
            ApplicationAccepted => "application_accepted",
            ApplicationInReview => "application_in_review",
            ApplicationDocumentsRequired => "application_documents_required",
            ApplicationResultReady => "application_result_ready",
            ApplicationRefused => "application_refused",
            ApplicationCancelled => "application_cancelled",
            PaymentDue => "payment_due",
            Appointment => "appointment",
            PasswordExpiry => "password_expiry",
            Security => "security",
            ClosureRequested => "closure_requested",
            ClosureCompleted => "closure_completed",
            AccountRestored => "account_restored",
            ServiceNews => "service_news",
        }
    }

    /// The stored machine name back; unknown names (a newer version's) read as service news.
    pub fn parse(stored: &str) -> Self {
        EVENT_TYPES.into_iter().find(|event| event.as_str() == stored).unwrap_or(EventType::ServiceNews)
    }

    /// The matrix row's label.
    pub fn label(self, l: Locale) -> &'static str {
        use EventType::*;
        match self {
            ApplicationAccepted => l.pick("Заявление принято", "Application accepted"),
            ApplicationInReview => l.pick("Заявление на рассмотрении", "Application in review"),
            ApplicationDocumentsRequired => l.pick("Требуются документы", "Documents required"),
            ApplicationResultReady => l.pick("Результат готов", "Result ready"),
            ApplicationRefused => l.pick("Отказ по заявлению", "Application refused"),
            ApplicationCancelled => l.pick("Заявление отменено", "Application cancelled"),
            PaymentDue => l.pick("Срок оплаты", "Payment due"),
            Appointment => l.pick("Запись на приём", "Appointment"),
            PasswordExpiry => l.pick("Срок действия пароля", "Password expiry"),
            Security => l.pick("Безопасность", "Security"),
            ClosureRequested => l.pick("Заявление о закрытии кабинета", "Account closure requested"),
            ClosureCompleted => l.pick("Кабинет закрыт", "Account closed"),
            AccountRestored => l.pick("Кабинет восстановлен", "Account restored"),
            ServiceNews => l.pick("Новости сервиса", "Service news"),
        }
    }

    /// The row as the settings screen shows it.
    pub fn info(self, locale: Locale) -> EventTypeInfo {
        EventTypeInfo {
            event: self,
            category: self.category(),
            label: self.label(locale).to_owned(),
            important: self.important(),
            locked: self.locked(),
        }
    }
}

impl EventCategory {
    /// The machine name, as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            EventCategory::Applications => "applications",
            EventCategory::Reminders => "reminders",
            EventCategory::Security => "security",
            EventCategory::Account => "account",
            EventCategory::News => "news",
        }
    }
}

/// The name of a catalogue service, if the code is known.
pub fn service_name(code: &str, locale: Locale) -> Option<&'static str> {
    SERVICES.iter().find(|(known, _, _)| *known == code).map(|(_, ru, en)| locale.pick(ru, en))
}

/// The catalogue as the settings screen shows it.
pub fn services(locale: Locale) -> Vec<ServiceInfo> {
    SERVICES
        .iter()
        .map(|(code, ru, en)| ServiceInfo { code: (*code).to_owned(), name: locale.pick(ru, en).to_owned() })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_distinct() {
        for event in EVENT_TYPES {
            assert_eq!(EventType::parse(event.as_str()), event);
            let json = serde_json::to_string(&event).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", event.as_str()));
            assert_ne!(event.label(Locale::Ru), event.label(Locale::En));
        }
    }

    #[test]
    fn locked_events_are_important_and_default_on_everywhere() {
        for event in EVENT_TYPES.into_iter().filter(|e| e.locked()) {
            assert!(event.important());
            let row = event.default_row();
            assert!(row.desktop && row.email && row.sms);
        }
    }

    #[test]
    fn the_catalogue_has_unique_codes() {
        let mut codes: Vec<_> = SERVICES.iter().map(|s| s.0).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), SERVICES.len());
        assert_eq!(service_name("passport_foreign", Locale::Ru), Some("Загранпаспорт"));
        assert_eq!(service_name("nope", Locale::Ru), None);
    }
}
