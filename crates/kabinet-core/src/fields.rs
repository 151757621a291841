//! The fields of every form, as a closed set with their labels, so that an error always names
//! the field in the citizen's language and the UI can put the message next to the right input.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::i18n::Locale;
use crate::validate::Invalid;

/// A form field named in errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// Mobile phone.
    Phone,
    /// One-time code.
    Code,
    /// Фамилия.
    Surname,
    /// Имя.
    GivenName,
    /// Отчество.
    Patronymic,
    /// Дата рождения.
    BirthDate,
    /// Пол.
    Gender,
    /// Пароль.
    Password,
    /// Пароль ещё раз.
    PasswordRepeat,
    /// Acceptance of the user agreement.
    AcceptTerms,
    /// Consent to personal-data processing.
    AcceptPersonalData,
    /// Phone, e-mail or СНИЛС used to sign in.
    Identifier,
    /// E-mail.
    Email,
    /// СНИЛС.
    Snils,
    /// ИНН.
    Inn,
    /// Passport series and number.
    Passport,
    /// Passport division code.
    DivisionCode,
    /// Passport issue date.
    IssueDate,
    /// Passport issuing authority.
    IssuedBy,
    /// The current password, when changing it.
    CurrentPassword,
    /// Idle timeout in minutes.
    IdleMinutes,
    /// Address.
    Address,
    /// The notification settings matrix.
    NotificationMatrix,
    /// A service of a per-service override.
    Service,
    /// Start of the quiet hours.
    QuietHoursStart,
    /// End of the quiet hours.
    QuietHoursEnd,
    /// A delivery channel.
    Channel,
    /// SMTP server host.
    SmtpHost,
    /// SMTP server port.
    SmtpPort,
    /// SMTP login.
    SmtpUser,
    /// SMTP password (kept in the OS keyring).
    SmtpPassword,
    /// Sender address of e-mails.
    SmtpFrom,
    /// SMS gateway URL.
    GatewayUrl,
    /// SMS gateway request body template.
    BodyTemplate,
    /// Scan of the passport.
    PassportScan,
    /// Scan of the СНИЛС.
    SnilsScan,
    /// Any other uploaded file.
    File,
    /// A staff member's login.
    Login,
    /// A code from an authenticator app (staff sign-in).
    TotpCode,
    /// ФИО written in one line (staff accounts).
    FullName,
    /// A staff member's role.
    Role,
    /// A field of a service's application form; the error's `key` names it.
    FormField,
    /// The reason given for an action (a cancellation, a closure).
    Reason,
    /// A comment to a status change.
    Comment,
    /// The amount of a debt.
    Amount,
    /// The due date of a debt.
    DueDate,
    /// The agency a debt is owed to.
    Agency,
    /// What a debt is for.
    Purpose,
    /// A payment receipt file.
    Receipt,
    /// «Номер личного кабинета».
    AccountNumber,
    /// «Согласен на удаление персональных данных» of a closure.
    ClosureConsent,
    /// Forced closure: the number of the court decision or the authority's act.
    DecisionNumber,
    /// Forced closure: the date of the decision, act or certificate.
    DecisionDate,
    /// Forced closure: the court, the authority or the registry office.
    Issuer,
    /// Forced closure: the number of the death certificate.
    Certificate,
    /// Forced closure: the circumstances printed in the act.
    Grounds,
    /// Forced closure: the owner's identity and consent were checked.
    IdentityChecked,
    /// Forced closure: days to fix a violation.
    NoticeDays,
    /// Forced closure: days of the block before closure.
    BlockDays,
    /// A block: its last day.
    BlockedUntil,
    /// The operator who signs an act.
    Operator,
    /// The supervisor who signs an act.
    Supervisor,
    /// «Код подтверждения личности» from the operator's slip.
    IdentityCode,
    /// A filter's first day.
    DateFrom,
    /// A filter's last day.
    DateTo,
    /// The day of «Печать за день».
    Day,
    /// An audit head written down earlier (`SEQ:HASH`).
    Head,
    /// «Журнал действий»: the action filter.
    Action,
    /// «Журнал действий»: whom (an account number or a login).
    Target,
    /// «Где хранятся данные»: the server's address.
    ServerUrl,
    /// «Где хранятся данные»: the private CA's certificate file.
    ServerCa,
}

