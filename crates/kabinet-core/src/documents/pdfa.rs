//! PDF/A-2b finishing of what printpdf produced: PDF 1.7, a document information dictionary and
//! an XMP packet that say the same thing (title, author, subject, keywords, dates, the number as
//! `dc:identifier`, `pdfaid:part 2` / `conformance B`), the sRGB output intent, `/Lang (ru-RU)`,
//! a `/ID` computed from the content, and compression at a measured level.
//!
//! printpdf's own "PDF/A" switch writes a PDF/X CMYK intent and no pdfaid, and stamps 1970 dates
//! and counter-based IDs; every one of those is replaced here so that the same input and time
//! give the same bytes.

use std::io::Write;

use lopdf::{Dictionary, Object, ObjectId, Stream, StringFormat};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

const SRGB: &[u8] = include_bytes!("../../assets/icc/sRGB.icc");

/// The application that wrote the document, as the metadata names it.
pub const PRODUCER: &str = "Кабинет (printpdf 0.12, lopdf 0.44)";

/// What the metadata of a document says.
pub struct Metadata<'a> {
    /// The document's name with its number.
    pub title: &'a str,
    /// Who issued it.
    pub author: &'a str,
    /// What it is about.
    pub subject: &'a str,
    /// Search words: kind, number, account number.
    pub keywords: &'a [String],
    /// The registry number, kept as `dc:identifier` for verification.
    pub number: &'a str,
    /// Creation time, in the offset it is shown in.
    pub created: OffsetDateTime,
}

/// How the bytes are packed: zlib level and whether objects go into object streams.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Packing {
    /// zlib level 0–9.
    pub level: u32,
    /// Pack non-stream objects into compressed object streams (PDF 1.5+, allowed by PDF/A-2).
    pub object_streams: bool,
}

/// The packing every document uses, chosen with `benches/documents.rs` on «Подтверждение
/// закрытия» (2-core machine, release build): level 1 → 98.9 KB in 3.6 ms, level 6 → 88.3 KB in
/// 6.9 ms, level 9 → 88.3 KB in 8.5 ms (object streams save another 3.6 KB at any level). Level 9
/// buys 26 bytes for 1.6 ms; level 6 is 11 % smaller than level 1 — stored per citizen and sent
/// by e-mail, bytes matter more than 3 ms per page.
pub const PACKING: Packing = Packing { level: 6, object_streams: true };

/// Finishes `doc` as PDF/A-2b and serialises it.
pub fn finish(mut doc: lopdf::Document, meta: &Metadata<'_>, packing: Packing) -> Result<Vec<u8>, String> {
    doc.version = "1.7".to_owned();
    let id = content_id(&doc, meta);
    let catalog_id = catalog(&doc)?;
    let info = info_dictionary(meta);
    let info_id = doc.add_object(Object::Dictionary(info));
    doc.trailer.set("Info", Object::Reference(info_id));
    let metadata = Stream::new(
        Dictionary::from_iter(vec![("Type", Object::from("Metadata")), ("Subtype", Object::from("XML"))]),
        xmp(meta).into_bytes(),
    )
    .with_compression(false);
    let metadata_id = doc.add_object(Object::Stream(metadata));
    let profile = Stream::new(Dictionary::from_iter(vec![("N", Object::Integer(3))]), SRGB.to_vec());
    let profile_id = doc.add_object(Object::Stream(profile));
    let catalog = doc.get_object_mut(catalog_id).and_then(Object::as_dict_mut).map_err(|e| e.to_string())?;
    catalog.set("Metadata", Object::Reference(metadata_id));
    catalog.set("OutputIntents", Object::Array(vec![Object::Dictionary(output_intent(profile_id))]));
    catalog.set("Lang", Object::String(b"ru-RU".to_vec(), StringFormat::Literal));
    catalog.set(
        "ViewerPreferences",
        Object::Dictionary(Dictionary::from_iter(vec![("DisplayDocTitle", Object::Boolean(true))])),
    );
    let id = Object::String(id.to_vec(), StringFormat::Hexadecimal);
    doc.trailer.set("ID", Object::Array(vec![id.clone(), id]));
    doc.prune_objects();
    compress(&mut doc, packing.level)?;
    save(doc, packing)
}

fn catalog(doc: &lopdf::Document) -> Result<ObjectId, String> {
    doc.trailer.get(b"Root").and_then(Object::as_reference).map_err(|e| e.to_string())
}

/// 16 bytes of SHA-256 over every stream and the metadata: two documents share an `/ID` only
/// if they are the same document.
fn content_id(doc: &lopdf::Document, meta: &Metadata<'_>) -> [u8; 16] {
    let mut hasher = Sha256::new();
    for object in doc.objects.values() {
        if let Object::Stream(stream) = object {
            hasher.update((stream.content.len() as u64).to_be_bytes());
            hasher.update(&stream.content);
        }
    }
    for part in [meta.title, meta.author, meta.subject, meta.number] {
        hasher.update(part.as_bytes());
        hasher.update([0]);
    }
    hasher.update(meta.created.unix_timestamp().to_be_bytes());
    let digest = hasher.finalize();
    let mut id = [0u8; 16];
    id.copy_from_slice(&digest[..16]);
    id
}

fn info_dictionary(meta: &Metadata<'_>) -> Dictionary {
    let date = Object::String(pdf_date(meta.created).into_bytes(), StringFormat::Literal);
    Dictionary::from_iter(vec![
        ("Title", text(meta.title)),
        ("Author", text(meta.author)),
        ("Subject", text(meta.subject)),
        ("Keywords", text(&meta.keywords.join(", "))),
        ("Creator", text(meta.author)),
        ("Producer", text(PRODUCER)),
        ("CreationDate", date.clone()),
        ("ModDate", date),
    ])
}

