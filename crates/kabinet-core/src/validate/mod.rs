//! Validation of everything a citizen types: the official formats of `domain.md` («Official
//! formats» and the password rule), in one place, so the shell, the CLI, the UI and the tests
//! refuse the same values for the same reasons.
//!
//! Every check takes the raw text, trims outer whitespace and judges the rest as typed. It
//! returns either the normalised value to store or an [`Invalid`] — a closed set of reasons, each
//! with a Russian and an English text that omits the field name (the caller prefixes its label).
//!
//! Choices where `domain.md` is silent:
//! - Spaces (any Unicode whitespace) inside СНИЛС, ИНН, passport and phone numbers are ignored;
//!   so are hyphens in СНИЛС and phone numbers and parentheses in phone numbers.
//! - A value that is empty after trimming is [`Invalid::Required`]; a non-digit where only digits
//!   may stand is [`Invalid::OnlyDigits`]; each field has its own length or format reason, so the
//!   text can say how to fix it.
//! - A few reasons are judged by callers, not here, but belong to the same closed set so the UI
//!   knows every code: [`Invalid::Taken`], [`Invalid::PasswordMismatch`],
//!   [`Invalid::NotAccepted`], [`Invalid::PasswordReused`], [`Invalid::IdentifierFormat`].
//! - Dates are exactly ДД.ММ.ГГГГ; age is counted in full years, a 29 February birthday falls on
//!   28 February in common years.

mod date;
mod email;
mod gender;
mod inn;
mod money;
mod name;
mod passport;
mod password;
mod phone;
mod scan;
mod snils;
mod translit;

use crate::i18n::Locale;

pub use date::birth_date;
pub use date::{date, dotted_date};
pub use email::{Email, email};
pub use gender::{Gender, gender};
pub use inn::inn;
pub use money::{amount, roubles};
pub use name::{name_part, optional_name_part};
pub use passport::{division_code, issued_by, passport_issue_date, passport_number};
pub use password::{PasswordContext, birth_date_forms, password};
pub use phone::phone;
pub use scan::{MAX_SCAN_BYTES, ScanKind, scan_kind};
pub use snils::snils;

/// The result of a check: the normalised value, or why it was refused.
pub type Checked<T> = Result<T, Invalid>;

