//! Scans of documents (passport, СНИЛС) judged by content, never by the file name.
//!
//! - PDF starts with `%PDF-`, JPEG with `FF D8 FF`, PNG with `89 50 4E 47 0D 0A 1A 0A`.
//! - At most 10 MB, counted as 10 MiB (10 × 1024 × 1024 bytes); the size is checked first.
//! - An empty file (0 bytes) is refused as empty, before its kind is judged.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Checked, Invalid};

/// Largest accepted scan, in bytes.
pub const MAX_SCAN_BYTES: usize = 10 * 1024 * 1024;

/// The kind of a scan, recognised by its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ScanKind {
    /// PDF document.
    Pdf,
    /// JPEG image.
    Jpeg,
    /// PNG image.
    Png,
}

impl ScanKind {
    /// The media type, for storage and downloads.
    pub fn mime(self) -> &'static str {
        match self {
            ScanKind::Pdf => "application/pdf",
            ScanKind::Jpeg => "image/jpeg",
            ScanKind::Png => "image/png",
        }
    }

    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            ScanKind::Pdf => "pdf",
            ScanKind::Jpeg => "jpg",
            ScanKind::Png => "png",
        }
    }
}

/// Recognises a scan by its magic bytes and checks its size.
pub fn scan_kind(bytes: &[u8]) -> Checked<ScanKind> {
    if bytes.is_empty() {
        return Err(Invalid::ScanEmpty);
    }
    if bytes.len() > MAX_SCAN_BYTES {
        return Err(Invalid::ScanTooLarge);
    }
    if bytes.starts_with(b"%PDF-") {
        Ok(ScanKind::Pdf)
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Ok(ScanKind::Jpeg)
    } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Ok(ScanKind::Png)
    } else {
        Err(Invalid::ScanType)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PNG: [u8; 8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    #[test]
    fn recognises_the_three_kinds() {
        assert_eq!(scan_kind(b"%PDF-1.7\n..."), Ok(ScanKind::Pdf));
        assert_eq!(scan_kind(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]), Ok(ScanKind::Jpeg));
        assert_eq!(scan_kind(&[PNG.as_slice(), b"\0\0\0\rIHDR"].concat()), Ok(ScanKind::Png));
        assert_eq!(ScanKind::Jpeg.mime(), "image/jpeg");
        assert_eq!(ScanKind::Png.extension(), "png");
    }

    #[test]
    fn refuses_other_content() {
        assert_eq!(scan_kind(b""), Err(Invalid::ScanEmpty));
        for bytes in [&b"%PDF"[..], b"GIF89a", b"PK\x03\x04", &[0xFF, 0xD8], &PNG[..7], b"hello.pdf"] {
            assert_eq!(scan_kind(bytes), Err(Invalid::ScanType), "{bytes:?}");
        }
    }

    #[test]
    fn ten_mebibytes_at_most() {
        let mut bytes = b"%PDF-1.4".to_vec();
        bytes.resize(MAX_SCAN_BYTES, b' ');
        assert_eq!(scan_kind(&bytes), Ok(ScanKind::Pdf));
        bytes.push(b' ');
        assert_eq!(scan_kind(&bytes), Err(Invalid::ScanTooLarge));
    }
}
