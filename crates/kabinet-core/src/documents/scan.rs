//! The number a presented PDF carries («Проверка документа», `kabinet-cli verify`), read with every
//! cost bounded by what a document of ours can hold.
//!
//! The file is untrusted and arrives without a session. A general PDF parser does what the file
//! says: lopdf's `Document::load_mem` follows the xref and inflates every object stream, and
//! `decompressed_content` inflates a metadata stream without limit — 7 KB of FlateDecode inside
//! FlateDecode became 4.3 GB of memory. So nothing here parses the document. The number is looked
//! for in the raw bytes first (our XMP packet is never compressed); only a file another program
//! re-saved needs more, and then just the few streams whose dictionary says `/Type /Metadata` are
//! decoded — FlateDecode through flate2 behind a `Read::take`, ASCIIHexDecode by hand — at most
//! two filters deep, each stage cut at [`MAX_METADATA_BYTES`]. Every scan is linear in the file's
//! length (capped by the caller at `MAX_VERIFY_BYTES`) and everything else is bounded by the
//! constants below, so a hostile file costs at most a few megabytes and milliseconds.

use std::io::Read;

/// The most one metadata stream may decode to. Ours is 1.6 KB of XMP; a packet another program
/// rewrote (padding, an edit history) stays far below. A stream over it is not one of ours.
pub const MAX_METADATA_BYTES: usize = 256 * 1024;
/// The most encoded bytes taken from one metadata stream (hexadecimal doubles, spaces add).
const MAX_ENCODED_BYTES: usize = 4 * MAX_METADATA_BYTES;
/// At most this many `/Type /Metadata` dictionaries are looked at.
const MAX_CANDIDATES: usize = 16;
/// At most this many filters in one stream's chain (each stage cut at [`MAX_METADATA_BYTES`]).
const MAX_FILTERS: usize = 2;
/// How far around `/Type /Metadata` the rest of its dictionary is looked for.
const DICTIONARY_REACH: usize = 4096;
/// A number ends within this many bytes of `<dc:identifier>` (40 characters of UTF-8, spaces).
const IDENTIFIER_REACH: usize = 256;
/// The longest number a document carries, in characters.
const MAX_NUMBER_CHARS: usize = 40;

/// Why a file's metadata could not be read within the limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unreadable {
    /// A metadata stream decodes (or is encoded) larger than a document of ours can hold: a
    /// decompression bomb or not our file.
    TooLarge,
    /// A metadata stream is cut off, or its compressed data is damaged.
    Damaged,
    /// A metadata stream uses a filter, or a chain of filters, no document of ours has.
    Filters,
}

/// The number `bytes` carries: `Ok(Some)` found, `Ok(None)` the file has none, `Err` its metadata
/// could not be read within the limits (and no number was found elsewhere).
pub fn number_in(bytes: &[u8]) -> Result<Option<String>, Unreadable> {
    if let Some(number) = identifier_in(bytes) {
        return Ok(Some(number));
    }
    let mut trouble = None;
    let candidates = Candidates { bytes, from: 0 };
    for candidate in candidates.take(MAX_CANDIDATES) {
        let (decoded, problem) = match candidate {
            Ok(stream) => decode(&stream),
            Err(problem) => (Vec::new(), Some(problem)),
        };
        if let Some(number) = identifier_in(&decoded) {
            return Ok(Some(number));
        }
        trouble = trouble.or(problem);
    }
    trouble.map_or(Ok(None), Err)
}

/// The first `<dc:identifier>NUMBER</dc:identifier>` in `bytes`. The value holds no `<` (XML
/// escapes it), so the first `<` after the opening tag must start the closing one: each
/// occurrence costs at most [`IDENTIFIER_REACH`] bytes and they cannot overlap.
pub fn identifier_in(bytes: &[u8]) -> Option<String> {
    const OPEN: &[u8] = b"<dc:identifier>";
    const CLOSE: &[u8] = b"</dc:identifier>";
    let mut from = 0;
    while let Some(at) = find(bytes, OPEN, from) {
        let start = at + OPEN.len();
        let reach = bytes.get(start..bytes.len().min(start + IDENTIFIER_REACH)).unwrap_or_default();
        if let Some(end) = reach.iter().position(|&b| b == b'<')
            && bytes.get(start + end..).is_some_and(|rest| rest.starts_with(CLOSE))
            && let Ok(text) = std::str::from_utf8(&reach[..end])
        {
            let number = text.trim();
            if !number.is_empty() && number.chars().count() <= MAX_NUMBER_CHARS {
                return Some(number.to_owned());
            }
        }
        from = start;
    }
    None
}

