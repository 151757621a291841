//! The log and «Сведения для поддержки».
//!
//! `ErrorCode::Internal` tells the citizen that the details are in the log, so the log must
//! exist on every platform (a release build on Windows has no console) and must be safe to hand
//! to support: it lives in the data directory's `logs/`, it is bounded, and nothing personal can
//! reach it. The core only emits `tracing` events; the executables (the app and `kabinet-cli`)
//! install the subscriber over [`LogFile`], so the core stays free of any front end.
//!
//! Rules (see `docs/rules.md`, «Logs»):
//! - rotation by size: `kabinet.log` grows to [`MAX_FILE_BYTES`], then becomes `kabinet.1.log`
//!   (`.1` → `.2` …) and at most [`MAX_FILES`] files are kept, so the log never exceeds
//!   `MAX_FILES × MAX_FILE_BYTES`;
//! - only Кабинет's own events are written ([`LOG_TARGETS`]): a library's events (sqlx logs the
//!   text of slow statements, which includes the database key's `PRAGMA`) never are;
//! - the cause of an internal error is written through [`redact`]: its first line, with quoted
//!   values, numbers of three digits or more, e-mail addresses, paths, long tokens and every
//!   non-ASCII letter (names, addresses) replaced — the kind of error and where it was raised
//!   stay, the values never;
//! - «Сведения для поддержки» saves the newest log text (at most [`MAX_BUNDLE_BYTES`]) as one
//!   text file the citizen chooses in the system save dialog.

use std::fs;
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};

use crate::documents::SaveOffer;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::i18n::Locale;

/// The folder of the log inside the data directory.
pub const LOGS_DIR: &str = "logs";

/// The file being written; older ones are `kabinet.1.log` (newest) … `kabinet.6.log` (oldest).
pub const CURRENT_FILE: &str = "kabinet.log";

/// The size at which the current file is rotated.
pub const MAX_FILE_BYTES: u64 = 5 * 1024 * 1024;

/// How many files are kept, the current one included.
pub const MAX_FILES: usize = 7;

/// The most «Сведения для поддержки» saves: the newest log text up to this size.
pub const MAX_BUNDLE_BYTES: usize = 8 * 1024 * 1024;

/// The longest single event written; a longer one is cut (events are a line each).
const MAX_EVENT_BYTES: usize = 16 * 1024;

/// The longest redacted description of a cause, in characters.
const MAX_CAUSE_CHARS: usize = 240;

/// The crates whose events reach the log (`tracing` targets are module paths); everything else
/// is filtered out by the executables' subscriber.
pub const LOG_TARGETS: &[&str] = &["kabinet_core", "kabinet_cli", "kabinet_shell", "kabinet"];

/// The `logs/` folder of a data directory.
pub fn logs_dir(data_dir: &Path) -> PathBuf {
    data_dir.join(LOGS_DIR)
}

/// The log files of a data directory, newest first (only those that exist).
pub fn log_files(data_dir: &Path) -> Vec<PathBuf> {
    let dir = logs_dir(data_dir);
    (0..MAX_FILES).map(|index| dir.join(file_name(index))).filter(|path| path.is_file()).collect()
}

fn file_name(index: usize) -> String {
    if index == 0 { CURRENT_FILE.to_owned() } else { format!("kabinet.{index}.log") }
}

/// The size-capped log writer of a data directory: every write appends one event to
/// `logs/kabinet.log`, rotating first when the event would take the file over
/// [`MAX_FILE_BYTES`]. The file is opened per event (events are few: failures, start, exit), so
/// the app and a `kabinet-cli` on the same data directory share the files safely and a file
/// removed by hand is simply created again. Nothing is created until the first event.
#[derive(Debug, Clone)]
pub struct LogFile {
    dir: PathBuf,
}

impl LogFile {
    /// The writer for `data_dir`'s `logs/`.
    pub fn new(data_dir: &Path) -> Self {
        Self { dir: logs_dir(data_dir) }
    }

