//! The file name an upload keeps: what the citizen's file was called, made safe to show and to
//! offer as a download name, and with the extension of what the content really is.
//!
//! The rule: percent-decode the header value (invalid UTF-8 becomes U+FFFD); keep only the last
//! path component (after `/` or `\`); drop control characters and `< > : " | ? *`; collapse runs
//! of whitespace to one space; trim spaces and dots at both ends; cut the stem so the whole name
//! is at most 120 characters. The extension always names the judged kind: a PNG called
//! `паспорт.pdf` is kept as `паспорт.png`, one called `паспорт.jpeg` as `паспорт.jpeg` (a JPEG
//! keeps `.jpg` or `.jpeg`, whichever it had). Nothing left → `скан.<ext>`.

use crate::validate::ScanKind;

/// Longest kept name, in characters, extension included.
pub const MAX_NAME_CHARS: usize = 120;

/// The name to store for a file sent as `raw` (percent-encoded) whose content is `kind`.
pub fn sanitised(raw: &str, kind: ScanKind) -> String {
    let decoded = percent_decoded(raw);
    let last = decoded.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = last
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .filter(|c| !c.is_control() && !matches!(c, '<' | '>' | ':' | '"' | '|' | '?' | '*'))
        .collect();
    let collapsed = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    let trimmed = collapsed.trim_matches(|c: char| c == '.' || c.is_whitespace());
    let (stem, extension) = split_extension(trimmed, kind);
    let stem = if stem.is_empty() { "скан" } else { stem };
    let room = MAX_NAME_CHARS - extension.chars().count() - 1;
    let stem: String = stem.chars().take(room).collect();
    format!("{}.{extension}", stem.trim_end_matches(|c: char| c == '.' || c.is_whitespace()))
}

/// The stem and the extension to use: the name's own extension when it names `kind`, else the
/// kind's usual one (the whole name is then the stem).
fn split_extension(name: &str, kind: ScanKind) -> (&str, &'static str) {
    let accepted: &[&'static str] = match kind {
        ScanKind::Pdf => &["pdf"],
        ScanKind::Jpeg => &["jpg", "jpeg"],
        ScanKind::Png => &["png"],
    };
    if let Some((stem, ext)) = name.rsplit_once('.') {
        if let Some(known) = accepted.iter().find(|a| a.eq_ignore_ascii_case(ext)) {
            return (stem, known);
        }
        if ["pdf", "jpg", "jpeg", "png"].iter().any(|a| a.eq_ignore_ascii_case(ext)) {
            return (stem, kind.extension());
        }
    }
    (name, kind.extension())
}

/// `%XX` sequences decoded as UTF-8 bytes; a `%` not followed by two hex digits stays as is.
fn percent_decoded(raw: &str) -> String {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_and_keeps_a_plain_name() {
        let raw = "%D0%BF%D0%B0%D1%81%D0%BF%D0%BE%D1%80%D1%82%20%D1%81%D1%82%D1%80.%201.png";
        assert_eq!(sanitised(raw, ScanKind::Png), "паспорт стр. 1.png");
        assert_eq!(sanitised("scan.JPEG", ScanKind::Jpeg), "scan.jpeg");
        assert_eq!(sanitised("100%.pdf", ScanKind::Pdf), "100%.pdf");
    }

    #[test]
    fn the_extension_follows_the_content() {
        assert_eq!(sanitised("паспорт.pdf", ScanKind::Png), "паспорт.png");
        assert_eq!(sanitised("паспорт", ScanKind::Pdf), "паспорт.pdf");
        assert_eq!(sanitised("отчёт.docx", ScanKind::Pdf), "отчёт.docx.pdf");
    }

    #[test]
    fn strips_paths_controls_and_reserved_characters() {
        assert_eq!(sanitised("C:\\Users\\ivan\\scan.png", ScanKind::Png), "scan.png");
        assert_eq!(sanitised("../../etc/pass<w>d?.png", ScanKind::Png), "passwd.png");
        assert_eq!(sanitised("a%00b%0A\tc  d.png", ScanKind::Png), "ab c d.png");
        assert_eq!(sanitised(" ..hidden. ", ScanKind::Png), "hidden.png");
        assert_eq!(sanitised("", ScanKind::Jpeg), "скан.jpg");
        assert_eq!(sanitised("%FF%FE.png", ScanKind::Png), "\u{FFFD}\u{FFFD}.png");
    }

    #[test]
    fn long_names_are_cut_to_120_characters() {
        let long = format!("{}.png", "я".repeat(500));
        let name = sanitised(&long, ScanKind::Png);
        assert_eq!(name.chars().count(), MAX_NAME_CHARS);
        assert!(name.ends_with("я.png"));
    }
}
