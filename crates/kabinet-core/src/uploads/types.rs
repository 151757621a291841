//! The uploads' part of the contract (generated into the UI's TypeScript with the rest).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::fields::Field;
use crate::validate::ScanKind;

/// What an upload is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum UploadKind {
    /// The passport scan of «Мой профиль» (one per account).
    PassportScan,
    /// The СНИЛС scan of «Мой профиль» (one per account).
    SnilsScan,
    /// Any other document («Мои документы»), as many as needed.
    Other,
}

impl UploadKind {
    /// Every kind.
    pub const ALL: [UploadKind; 3] = [UploadKind::PassportScan, UploadKind::SnilsScan, UploadKind::Other];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            UploadKind::PassportScan => "passport_scan",
            UploadKind::SnilsScan => "snils_scan",
            UploadKind::Other => "other",
        }
    }

    /// The kind of a stored or sent name.
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == text.trim())
    }

    /// Whether an account has at most one live upload of this kind (a new one replaces it).
    pub fn single(self) -> bool {
        self != UploadKind::Other
    }

    /// The form field its errors name.
    pub fn field(self) -> Field {
        match self {
            UploadKind::PassportScan => Field::PassportScan,
            UploadKind::SnilsScan => Field::SnilsScan,
            UploadKind::Other => Field::File,
        }
    }
}

/// One uploaded file, without its bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UploadInfo {
    /// Its number.
    pub id: i64,
    /// What it is.
    pub kind: UploadKind,
    /// The sanitised file name, with the extension of its real content.
    pub name: String,
    /// PDF, JPEG or PNG, judged by content.
    pub format: ScanKind,
    /// The media type (`application/pdf`, `image/jpeg`, `image/png`).
    pub content_type: String,
    /// Size in bytes.
    pub size: i64,
    /// SHA-256 of the content, lower-case hex.
    pub sha256: String,
    /// When it was uploaded (RFC 3339).
    pub created_at: String,
}

/// An upload named by its number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UploadId {
    /// [`UploadInfo::id`].
    pub id: i64,
}

/// An upload with its bytes, for viewing and downloading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadContent {
    /// What it is.
    pub info: UploadInfo,
    /// The file as uploaded.
    pub bytes: Vec<u8>,
}

/// A file as it arrives from the webview: the raw request header values (each may be missing)
/// and the raw body; [`super::Uploads::receive`] validates all of it.
#[derive(Debug, Clone, Copy, Default)]
pub struct RawUpload<'a> {
    /// Header [`HEADER_KIND`]: `passport_scan`, `snils_scan` or `other` (for a new upload).
    pub kind: Option<&'a str>,
    /// Header [`HEADER_REPLACES`]: the number of the upload this file replaces.
    pub replaces: Option<&'a str>,
    /// Header [`HEADER_NAME`]: the file name, percent-encoded (headers are ASCII).
    pub name: Option<&'a str>,
    /// The request body when it is raw bytes.
    pub bytes: Option<&'a [u8]>,
}

/// Request header carrying [`RawUpload::kind`].
pub const HEADER_KIND: &str = "kabinet-upload-kind";
/// Request header carrying [`RawUpload::replaces`].
pub const HEADER_REPLACES: &str = "kabinet-upload-replaces";
/// Request header carrying [`RawUpload::name`].
pub const HEADER_NAME: &str = "kabinet-upload-name";
