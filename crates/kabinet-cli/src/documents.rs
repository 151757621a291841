//! `render`, `render-batch` and `verify`: official documents from the command line.
//!
//! `render` and `render-batch` issue documents — numbered and recorded in the registry of the
//! data directory, so `verify` later says «valid» — unless `--preview` is given, which needs no
//! database and marks every page «ОБРАЗЕЦ». `verify` exits 0 only for a valid document, so a
//! script can rely on the exit code alone; it reads at most `MAX_VERIFY_BYTES` of the file and
//! lets the core read the number within its limits (an unreadable file exits 1).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Subcommand;
use kabinet_core::documents::{self, DocumentInput, DocumentKind, Verification, VerificationStatus};
use kabinet_core::{ApiError, Clock, ErrorCode, Kabinet, Locale};

use crate::with_kabinet;
use serde::Serialize;

/// Exit code of `verify` for a file that carries no registered number.
const EXIT_UNKNOWN: u8 = 2;
/// Exit code of `verify` for a registered document whose bytes differ.
const EXIT_ALTERED: u8 = 3;

/// The document subcommands, flattened into the CLI's own.
#[derive(Subcommand)]
pub enum Command {
    /// Renders one document from its JSON input (registers it unless --preview).
    Render {
        /// registration-certificate, closure-application, closure-application-blank,
        /// closure-confirmation, closure-act, deletion-certificate, applications-history,
        /// personal-data-extract or identity-code-slip.
        kind: String,
        /// The template's input as JSON.
        #[arg(long)]
        input: PathBuf,
        /// Where to write the PDF.
        #[arg(long)]
        out: PathBuf,
        /// A sample marked «ОБРАЗЕЦ»: no number, no registry, no database needed.
        #[arg(long)]
        preview: bool,
        /// Creation time of a preview (RFC 3339); the same input and time give the same bytes.
        #[arg(long)]
        at: Option<String>,
    },
    /// Renders a batch: a JSON array of {"kind": …, "input": {…}} (registers them unless --preview).
    RenderBatch {
        /// The batch as JSON.
        #[arg(long)]
        input: PathBuf,
        /// The folder for the PDFs (created if missing).
        #[arg(long)]
        out_dir: PathBuf,
        /// Samples marked «ОБРАЗЕЦ»: no numbers, no registry, no database needed.
        #[arg(long)]
        preview: bool,
        /// Creation time of previews (RFC 3339).
        #[arg(long)]
        at: Option<String>,
    },
    /// Checks a PDF against the registry: valid (exit 0), unknown (exit 2) or altered (exit 3).
    Verify {
        /// The PDF file.
        file: PathBuf,
    },
}

/// What `render` prints per document.
#[derive(Serialize)]
struct Written {
    number: String,
    kind: DocumentKind,
    sha256: String,
    pages: u32,
    bytes: usize,
    path: String,
    registered: bool,
}

/// Runs a document command; returns the process's exit code.
pub fn run(command: &Command, data_dir: Option<&Path>, json: bool, locale: Locale) -> ExitCode {
    match execute(command, data_dir, json, locale) {
        Ok(code) => code,
        Err(error) => {
            if json {
                eprintln!("{}", serde_json::to_string(&error).unwrap_or_default());
            } else {
                eprintln!("{error}");
            }
            ExitCode::FAILURE
        }
    }
}

fn execute(
    command: &Command,
    data_dir: Option<&Path>,
    json: bool,
    locale: Locale,
) -> Result<ExitCode, ApiError> {
    match command {
        Command::Render { kind, input, out, preview, at } => {
            let kind = parse_kind(kind, locale)?;
            let value = read_json(input, locale)?;
            let document = DocumentInput::from_json(kind, value).map_err(|e| bad_input(&e, locale))?;
            let written = if *preview {
                vec![preview_one(&document, out, at.as_deref(), locale)?]
            } else {
                with_kabinet(data_dir, locale, async |kabinet| {
                    issue_all(kabinet, vec![(document, out.clone())]).await
                })?
            };
            print_written(&written, json);
            Ok(ExitCode::SUCCESS)
        }
        Command::RenderBatch { input, out_dir, preview, at } => {
            let value = read_json(input, locale)?;
            let batch: Vec<DocumentInput> =
                serde_json::from_value(value).map_err(|e| bad_input(&e, locale))?;
            std::fs::create_dir_all(out_dir).map_err(|e| io_error(&e, out_dir, locale))?;
            let written = if *preview {
                let mut written = Vec::new();
                for (i, document) in batch.iter().enumerate() {
                    let out = out_dir.join(format!("{:03}-{}.pdf", i + 1, document.kind().as_str()));
                    written.push(preview_one(document, &out, at.as_deref(), locale)?);
                }
                written
            } else {
                let planned = batch.into_iter().map(|document| (document, out_dir.to_path_buf())).collect();
                with_kabinet(data_dir, locale, async |kabinet| issue_all(kabinet, planned).await)?
            };
            print_written(&written, json);
            Ok(ExitCode::SUCCESS)
        }
        Command::Verify { file } => {
            let bytes = read_bounded(file, locale)?;
            let verification =
                with_kabinet(data_dir, locale, async |kabinet| kabinet.documents().verify(&bytes).await)?;
            print_verification(&verification, json);
            Ok(match verification.status {
                VerificationStatus::Valid => ExitCode::SUCCESS,
                VerificationStatus::Unknown => ExitCode::from(EXIT_UNKNOWN),
                VerificationStatus::Altered => ExitCode::from(EXIT_ALTERED),
            })
        }
    }
}

