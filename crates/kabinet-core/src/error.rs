//! The one error shape every caller sees: `{code, message, fields}`.
//!
//! The UI, the CLI and the tests decide what to do from [`ErrorCode`] and from the per-field
//! [`Invalid`] reasons, never from the text: the text is for people and follows the locale.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::fields::Field;
use crate::i18n::Locale;
use crate::validate::Invalid;

/// What went wrong, as a closed set the UI can switch on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// One or more fields are invalid; see `fields`.
    Validation,
    /// The phone, e-mail or СНИЛС belongs to another live account.
    IdentifierTaken,
    /// The phone, e-mail or СНИЛС belongs to a closed account not yet purged: the message offers
    /// restoration (`details.restore_until`) or names the purge date (`details.purge_at`).
    IdentifierOfClosedAccount,
    /// No one-time code is waiting for this destination: a new one must be requested.
    CodeMissing,
    /// The one-time code is wrong; `details.attempts_left` tells how many tries remain.
    CodeWrong,
    /// The one-time code is older than five minutes.
    CodeExpired,
    /// The one-time code was entered wrongly three times and can no longer be used.
    CodeBurned,
    /// A new code cannot be sent yet; `details.retry_at` says when it can.
    RateLimited,
    /// The registration step that confirmed the phone is missing or has expired.
    RegistrationExpired,
    /// The password-reset step that verified the code is missing or has expired.
    ResetExpired,
    /// Sign-in failed: the identifier or the password is wrong (never says which).
    InvalidCredentials,
    /// The call needs a signed-in citizen.
    NotSignedIn,
    /// Sign-in is locked after 3 wrong passwords; `details.retry_at` is the unlock time.
    Locked,
    /// The second-factor step has expired or was failed 3 times: sign in again.
    ChallengeExpired,
    /// The password has expired or must be changed: only the password change is allowed.
    PasswordChangeRequired,
    /// The action needs the password entered again (last entry older than 10 minutes).
    ReauthenticationRequired,
    /// No Secret Service / Keychain / Credential Manager answers.
    KeyringUnavailable,
    /// The keyring exists but is locked.
    KeyringLocked,
    /// A database exists but its key is not in the keyring.
    KeyMissing,
    /// The key in the keyring does not open the database.
    KeyWrong,
    /// The database was written by a newer version of the app.
    DatabaseTooNew,
    /// The data directory cannot be read or written.
    DataDirUnavailable,
    /// The PostgreSQL database named by `KABINET_DATABASE_URL` cannot be reached or refuses us.
    DatabaseUnavailable,
    /// The message (or other item) does not exist, or belongs to someone else.
    NotFound,
    /// «Отменить»: there is no earlier version to go back to.
    NothingToUndo,
    /// The consent cannot be withdrawn on its own: it ends only with the closure of the account.
    ConsentNotWithdrawable,
    /// The citizen has not given (or has withdrawn) the consent the action needs.
    ConsentMissing,
    /// The call needs a signed-in staff member (a citizen's session never counts).
    StaffNotSignedIn,
    /// The signed-in staff member's role does not allow this call.
    Forbidden,
    /// The action does not fit where the item stands now (e.g. cancelling a finished
    /// application); the message says why.
    WrongState,
    /// Sign-in to a closed account: the message names the closing and restoration dates
    /// (`details.closed_on`, `details.restore_until`).
    AccountClosed,
    /// A closure cannot start: the message lists what to do first (see the pre-checks).
    ClosureBlocked,
    /// Sign-in to a blocked account: the message names the reason, the last day of the block
    /// (`details.blocked_until`) and how to appeal.
    AccountBlocked,
    /// A file could not be written where the citizen chose (no room, no permission).
    SaveFailed,
    /// The citizen cancelled a long action (an export); nothing was kept.
    Cancelled,
    /// A presented file could not be read within the limits of a Кабинет document (damaged,
    /// metadata larger than any of ours, filters none of ours has); the message says which.
    FileUnreadable,
    /// Too many requests from one address in a minute (a server's limit); `details.retry_at`
    /// says when the next minute begins.
    TooManyRequests,
    /// The app in remote mode cannot reach its server (no network, the server down, a
    /// certificate that does not verify): «Нет связи с сервером»; the call can be repeated.
    ServerUnreachable,
    /// Anything else; the details are in the log, never personal data.
    Internal,
}

/// Why one field was refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FieldError {
    /// The field of the request.
    pub field: Field,
    /// The rule that failed.
    pub code: Invalid,
    /// The field's label and the reason, in the current locale.
    pub message: String,
    /// For `form_field`: the key of the service form's field.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
}

