//! The shell's side of the commands the core cannot finish alone: the `shell` entries of the
//! table (the core prepares, then a native dialog, the system viewer or the printer does its
//! part, then the core finishes as the same resolved caller) and the `host` entries (answered
//! even when the data could not be opened). Also how raw request bodies and raw answers cross
//! the IPC. Glue only: which document, whose it is and every word shown come from the core.

use kabinet_core::api::prelude::*;
use kabinet_core::support::Support;
use kabinet_core::{ApiResult, Clock, Host, Kabinet};
use tauri::ipc::{Channel, InvokeBody, Request, Response};
use tauri::{Manager, WebviewWindow};

use crate::native;

/// An argument read from a raw invoke request: its body and headers.
pub trait FromRaw<'a> {
    /// Reads the argument; the core judges every value.
    fn from_raw(request: &'a Request<'_>) -> Self;
}

fn header<'a>(request: &'a Request<'_>, name: &str) -> Option<&'a str> {
    request.headers().get(name).and_then(|value| value.to_str().ok())
}

fn body<'a>(request: &'a Request<'_>) -> Option<&'a [u8]> {
    match request.body() {
        InvokeBody::Raw(bytes) => Some(bytes.as_slice()),
        InvokeBody::Json(_) => None,
    }
}

impl<'a> FromRaw<'a> for RawUpload<'a> {
    fn from_raw(request: &'a Request<'_>) -> Self {
        use kabinet_core::uploads::{HEADER_KIND, HEADER_NAME, HEADER_REPLACES};
        RawUpload {
            kind: header(request, HEADER_KIND),
            replaces: header(request, HEADER_REPLACES),
            name: header(request, HEADER_NAME),
            bytes: body(request),
        }
    }
}

impl<'a> FromRaw<'a> for RawClaim<'a> {
    fn from_raw(request: &'a Request<'_>) -> Self {
        use kabinet_core::debts::{HEADER_DEBT, HEADER_RECEIPT_NAME};
        RawClaim {
            debt: header(request, HEADER_DEBT),
            name: header(request, HEADER_RECEIPT_NAME),
            bytes: Some(body(request).unwrap_or_default()),
        }
    }
}

impl<'a> FromRaw<'a> for RawFile<'a> {
    fn from_raw(request: &'a Request<'_>) -> Self {
        RawFile { bytes: body(request).unwrap_or_default() }
    }
}

/// The arguments of a JSON command as the webview sent them (an object; `{}` when none).
pub fn json_arguments(request: &Request<'_>) -> serde_json::Value {
    match request.body() {
        InvokeBody::Json(value @ serde_json::Value::Object(_)) => value.clone(),
        _ => serde_json::Value::Object(serde_json::Map::new()),
    }
}

/// One named argument of `command` from `args`, or the core's structured `validation` error.
pub fn argument<T: serde::de::DeserializeOwned>(
    args: &serde_json::Value,
    command: &str,
    name: &str,
    locale: Locale,
) -> ApiResult<T> {
    serde_json::from_value(args.get(name).cloned().unwrap_or_default()).map_err(|cause| {
        let lead = locale.pick("Неверные данные запроса", "Malformed request");
        kabinet_core::ApiError::with_message(
            kabinet_core::ErrorCode::Validation,
            format!("{lead} {command}, {name}: {cause}"),
        )
    })
}

/// The table's entry for an adapter (always there: the adapters are generated from the table).
pub fn entry(name: &str) -> ApiResult<&'static kabinet_core::api::Command> {
    kabinet_core::api::command(name)
        .ok_or_else(|| kabinet_core::ApiError::new(kabinet_core::ErrorCode::NotFound, Locale::default()))
}

/// A raw request's body and the headers the core reads (`kabinet-…`, `x-kabinet-…`), to send on.
pub fn raw_parts(request: &Request<'_>) -> (Vec<u8>, Vec<(String, String)>) {
    let headers = request
        .headers()
        .iter()
        .filter(|(name, _)| name.as_str().starts_with("kabinet-") || name.as_str().starts_with("x-kabinet-"))
        .filter_map(|(name, value)| Some((name.as_str().to_owned(), value.to_str().ok()?.to_owned())))
        .collect();
    (body(request).map(<[u8]>::to_vec).unwrap_or_default(), headers)
}