/// One metadata stream as found: its encoded data and its filters, outermost first.
struct Stream<'a> {
    data: &'a [u8],
    filters: Vec<Filter>,
    /// `false` when the file ends before `endstream`.
    complete: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Filter {
    Flate,
    AsciiHex,
}

/// Every `/Type /Metadata` dictionary of the file, in order, as a stream or why not.
struct Candidates<'a> {
    bytes: &'a [u8],
    from: usize,
}

impl<'a> Iterator for Candidates<'a> {
    type Item = Result<Stream<'a>, Unreadable>;

    fn next(&mut self) -> Option<Self::Item> {
        const KEY: &[u8] = b"/Metadata";
        loop {
            let at = find(self.bytes, KEY, self.from)?;
            self.from = at + KEY.len();
            let ends = self.bytes.get(self.from).is_none_or(|&b| is_delimiter(b) || is_space(b));
            if ends && typed(self.bytes, at) {
                return Some(stream_at(self.bytes, at));
            }
        }
    }
}

/// Whether `/Type` (and PDF white space) comes right before the name at `at`.
fn typed(bytes: &[u8], at: usize) -> bool {
    let before = &bytes[..at];
    let trimmed = before.len() - before.iter().rev().take(8).take_while(|&&b| is_space(b)).count();
    before[..trimmed].ends_with(b"/Type")
}

/// The stream whose dictionary holds `/Type /Metadata` at `at`.
fn stream_at(bytes: &[u8], at: usize) -> Result<Stream<'_>, Unreadable> {
    let window_start = at.saturating_sub(DICTIONARY_REACH);
    let start = rfind(&bytes[window_start..at], b"obj").map_or(window_start, |i| window_start + i + 3);
    let keyword = stream_keyword(bytes, at).ok_or(Unreadable::Damaged)?;
    let dictionary = &bytes[start..keyword];
    let filters = filters(dictionary)?;
    let mut data_start = keyword + b"stream".len();
    if bytes.get(data_start..).is_some_and(|rest| rest.starts_with(b"\r\n")) {
        data_start += 2;
    } else if bytes.get(data_start).is_some_and(|&b| b == b'\n' || b == b'\r') {
        data_start += 1;
    }
    let rest = bytes.get(data_start..).unwrap_or_default();
    if let Some(length) = direct_length(dictionary)
        && length <= MAX_ENCODED_BYTES
        && let Some(data) = rest.get(..length)
        && skip_space(rest, length).is_some_and(|tail| tail.starts_with(b"endstream"))
    {
        return Ok(Stream { data, filters, complete: true });
    }
    let window = &rest[..rest.len().min(MAX_ENCODED_BYTES + 2)];
    match find(window, b"endstream", 0) {
        Some(end) => {
            let mut data = &window[..end];
            if let Some(stripped) = data.strip_suffix(b"\n") {
                data = stripped.strip_suffix(b"\r").unwrap_or(stripped);
            } else if let Some(stripped) = data.strip_suffix(b"\r") {
                data = stripped;
            }
            Ok(Stream { data, filters, complete: true })
        }
        None if window.len() == rest.len() => Ok(Stream { data: rest, filters, complete: false }),
        None => Err(Unreadable::TooLarge),
    }
}

/// The `stream` keyword that ends the dictionary around `at` (`>>`, white space, `stream`).
fn stream_keyword(bytes: &[u8], at: usize) -> Option<usize> {
    let limit = bytes.len().min(at + DICTIONARY_REACH);
    let window = &bytes[..limit];
    let mut from = at;
    while let Some(keyword) = find(window, b"stream", from) {
        let before = &window[..keyword];
        let trimmed = before.len() - before.iter().rev().take(8).take_while(|&&b| is_space(b)).count();
        if before[..trimmed].ends_with(b">>") {
            return Some(keyword);
        }
        from = keyword + 1;
    }
    None
}

/// The filters a dictionary names, outermost first; none when it has no `/Filter`.
fn filters(dictionary: &[u8]) -> Result<Vec<Filter>, Unreadable> {
    let Some(value) = value_of(dictionary, b"/Filter") else { return Ok(Vec::new()) };
    let names: Vec<&[u8]> = match value.first() {
        Some(b'/') => vec![name(value)],
        Some(b'[') => {
            let inner = &value[1..];
            let end = inner.iter().position(|&b| b == b']').ok_or(Unreadable::Filters)?;
            inner[..end].split(|&b| b == b'/' || is_space(b)).filter(|word| !word.is_empty()).collect()
        }
        _ => return Err(Unreadable::Filters),
    };
    if names.len() > MAX_FILTERS {
        return Err(Unreadable::Filters);
    }
    names
        .into_iter()
        .map(|name| match name.strip_prefix(b"/").unwrap_or(name) {
            b"FlateDecode" | b"Fl" => Ok(Filter::Flate),
            b"ASCIIHexDecode" | b"AHx" => Ok(Filter::AsciiHex),
            _ => Err(Unreadable::Filters),
        })
        .collect()
}