// One table keeps each reason's variant, docs and both texts together and makes `ALL` complete.
macro_rules! reasons {
    ($( $(#[$doc:meta])* $variant:ident => $ru:literal, $en:literal; )*) => {
        /// Why a value was refused: a closed set, serialised snake_case, shared with the UI (ts-rs).
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, ts_rs::TS,
        )]
        #[serde(rename_all = "snake_case")]
        pub enum Invalid {
            $( $(#[$doc])* $variant, )*
        }

        impl Invalid {
            /// Every reason, in declaration order.
            pub const ALL: &'static [Invalid] = &[$(Invalid::$variant),*];

            /// The reason in the citizen's language, without the field name (the caller prefixes
            /// the field label).
            pub fn reason(self, locale: Locale) -> &'static str {
                match self {
                    $( Invalid::$variant => locale.pick($ru, $en), )*
                }
            }
        }
    };
}

reasons! {
    /// Empty after trimming.
    Required => "обязательное поле — заполните его", "required — please fill it in";
    /// Generic: shorter than the field allows (for fields without a dedicated reason).
    TooShort => "слишком короткое значение", "the value is too short";
    /// Generic: longer than the field allows (for fields without a dedicated reason).
    TooLong => "слишком длинное значение", "the value is too long";
    /// Generic: not in the field's format (for fields without a dedicated reason).
    Format => "неверный формат — проверьте значение", "wrong format — please check the value";
    /// СНИЛС or ИНН control digits do not match.
    Checksum => "контрольное число не совпадает — проверьте цифры",
        "the check digits do not match — please check the digits";
    /// A character other than a digit where only digits (and ignored spaces) may stand.
    OnlyDigits => "допустимы только цифры", "only digits are allowed";

    /// ФИО: a character other than a Russian letter, hyphen, apostrophe or space.
    NameCharacters => "допустимы только буквы русского алфавита, дефис, апостроф и пробел",
        "only Russian (Cyrillic) letters, hyphen, apostrophe and space are allowed";
    /// ФИО: a separator first, last or next to another separator.
    NameSeparators => "дефис, апостроф и пробел могут стоять только между буквами и по одному",
        "a hyphen, apostrophe or space may only stand singly between letters";
    /// ФИО: more than 60 characters.
    NameTooLong => "не длиннее 60 символов", "at most 60 characters";

    /// Not ДД.ММ.ГГГГ.
    DateFormat => "введите дату в формате ДД.ММ.ГГГГ, например 05.03.1990",
        "enter the date as DD.MM.YYYY, e.g. 05.03.1990";
    /// ДД.ММ.ГГГГ, but no such day in the calendar (31.04, 29.02 of a common year, month 13).
    DateNotReal => "такой даты нет в календаре — проверьте день и месяц",
        "there is no such date — please check the day and the month";
    /// After today.
    DateInFuture => "дата не может быть позже сегодняшней", "the date cannot be later than today";
    /// Birth date: younger than 14 full years.
    TooYoung => "личный кабинет можно завести с 14 лет", "you must be at least 14 years old";
    /// Birth date: older than 120 full years.
    TooOld => "возраст больше 120 лет — проверьте год рождения",
        "the age exceeds 120 years — please check the year of birth";

    /// Gender: neither «М» nor «Ж».
    GenderValue => "укажите «М» или «Ж»", "choose «М» (male) or «Ж» (female)";

    /// Passport series and number: not 10 digits.
    PassportLength => "серия и номер — 10 цифр: 4 цифры серии и 6 цифр номера, например 45 08 123456",
        "series and number are 10 digits: 4 for the series and 6 for the number, e.g. 45 08 123456";
    /// Passport division code: not NNN-NNN.
    DivisionCodeFormat => "код подразделения — 6 цифр в формате 123-456",
        "the division code is 6 digits written as 123-456";
    /// Passport issue date: before the 14th birthday.
    IssueBeforeFourteen => "паспорт выдаётся с 14 лет — дата выдачи не может быть раньше 14-летия",
        "a passport is issued from age 14 — the issue date cannot precede the 14th birthday";
    /// «Кем выдан»: fewer than 3 characters.
    IssuedByTooShort => "не короче 3 символов", "at least 3 characters";
    /// «Кем выдан»: more than 200 characters.
    IssuedByTooLong => "не длиннее 200 символов", "at most 200 characters";
    /// «Кем выдан»: a character outside Russian letters, digits, spaces and . , - « » " ( ) № /.
    IssuedByCharacters => "допустимы буквы русского алфавита, цифры, пробелы и знаки . , - « » \" ( ) № /",
        "only Russian letters, digits, spaces and . , - « » \" ( ) № / are allowed";
    /// «Кем выдан»: no letter at all.
    IssuedByNoLetters => "укажите название органа, выдавшего паспорт",
        "enter the name of the authority that issued the passport";

    /// СНИЛС: not 11 digits.
    SnilsLength => "СНИЛС состоит из 11 цифр, например 123-456-789 64",
        "a СНИЛС has 11 digits, e.g. 123-456-789 64";

    /// ИНН: 10 digits, an organisation's.
    InnOrganization => "ИНН из 10 цифр принадлежит организации — укажите ИНН физического лица из 12 цифр",
        "a 10-digit ИНН belongs to an organisation — enter a personal ИНН of 12 digits";
    /// ИНН: neither 10 nor 12 digits.
    InnLength => "ИНН физического лица состоит из 12 цифр", "a personal ИНН has 12 digits";

    /// Phone: not a Russian number in any accepted form.
    PhoneFormat => "введите номер в формате +7 (912) 345-67-89",
        "enter the number as +7 (912) 345-67-89";
    /// Phone: `+` followed by a country code other than 7.
    PhoneCountry => "принимаются только российские номера, начинающиеся с +7",
        "only Russian numbers starting with +7 are accepted";
    /// Phone: the national number does not start with 9.
    NotMobile => "нужен номер мобильного телефона: +7 9XX XXX-XX-XX",
        "a mobile number is needed: +7 9XX XXX-XX-XX";

    /// E-mail: more than 254 characters.
    EmailTooLong => "адрес не длиннее 254 символов", "the address is at most 254 characters";
    /// E-mail: the part before @ is longer than 64 characters.
    EmailLocalTooLong => "имя ящика (до @) не длиннее 64 символов",
        "the mailbox name (before @) is at most 64 characters";
    /// E-mail: whitespace inside the address.
    EmailWhitespace => "адрес не должен содержать пробелов", "the address must not contain spaces";
    /// E-mail: not exactly one @.
    EmailAt => "в адресе должен быть ровно один знак @, например ivanov@mail.ru",
        "the address must contain exactly one @, e.g. ivanov@mail.ru";
    /// E-mail: the part before @ is not a dot-atom.
    EmailLocal =>
        "до @: буквы, цифры, знаки !#$%&'*+/=?^_`{|}~- и точки — не в начале, не в конце и не подряд",
        "before @: letters, digits, !#$%&'*+/=?^_`{|}~- and dots — not first, last or doubled";
    /// E-mail: the domain is not dot-separated labels of letters, digits and inner hyphens.
    EmailDomain => "неверный домен после @ — например mail.ru или почта.рф",
        "invalid domain after @ — e.g. mail.ru or почта.рф";
    /// E-mail: the last label is not two or more letters.
    EmailTld => "домен должен оканчиваться зоной из двух и более букв, например .ru или .рф",
        "the domain must end in a zone of two or more letters, e.g. .ru or .рф";

    /// Password: fewer than 8 characters.
    PasswordTooShort => "не короче 8 символов", "at least 8 characters";
    /// Password: more than 128 characters.
    PasswordTooLong => "не длиннее 128 символов", "at most 128 characters";
    /// Password: no upper-case letter.
    PasswordNoUpper => "добавьте заглавную букву", "add an upper-case letter";
    /// Password: no lower-case letter.
    PasswordNoLower => "добавьте строчную букву", "add a lower-case letter";
    /// Password: no digit.
    PasswordNoDigit => "добавьте цифру", "add a digit";
    /// Password: no character that is neither a letter, a digit nor whitespace.
    PasswordNoSpecial => "добавьте специальный символ, например ! ? % # или _",
        "add a special character, e.g. ! ? % # or _";
    /// Password: the same character 4 or more times in a row.
    PasswordRepeated => "уберите 4 и более одинаковых символа подряд (например 1111 или aaaa)",
        "remove runs of 4 or more identical characters (e.g. 1111 or aaaa)";
    /// Password: 4 or more consecutive digits or letters in a row, up or down.
    PasswordSequence => "уберите 4 и более последовательных символа подряд (например 1234, abcd или двгб)",
        "remove runs of 4 or more consecutive characters (e.g. 1234, abcd or dcba)";
    /// Password: on the list of common passwords.
    PasswordCommon => "такой пароль слишком распространён — придумайте другой",
        "this password is too common — please choose another";
    /// Password: contains the birth date.
    PasswordContainsBirthDate => "не должен содержать дату рождения",
        "must not contain your date of birth";
    /// Password: contains the phone number or its last 7 digits.
    PasswordContainsPhone => "не должен содержать номер телефона или его последние 7 цифр",
        "must not contain your phone number or its last 7 digits";
    /// Password: contains the СНИЛС or its first 9 digits.
    PasswordContainsSnils => "не должен содержать номер СНИЛС",
        "must not contain your СНИЛС number";
    /// Password: contains the surname, name or patronymic, also in Latin letters or typed on the
    /// Latin keyboard layout.
    PasswordContainsName => "не должен содержать фамилию, имя или отчество — в том числе латиницей",
        "must not contain your surname, name or patronymic — also in Latin letters";
    /// Password: contains the e-mail's mailbox name.
    PasswordContainsEmail => "не должен содержать имя почтового ящика",
        "must not contain your e-mail mailbox name";
    /// Password: equals one of the last 5 (judged by the caller, which holds the hashes).
    PasswordReused => "совпадает с одним из 5 последних паролей — придумайте новый",
        "matches one of your last 5 passwords — please choose a new one";

    /// Sign-in identifier: neither a phone, an e-mail address nor a СНИЛС.
    IdentifierFormat => "введите мобильный телефон, адрес электронной почты или СНИЛС",
        "enter a mobile phone number, an e-mail address or a СНИЛС";
    /// «Номер личного кабинета»: not ten digits with a valid check digit.
    AccountNumberFormat => "номер личного кабинета — 10 цифр в виде 1234-5678-90; проверьте, не ошиблись ли в цифре",
        "the account number is 10 digits as 1234-5678-90; check for a mistyped digit";
    /// An audit head: not `SEQ:HASH`.
    HeadFormat => "введите номер строки и хеш через двоеточие, как их напечатала прошлая проверка",
        "enter the row number and the hash separated by a colon, as the last check printed them";
    /// «Поиск гражданина»: neither an account number, a СНИЛС nor a phone.
    CitizenQueryFormat => "введите номер личного кабинета, СНИЛС или телефон",
        "enter an account number, a СНИЛС or a phone number";
    /// Phone, e-mail or СНИЛС already belongs to another live account (judged by the caller).
    Taken => "уже зарегистрирован в другом личном кабинете — восстановите доступ к нему",
        "already registered to another account — restore access to it instead";
    /// The repeated password differs from the first (judged by the caller).
    PasswordMismatch => "пароли не совпадают", "the passwords do not match";
    /// A required agreement or consent was not given (judged by the caller).
    NotAccepted => "без вашего согласия продолжить нельзя", "your consent is required to continue";
    /// The current password is wrong (judged by the caller).
    PasswordWrong => "неверный пароль", "wrong password";
    /// A code from an app or a backup code is wrong (judged by the caller).
    CodeWrong => "неверный код", "wrong code";
    /// A number outside its allowed range (judged by the caller).
    OutOfRange => "значение вне допустимого диапазона", "the value is out of range";

    /// Time of day: not ЧЧ:ММ from 00:00 to 23:59.
    TimeFormat => "введите время в формате ЧЧ:ММ, например 22:00", "enter the time as HH:MM, e.g. 22:00";
    /// Quiet hours: start and end are the same minute.
    QuietHoursEmpty => "начало и конец тихих часов должны различаться",
        "the quiet hours must start and end at different times";
    /// Quiet hours cover every working hour while delivery is limited to working hours.
    QuietHoursCoverWorkday => "тихие часы закрывают всё рабочее время — сообщения не доставлялись бы никогда",
        "the quiet hours cover all working hours — messages would never be delivered";
    /// A service code not in the catalogue.
    ServiceUnknown => "такой услуги нет в каталоге", "there is no such service in the catalogue";
    /// The same item twice in one list.
    Duplicate => "указано дважды — оставьте одну строку", "listed twice — keep one line";
    /// A locked notification (security) switched off.
    NotSwitchable => "уведомления безопасности отключить нельзя", "security notifications cannot be switched off";
    /// Only e-mail and SMS have transports to test.
    ChannelNotTestable => "проверить можно только e-mail или SMS", "only e-mail or SMS can be tested";
    /// Gateway URL: not https:// (or http:// to this machine).
    UrlFormat => "адрес должен начинаться с https:// (http:// — только для этого компьютера)",
        "the URL must start with https:// (http:// only for this machine)";
    /// Gateway body template: not JSON with {to} and {text}.
    TemplateJson => "шаблон должен быть JSON с подстановками {to} и {text} внутри строк",
        "the template must be JSON with {to} and {text} inside strings";
    /// SMTP without encryption to a host other than this machine.
    ClearTextRemote => "без шифрования можно подключаться только к этому компьютеру (localhost, 127.0.0.1, ::1) — выберите STARTTLS или TLS",
        "an unencrypted connection is allowed only to this machine (localhost, 127.0.0.1, ::1) — choose STARTTLS or TLS";
    /// SMTP without encryption with a login or a password.
    ClearTextCredentials => "логин и пароль передаются только по зашифрованному соединению — выберите STARTTLS или TLS",
        "a login and a password travel only over an encrypted connection — choose STARTTLS or TLS";

    /// Staff login: not 3–32 Latin letters, digits, dots, hyphens or underscores from a letter.
    LoginFormat => "от 3 до 32 латинских букв, цифр и знаков . _ -, первая — буква",
        "3 to 32 Latin letters, digits and . _ -, starting with a letter";
    /// Staff login: another staff account has it (judged by the caller).
    LoginTaken => "такой логин уже есть — выберите другой", "this login is taken — choose another";
    /// ФИО in one line: not a surname and a first name (and a patronymic) of Russian letters.
    FullNameParts => "фамилия, имя и отчество (при наличии) через пробел, русскими буквами",
        "surname, first name and patronymic (if any) separated by spaces, in Russian letters";
    /// Staff role: neither operator nor supervisor.
    RoleUnknown => "роль — operator (оператор) или supervisor (старший смены)",
        "the role is operator or supervisor";
    /// An authenticator code that is not six digits.
    TotpFormat => "код — 6 цифр из приложения-аутентификатора",
        "the code is the 6 digits shown by the authenticator app";

    /// Restoration: the passport number differs from the one in the account.
    PassportMismatch => "номер паспорта не совпадает с указанным в кабинете",
        "the passport number differs from the one in the account";
    /// Staff's identity check: what the operator typed differs from the account's data.
    DiffersFromAccount => "не совпадает с данными в кабинете", "differs from the data in the account";
    /// Staff's identity check: the account has no passport data to compare with.
    NothingOnFile => "в кабинете не указано — гражданин сначала заполняет паспорт и СНИЛС в профиле",
        "not in the account — the citizen first fills in the passport and СНИЛС in the profile";
    /// «Код подтверждения личности»: not the 10 digits of the slip.
    IdentityCodeFormat => "код — 10 цифр с бланка «Код подтверждения личности»",
        "the code is the 10 digits on the «Identity confirmation code» slip";
    /// A choice field: the value is not one of the options.
    NotAnOption => "выберите один из предложенных вариантов", "choose one of the options offered";
    /// Money: not roubles with up to two decimals.
    AmountFormat => "введите сумму в рублях, например 1234,56", "enter an amount in roubles, e.g. 1234.56";
    /// Money: zero, negative or above the ceiling.
    AmountRange => "сумма должна быть больше нуля и не больше 100 000 000 ₽",
        "the amount must be above zero and at most 100,000,000 ₽";

    /// Scan: neither PDF, JPEG nor PNG by content.
    ScanType => "файл должен быть PDF, JPEG или PNG (проверяется содержимое, а не имя файла)",
        "the file must be a PDF, JPEG or PNG (its content is checked, not its name)";
    /// Scan: an empty file (0 bytes).
    ScanEmpty => "файл пустой — выберите другой файл", "the file is empty — please choose another";
    /// Scan: larger than 10 MB.
    ScanTooLarge => "файл больше 10 МБ — уменьшите его",
        "the file is larger than 10 MB — please make it smaller";

    /// Before today (a block's last day).
    DateInPast => "дата не может быть раньше сегодняшней", "the date cannot be earlier than today";
    /// A block's last day more than a year ahead.
    BlockTooLong => "блокировка — не дольше года от сегодняшнего дня",
        "a block lasts at most a year from today";
    /// A document number without a single digit.
    DocumentNumberFormat => "номер документа должен содержать цифры, например 2-1234/2026",
        "a document number must contain digits, e.g. 2-1234/2026";
    /// Suspicious activity: closing needs the owner's identity and consent checked first.
    IdentityNotChecked => "сначала проверьте личность владельца и получите его согласие на закрытие",
        "check the owner's identity and get their consent to the closure first";
    /// A server's address that is not `https://` (plain `http://` only to this computer).
    ServerUrlScheme => "адрес сервера начинается с https:// (http:// — только для сервера на этом компьютере)",
        "the server's address starts with https:// (http:// only for a server on this computer)";
    /// A CA file that cannot be read or holds no PEM certificate.
    ServerCaFile => "файл не найден или в нём нет сертификата в формате PEM",
        "the file is missing or holds no PEM certificate";
    /// The server did not answer at that address.
    ServerNoAnswer => "сервер по этому адресу не отвечает — проверьте адрес и сеть",
        "no server answers at this address — check the address and the network";
}

impl std::fmt::Display for Invalid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.reason(Locale::Ru))
    }
}