fn output_intent(profile: ObjectId) -> Dictionary {
    let literal = |s: &str| Object::String(s.as_bytes().to_vec(), StringFormat::Literal);
    Dictionary::from_iter(vec![
        ("Type", Object::from("OutputIntent")),
        ("S", Object::from("GTS_PDFA1")),
        ("OutputConditionIdentifier", literal("sRGB IEC61966-2.1")),
        ("Info", literal("sRGB IEC61966-2.1")),
        ("RegistryName", literal("http://www.color.org")),
        ("DestOutputProfile", Object::Reference(profile)),
    ])
}

/// A PDF text string: plain when ASCII, else UTF-16BE with its byte-order mark.
fn text(value: &str) -> Object {
    if value.is_ascii() {
        return Object::String(value.as_bytes().to_vec(), StringFormat::Literal);
    }
    let mut bytes = vec![0xFE, 0xFF];
    bytes.extend(value.encode_utf16().flat_map(u16::to_be_bytes));
    Object::String(bytes, StringFormat::Hexadecimal)
}

fn pdf_date(at: OffsetDateTime) -> String {
    let offset = at.offset();
    let sign = if offset.is_negative() { '-' } else { '+' };
    format!(
        "D:{:04}{:02}{:02}{:02}{:02}{:02}{sign}{:02}'{:02}'",
        at.year(),
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute(),
        at.second(),
        offset.whole_hours().unsigned_abs(),
        offset.minutes_past_hour().unsigned_abs()
    )
}

fn xmp_date(at: OffsetDateTime) -> String {
    let offset = at.offset();
    let sign = if offset.is_negative() { '-' } else { '+' };
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{sign}{:02}:{:02}",
        at.year(),
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute(),
        at.second(),
        offset.whole_hours().unsigned_abs(),
        offset.minutes_past_hour().unsigned_abs()
    )
}

fn xml(value: &str) -> String {
    value.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The XMP packet; every value equals its document-information twin, as PDF/A requires.
fn xmp(meta: &Metadata<'_>) -> String {
    let date = xmp_date(meta.created);
    format!(
        "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n\
<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n\
<rdf:Description rdf:about=\"\"\n\
 xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n\
 xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n\
 xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n\
 xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n\
<dc:format>application/pdf</dc:format>\n\
<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{title}</rdf:li></rdf:Alt></dc:title>\n\
<dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>\n\
<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{subject}</rdf:li></rdf:Alt></dc:description>\n\
<dc:identifier>{number}</dc:identifier>\n\
<dc:language><rdf:Bag><rdf:li>ru-RU</rdf:li></rdf:Bag></dc:language>\n\
<pdf:Keywords>{keywords}</pdf:Keywords>\n\
<pdf:Producer>{producer}</pdf:Producer>\n\
<xmp:CreatorTool>{author}</xmp:CreatorTool>\n\
<xmp:CreateDate>{date}</xmp:CreateDate>\n\
<xmp:ModifyDate>{date}</xmp:ModifyDate>\n\
<xmp:MetadataDate>{date}</xmp:MetadataDate>\n\
<pdfaid:part>2</pdfaid:part>\n\
<pdfaid:conformance>B</pdfaid:conformance>\n\
</rdf:Description>\n\
</rdf:RDF>\n\
</x:xmpmeta>\n\
<?xpacket end=\"r\"?>",
        title = xml(meta.title),
        author = xml(meta.author),
        subject = xml(meta.subject),
        number = xml(meta.number),
        keywords = xml(&meta.keywords.join(", ")),
        producer = xml(PRODUCER),
    )
}

fn compress(doc: &mut lopdf::Document, level: u32) -> Result<(), String> {
    for object in doc.objects.values_mut() {
        let Object::Stream(stream) = object else { continue };
        if !stream.allows_compression || stream.dict.has(b"Filter") {
            continue;
        }
        let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(level));
        encoder.write_all(&stream.content).map_err(|e| e.to_string())?;
        let packed = encoder.finish().map_err(|e| e.to_string())?;
        if packed.len() < stream.content.len() {
            stream.dict.set("Filter", Object::from("FlateDecode"));
            stream.set_content(packed);
        }
    }
    Ok(())
}

fn save(mut doc: lopdf::Document, packing: Packing) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    if packing.object_streams {
        let options = lopdf::SaveOptions::builder()
            .use_object_streams(true)
            .use_xref_streams(true)
            .compression_level(packing.level)
            .build();
        doc.save_with_options(&mut out, options).map_err(|e| e.to_string())?;
    } else {
        doc.save_to(&mut out).map_err(|e| e.to_string())?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn dates_carry_their_offset() {
        let at = datetime!(2026-11-25 12:05:09 +3);
        assert_eq!(pdf_date(at), "D:20261125120509+03'00'");
        assert_eq!(xmp_date(at), "2026-11-25T12:05:09+03:00");
    }

    #[test]
    fn text_strings_are_utf16_when_not_ascii() {
        assert_eq!(text("ID"), Object::String(b"ID".to_vec(), StringFormat::Literal));
        let Object::String(bytes, StringFormat::Hexadecimal) = text("Я") else { panic!("not hex") };
        assert_eq!(bytes, [0xFE, 0xFF, 0x04, 0x2F]);
    }

    #[test]
    fn the_number_is_found_in_the_packet() {
        let meta = Metadata {
            title: "Т",
            author: "А",
            subject: "S",
            keywords: &[],
            number: "ПЗК-2026-000001",
            created: datetime!(2026-11-25 12:00 +3),
        };
        let found = super::super::scan::identifier_in(xmp(&meta).as_bytes());
        assert_eq!(found.as_deref(), Some("ПЗК-2026-000001"));
    }
}