/// Extra facts that make a limit visible instead of mysterious.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ErrorDetails {
    /// Tries left for the current one-time code.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attempts_left: Option<u32>,
    /// When the action may be tried again (RFC 3339, UTC).
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry_at: Option<String>,
    /// When a closed account was closed (RFC 3339).
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_on: Option<String>,
    /// Until when a closed account can be restored (RFC 3339); absent when that time is over.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restore_until: Option<String>,
    /// True when a closed account is restored only through an operator (closed by staff).
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restore_by_operator: Option<bool>,
    /// When a closed account's personal data is destroyed (RFC 3339).
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purge_at: Option<String>,
    /// When a block ends (RFC 3339, the end of its last day).
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blocked_until: Option<String>,
}

/// The error every facade call returns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ApiError {
    /// What went wrong.
    pub code: ErrorCode,
    /// A sentence for people, in the current locale.
    pub message: String,
    /// Per-field reasons; empty unless `code` is `validation`.
    pub fields: Vec<FieldError>,
    /// Limits and times that explain the error (boxed: errors stay small to move around).
    pub details: Box<ErrorDetails>,
}

/// The result of every facade call.
pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    /// An error with the standard sentence for its code.
    pub fn new(code: ErrorCode, locale: Locale) -> Self {
        Self::with_message(code, code.message(locale))
    }

    /// An error with a sentence of the caller's.
    pub fn with_message(code: ErrorCode, message: impl Into<String>) -> Self {
        Self { code, message: message.into(), fields: Vec::new(), details: Box::default() }
    }

    /// Attaches the time from which the action may be repeated.
    pub fn retry_at(mut self, at: String) -> Self {
        self.details.retry_at = Some(at);
        self
    }

    /// Attaches the number of tries left.
    pub fn attempts_left(mut self, left: u32) -> Self {
        self.details.attempts_left = Some(left);
        self
    }

    /// A validation error for one field.
    pub fn field(field: Field, code: Invalid, locale: Locale) -> Self {
        Self::fields(vec![(field, code)], locale)
    }

    /// A validation error for several fields, in form order.
    pub fn fields(found: Vec<(Field, Invalid)>, locale: Locale) -> Self {
        let mut error = Self::new(ErrorCode::Validation, locale);
        error.fields = found
            .into_iter()
            .map(|(field, code)| FieldError { field, code, message: field.explain(code, locale), key: None })
            .collect();
        error
    }

    /// A validation error for fields of a service's form: `(key, label, reason)` in form order.
    pub fn form_fields(found: Vec<(String, String, Invalid)>, locale: Locale) -> Self {
        let mut error = Self::new(ErrorCode::Validation, locale);
        error.fields = found
            .into_iter()
            .map(|(key, label, code)| FieldError {
                field: Field::FormField,
                code,
                message: format!("{label}: {}", code.reason(locale)),
                key: Some(key),
            })
            .collect();
        error
    }

    /// A failure the citizen cannot act on. The cause goes to the log in the data directory as an
    /// `ERROR` event: its type, the caller's file and line, and its description redacted of
    /// every value (see [`crate::support::redact`]) — never a bound value or personal data.
    #[track_caller]
    pub fn internal<C: std::fmt::Display>(cause: C, locale: Locale) -> Self {
        Self::internal_at(cause, locale, std::panic::Location::caller())
    }

    /// [`ApiError::internal`] raised at a place the caller names (the place that asked for a
    /// database-error mapper, see `Context::db_error`).
    pub fn internal_at<C: std::fmt::Display>(
        cause: C,
        locale: Locale,
        at: &'static std::panic::Location<'static>,
    ) -> Self {
        tracing::error!(
            kind = %std::any::type_name::<C>(),
            at = %format_args!("{}:{}", at.file(), at.line()),
            cause = %crate::support::redact(&cause.to_string()),
            "internal error"
        );
        Self::new(ErrorCode::Internal, locale)
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)?;
        for field in &self.fields {
            write!(f, "\n  {}", field.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}

impl ErrorCode {
    /// The standard sentence for this code.
    pub fn message(self, locale: Locale) -> &'static str {
        use ErrorCode::*;
        match self {
            Validation => locale.pick("Исправьте ошибки в форме", "Correct the errors in the form"),
            IdentifierTaken => locale.pick(
                "Этот номер уже зарегистрирован — восстановите доступ",
                "This number is already registered — recover access instead",
            ),
            IdentifierOfClosedAccount => locale
                .pick("Этот номер принадлежит закрытому кабинету", "This number belongs to a closed account"),
            CodeMissing => locale.pick(
                "Код не запрашивался или уже использован — запросите новый код",
                "No code is waiting — request a new one",
            ),
            CodeWrong => locale.pick("Неверный код", "Wrong code"),
            CodeExpired => locale.pick(
                "Срок действия кода истёк — запросите новый код",
                "The code has expired — request a new one",
            ),
            CodeBurned => locale.pick(
                "Код введён неверно 3 раза и больше не действует — запросите новый код",
                "The code was entered wrongly 3 times and no longer works — request a new one",
            ),
            RateLimited => {
                locale.pick("Новый код можно будет запросить позже", "A new code can be requested later")
            }
            RegistrationExpired => locale.pick(
                "Время на регистрацию истекло — подтвердите номер телефона ещё раз",
                "Registration timed out — confirm your phone number again",
            ),
            ResetExpired => locale.pick(
                "Время на восстановление пароля истекло — запросите код ещё раз",
                "The password reset timed out — request a code again",
            ),
            InvalidCredentials => locale.pick("Неверный логин или пароль", "Wrong login or password"),
            NotSignedIn => locale.pick("Войдите в личный кабинет", "Sign in to your account"),
            Locked => locale.pick(
                "Пароль введён неверно 3 раза подряд. Вход заблокирован на 15 минут",
                "The password was entered wrongly 3 times in a row. Sign-in is locked for 15 minutes",
            ),
            ChallengeExpired => locale.pick(
                "Время на подтверждение входа истекло или код введён неверно 3 раза — войдите снова",
                "The sign-in confirmation expired or the code was wrong 3 times — sign in again",
            ),
            PasswordChangeRequired => locale.pick(
                "Срок действия пароля истёк — смените пароль, чтобы продолжить",
                "Your password has expired — change it to continue",
            ),
            ReauthenticationRequired => locale.pick(
                "Для этого действия введите пароль ещё раз",
                "Enter your password again for this action",
            ),
            KeyringUnavailable => locale.pick(
                "Хранилище ключей системы недоступно: Кабинет не может открыть защищённые данные",
                "The system keyring is unavailable: Кабинет cannot open its protected data",
            ),
            KeyringLocked => locale.pick(
                "Хранилище ключей системы заблокировано — разблокируйте его и перезапустите Кабинет",
                "The system keyring is locked — unlock it and restart Кабинет",
            ),
            KeyMissing => locale.pick(
                "Ключ недоступен: данные Кабинета есть, но ключа к ним в хранилище ключей нет",
                "Key unavailable: Кабинет's data exists but its key is not in the keyring",
            ),
            KeyWrong => locale.pick(
                "Ключ из хранилища ключей не подходит к данным Кабинета",
                "The key in the keyring does not open Кабинет's data",
            ),
            DatabaseTooNew => locale.pick(
                "Данные созданы более новой версией Кабинета — обновите приложение",
                "The data was written by a newer version of Кабинет — update the app",
            ),
            DataDirUnavailable => {
                locale.pick("Папка данных Кабинета недоступна", "Кабинет's data folder is unavailable")
            }
            DatabaseUnavailable => locale.pick(
                "База данных Кабинета недоступна: проверьте адрес базы данных и что сервер базы данных работает",
                "Кабинет's database is unavailable: check the database address and that the database server is running",
            ),
            NotFound => locale.pick(
                "Не найдено — возможно, сообщение уже удалено",
                "Not found — the message may have been deleted",
            ),
            NothingToUndo => locale.pick("Отменять нечего", "There is nothing to undo"),
            ConsentNotWithdrawable => locale.pick(
                "Это согласие нельзя отозвать отдельно: оно прекращается только с закрытием личного кабинета",
                "This consent cannot be withdrawn on its own: it ends only when the account is closed",
            ),
            ConsentMissing => locale.pick(
                "Гражданин не давал этого согласия или отозвал его",
                "The citizen has not given this consent or has withdrawn it",
            ),
            StaffNotSignedIn => locale.pick("Войдите как сотрудник", "Sign in as a staff member"),
            Forbidden => locale.pick(
                "Недостаточно прав: это действие доступно только старшему смены",
                "Not allowed: only a supervisor can do this",
            ),
            Cancelled => locale.pick("Действие отменено", "Cancelled"),
            FileUnreadable => locale.pick(
                "Файл не удалось прочитать как документ Кабинета: он повреждён или устроен не так, \
                 как документы Кабинета",
                "The file could not be read as a Кабинет document: it is damaged or built unlike \
                 Кабинет's documents",
            ),
            AccountClosed => locale.pick("Кабинет закрыт", "The account is closed"),
            ClosureBlocked => locale.pick("Закрыть кабинет пока нельзя", "The account cannot be closed yet"),
            AccountBlocked => locale.pick("Кабинет заблокирован", "The account is blocked"),
            SaveFailed => locale.pick(
                "Не удалось сохранить файл — выберите другую папку",
                "The file could not be saved — choose another folder",
            ),
            WrongState => locale.pick("Сейчас это действие недоступно", "This action is not available now"),
            TooManyRequests => locale.pick(
                "Слишком много запросов — повторите через минуту",
                "Too many requests — try again in a minute",
            ),
            ServerUnreachable => locale.pick(
                "Нет связи с сервером — проверьте подключение и повторите",
                "No connection to the server — check the connection and try again",
            ),
            Internal => {
                locale.pick("Внутренняя ошибка — попробуйте ещё раз", "Internal error — please try again")
            }
        }
    }
}
