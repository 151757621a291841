//! Text as the layout sees it: styled spans are cut into unbreakable tokens, measured with the
//! faces' own advance widths and wrapped greedily; a justified line spreads its slack over its
//! spaces with `TJ` offsets (the `Tw` operator does nothing for two-byte CID fonts).
//!
//! Breaks happen at spaces, after a hyphen or a slash inside a word («Ёлкина-|Соколова»), and,
//! only when a single word is wider than the whole line (a long e-mail in a narrow cell), between
//! letters — so nothing is ever drawn outside its box.

use printpdf::TextItem;

use super::fonts::Face;

/// An RGB colour, components 0–1.
pub type Rgb = [f32; 3];

/// A run of text in one weight.
#[derive(Debug, Clone)]
pub struct Span {
    /// The text; whitespace separates words.
    pub text: String,
    /// Bold or regular.
    pub bold: bool,
}

/// Regular text.
pub fn t(text: impl Into<String>) -> Span {
    Span { text: text.into(), bold: false }
}

/// Bold text.
pub fn b(text: impl Into<String>) -> Span {
    Span { text: text.into(), bold: true }
}

/// How lines sit in their box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Flush left.
    Left,
    /// Centred.
    Center,
    /// Flush right.
    Right,
    /// Both edges, except the last line.
    Justify,
}

/// The look of a block of text.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    /// The regular face; bold spans use its bold sibling.
    pub face: Face,
    /// Size in points.
    pub size: f32,
    /// Baseline-to-baseline distance in points.
    pub leading: f32,
    /// Ink.
    pub color: Rgb,
}

impl Style {
    /// The same style in another face.
    pub fn with_face(self, face: Face) -> Self {
        Self { face, ..self }
    }

    /// The same style in another colour.
    pub fn with_color(self, color: Rgb) -> Self {
        Self { color, ..self }
    }
}

/// Part of a token in one face.
#[derive(Debug, Clone, PartialEq)]
struct Piece {
    face: Face,
    text: String,
}

/// An unbreakable unit: a word, or part of one after a hyphen.
#[derive(Debug, Clone)]
struct Token {
    pieces: Vec<Piece>,
    space_before: bool,
    width: f32,
}

impl Token {
    /// «№» never ends a line: it keeps the number after it on the same line.
    fn glues_next(&self) -> bool {
        self.pieces.last().is_some_and(|piece| piece.text.ends_with('№'))
    }

    fn last_face(&self) -> Face {
        self.pieces.last().map(|piece| piece.face).unwrap_or(Face::Sans)
    }
}

/// The widest gap a justified line may get, in ems: a line that would need more (two long
/// words) is left ragged rather than torn apart.
const LOOSEST: f32 = 2.0;

/// One wrapped line, ready to place.
#[derive(Debug, Clone)]
pub struct Line {
    tokens: Vec<Token>,
    /// Natural width in points.
    pub width: f32,
    gaps: usize,
    last: bool,
    size: f32,
}

/// Wraps styled spans into lines no wider than `max` points.
pub fn wrap(spans: &[Span], style: &Style, max: f32) -> Vec<Line> {
    let tokens = tokenize(spans, style);
    let mut lines = Vec::new();
    let mut current: Vec<Token> = Vec::new();
    let mut width = 0.0;
    for token in tokens {
        let advance = token.width + space_width(&current, &token, style.size);
        if !current.is_empty() && width + advance > max + 0.01 {
            lines.push(finish(std::mem::take(&mut current), width, style.size));
            width = 0.0;
        }
        let token = if current.is_empty() { Token { space_before: false, ..token } } else { token };
        if current.is_empty() && token.width > max {
            let (parts, rest) = split_wide(token, max, style.size);
            for part in parts {
                let w = part.width;
                lines.push(finish(vec![part], w, style.size));
            }
            if let Some(rest) = rest {
                width = rest.width;
                current.push(rest);
            }
            continue;
        }
        width += token.width + space_width(&current, &token, style.size);
        current.push(token);
    }
    if !current.is_empty() || lines.is_empty() {
        lines.push(finish(current, width, style.size));
    }
    if let Some(last) = lines.last_mut() {
        last.last = true;
    }
    lines
}

/// Wraps plain text in the style's regular face.
pub fn wrap_plain(text: &str, style: &Style, max: f32) -> Vec<Line> {
    wrap(&[t(text)], style, max)
}

fn space_width(current: &[Token], next: &Token, size: f32) -> f32 {
    match current.last() {
        Some(previous) if next.space_before => previous.last_face().width(" ", size),
        _ => 0.0,
    }
}