impl std::error::Error for Invalid {}

/// The input without outer whitespace, or [`Invalid::Required`] when nothing is left.
fn required(input: &str) -> Checked<&str> {
    let trimmed = input.trim();
    if trimmed.is_empty() { Err(Invalid::Required) } else { Ok(trimmed) }
}

/// The input without the characters `skip` accepts, refusing any non-digit that is left.
fn digits_without(input: &str, skip: impl Fn(char) -> bool) -> Checked<String> {
    let digits: String = required(input)?.chars().filter(|&c| !skip(c)).collect();
    if digits.chars().all(|c| c.is_ascii_digit()) { Ok(digits) } else { Err(Invalid::OnlyDigits) }
}

/// The decimal value of an ASCII digit string's characters, in order.
fn digit_values(digits: &str) -> Vec<u32> {
    digits.chars().filter_map(|c| c.to_digit(10)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_reason_has_russian_and_english_text() {
        for &invalid in Invalid::ALL {
            assert!(!invalid.reason(Locale::Ru).trim().is_empty(), "{invalid:?} ru");
            assert!(!invalid.reason(Locale::En).trim().is_empty(), "{invalid:?} en");
            assert_ne!(invalid.reason(Locale::Ru), invalid.reason(Locale::En), "{invalid:?}");
        }
    }

    #[test]
    fn reasons_are_distinct_and_listed_once() {
        let variants: HashSet<_> = Invalid::ALL.iter().collect();
        assert_eq!(variants.len(), Invalid::ALL.len());
        let texts: HashSet<_> = Invalid::ALL.iter().map(|i| i.reason(Locale::Ru)).collect();
        assert_eq!(texts.len(), Invalid::ALL.len());
    }

    #[test]
    fn serialises_snake_case() {
        let json = serde_json::to_string(&Invalid::PasswordContainsBirthDate).ok();
        assert_eq!(json.as_deref(), Some("\"password_contains_birth_date\""));
        let back: Option<Invalid> = serde_json::from_str("\"inn_organization\"").ok();
        assert_eq!(back, Some(Invalid::InnOrganization));
    }

    #[test]
    fn displays_the_russian_reason() {
        assert_eq!(Invalid::Checksum.to_string(), "контрольное число не совпадает — проверьте цифры");
    }

    #[test]
    fn required_trims() {
        assert_eq!(required("  a b \n"), Ok("a b"));
        assert_eq!(required(" \t "), Err(Invalid::Required));
    }
}