    fn append(&self, event: &[u8]) -> io::Result<()> {
        private_dir(&self.dir)?;
        let event = bounded_event(event);
        let current = self.dir.join(CURRENT_FILE);
        let size = fs::metadata(&current).map(|meta| meta.len()).unwrap_or(0);
        if size > 0 && size + event.len() as u64 > MAX_FILE_BYTES {
            self.rotate()?;
        }
        let mut file = owner_only_append(&current)?;
        file.write_all(&event)
    }

    fn rotate(&self) -> io::Result<()> {
        ignore_missing(fs::remove_file(self.dir.join(file_name(MAX_FILES - 1))))?;
        for index in (0..MAX_FILES - 1).rev() {
            ignore_missing(fs::rename(self.dir.join(file_name(index)), self.dir.join(file_name(index + 1))))?;
        }
        Ok(())
    }
}

impl Write for LogFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.append(buf)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn bounded_event(event: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    if event.len() <= MAX_EVENT_BYTES {
        return event.into();
    }
    let mut cut = String::from_utf8_lossy(&event[..MAX_EVENT_BYTES]).into_owned();
    cut.push_str(" [cut]\n");
    cut.into_bytes().into()
}

fn ignore_missing(outcome: io::Result<()>) -> io::Result<()> {
    match outcome {
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(()),
        other => other,
    }
}

#[cfg(unix)]
fn private_dir(dir: &Path) -> io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    fs::DirBuilder::new().recursive(true).mode(0o700).create(dir)
}

#[cfg(not(unix))]
fn private_dir(dir: &Path) -> io::Result<()> {
    fs::create_dir_all(dir)
}

#[cfg(unix)]
fn owner_only_append(path: &Path) -> io::Result<fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    fs::OpenOptions::new().create(true).append(true).mode(0o600).open(path)
}

#[cfg(not(unix))]
fn owner_only_append(path: &Path) -> io::Result<fs::File> {
    fs::OpenOptions::new().create(true).append(true).open(path)
}

/// The description of an error's cause that may be logged: its first line, at most
/// [`MAX_CAUSE_CHARS`] characters, with every value that could be personal replaced by `…` or
/// `#`: the contents of quotes (except a snake_case identifier such as a column name), runs of
/// three digits or more (with the spaces, dashes, brackets and dots between them: phones,
/// passports, СНИЛС, dates, codes), words with `@` (e-mail), `/` or `\` (paths), words of 24
/// characters or more (tokens, keys) and anything that is not ASCII (names, addresses, file
/// names in Russian). What stays is the shape: «error returned from database: (code: 2067)
/// UNIQUE constraint failed: accounts.phone» (sqlx's SQLite code is kept).
pub fn redact(cause: &str) -> String {
    let line = cause.lines().map(str::trim).find(|line| !line.is_empty()).unwrap_or("");
    let (head, line) = database_code(line);
    let line = drop_decoded_value(line);
    let quoted = mask_quotes(&line);
    let words = mask_words(&quoted);
    let digits = mask_digit_runs(&words);
    let plain = mask_non_ascii(&digits);
    let whole = format!("{head}{plain}");
    if whole.chars().count() > MAX_CAUSE_CHARS {
        let mut cut: String = whole.chars().take(MAX_CAUSE_CHARS).collect();
        cut.push('…');
        cut
    } else {
        whole
    }
}

/// sqlx's «error returned from database: (code: 2067) …»: the SQLite code is the most useful
/// part of the line and is not a value, so it is kept as it is.
fn database_code(line: &str) -> (&str, &str) {
    const PREFIX: &str = "error returned from database: (code: ";
    let Some(rest) = line.strip_prefix(PREFIX) else { return ("", line) };
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 || digits > 5 || !rest[digits..].starts_with(") ") {
        return ("", line);
    }
    line.split_at(PREFIX.len() + digits + 2)
}