fn preview_one(
    document: &DocumentInput,
    out: &Path,
    at: Option<&str>,
    locale: Locale,
) -> Result<Written, ApiError> {
    let at = match at {
        Some(at) => documents::parse_moment(at).ok_or_else(|| {
            ApiError::with_message(
                ErrorCode::Validation,
                locale.pick("--at: нужно время в формате RFC 3339", "--at: expected an RFC 3339 time"),
            )
        })?,
        None => Clock::system().now(),
    };
    let stamp = documents::preview_stamp(document.kind(), at);
    let rendered = documents::render(document, &stamp, locale)?;
    std::fs::write(out, &rendered.bytes).map_err(|e| io_error(&e, out, locale))?;
    Ok(Written {
        number: stamp.number,
        kind: document.kind(),
        sha256: documents::sha256_hex(&rendered.bytes),
        pages: rendered.pages,
        bytes: rendered.bytes.len(),
        path: out.display().to_string(),
        registered: false,
    })
}

/// Issues each document and writes it; a folder as target means «<number>.pdf» inside it.
async fn issue_all(
    kabinet: &Kabinet,
    planned: Vec<(DocumentInput, PathBuf)>,
) -> Result<Vec<Written>, ApiError> {
    let locale = kabinet.locale();
    let mut written = Vec::new();
    for (document, target) in planned {
        let issued = kabinet.documents().issue(document, None).await?;
        let out = if target.is_dir() { target.join(format!("{}.pdf", issued.number)) } else { target };
        std::fs::write(&out, &issued.bytes).map_err(|e| io_error(&e, &out, locale))?;
        written.push(Written {
            number: issued.number,
            kind: issued.kind,
            sha256: issued.sha256,
            pages: issued.pages,
            bytes: issued.bytes.len(),
            path: out.display().to_string(),
            registered: true,
        });
    }
    Ok(written)
}

pub(crate) fn parse_kind(kind: &str, locale: Locale) -> Result<DocumentKind, ApiError> {
    DocumentKind::parse(kind).ok_or_else(|| {
        let known: Vec<String> = DocumentKind::ALL.iter().map(|k| k.as_str().replace('_', "-")).collect();
        let message = match locale {
            Locale::Ru => format!("Неизвестный вид документа «{kind}»: {}", known.join(", ")),
            Locale::En => format!("Unknown document kind «{kind}»: {}", known.join(", ")),
        };
        ApiError::with_message(ErrorCode::Validation, message)
    })
}

/// The file to verify, refused unread when it is larger than any document of ours, and never
/// read past that size even if it grows meanwhile (the core refuses the extra byte).
fn read_bounded(path: &Path, locale: Locale) -> Result<Vec<u8>, ApiError> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| io_error(&e, path, locale))?;
    let length = file.metadata().map_err(|e| io_error(&e, path, locale))?.len();
    documents::check_verify_size(length, locale)?;
    let limit = u64::try_from(documents::MAX_VERIFY_BYTES).unwrap_or(u64::MAX).saturating_add(1);
    let mut bytes = Vec::new();
    file.take(limit).read_to_end(&mut bytes).map_err(|e| io_error(&e, path, locale))?;
    Ok(bytes)
}

pub(crate) fn read_json(path: &Path, locale: Locale) -> Result<serde_json::Value, ApiError> {
    let text = std::fs::read_to_string(path).map_err(|e| io_error(&e, path, locale))?;
    serde_json::from_str(&text).map_err(|e| bad_input(&e, locale))
}

pub(crate) fn bad_input(error: &serde_json::Error, locale: Locale) -> ApiError {
    let message = match locale {
        Locale::Ru => format!("Неверные входные данные: {error}"),
        Locale::En => format!("Invalid input: {error}"),
    };
    ApiError::with_message(ErrorCode::Validation, message)
}

fn io_error(error: &std::io::Error, path: &Path, locale: Locale) -> ApiError {
    let message = match locale {
        Locale::Ru => format!("{}: {error}", path.display()),
        Locale::En => format!("{}: {error}", path.display()),
    };
    ApiError::with_message(ErrorCode::Internal, message)
}

fn print_written(written: &[Written], json: bool) {
    for document in written {
        if json {
            println!("{}", serde_json::to_string(document).unwrap_or_default());
        } else {
            println!(
                "{}  {} стр.  {} байт  {}  sha256 {}",
                document.number, document.pages, document.bytes, document.path, document.sha256
            );
        }
    }
}

fn print_verification(verification: &Verification, json: bool) {
    if json {
        println!("{}", serde_json::to_string(verification).unwrap_or_default());
        return;
    }
    let word = match verification.status {
        VerificationStatus::Valid => "valid",
        VerificationStatus::Unknown => "unknown",
        VerificationStatus::Altered => "altered",
    };
    println!("{word}\n{}", verification.message);
}
