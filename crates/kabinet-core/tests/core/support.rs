//! The log in `logs/` and «Сведения для поддержки»: redaction of causes, rotation by size, the
//! bounded bundle, and an internal error written through a real `tracing` subscriber.

use std::io::Write;
use std::path::Path;
use std::sync::Mutex;

use kabinet_core::support::{self, LogFile, MAX_BUNDLE_BYTES, MAX_FILE_BYTES, MAX_FILES, Support};
use kabinet_core::{ApiError, ErrorCode, Locale};
use tracing_subscriber::prelude::*;

/// Values of the test citizen as they could appear inside an error's text.
const PERSONAL: &[&str] = &[
    "Соколова",
    "Анна",
    "Сергеевна",
    "sokolova",
    "anna",
    "9161112233",
    "916",
    "111-22-33",
    "111 22 33",
    "4510",
    "123456",
    "112-233-445",
    "11223344595",
    "hunter2",
    "3f9a0c7e5b2d",
    "482913",
    "Документы",
    "паспорт",
    "1990",
];

fn leaks(text: &str) -> Vec<&'static str> {
    PERSONAL.iter().copied().filter(|needle| text.to_lowercase().contains(&needle.to_lowercase())).collect()
}

#[test]
fn a_cause_keeps_its_shape_and_loses_every_value() {
    let causes = [
        // sqlx: a decode error quotes the value it could not read.
        "error occurred while decoding column \"created_at\": invalid offset datetime: +7 (916) 111-22-33 Соколова",
        "error occurred while decoding: invalid datetime: 05.03.1990 Анна",
        "encountered unexpected or invalid data: 4510 123456",
        // A trigger's or a function's message can carry anything.
        "error returned from database: (code: 1811) Соколова Анна +79161112233 4510 123456",
        // serde_json and friends quote the offending string.
        "invalid type: string \"Соколова Анна Сергеевна\", expected a map at line 1 column 15",
        "unknown variant `anna.sokolova@example.ru`, expected one of `sms`, `email`",
        "unknown variant `anna.sokolova`, expected `sms_gateway`",
        "expected value: 'hunter2",
        // Paths with a user's chosen file name.
        "failed to create /home/sokolova/Документы/паспорт Соколовой.pdf: permission denied",
        "C:\\Users\\anna\\Documents\\scan.pdf is locked",
        // Bare numbers in every form a citizen types them.
        "phone +79161112233 / 89161112233 / 8 916 111 22 33 refused",
        "passport 4510 123456 or 4510123456, snils 112-233-445 95 or 11223344595",
        "code 482913 for anna.sokolova@example.ru",
        "token 3f9a0c7e5b2d4e6f8a1c3e5d7b9f0a2cdeadbeef",
        // Only the first line: a TOML error draws the source line below.
        "TOML parse error at line 3, column 10\n  |\n3 | password = \"hunter2\"\n  |          ^",
    ];
    for cause in causes {
        let redacted = support::redact(cause);
        assert!(leaks(&redacted).is_empty(), "{cause:?} → {redacted:?} leaks {:?}", leaks(&redacted));
        assert!(!redacted.contains('\n'), "one line: {redacted:?}");
    }
    assert_eq!(
        support::redact(
            "error returned from database: (code: 2067) UNIQUE constraint failed: accounts.phone"
        ),
        "error returned from database: (code: 2067) UNIQUE constraint failed: accounts.phone",
        "a constraint error names columns only, so it stays readable"
    );
    assert_eq!(
        support::redact(
            "error occurred while decoding column \"created_at\": invalid offset datetime: 2026-05-01 Анна"
        ),
        "error occurred while decoding column \"created_at\": [value withheld]"
    );
    assert_eq!(
        support::redact("attempted to acquire a connection on a closed pool"),
        "attempted to acquire a connection on a closed pool"
    );
    assert_eq!(
        support::redact("TOML parse error at line 3, column 10\n3 | x"),
        "TOML parse error at line 3, column 10"
    );
    assert!(support::redact(&"x ".repeat(1000)).chars().count() <= 241, "bounded");
}

