//! Requests and responses of «Скачать все документы», «Сохранить историю обращений» and
//! «Выгрузить мои данные».

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How far a ZIP export has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExportProgress {
    /// Files written.
    pub done: u32,
    /// Files in all (the manifest not counted).
    pub total: u32,
    /// Bytes of files written.
    #[ts(type = "number")]
    pub bytes_done: u64,
    /// Bytes of files in all.
    #[ts(type = "number")]
    pub bytes_total: u64,
}

/// One file of the archive, as the manifest lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ManifestEntry {
    /// Its path inside the archive.
    pub path: String,
    /// `issued` (a PDF Кабинет issued), `upload` (a scan the citizen uploaded) or `receipt`.
    pub source: String,
    /// The document kind or upload kind, e.g. `registration_certificate`, `passport_scan`.
    pub kind: String,
    /// The registry number of an issued document.
    pub number: Option<String>,
    /// Its title or original file name.
    pub title: String,
    /// `application/pdf`, `image/jpeg` or `image/png`.
    pub content_type: String,
    /// Size in bytes.
    #[ts(type = "number")]
    pub size: u64,
    /// SHA-256 of the bytes, lower-case hex.
    pub sha256: String,
    /// When it was issued or uploaded (RFC 3339).
    pub created_at: String,
}

/// `manifest.json` at the root of the archive.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Manifest {
    /// «Номер личного кабинета».
    pub account_number: String,
    /// When the archive was made (RFC 3339).
    pub created_at: String,
    /// Every file, in archive order.
    pub files: Vec<ManifestEntry>,
}

/// A finished export.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ExportDone {
    /// Where it was saved.
    pub path: String,
    /// Files written (for the ZIP: without the manifest).
    pub files: u32,
    /// Size of the saved file in bytes.
    #[ts(type = "number")]
    pub bytes: u64,
}

/// «Выгрузить мои данные»: which form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DataFormat {
    /// JSON, valid against `docs/export/kabinet-export.schema.json`.
    Json,
    /// XML, valid against `docs/export/kabinet-export.xsd`.
    Xml,
    /// «Выписка персональных данных» (PDF).
    Pdf,
}

/// Which export to save.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct DataExportRequest {
    /// The form.
    pub format: DataFormat,
}