impl Field {
    /// The label shown next to the input.
    pub fn label(self, locale: Locale) -> &'static str {
        use Field::*;
        match self {
            Phone => locale.pick("Номер мобильного телефона", "Mobile phone number"),
            Code => locale.pick("Код из сообщения", "Code from the message"),
            Surname => locale.pick("Фамилия", "Surname"),
            GivenName => locale.pick("Имя", "First name"),
            Patronymic => locale.pick("Отчество", "Patronymic"),
            BirthDate => locale.pick("Дата рождения", "Date of birth"),
            Gender => locale.pick("Пол", "Gender"),
            Password => locale.pick("Пароль", "Password"),
            PasswordRepeat => locale.pick("Пароль ещё раз", "Password again"),
            AcceptTerms => locale.pick("Пользовательское соглашение", "User agreement"),
            AcceptPersonalData => locale
                .pick("Согласие на обработку персональных данных", "Consent to personal-data processing"),
            Identifier => locale.pick("Телефон, e-mail или СНИЛС", "Phone, e-mail or SNILS"),
            Email => locale.pick("Электронная почта", "E-mail"),
            Snils => locale.pick("СНИЛС", "SNILS"),
            Inn => locale.pick("ИНН", "INN"),
            Passport => locale.pick("Серия и номер паспорта", "Passport series and number"),
            DivisionCode => locale.pick("Код подразделения", "Division code"),
            IssueDate => locale.pick("Дата выдачи паспорта", "Passport issue date"),
            IssuedBy => locale.pick("Кем выдан паспорт", "Passport issued by"),
            CurrentPassword => locale.pick("Текущий пароль", "Current password"),
            IdleMinutes => locale.pick("Время бездействия до выхода", "Idle time before sign-out"),
            Address => locale.pick("Адрес", "Address"),
            NotificationMatrix => locale.pick("Настройки уведомлений", "Notification settings"),
            Service => locale.pick("Услуга", "Service"),
            QuietHoursStart => locale.pick("Начало тихих часов", "Quiet hours start"),
            QuietHoursEnd => locale.pick("Конец тихих часов", "Quiet hours end"),
            Channel => locale.pick("Канал доставки", "Delivery channel"),
            SmtpHost => locale.pick("Сервер SMTP", "SMTP server"),
            SmtpPort => locale.pick("Порт SMTP", "SMTP port"),
            SmtpUser => locale.pick("Логин SMTP", "SMTP login"),
            SmtpPassword => locale.pick("Пароль SMTP", "SMTP password"),
            SmtpFrom => locale.pick("Адрес отправителя", "Sender address"),
            GatewayUrl => locale.pick("Адрес SMS-шлюза", "SMS gateway URL"),
            BodyTemplate => locale.pick("Шаблон запроса к SMS-шлюзу", "SMS gateway request template"),
            PassportScan => locale.pick("Скан паспорта", "Passport scan"),
            SnilsScan => locale.pick("Скан СНИЛС", "SNILS scan"),
            File => locale.pick("Файл", "File"),
            Login => locale.pick("Логин", "Login"),
            TotpCode => locale.pick("Код из приложения", "Code from the app"),
            FullName => locale.pick("ФИО", "Full name"),
            Role => locale.pick("Роль", "Role"),
            FormField => locale.pick("Поле заявления", "Application field"),
            Reason => locale.pick("Причина", "Reason"),
            Comment => locale.pick("Комментарий", "Comment"),
            Amount => locale.pick("Сумма", "Amount"),
            DueDate => locale.pick("Срок оплаты", "Due date"),
            Agency => locale.pick("Получатель платежа", "Payee"),
            Purpose => locale.pick("Назначение платежа", "Payment purpose"),
            Receipt => locale.pick("Квитанция об оплате", "Payment receipt"),
            AccountNumber => locale.pick("Номер личного кабинета", "Account number"),
            ClosureConsent => locale.pick(
                "Согласие на удаление персональных данных",
                "Consent to the destruction of personal data",
            ),
            DecisionNumber => locale.pick("Номер решения или акта", "Decision or act number"),
            DecisionDate => locale.pick("Дата документа", "Date of the document"),
            Issuer => locale.pick("Кем принят документ", "Issued by"),
            Certificate => locale.pick("Номер свидетельства о смерти", "Death certificate number"),
            Grounds => locale.pick("Обстоятельства", "Circumstances"),
            IdentityChecked => {
                locale.pick("Личность и согласие владельца проверены", "Owner's identity and consent checked")
            }
            NoticeDays => locale.pick("Срок на устранение нарушения, дней", "Days to fix the violation"),
            BlockDays => locale.pick("Срок блокировки, дней", "Days of the block"),
            BlockedUntil => locale.pick("Заблокировать по", "Blocked through"),
            Operator => locale.pick("Оператор", "Operator"),
            Supervisor => locale.pick("Руководитель", "Supervisor"),
            IdentityCode => locale.pick("Код подтверждения личности", "Identity confirmation code"),
            DateFrom => locale.pick("С даты", "From"),
            DateTo => locale.pick("По дату", "To"),
            Day => locale.pick("День", "Day"),
            Head => locale.pick("Контрольная точка журнала", "Log head"),
            Action => locale.pick("Действие", "Action"),
            Target => locale.pick("Кого касается", "Whom"),
            ServerUrl => locale.pick("Адрес сервера", "Server address"),
            ServerCa => locale.pick("Сертификат центра сертификации", "Certificate authority file"),
        }
    }

    /// «Label: reason», the message shown at the field and in the error summary.
    pub fn explain(self, code: Invalid, locale: Locale) -> String {
        format!("{}: {}", self.label(locale), code.reason(locale))
    }
}