/// A name at the start of `value` (`/FlateDecode`), up to the next delimiter or white space.
fn name(value: &[u8]) -> &[u8] {
    let end =
        value.iter().skip(1).position(|&b| is_delimiter(b) || is_space(b)).map_or(value.len(), |i| i + 1);
    &value[..end]
}

/// `/Length N` when N is written in the dictionary itself (not `N 0 R`).
fn direct_length(dictionary: &[u8]) -> Option<usize> {
    let value = value_of(dictionary, b"/Length")?;
    let digits = value.iter().take_while(|b| b.is_ascii_digit()).count();
    if digits == 0 || digits > 9 {
        return None;
    }
    let after = skip_space(value, digits).unwrap_or_default();
    if after.first().is_some_and(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(&value[..digits]).ok()?.parse().ok()
}

/// What follows `key` (a whole name) in `dictionary`, white space skipped.
fn value_of<'a>(dictionary: &'a [u8], key: &[u8]) -> Option<&'a [u8]> {
    let mut from = 0;
    while let Some(at) = find(dictionary, key, from) {
        let end = at + key.len();
        if dictionary.get(end).is_none_or(|&b| is_delimiter(b) || is_space(b)) {
            return skip_space(dictionary, end);
        }
        from = end;
    }
    None
}

/// The stream decoded through its filters, each stage cut at [`MAX_METADATA_BYTES`]: what was
/// decoded, and the first problem met (decoding stops there).
fn decode(stream: &Stream<'_>) -> (Vec<u8>, Option<Unreadable>) {
    let mut data = stream.data.to_vec();
    let mut problem = (!stream.complete).then_some(Unreadable::Damaged);
    for filter in &stream.filters {
        let (decoded, trouble) = match filter {
            Filter::Flate => inflate(&data),
            Filter::AsciiHex => unhex(&data),
        };
        data = decoded;
        if trouble.is_some() {
            return (data, trouble);
        }
    }
    if data.len() > MAX_METADATA_BYTES {
        data.truncate(MAX_METADATA_BYTES);
        problem = problem.or(Some(Unreadable::TooLarge));
    }
    (data, problem)
}

/// zlib data inflated to at most [`MAX_METADATA_BYTES`] (one byte more tells it was cut).
fn inflate(data: &[u8]) -> (Vec<u8>, Option<Unreadable>) {
    let mut out = Vec::new();
    let limit = u64::try_from(MAX_METADATA_BYTES).unwrap_or(u64::MAX).saturating_add(1);
    let read = flate2::read::ZlibDecoder::new(data).take(limit).read_to_end(&mut out);
    if out.len() > MAX_METADATA_BYTES {
        out.truncate(MAX_METADATA_BYTES);
        return (out, Some(Unreadable::TooLarge));
    }
    (out, read.err().map(|_| Unreadable::Damaged))
}

/// ASCIIHexDecode: pairs of hex digits, white space ignored, `>` ends; an odd last digit is
/// followed by 0.
fn unhex(data: &[u8]) -> (Vec<u8>, Option<Unreadable>) {
    let mut out = Vec::with_capacity(data.len().min(MAX_METADATA_BYTES) / 2);
    let mut high: Option<u8> = None;
    for &byte in data {
        if is_space(byte) {
            continue;
        }
        if byte == b'>' {
            break;
        }
        let Some(digit) = char::from(byte).to_digit(16).and_then(|d| u8::try_from(d).ok()) else {
            return (out, Some(Unreadable::Damaged));
        };
        match high.take() {
            None => high = Some(digit),
            Some(h) => out.push(h << 4 | digit),
        }
        if out.len() > MAX_METADATA_BYTES {
            out.truncate(MAX_METADATA_BYTES);
            return (out, Some(Unreadable::TooLarge));
        }
    }
    if let Some(h) = high {
        out.push(h << 4);
    }
    (out, None)
}

/// `bytes[from..]` with PDF white space skipped.
fn skip_space(bytes: &[u8], from: usize) -> Option<&[u8]> {
    let rest = bytes.get(from..)?;
    Some(&rest[rest.iter().take_while(|&&b| is_space(b)).count()..])
}