fn finish(tokens: Vec<Token>, width: f32, size: f32) -> Line {
    let gaps = tokens.iter().skip(1).filter(|token| token.space_before).count();
    Line { tokens, width, gaps, last: false, size }
}

fn tokenize(spans: &[Span], style: &Style) -> Vec<Token> {
    let mut tokens: Vec<Token> = Vec::new();
    let mut current: Option<Token> = None;
    let mut space_pending = false;
    let mut previous = ' ';
    for span in spans {
        let face = if span.bold { style.face.bold() } else { style.face };
        let mut chars = span.text.chars().peekable();
        while let Some(c) = chars.next() {
            if c.is_whitespace() && c != '\u{a0}' {
                previous = ' ';
                if let Some(token) = current.as_mut().filter(|token| token.glues_next()) {
                    push_char(token, face, ' ', style.size);
                    continue;
                }
                close(&mut tokens, &mut current);
                space_pending = true;
                continue;
            }
            let c = if face.has(c) { c } else { '?' };
            let token = current.get_or_insert_with(|| Token {
                pieces: Vec::new(),
                space_before: std::mem::take(&mut space_pending),
                width: 0.0,
            });
            push_char(token, face, c, style.size);
            let next = chars.peek().copied().unwrap_or(' ');
            if (c == '-' || c == '/') && previous.is_alphabetic() && next.is_alphabetic() {
                close(&mut tokens, &mut current);
            }
            previous = c;
        }
    }
    close(&mut tokens, &mut current);
    tokens
}

fn close(tokens: &mut Vec<Token>, current: &mut Option<Token>) {
    if let Some(token) = current.take() {
        tokens.push(token);
    }
}

fn push_char(token: &mut Token, face: Face, c: char, size: f32) {
    let mut buffer = [0u8; 4];
    token.width += face.width(c.encode_utf8(&mut buffer), size);
    match token.pieces.last_mut() {
        Some(piece) if piece.face == face => piece.text.push(c),
        _ => token.pieces.push(Piece { face, text: c.to_string() }),
    }
}

/// Cuts a token wider than `max` into parts that fit; the last part stays open for more words.
fn split_wide(token: Token, max: f32, size: f32) -> (Vec<Token>, Option<Token>) {
    let mut parts = Vec::new();
    let mut part = Token { pieces: Vec::new(), space_before: false, width: 0.0 };
    for piece in &token.pieces {
        for c in piece.text.chars() {
            let mut buffer = [0u8; 4];
            let w = piece.face.width(c.encode_utf8(&mut buffer), size);
            if !part.pieces.is_empty() && part.width + w > max {
                parts.push(std::mem::replace(
                    &mut part,
                    Token { pieces: Vec::new(), space_before: false, width: 0.0 },
                ));
            }
            push_char(&mut part, piece.face, c, size);
        }
    }
    (parts, (!part.pieces.is_empty()).then_some(part))
}

/// A run of text in one face, as printpdf shows it.
#[derive(Debug, Clone)]
pub struct Run {
    /// The face.
    pub face: Face,
    /// Text and justification offsets.
    pub items: Vec<TextItem>,
}

impl Line {
    /// The x where the line starts in a box of `width` starting at `x`.
    pub fn start(&self, x: f32, width: f32, align: Align) -> f32 {
        match align {
            Align::Left | Align::Justify => x,
            Align::Center => x + (width - self.width) / 2.0,
            Align::Right => x + width - self.width,
        }
    }

    /// The runs to show, stretched to `width` when justified.
    pub fn runs(&self, width: f32, align: Align) -> Vec<Run> {
        let slack = if self.gaps > 0 { (width - self.width) / self.gaps as f32 } else { 0.0 };
        let stretch = align == Align::Justify && !self.last && slack > 0.0 && slack <= self.size * LOOSEST;
        let extra = if stretch { slack } else { 0.0 };
        let offset = -(extra * 1000.0 / self.size);
        let mut runs: Vec<Run> = Vec::new();
        for (i, token) in self.tokens.iter().enumerate() {
            if i > 0 && token.space_before {
                push_text(&mut runs, token_face_before(&self.tokens, i), " ");
                if stretch {
                    push_offset(&mut runs, offset);
                }
            }
            for piece in &token.pieces {
                push_text(&mut runs, piece.face, &piece.text);
            }
        }
        runs
    }

    /// The text of the line, as a reader would extract it.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for (i, token) in self.tokens.iter().enumerate() {
            if i > 0 && token.space_before {
                out.push(' ');
            }
            token.pieces.iter().for_each(|piece| out.push_str(&piece.text));
        }
        out
    }
}