/// Writes through the same kind of subscriber the executables install.
fn with_log<T>(data_dir: &Path, body: impl FnOnce() -> T) -> T {
    let targets = tracing_subscriber::filter::Targets::new()
        .with_targets(support::LOG_TARGETS.iter().map(|target| (*target, tracing::Level::INFO)));
    let layer = tracing_subscriber::fmt::layer()
        .with_ansi(false)
        .with_writer(Mutex::new(LogFile::new(data_dir)))
        .with_filter(targets);
    tracing::subscriber::with_default(tracing_subscriber::registry().with(layer), body)
}

fn read_log(data_dir: &Path) -> String {
    std::fs::read_to_string(data_dir.join("logs").join("kabinet.log")).unwrap()
}

#[test]
fn an_internal_error_writes_one_redacted_line_with_time_level_module_kind_and_place() {
    let dir = tempfile::tempdir().unwrap();
    let cause = sqlx::Error::Decode("invalid offset datetime: +79161112233 Соколова Анна".into());
    let error = with_log(dir.path(), || ApiError::internal(cause, Locale::Ru));
    assert_eq!(error.code, ErrorCode::Internal);
    assert!(!error.message.contains("Соколова"), "the citizen sees the standard sentence");

    let log = read_log(dir.path());
    let lines: Vec<&str> = log.lines().collect();
    assert_eq!(lines.len(), 1, "{log}");
    let line = lines[0];
    assert!(line.starts_with("20") && line.contains('T') && line.contains('Z'), "a UTC time first: {line}");
    assert!(line.contains(" ERROR kabinet_core::error: internal error"), "{line}");
    assert!(line.contains("kind=sqlx_core::error::Error"), "{line}");
    assert!(line.contains(&format!("at={}:", file!())), "the caller's place: {line}");
    assert!(line.contains("cause=error occurred while decoding: [value withheld]"), "{line}");
    assert!(leaks(line).is_empty(), "{line} leaks {:?}", leaks(line));
    assert!(!line.contains('\u{1b}'), "no ANSI colours: {line}");
}

#[test]
fn only_kabinets_own_events_reach_the_log() {
    let dir = tempfile::tempdir().unwrap();
    with_log(dir.path(), || {
        // sqlx logs slow statements (with their text: a `PRAGMA key` among them) at WARN.
        tracing::warn!(target: "sqlx::query", "PRAGMA key = \"x'00ff'\"");
        tracing::info!(target: "tao::platform_impl", "window event");
        tracing::debug!(target: "kabinet_core::outbox", "below the level");
        tracing::info!(target: "kabinet_core::facade", "kept");
    });
    let log = read_log(dir.path());
    assert_eq!(log.lines().count(), 1, "{log}");
    assert!(log.contains("kept"));
}

#[cfg(unix)]
#[test]
fn the_log_is_the_owners_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    LogFile::new(dir.path()).write_all(b"one\n").unwrap();
    let mode = |path: &Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&dir.path().join("logs")), 0o700);
    assert_eq!(mode(&dir.path().join("logs/kabinet.log")), 0o600);
}

#[test]
fn nothing_is_created_before_the_first_event() {
    let dir = tempfile::tempdir().unwrap();
    with_log(dir.path(), || tracing::info!(target: "other_crate", "filtered out"));
    assert!(!dir.path().join("logs").exists());
    assert!(support::log_files(dir.path()).is_empty());
}

/// Fills the log past its bound with numbered lines of 8 KiB.
fn overfill(data_dir: &Path) -> usize {
    let mut log = LogFile::new(data_dir);
    let line_bytes = 8 * 1024;
    let lines = (MAX_FILES as u64 * MAX_FILE_BYTES / line_bytes as u64) as usize + 700;
    for n in 0..lines {
        let head = format!("line {n:06} ");
        let line = format!("{head}{}\n", "x".repeat(line_bytes - head.len() - 1));
        log.write_all(line.as_bytes()).unwrap();
    }
    lines
}