/// sqlx's decode and encode errors end with the value's own complaint («invalid datetime:
/// <the value>»): only the part up to the complaint stays.
fn drop_decoded_value(line: &str) -> String {
    // (the text before the value, whether a column's index comes first)
    const MARKERS: [(&str, bool); 4] = [
        ("while decoding column ", true),
        ("while decoding", false),
        ("while encoding a value", false),
        ("unexpected or invalid data", false),
    ];
    for (marker, indexed) in MARKERS {
        let Some(at) = line.find(marker) else { continue };
        let mut end = at + marker.len();
        if indexed {
            end += line[end..].find(": ").unwrap_or(line.len() - end);
        }
        return format!("{}: [value withheld]", line[..end].trim_end_matches([':', ' ']));
    }
    line.to_owned()
}

fn mask_quotes(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        let close = match c {
            '"' => '"',
            '\'' => '\'',
            '`' => '`',
            '«' => '»',
            _ => {
                out.push(c);
                continue;
            }
        };
        let inner: String = chars.by_ref().take_while(|&n| n != close).collect();
        out.push(c);
        if is_identifier(&inner) {
            out.push_str(&inner);
        } else {
            out.push('…');
        }
        out.push(close);
    }
    out
}

/// A snake_case name such as a column (`created_at`): lowercase letters, dots and at least one
/// underscore, no digits — unlike anything a citizen types (names are Cyrillic, e-mails have
/// `@`, numbers have digits) or a login (`a.petrova` has no underscore).
fn is_identifier(text: &str) -> bool {
    text.len() <= 40
        && text.contains('_')
        && text.chars().all(|c| c.is_ascii_lowercase() || c == '_' || c == '.')
        && text.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
}

fn mask_words(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut word = String::new();
    for c in line.chars().chain(std::iter::once(' ')) {
        if c.is_whitespace() {
            if !word.is_empty() {
                out.push_str(&mask_word(&word));
                word.clear();
            }
            out.push(c);
        } else {
            word.push(c);
        }
    }
    out.pop();
    out
}

fn mask_word(word: &str) -> String {
    if word.contains('@') {
        "…@…".to_owned()
    } else if word.contains('/') || word.contains('\\') {
        "[path]".to_owned()
    } else if word.chars().count() >= 24 {
        "…".to_owned()
    } else {
        word.to_owned()
    }
}

/// Runs of digits joined by separators (`+7 (912) 345-67-89`, `4510 123456`, `112-233-445 95`,
/// `2026-05-01`) with three digits or more become `#`; one- and two-digit numbers (a column's
/// index, a line number) stay.
fn mask_digit_runs(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let mut end = i;
        let mut last_digit = i;
        let mut digits = 0;
        while end < chars.len() && (chars[end].is_ascii_digit() || is_joiner(chars[end])) {
            if chars[end].is_ascii_digit() {
                digits += 1;
                last_digit = end;
            }
            end += 1;
        }
        if digits >= 3 {
            out.push('#');
        } else {
            out.extend(&chars[i..=last_digit]);
        }
        i = last_digit + 1;
    }
    out
}

fn is_joiner(c: char) -> bool {
    matches!(c, ' ' | '-' | '(' | ')' | '.' | ':' | '+' | '_' | ',')
}

fn mask_non_ascii(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut in_run = false;
    for c in line.chars() {
        if c.is_ascii() || c == '…' {
            out.push(c);
            in_run = false;
        } else if !in_run {
            out.push('…');
            in_run = true;
        }
    }
    out
}

/// The name of an error code as the UI shows it («key_missing»), for log lines.
pub fn code_name(code: ErrorCode) -> String {
    match serde_json::to_value(code) {
        Ok(serde_json::Value::String(name)) => name,
        _ => format!("{code:?}"),
    }
}

/// «Сведения для поддержки» of one data directory: what the save dialog offers and the file
/// itself. Works without the database (the start-up failure screen is where it matters most).
#[derive(Debug, Clone)]
pub struct Support {
    data_dir: PathBuf,
}