fn token_face_before(tokens: &[Token], i: usize) -> Face {
    tokens[i - 1].last_face()
}

fn push_text(runs: &mut Vec<Run>, face: Face, text: &str) {
    if let Some(run) = runs.last_mut().filter(|run| run.face == face) {
        if let Some(TextItem::Text(last)) = run.items.last_mut() {
            last.push_str(text);
        } else {
            run.items.push(TextItem::Text(text.to_owned()));
        }
        return;
    }
    runs.push(Run { face, items: vec![TextItem::Text(text.to_owned())] });
}

fn push_offset(runs: &mut [Run], offset: f32) {
    if let Some(run) = runs.last_mut() {
        run.items.push(TextItem::Offset((offset * 100.0).round() / 100.0));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn style() -> Style {
        Style { face: Face::Serif, size: 11.0, leading: 15.0, color: [0.0; 3] }
    }

    #[test]
    fn greedy_lines_never_exceed_the_width() {
        let text = "Настоящим подтверждается, что личный кабинет гражданина закрыт по его заявлению, \
                    а персональные данные хранятся девяносто дней и затем уничтожаются.";
        let lines = wrap_plain(text, &style(), 200.0);
        assert!(lines.len() > 2);
        assert!(lines.iter().all(|line| line.width <= 200.01));
        let joined: Vec<String> = lines.iter().map(Line::text).collect();
        assert_eq!(joined.join(" "), text.split_whitespace().collect::<Vec<_>>().join(" "));
    }

    #[test]
    fn hyphenated_names_break_after_the_hyphen_without_a_space() {
        let lines = wrap_plain("Римского-Корсакова-Ёлкина", &style(), 70.0);
        assert!(lines.len() > 1);
        let joined: String = lines.iter().map(Line::text).collect();
        assert_eq!(joined, "Римского-Корсакова-Ёлкина");
    }

    #[test]
    fn the_number_sign_stays_with_its_number() {
        let text = "Настоящим подтверждается закрытие кабинета № 1234-5678-90";
        for width in [150.0, 200.0, 250.0, 300.0] {
            let lines = wrap_plain(text, &style(), width);
            assert!(lines.iter().all(|line| !line.text().ends_with('№')), "{width}");
            let joined: Vec<String> = lines.iter().map(Line::text).collect();
            assert!(joined.concat().contains("№ 1234-"), "{width}");
        }
    }

    #[test]
    fn numbers_with_hyphens_stay_whole() {
        let lines = wrap_plain("номер 1234-5678-90 и телефон +7\u{a0}(912)\u{a0}345-67-89", &style(), 110.0);
        let texts: Vec<String> = lines.iter().map(Line::text).collect();
        assert!(texts.iter().any(|line| line.contains("1234-5678-90")), "{texts:?}");
        assert!(texts.iter().any(|line| line.contains("+7\u{a0}(912)\u{a0}345-67-89")), "{texts:?}");
    }

    #[test]
    fn an_overlong_word_is_cut_between_letters() {
        let lines = wrap_plain("очень.длинный.адрес.электронной.почты@пример.рф ok", &style(), 60.0);
        assert!(lines.len() > 3);
        assert!(lines.iter().all(|line| line.width <= 60.01));
    }

    #[test]
    fn justified_lines_are_stretched_by_offsets_except_the_last() {
        let lines = wrap_plain("раз два три четыре пять шесть семь восемь девять десять", &style(), 120.0);
        let runs = lines[0].runs(120.0, Align::Justify);
        let offsets = runs[0].items.iter().filter(|item| matches!(item, TextItem::Offset(_))).count();
        assert_eq!(offsets, lines[0].gaps);
        let last = lines[lines.len() - 1].runs(120.0, Align::Justify);
        assert!(last[0].items.iter().all(|item| matches!(item, TextItem::Text(_))));
    }

    #[test]
    fn bold_spans_become_their_own_runs() {
        let lines = wrap(&[t("Номер "), b("1234-5678-90"), t(", закрыт")], &style(), 400.0);
        let runs = lines[0].runs(400.0, Align::Left);
        let faces: Vec<Face> = runs.iter().map(|run| run.face).collect();
        assert_eq!(faces, [Face::Serif, Face::SerifBold, Face::Serif]);
        assert_eq!(lines[0].text(), "Номер 1234-5678-90, закрыт");
    }

    #[test]
    fn letters_missing_from_the_font_become_question_marks() {
        let lines = wrap_plain("OK 🙂", &style(), 400.0);
        assert_eq!(lines[0].text(), "OK ?");
    }
}