fn is_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'\0')
}

fn is_delimiter(byte: u8) -> bool {
    matches!(byte, b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%')
}

/// The first `needle` in `haystack` at or after `from`: a scan for its first byte, then a compare,
/// so the cost stays linear and small even in a debug build.
fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    let (&first, _) = needle.split_first()?;
    let mut from = from;
    while let Some(offset) = haystack.get(from..)?.iter().position(|&b| b == first) {
        let at = from + offset;
        if haystack.get(at..at + needle.len()) == Some(needle) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// The last `needle` in `haystack` (a short window).
fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|window| window == needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zlib(data: &[u8]) -> Vec<u8> {
        let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        encoder.write_all(data).unwrap_or_default();
        encoder.finish().unwrap_or_default()
    }

    fn pdf_with(dictionary: &str, data: &[u8]) -> Vec<u8> {
        let mut pdf = b"%PDF-1.7\n1 0 obj\n<</Type/Catalog/Metadata 2 0 R>>\nendobj\n2 0 obj\n".to_vec();
        pdf.extend_from_slice(dictionary.as_bytes());
        pdf.extend_from_slice(b"stream\n");
        pdf.extend_from_slice(data);
        pdf.extend_from_slice(b"\nendstream\nendobj\n%%EOF\n");
        pdf
    }

    const PACKET: &[u8] = "<x:xmpmeta><dc:identifier>ПЗК-2026-000001</dc:identifier></x:xmpmeta>".as_bytes();

    #[test]
    fn the_number_is_read_from_the_raw_packet() {
        assert_eq!(number_in(PACKET), Ok(Some("ПЗК-2026-000001".to_owned())));
        assert_eq!(number_in(b"%PDF-1.7 nothing"), Ok(None));
        assert_eq!(
            identifier_in(b"<dc:identifier><dc:identifier> A-1 </dc:identifier>").as_deref(),
            Some("A-1")
        );
        let long = format!("<dc:identifier>{}</dc:identifier>", "9".repeat(41));
        assert_eq!(identifier_in(long.as_bytes()), None);
    }

    #[test]
    fn a_recompressed_packet_is_read_through_one_or_two_filters() {
        let once = pdf_with("<</Type /Metadata /Subtype/XML /Filter /FlateDecode>>\n", &zlib(PACKET));
        assert_eq!(number_in(&once), Ok(Some("ПЗК-2026-000001".to_owned())));
        let hex: String = zlib(PACKET).iter().map(|b| format!("{b:02x} ")).collect();
        let twice = pdf_with("<</Type/Metadata/Filter[/ASCIIHexDecode/FlateDecode]>>", hex.as_bytes());
        assert_eq!(number_in(&twice), Ok(Some("ПЗК-2026-000001".to_owned())));
        let length = zlib(PACKET);
        let exact = pdf_with(&format!("<</Length {} /Type/Metadata/Filter/Fl>>", length.len()), &length);
        assert_eq!(number_in(&exact), Ok(Some("ПЗК-2026-000001".to_owned())));
    }

    #[test]
    fn a_bomb_a_third_filter_or_damage_is_unreadable() {
        let zeros = zlib(&vec![0; MAX_METADATA_BYTES + 1]);
        let bomb = pdf_with("<</Type/Metadata/Filter/FlateDecode>>", &zeros);
        assert_eq!(number_in(&bomb), Err(Unreadable::TooLarge));
        let deep = pdf_with("<</Type/Metadata/Filter[/FlateDecode/FlateDecode/FlateDecode]>>", b"x");
        assert_eq!(number_in(&deep), Err(Unreadable::Filters));
        let lzw = pdf_with("<</Type/Metadata/Filter/LZWDecode>>", b"x");
        assert_eq!(number_in(&lzw), Err(Unreadable::Filters));
        let broken = pdf_with("<</Type/Metadata/Filter/FlateDecode>>", b"not zlib at all");
        assert_eq!(number_in(&broken), Err(Unreadable::Damaged));
        let cut = &pdf_with("<</Type/Metadata>>", PACKET)[..90];
        assert_eq!(number_in(cut), Err(Unreadable::Damaged));
        let no_stream = b"%PDF-1.7\n<</Type/Metadata>>\n%%EOF";
        assert_eq!(number_in(no_stream), Err(Unreadable::Damaged));
        let catalog_only = b"%PDF-1.7\n<</Type/Catalog/Metadata 2 0 R>>\n%%EOF";
        assert_eq!(number_in(catalog_only), Ok(None));
    }
}
