//! The typed templates: one function per kind turns its input into laid-out pages; what every
//! document shares (title block, verification block with the QR, footer, metadata) lives here,
//! so the kinds differ only in their words and tables.

mod citizen;
mod closure;

use time::OffsetDateTime;

use super::format;
use super::layout::{Flow, Footer, Header, Item, MM};
use super::model::{DocumentInput, DocumentKind};
use super::qr;
use super::text::{Span, b, t};

/// Who issues every document.
pub const AUTHOR: &str = "Информационная система «Кабинет»";

/// The registry facts printed on a document.
#[derive(Debug, Clone)]
pub struct Stamp {
    /// «ПЗК-2026-000001».
    pub number: String,
    /// Creation time; shown in Moscow time.
    pub created_at: OffsetDateTime,
    /// The code printed beside the QR.
    pub verification_code: String,
    /// A preview: marked «ОБРАЗЕЦ», not registered.
    pub preview: bool,
}

/// A field of the input that cannot be printed as given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// The field's label, as printed.
    pub field: &'static str,
    /// What is wrong with it.
    pub problem: Problem,
}

/// What is wrong with a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// Empty.
    Missing,
    /// Not an RFC 3339 moment.
    NotAMoment,
    /// Not a date ДД.ММ.ГГГГ.
    NotADate,
}

impl InputError {
    /// The sentence for people.
    pub fn message(&self, locale: crate::Locale) -> String {
        let (ru, en) = match self.problem {
            Problem::Missing => ("не заполнено", "is empty"),
            Problem::NotAMoment => ("не время в формате RFC 3339", "is not an RFC 3339 time"),
            Problem::NotADate => ("не дата ДД.ММ.ГГГГ", "is not a date DD.MM.YYYY"),
        };
        match locale {
            crate::Locale::Ru => format!("Поле «{}»: {ru}", self.field),
            crate::Locale::En => format!("Field «{}» {en}", self.field),
        }
    }
}

/// Laid-out pages and the words of the metadata.
pub struct Composed {
    /// Pages with their items.
    pub pages: Vec<Vec<Item>>,
    /// The document's title with its number.
    pub title: String,
    /// Subject line.
    pub subject: String,
    /// Keywords.
    pub keywords: Vec<String>,
}

/// What a template hands back: the flow so far and the subject of the metadata.
struct Body {
    flow: Flow,
    subject: String,
    account_number: Option<String>,
}

/// Lays out `input` with `stamp`.
pub fn compose(input: &DocumentInput, stamp: &Stamp) -> Result<Composed, InputError> {
    let kind = input.kind();
    let flow = Flow::new(Header { number: stamp.number.clone(), preview: stamp.preview });
    let sheet = Sheet { stamp, kind };
    let body = match input {
        DocumentInput::RegistrationCertificate(data) => {
            citizen::registration_certificate(flow, &sheet, data)?
        }
        DocumentInput::PersonalDataExtract(data) => citizen::personal_data_extract(flow, &sheet, data)?,
        DocumentInput::ApplicationsHistory(data) => citizen::applications_history(flow, &sheet, data)?,
        DocumentInput::IdentityCodeSlip(data) => citizen::identity_code_slip(flow, &sheet, data)?,
        DocumentInput::DayRegister(data) => citizen::day_register(flow, &sheet, data)?,
        DocumentInput::ClosureApplication(data) => closure::application(flow, &sheet, data)?,
        DocumentInput::ClosureApplicationBlank(data) => closure::blank(flow, &sheet, data)?,
        DocumentInput::ClosureConfirmation(data) => closure::confirmation(flow, &sheet, data)?,
        DocumentInput::ClosureAct(data) => closure::act(flow, &sheet, data)?,
        DocumentInput::DeletionCertificate(data) => closure::deletion_certificate(flow, &sheet, data)?,
    };
    let footer = Footer {
        left: format!(
            "Сформирован {} · код проверки {} · {}",
            format::moment(stamp.created_at),
            stamp.verification_code,
            AUTHOR
        ),
    };
    let mut keywords = vec![kind.title().to_owned(), stamp.number.clone()];
    keywords.extend(body.account_number);
    Ok(Composed {
        pages: body.flow.finish(&footer),
        title: format!("{} № {}", kind.title(), stamp.number),
        subject: body.subject,
        keywords,
    })
}

/// What every template reads besides its input.
struct Sheet<'a> {
    stamp: &'a Stamp,
    kind: DocumentKind,
}

impl Sheet<'_> {
    /// The title block: name, subject and «№ … от 25 ноября 2026 г.».
    fn title(&self, flow: &mut Flow, title: &str, subtitle: &str) {
        let line = if self.stamp.preview {
            format!("Образец от {}", format::long_date(self.stamp.created_at))
        } else {
            format!("№ {} от {}", self.stamp.number, format::long_date(self.stamp.created_at))
        };
        flow.title(title, subtitle, &line);
    }

    /// The verification block with the QR code, closing every document.
    fn verification(&self, flow: &mut Flow) {
        let size = 25.0 * MM;
        let payload = qr::payload(&self.stamp.number, &self.stamp.verification_code);
        let rects = qr::rectangles(&payload, 0.0, 0.0, size);
        let lines: Vec<Vec<Span>> = vec![
            vec![b("Проверка подлинности документа")],
            vec![t("Номер документа: "), b(self.stamp.number.clone())],
            vec![t("Код проверки: "), b(self.stamp.verification_code.clone())],
            vec![t("Отсканируйте QR-код или проверьте файл в приложении «Кабинет» (раздел «Проверка \
                 документа»), у оператора центра обслуживания или командой «kabinet-cli verify». \
                 Файл сверяется с реестром выданных документов по контрольной сумме SHA-256: \
                 любое изменение файла будет обнаружено.")],
        ];
        flow.verification(rects, size, &lines);
        let _ = self.kind;
    }
}

/// Checks that a required text field is filled.
fn required(field: &'static str, value: &str) -> Result<String, InputError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(InputError { field, problem: Problem::Missing });
    }
    Ok(value.to_owned())
}

/// Parses a required RFC 3339 moment.
fn moment(field: &'static str, value: &str) -> Result<OffsetDateTime, InputError> {
    required(field, value)?;
    format::parse_moment(value).ok_or(InputError { field, problem: Problem::NotAMoment })
}

/// Checks a required date ДД.ММ.ГГГГ.
fn date(field: &'static str, value: &str) -> Result<String, InputError> {
    let value = required(field, value)?;
    if !format::is_date(&value) {
        return Err(InputError { field, problem: Problem::NotADate });
    }
    Ok(value)
}

/// Checks an optional date ДД.ММ.ГГГГ.
fn optional_date(field: &'static str, value: Option<&str>) -> Result<Option<String>, InputError> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        Some(value) => date(field, value).map(Some),
        None => Ok(None),
    }
}

/// Parses an optional RFC 3339 moment.
fn optional_moment(field: &'static str, value: Option<&str>) -> Result<Option<OffsetDateTime>, InputError> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        Some(value) => moment(field, value).map(Some),
        None => Ok(None),
    }
}

/// A label–value row.
fn row(label: &str, value: impl Into<String>) -> (String, String) {
    (label.to_owned(), value.into())
}
