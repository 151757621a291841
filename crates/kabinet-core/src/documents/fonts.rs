//! The four faces every document uses, compiled into the binary so a document looks the same on
//! every machine, and their advance widths, because printpdf can place text but not measure it.
//!
//! Widths are kept in thousandths of an em, truncated exactly as printpdf writes the `/W` array:
//! a line measured here ends where a viewer draws it, so justified lines meet the right margin
//! to the hundredth of a point.

use std::collections::HashMap;
use std::sync::OnceLock;

use printpdf::{FontId, ParsedFont, PdfFont};

/// A face of PT Sans or PT Serif.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Face {
    /// PT Sans Regular: tables, header, footer.
    Sans,
    /// PT Sans Bold: titles, headings, labels.
    SansBold,
    /// PT Serif Regular: running text.
    Serif,
    /// PT Serif Bold: emphasis in running text.
    SerifBold,
}

const SANS: &[u8] = include_bytes!("../../assets/fonts/PTS55F.ttf");
const SANS_BOLD: &[u8] = include_bytes!("../../assets/fonts/PTS75F.ttf");
const SERIF: &[u8] = include_bytes!("../../assets/fonts/PTF55F.ttf");
const SERIF_BOLD: &[u8] = include_bytes!("../../assets/fonts/PTF75F.ttf");

/// Advance widths of one face, in thousandths of an em.
struct Metrics {
    widths: HashMap<char, u16>,
}

impl Face {
    /// Every face, in resource order.
    pub const ALL: [Face; 4] = [Face::Sans, Face::SansBold, Face::Serif, Face::SerifBold];

    fn index(self) -> usize {
        match self {
            Face::Sans => 0,
            Face::SansBold => 1,
            Face::Serif => 2,
            Face::SerifBold => 3,
        }
    }

    fn bytes(self) -> &'static [u8] {
        [SANS, SANS_BOLD, SERIF, SERIF_BOLD][self.index()]
    }

    /// The font's resource name. printpdf takes the subset tag (`XXXXXX+PTSans-Regular`) from
    /// its first six letters, so it is six capitals, fixed, for identical bytes on every run.
    pub fn resource(self) -> FontId {
        FontId(["KBSANR", "KBSANB", "KBSERR", "KBSERB"][self.index()].to_owned())
    }

    /// The bold face of the same family.
    pub fn bold(self) -> Face {
        match self {
            Face::Sans | Face::SansBold => Face::SansBold,
            Face::Serif | Face::SerifBold => Face::SerifBold,
        }
    }

    fn metrics(self) -> &'static Metrics {
        static METRICS: OnceLock<Vec<Metrics>> = OnceLock::new();
        let all = METRICS.get_or_init(|| Face::ALL.iter().map(|face| read_metrics(face.bytes())).collect());
        &all[self.index()]
    }

    /// Whether the face has a glyph for `c`; text without one would show the «.notdef» box.
    pub fn has(self, c: char) -> bool {
        self.metrics().widths.contains_key(&c)
    }

    /// The width of `text` at `size` points.
    pub fn width(self, text: &str, size: f32) -> f32 {
        let widths = &self.metrics().widths;
        let units: u32 = text.chars().map(|c| u32::from(widths.get(&c).copied().unwrap_or(0))).sum();
        units as f32 * size / 1000.0
    }

    /// The face as printpdf embeds it (parsed once per process; subset on save).
    pub fn pdf_font(self) -> Option<PdfFont> {
        static PARSED: OnceLock<Vec<Option<ParsedFont>>> = OnceLock::new();
        let all = PARSED.get_or_init(|| {
            Face::ALL.iter().map(|face| ParsedFont::from_bytes(face.bytes(), 0, &mut Vec::new())).collect()
        });
        all[self.index()].clone().map(PdfFont::new)
    }
}

fn read_metrics(bytes: &[u8]) -> Metrics {
    let Ok(face) = ttf_parser::Face::parse(bytes, 0) else {
        return Metrics { widths: HashMap::new() };
    };
    let upm = f32::from(face.units_per_em().max(1));
    let mut widths = HashMap::new();
    for subtable in face.tables().cmap.iter().flat_map(|cmap| cmap.subtables) {
        if !subtable.is_unicode() {
            continue;
        }
        subtable.codepoints(|codepoint| {
            let Some(c) = char::from_u32(codepoint) else { return };
            let advance = subtable.glyph_index(codepoint).and_then(|glyph| face.glyph_hor_advance(glyph));
            if let Some(advance) = advance {
                widths.entry(c).or_insert((f32::from(advance) * 1000.0 / upm) as u16);
            }
        });
    }
    Metrics { widths }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_face_covers_russian_and_the_document_signs() {
        for face in Face::ALL {
            for c in "АаЁёЯяЙй№«»—–0123456789 .,:;()/-@ABCxyz\u{a0}".chars() {
                assert!(face.has(c), "{face:?} lacks {c:?}");
            }
            assert!(face.pdf_font().is_some());
        }
    }

    #[test]
    fn widths_add_up_and_scale_with_size() {
        let one = Face::Sans.width("Ж", 10.0);
        assert!(one > 3.0 && one < 12.0);
        assert!((Face::Sans.width("ЖЖ", 10.0) - 2.0 * one).abs() < 1e-4);
        assert!((Face::Sans.width("Ж", 20.0) - 2.0 * one).abs() < 1e-4);
        assert!(Face::SansBold.width("Кабинет", 10.0) > Face::Sans.width("Кабинет", 10.0));
    }
}