impl Support {
    /// The support information of `data_dir`.
    pub fn new(data_dir: &Path) -> Self {
        Self { data_dir: data_dir.to_path_buf() }
    }

    /// What the save dialog suggests: a text file named with today's date.
    pub fn save_offer(&self, locale: Locale, today: time::Date) -> SaveOffer {
        let date = format!("{:04}-{:02}-{:02}", today.year(), u8::from(today.month()), today.day());
        SaveOffer {
            file_name: format!(
                "{} {date}.txt",
                locale.pick("Кабинет — сведения для поддержки", "Kabinet support information")
            ),
            dialog_title: locale.pick("Сведения для поддержки", "Support information").to_owned(),
            filter_name: locale.pick("Текстовый файл", "Text file").to_owned(),
            extension: "txt".to_owned(),
        }
    }

    /// The file's text: a short header (version, system, time, the files included) and the
    /// log files from the oldest to the newest, at most [`MAX_BUNDLE_BYTES`] of the newest.
    pub fn bundle(&self, now: time::OffsetDateTime) -> io::Result<Vec<u8>> {
        let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
        let mut room = MAX_BUNDLE_BYTES;
        for path in log_files(&self.data_dir) {
            if room == 0 {
                break;
            }
            let text = read_tail(&path, room)?;
            room -= text.len();
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            parts.push((name, text));
        }
        parts.reverse();
        let stamp = now.format(&time::format_description::well_known::Rfc3339).unwrap_or_default();
        let mut out = format!(
            "Кабинет {} — сведения для поддержки / support information\nсоздано / created: {stamp}\nсистема / system: {} {}\nфайлы / files: {}\n",
            env!("CARGO_PKG_VERSION"),
            std::env::consts::OS,
            std::env::consts::ARCH,
            if parts.is_empty() {
                "—".to_owned()
            } else {
                parts.iter().map(|(name, text)| format!("{name} ({} B)", text.len())).collect::<Vec<_>>().join(", ")
            },
        )
        .into_bytes();
        for (name, text) in parts {
            out.extend_from_slice(format!("\n===== {name} =====\n").as_bytes());
            out.extend_from_slice(&text);
        }
        Ok(out)
    }

    /// Writes [`Support::bundle`] to the path the citizen chose; returns the path as shown.
    pub async fn save(&self, path: &Path, locale: Locale) -> ApiResult<String> {
        let support = self.clone();
        let target = path.to_path_buf();
        let written = tokio::task::spawn_blocking(move || {
            let bytes = support.bundle(time::OffsetDateTime::now_utc())?;
            crate::documents::files::write_chosen(&target, &bytes).map(|()| bytes.len())
        })
        .await;
        match written {
            Ok(Ok(bytes)) => {
                tracing::info!(bytes, "support information saved");
                Ok(path.display().to_string())
            }
            Ok(Err(cause)) => Err(not_saved(cause, locale)),
            Err(cause) => Err(not_saved(cause, locale)),
        }
    }
}

#[track_caller]
fn not_saved(cause: impl std::fmt::Display, locale: Locale) -> ApiError {
    let mut error = ApiError::internal(cause, locale);
    error.message = locale
        .pick(
            "Не удалось сохранить сведения для поддержки — выберите другую папку",
            "Could not save the support information — choose another folder",
        )
        .to_owned();
    error
}

/// At most `limit` bytes of the end of a file, starting at a line.
fn read_tail(path: &Path, limit: usize) -> io::Result<Vec<u8>> {
    let mut file = fs::File::open(path)?;
    let size = file.metadata()?.len();
    let limit = limit as u64;
    if size <= limit {
        let mut text = Vec::new();
        file.read_to_end(&mut text)?;
        return Ok(text);
    }
    file.seek(io::SeekFrom::Start(size - limit))?;
    let mut text = Vec::new();
    file.take(limit).read_to_end(&mut text)?;
    let start = text.iter().position(|&b| b == b'\n').map_or(text.len(), |at| at + 1);
    Ok(text.split_off(start))
}