/// An answer sent as raw bytes (an `ArrayBuffer` in the webview), not as JSON.
pub trait IntoRaw {
    /// The IPC response.
    fn into_raw(self) -> Response;
}

impl IntoRaw for UploadContent {
    fn into_raw(self) -> Response {
        Response::new(self.bytes)
    }
}

/// Writes the private copy of the file and opens it in the system's PDF viewer.
pub async fn open_in_viewer(
    window: &WebviewWindow,
    kabinet: &Kabinet,
    _me: &Authed,
    copy: ViewerCopy,
) -> ApiResult<()> {
    let path = kabinet.documents().write_viewer_copy(copy).await?;
    native::open_in_viewer(window.app_handle(), &path, kabinet.locale())
}

/// «Сохранить как…»: the system save dialog, then the core writes the document there.
pub async fn save_document(
    window: &WebviewWindow,
    kabinet: &Kabinet,
    me: &Authed,
    offer: DocumentOffer,
) -> ApiResult<Option<String>> {
    let Some(path) = native::choose_save_path(window, offer.offer).await else { return Ok(None) };
    kabinet.documents().save_copy(me, &offer.number, &path).await.map(Some)
}

/// The system print dialog for a document the core prepared for whoever asked (a citizen's own
/// document, a staff member's print of a citizen's document or a code slip, a closed account's
/// confirmation after its password): the core decided whose and which; this only prints.
pub async fn print<Who>(
    window: &WebviewWindow,
    kabinet: &Kabinet,
    _who: &Who,
    job: PrintJob,
) -> ApiResult<PrintOutcome> {
    native::print(window, job, kabinet.locale(), window.state::<Host>().data_dir()).await
}

/// «Печать за день» to the print dialog: composed with progress; cancelled by «Отменить».
pub async fn print_day_batch(
    window: &WebviewWindow,
    kabinet: &Kabinet,
    me: &StaffAuthed,
    offer: DayOffer,
    progress: Channel<BatchProgress>,
) -> ApiResult<PrintOutcome> {
    let printing = kabinet.printing();
    let composed = printing.compose(me, &offer, |step| drop(progress.send(step)));
    let Some(job) = composed.await? else { return Ok(PrintOutcome::Cancelled) };
    native::print(window, job, kabinet.locale(), window.state::<Host>().data_dir()).await
}

/// «Печать за день» saved where the staff member chooses; `None` when cancelled.
pub async fn save_day_batch(
    window: &WebviewWindow,
    kabinet: &Kabinet,
    me: &StaffAuthed,
    offer: DayOffer,
    progress: Channel<BatchProgress>,
) -> ApiResult<Option<String>> {
    let Some(path) = native::choose_save_path(window, offer.offer.clone()).await else { return Ok(None) };
    let printing = kabinet.printing();
    let composed = printing.compose(me, &offer, |step| drop(progress.send(step)));
    let Some(job) = composed.await? else { return Ok(None) };
    kabinet.documents().write_chosen(&path, job.bytes).await.map(Some)
}

/// «Сохранить как…» for the «Подтверждение закрытия» of a closed account.
pub async fn save_closed_confirmation(
    window: &WebviewWindow,
    kabinet: &Kabinet,
    _caller: &Caller,
    copy: ClosedConfirmation,
) -> ApiResult<Option<String>> {
    let Some(path) = native::choose_save_path(window, copy.offer.offer).await else { return Ok(None) };
    kabinet.documents().write_chosen(&path, copy.bytes).await.map(Some)
}

/// «Сохранить как…» for a citizen's document at the staff desk.
pub async fn staff_save_document(
    window: &WebviewWindow,
    kabinet: &Kabinet,
    me: &StaffAuthed,
    offer: CitizenDocumentOffer,
) -> ApiResult<Option<String>> {
    let Some(path) = native::choose_save_path(window, offer.offer.offer).await else { return Ok(None) };
    kabinet.desk().save_copy(me, offer.request, &path).await.map(Some)
}

/// An export: the system save dialog, then the core writes the file there.
pub async fn save_export(
    window: &WebviewWindow,
    kabinet: &Kabinet,
    me: &Authed,
    offer: ExportOffer,
) -> ApiResult<Option<ExportDone>> {
    export_to_chosen_path(window, kabinet, me, offer, |_| ()).await
}