#[test]
fn the_log_rotates_by_size_and_keeps_at_most_seven_files() {
    let dir = tempfile::tempdir().unwrap();
    let lines = overfill(dir.path());

    let files = support::log_files(dir.path());
    assert_eq!(files.len(), MAX_FILES);
    let names: Vec<String> = std::fs::read_dir(dir.path().join("logs"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), MAX_FILES, "nothing else is kept: {names:?}");
    let mut total = 0;
    for file in &files {
        let size = std::fs::metadata(file).unwrap().len();
        assert!(size <= MAX_FILE_BYTES, "{} has {size} bytes", file.display());
        total += size;
    }
    assert!(total <= MAX_FILES as u64 * MAX_FILE_BYTES);
    let newest = read_log(dir.path());
    assert!(newest.lines().last().unwrap().starts_with(&format!("line {:06} ", lines - 1)));
    let oldest = std::fs::read_to_string(files.last().unwrap()).unwrap();
    assert!(!oldest.contains("line 000000 "), "the oldest lines are gone");
}

#[test]
fn support_information_is_the_newest_log_text_bounded_and_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let lines = overfill(dir.path());
    let bundle = Support::new(dir.path()).bundle(time::OffsetDateTime::UNIX_EPOCH).unwrap();
    let text = String::from_utf8(bundle).unwrap();

    assert!(text.len() <= MAX_BUNDLE_BYTES + 4096, "bounded: {} bytes", text.len());
    assert!(text.starts_with("Кабинет "), "a header first");
    assert!(text.contains("1970-01-01T00:00:00Z"));
    let numbers: Vec<usize> = text
        .lines()
        .filter_map(|line| line.strip_prefix("line "))
        .map(|rest| rest[..6].parse().unwrap())
        .collect();
    assert_eq!(*numbers.last().unwrap(), lines - 1, "ends with the newest line");
    assert!(numbers.windows(2).all(|pair| pair[1] == pair[0] + 1), "oldest to newest, whole lines, no gap");
    assert!(numbers.len() * 8 * 1024 > MAX_BUNDLE_BYTES - 16 * 1024, "as much as fits");
}

#[test]
fn support_information_without_any_log_is_the_header_alone() {
    let dir = tempfile::tempdir().unwrap();
    let text = String::from_utf8(Support::new(dir.path()).bundle(time::OffsetDateTime::UNIX_EPOCH).unwrap())
        .unwrap();
    assert!(text.contains("файлы / files: —"), "{text}");
    let offer = Support::new(dir.path()).save_offer(Locale::Ru, time::macros::date!(2026 - 05 - 01));
    assert_eq!(offer.file_name, "Кабинет — сведения для поддержки 2026-05-01.txt");
    assert_eq!(offer.extension, "txt");
}

#[tokio::test]
async fn saving_writes_the_bundle_where_the_citizen_chose() {
    let dir = tempfile::tempdir().unwrap();
    LogFile::new(dir.path()).write_all(b"2026-05-01T10:00:00Z  INFO kabinet_shell: started\n").unwrap();
    let chosen = dir.path().join("support.txt");
    let shown = Support::new(dir.path()).save(&chosen, Locale::Ru).await.unwrap();
    assert_eq!(shown, chosen.display().to_string());
    let saved = std::fs::read_to_string(&chosen).unwrap();
    assert!(
        saved.contains("===== kabinet.log =====\n2026-05-01T10:00:00Z  INFO kabinet_shell: started\n"),
        "{saved}"
    );

    let refused = Support::new(dir.path()).save(&dir.path().join("no/such/folder/x.txt"), Locale::Ru).await;
    assert_eq!(refused.unwrap_err().code, ErrorCode::Internal);
}