/// «Скачать все документы»: the save dialog, then the ZIP with its progress on `progress`.
pub async fn save_export_with_progress(
    window: &WebviewWindow,
    kabinet: &Kabinet,
    me: &Authed,
    offer: ExportOffer,
    progress: Channel<ExportProgress>,
) -> ApiResult<Option<ExportDone>> {
    export_to_chosen_path(window, kabinet, me, offer, |step| drop(progress.send(step))).await
}

async fn export_to_chosen_path(
    window: &WebviewWindow,
    kabinet: &Kabinet,
    me: &Authed,
    offer: ExportOffer,
    progress: impl FnMut(ExportProgress),
) -> ApiResult<Option<ExportDone>> {
    use kabinet_core::export::ExportFile;
    let Some(path) = native::choose_save_path(window, offer.offer).await else { return Ok(None) };
    let exports = kabinet.exports();
    match offer.file {
        ExportFile::DocumentsZip => exports.documents_zip(me, &path, progress).await.map(Some),
        ExportFile::HistoryPdf => exports.history_pdf(me, &path).await.map(Some),
        ExportFile::Data(format) => exports.personal_data(me, format, &path).await.map(Some),
    }
}

/// Whether the data is open, and if not why.
pub async fn status(_window: &WebviewWindow, host: &Host) -> ApiResult<AppStatus> {
    Ok(host.status())
}

/// Switches the language of messages (with a server, the language the server is asked for).
pub async fn set_locale(window: &WebviewWindow, host: &Host, locale: Locale) -> ApiResult<()> {
    if let Some(remote) = window.state::<crate::remote::Connection>().remote() {
        remote.set_locale(locale);
        return Ok(());
    }
    host.kabinet().map(|kabinet| kabinet.set_locale(locale))
}

/// «Сведения для поддержки»: the log saved where the citizen chooses. It needs no session and no
/// open database, so the start-up failure screen offers it too; what the file holds is the
/// core's (`support`).
pub async fn save_support_logs(window: &WebviewWindow, host: &Host) -> ApiResult<Option<String>> {
    let support = window.state::<Support>();
    let locale = host.status().locale;
    let offer = support.save_offer(locale, Clock::system().today());
    let Some(path) = native::choose_save_path(window, offer).await else { return Ok(None) };
    support.save(&path, locale).await.map(Some)
}

/// «Где хранятся данные»: the choice this run started with.
pub async fn connection(window: &WebviewWindow, _host: &Host) -> ApiResult<ConnectionView> {
    Ok(window.state::<ConnectionView>().inner().clone())
}

/// Keeps a new choice and restarts the app with it. A server must answer at its address first
/// (a citizen who typed a wrong one is told so, and nothing changes); a choice pinned by the
/// environment cannot be changed here.
pub async fn set_connection(
    window: &WebviewWindow,
    host: &Host,
    setting: ConnectionSetting,
) -> ApiResult<()> {
    use kabinet_core::Field;
    use kabinet_core::connection::{self, ConnectionMode};
    use kabinet_core::validate::Invalid;
    let locale = match window.state::<crate::remote::Connection>().remote() {
        Some(remote) => remote.locale(),
        None => host.status().locale,
    };
    if window.state::<ConnectionView>().from_environment {
        let message = locale.pick(
            "Сервер задан в окружении приложения (KABINET_SERVER_URL) и здесь не меняется",
            "The server is set in the app's environment (KABINET_SERVER_URL) and cannot be changed here",
        );
        return Err(kabinet_core::ApiError::with_message(kabinet_core::ErrorCode::Forbidden, message));
    }
    let checked = connection::check(&setting, locale)?;
    if checked.mode == ConnectionMode::Server {
        let ca = (!checked.ca.is_empty()).then(|| std::path::Path::new(&checked.ca));
        let remote =
            crate::remote::Remote::connect(&checked.url, ca, host.data_dir(), locale).map_err(|problem| {
                tracing::warn!(%problem, "the chosen server's settings are not usable");
                problem.refusal(locale)
            })?;
        if !remote.answers().await {
            return Err(kabinet_core::ApiError::field(Field::ServerUrl, Invalid::ServerNoAnswer, locale));
        }
    }
    connection::save(host.data_dir(), &checked, locale)?;
    tracing::info!(mode = ?checked.mode, "the data's place was changed; restarting");
    window.app_handle().restart()
}
