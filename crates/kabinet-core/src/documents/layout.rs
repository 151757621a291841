//! The page flow: blocks are placed top to bottom on A4 pages, a new page starts when the next
//! piece does not fit, and every page gets the same header; footers («стр. N из M») are added
//! once the page count is known, so nothing has to be laid out twice.
//!
//! Coordinates are PDF points from the lower-left corner. Geometry follows the usual Russian
//! office page (ГОСТ Р 7.0.97): a 25 mm binding margin on the left, 15 mm on the right.

use super::fonts::Face;
use super::text::{Align, Line, Run, Span, Style, wrap, wrap_plain};

/// Millimetres to points.
pub const MM: f32 = 72.0 / 25.4;
/// A4 width.
pub const PAGE_W: f32 = 595.28;
/// A4 height.
pub const PAGE_H: f32 = 841.89;
/// Left edge of the text.
pub const LEFT: f32 = 25.0 * MM;
/// Right edge of the text.
pub const RIGHT: f32 = PAGE_W - 15.0 * MM;
/// Width of the text.
pub const WIDTH: f32 = RIGHT - LEFT;
const CONTENT_TOP: f32 = PAGE_H - 26.0 * MM;
const CONTENT_BOTTOM: f32 = 20.5 * MM;
const PAD_H: f32 = 5.0;
const PAD_V: f32 = 3.5;
const RULE: f32 = 0.5;

/// The palette: dark ink, a muted grey, one deep blue for structure.
pub mod color {
    use super::super::text::Rgb;
    /// Body text.
    pub const INK: Rgb = [0.10, 0.11, 0.13];
    /// Secondary text.
    pub const MUTED: Rgb = [0.40, 0.43, 0.48];
    /// Titles, the header mark, table heads.
    pub const ACCENT: Rgb = [0.09, 0.23, 0.45];
    /// Table borders and rules.
    pub const LINE: Rgb = [0.62, 0.65, 0.70];
    /// Label cells.
    pub const LABEL_FILL: Rgb = [0.945, 0.952, 0.965];
    /// Table heads.
    pub const HEAD_FILL: Rgb = [0.878, 0.906, 0.949];
    /// Every other row of a long table.
    pub const ZEBRA: Rgb = [0.975, 0.978, 0.985];
    /// The «ОБРАЗЕЦ» mark of a preview.
    pub const WARNING: Rgb = [0.70, 0.12, 0.10];
}

/// Running text.
pub const BODY: Style = Style { face: Face::Serif, size: 11.0, leading: 15.5, color: color::INK };
/// Table cells.
pub const CELL: Style = Style { face: Face::Sans, size: 9.5, leading: 12.5, color: color::INK };
/// Notes and captions.
pub const SMALL: Style = Style { face: Face::Sans, size: 8.0, leading: 10.5, color: color::MUTED };

/// Something drawn on a page.
#[derive(Debug, Clone)]
pub enum Item {
    /// One line of text with its baseline start.
    Text {
        /// Start of the baseline.
        x: f32,
        /// The baseline.
        y: f32,
        /// Size in points.
        size: f32,
        /// Ink.
        color: super::text::Rgb,
        /// Runs per face.
        runs: Vec<Run>,
    },
    /// A filled rectangle.
    Fill {
        /// `[x, y, width, height]`.
        rect: [f32; 4],
        /// Fill colour.
        color: super::text::Rgb,
    },
    /// A straight line.
    Stroke {
        /// From.
        from: (f32, f32),
        /// To.
        to: (f32, f32),
        /// Line width.
        width: f32,
        /// Stroke colour.
        color: super::text::Rgb,
        /// Dash length, for cut lines.
        dash: Option<f32>,
    },
    /// Many filled rectangles in one colour (the QR code).
    Boxes {
        /// `[x, y, width, height]` each.
        rects: Vec<[f32; 4]>,
        /// Fill colour.
        color: super::text::Rgb,
    },
}

/// What the top of every page shows.
#[derive(Debug, Clone)]
pub struct Header {
    /// The document number, top right.
    pub number: String,
    /// A preview says so instead of showing a number.
    pub preview: bool,
}

/// What the bottom of every page shows, besides «стр. N из M».
#[derive(Debug, Clone)]
pub struct Footer {
    /// Left-hand text: creation time and verification code.
    pub left: String,
}

/// A column of a table.
#[derive(Debug, Clone)]
pub struct Column {
    /// The head.
    pub title: String,
    /// Share of the table's width.
    pub share: f32,
    /// Alignment of the cells.
    pub align: Align,
}

/// One signature line.
#[derive(Debug, Clone)]
pub struct Signature {
    /// Who signs: «Заявитель», «Оператор центра обслуживания».
    pub role: String,
    /// The printed name, or empty for a line to write it on.
    pub name: String,
    /// A date to write by hand instead of the name (which the form shows elsewhere).
    pub dated: bool,
}

struct Cell {
    lines: Vec<Line>,
    style: Style,
    align: Align,
    fill: Option<super::text::Rgb>,
}

struct Row {
    cells: Vec<Cell>,
    fill: Option<super::text::Rgb>,
}

impl Row {
    fn height(&self) -> f32 {
        self.cells.iter().map(|cell| cell.lines.len() as f32 * cell.style.leading).fold(0.0, f32::max)
            + 2.0 * PAD_V
    }

    /// How many lines of the tallest cell fit in `height`.
    fn lines_fitting(&self, height: f32) -> usize {
        let leading = self.cells.iter().map(|cell| cell.style.leading).fold(0.0, f32::max);
        ((height - 2.0 * PAD_V) / leading.max(1.0)).floor().max(0.0) as usize
    }

    /// Splits off the first `n` lines of every cell; `self` keeps the rest.
    fn split(&mut self, n: usize) -> Row {
        let cells = self
            .cells
            .iter_mut()
            .map(|cell| {
                let take = n.min(cell.lines.len());
                let head: Vec<Line> = cell.lines.drain(..take).collect();
                Cell { lines: head, style: cell.style, align: cell.align, fill: cell.fill }
            })
            .collect();
        Row { cells, fill: self.fill }
    }
}

/// Pages being filled.
pub struct Flow {
    pages: Vec<Vec<Item>>,
    y: f32,
    header: Header,
}

impl Flow {
    /// A flow with its first page started.
    pub fn new(header: Header) -> Self {
        let mut flow = Self { pages: Vec::new(), y: CONTENT_TOP, header };
        flow.new_page();
        flow
    }

    /// Starts a new page with the header drawn.
    pub fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = CONTENT_TOP;
        self.draw_header();
    }

    fn items(&mut self) -> &mut Vec<Item> {
        if self.pages.is_empty() {
            self.pages.push(Vec::new());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn at_top(&self) -> bool {
        self.y >= CONTENT_TOP - 0.01
    }

    /// Space left on the current page.
    pub fn remaining(&self) -> f32 {
        self.y - CONTENT_BOTTOM
    }

    /// Starts a new page unless `height` fits on this one (or this one is still empty).
    pub fn need(&mut self, height: f32) {
        if height > self.remaining() && !self.at_top() {
            self.new_page();
        }
    }

    /// Vertical space, dropped at the top of a page.
    pub fn gap(&mut self, height: f32) {
        if !self.at_top() {
            self.y -= height.min(self.remaining().max(0.0));
        }
    }

    /// The pages, each with its footer.
    pub fn finish(mut self, footer: &Footer) -> Vec<Vec<Item>> {
        let total = self.pages.len();
        for (i, page) in self.pages.iter_mut().enumerate() {
            draw_footer(page, footer, i + 1, total);
        }
        self.pages
    }

    fn text(&mut self, line: &Line, x: f32, baseline: f32, width: f32, align: Align, style: &Style) {
        let start = line.start(x, width, align);
        let runs = line.runs(width, align);
        if runs.is_empty() {
            return;
        }
        self.items().push(Item::Text { x: start, y: baseline, size: style.size, color: style.color, runs });
    }

    fn stroke(&mut self, from: (f32, f32), to: (f32, f32), width: f32, color: super::text::Rgb) {
        self.items().push(Item::Stroke { from, to, width, color, dash: None });
    }

    fn fill(&mut self, rect: [f32; 4], color: super::text::Rgb) {
        self.items().push(Item::Fill { rect, color });
    }

    fn draw_header(&mut self) {
        let top = PAGE_H - 15.0 * MM;
        let mark = Style { face: Face::SansBold, size: 9.0, leading: 11.0, color: color::ACCENT };
        let rest = Style { face: Face::Sans, size: 8.0, leading: 10.0, color: color::MUTED };
        let name = wrap_plain("КАБИНЕТ", &mark, WIDTH);
        let name_width = name[0].width;
        self.text(&name[0], LEFT, top, WIDTH, Align::Left, &mark);
        let tagline = wrap_plain("личный кабинет гражданина · портал государственных услуг", &rest, WIDTH);
        self.text(&tagline[0], LEFT + name_width + 6.0, top, WIDTH, Align::Left, &rest);
        let (label, style) = if self.header.preview {
            ("ОБРАЗЕЦ · не зарегистрирован".to_owned(), mark.with_color(color::WARNING))
        } else {
            (format!("№ {}", self.header.number), mark.with_face(Face::SansBold).with_color(color::INK))
        };
        let number = wrap_plain(&label, &style, WIDTH);
        self.text(&number[0], LEFT, top, WIDTH, Align::Right, &style);
        let rule = top - 2.8 * MM;
        self.stroke((LEFT, rule), (RIGHT, rule), 1.2, color::ACCENT);
        self.stroke((LEFT, rule - 2.0), (RIGHT, rule - 2.0), 0.4, color::ACCENT);
    }

    /// The centred title block: name of the document, its subject, number and date.
    pub fn title(&mut self, title: &str, subtitle: &str, line: &str) {
        let big = Style { face: Face::SansBold, size: 16.0, leading: 20.0, color: color::INK };
        let sub = Style { face: Face::SansBold, size: 12.0, leading: 15.0, color: color::INK };
        let small = Style { face: Face::Sans, size: 10.0, leading: 13.0, color: color::MUTED };
        self.gap(4.0);
        for (text, style) in [(title, big), (subtitle, sub), (line, small)] {
            if text.is_empty() {
                continue;
            }
            for wrapped in wrap_plain(text, &style, WIDTH) {
                self.need(style.leading);
                self.y -= style.leading;
                self.text(&wrapped, LEFT, self.y + style.leading * 0.25, WIDTH, Align::Center, &style);
            }
            self.y -= 3.0;
        }
        self.gap(10.0);
    }

    /// A section heading, kept with at least three lines of what follows.
    pub fn heading(&mut self, text: &str) {
        let style = Style { face: Face::SansBold, size: 11.0, leading: 14.0, color: color::ACCENT };
        self.gap(6.0);
        let lines = wrap_plain(text, &style, WIDTH);
        self.need(lines.len() as f32 * style.leading + 3.0 * BODY.leading);
        for line in lines {
            self.y -= style.leading;
            self.text(&line, LEFT, self.y + 3.5, WIDTH, Align::Left, &style);
        }
        self.y -= 3.0;
    }

    /// A paragraph, broken across pages line by line (never leaving a single first line behind).
    pub fn paragraph(&mut self, spans: &[Span], style: Style, align: Align) {
        self.paragraph_at(spans, style, align, 0.0);
    }

    /// A paragraph with a first-line indent, as in Russian official letters.
    pub fn indented(&mut self, spans: &[Span], style: Style) {
        self.paragraph_at(spans, style, Align::Justify, 10.0 * MM);
    }

    fn paragraph_at(&mut self, spans: &[Span], style: Style, align: Align, indent: f32) {
        let mut lines = if indent > 0.0 {
            let first = wrap(spans, &style, WIDTH - indent);
            rewrap_after_first(spans, &style, first)
        } else {
            wrap(spans, &style, WIDTH)
        };
        self.need(style.leading * lines.len().min(2) as f32);
        for (i, line) in lines.drain(..).enumerate() {
            self.need(style.leading);
            self.y -= style.leading;
            let shift = if i == 0 { indent } else { 0.0 };
            self.text(&line, LEFT + shift, self.y + baseline_lift(&style), WIDTH - shift, align, &style);
        }
        self.gap(style.leading * 0.45);
    }

    /// A list item: a dash in the margin, the text hanging beside it.
    pub fn bullet(&mut self, spans: &[Span], style: Style) {
        let hang = 5.0 * MM;
        let lines = wrap(spans, &style, WIDTH - hang);
        self.need(style.leading * lines.len().min(2) as f32);
        for (i, line) in lines.iter().enumerate() {
            self.need(style.leading);
            self.y -= style.leading;
            let baseline = self.y + baseline_lift(&style);
            if i == 0 {
                for dash in wrap_plain("—", &style, hang) {
                    self.text(&dash, LEFT + 1.0, baseline, hang, Align::Left, &style);
                }
            }
            self.text(line, LEFT + hang, baseline, WIDTH - hang, Align::Justify, &style);
        }
        self.gap(style.leading * 0.25);
    }

    /// A framed box with one large centred line: the code of a slip.
    pub fn code_box(&mut self, code: &str, caption: &str) {
        let big = Style { face: Face::SansBold, size: 26.0, leading: 30.0, color: color::INK };
        let small = Style { size: 8.5, leading: 11.0, ..SMALL };
        let width = WIDTH * 0.6;
        let x = LEFT + (WIDTH - width) / 2.0;
        let height = big.leading + small.leading + 22.0;
        self.gap(4.0);
        self.need(height + 8.0);
        let top = self.y;
        let bottom = top - height;
        self.fill([x, bottom, width, height], color::LABEL_FILL);
        let corners = [(x, bottom), (x + width, bottom), (x + width, top), (x, top)];
        for i in 0..4 {
            self.stroke(corners[i], corners[(i + 1) % 4], 1.0, color::ACCENT);
        }
        for line in wrap_plain(code, &big, width - 10.0).iter().take(1) {
            self.text(line, x, top - 10.0 - big.leading + baseline_lift(&big), width, Align::Center, &big);
        }
        for line in wrap_plain(caption, &small, width - 10.0).iter().take(1) {
            let baseline = bottom + 8.0 + baseline_lift(&small);
            self.text(line, x, baseline, width, Align::Center, &small);
        }
        self.y = bottom;
        self.gap(10.0);
    }

    /// A two-column table of labels and values.
    pub fn key_values(&mut self, rows: &[(String, String)]) {
        let label_width = WIDTH * 0.34;
        let xs = [LEFT, LEFT + label_width, RIGHT];
        let label = CELL.with_face(Face::SansBold);
        let rows = rows
            .iter()
            .map(|(key, value)| Row {
                cells: vec![
                    cell(key, label, Align::Left, label_width, Some(color::LABEL_FILL)),
                    cell(value, CELL, Align::Left, WIDTH - label_width, None),
                ],
                fill: None,
            })
            .collect();
        self.rows(&xs, None, rows);
        self.gap(8.0);
    }

    /// A table with a head row that is repeated on every page it spans.
    pub fn table(&mut self, columns: &[Column], rows: &[Vec<String>]) {
        let total: f32 = columns.iter().map(|column| column.share).sum::<f32>().max(f32::EPSILON);
        let mut xs = vec![LEFT];
        for column in columns {
            let last = xs.last().copied().unwrap_or(LEFT);
            xs.push(last + WIDTH * column.share / total);
        }
        let head_style = Style { face: Face::SansBold, size: 8.5, leading: 11.0, color: color::ACCENT };
        let head = Row {
            cells: columns
                .iter()
                .enumerate()
                .map(|(i, column)| cell(&column.title, head_style, column.align, xs[i + 1] - xs[i], None))
                .collect(),
            fill: Some(color::HEAD_FILL),
        };
        let body = rows
            .iter()
            .enumerate()
            .map(|(n, row)| Row {
                cells: columns
                    .iter()
                    .enumerate()
                    .map(|(i, column)| {
                        let text = row.get(i).map(String::as_str).unwrap_or("");
                        cell(text, CELL, column.align, xs[i + 1] - xs[i], None)
                    })
                    .collect(),
                fill: (n % 2 == 1).then_some(color::ZEBRA),
            })
            .collect();
        self.rows(&xs, Some(&head), body);
        self.gap(8.0);
    }

    fn rows(&mut self, xs: &[f32], head: Option<&Row>, rows: Vec<Row>) {
        let head_height = head.map(Row::height).unwrap_or(0.0);
        let mut open = true;
        for mut row in rows {
            loop {
                if open {
                    let first_line = row.cells.iter().map(|c| c.style.leading).fold(0.0, f32::max);
                    self.need(head_height + first_line + 2.0 * PAD_V);
                    self.rule_across(xs);
                    if let Some(head) = head {
                        self.draw_row(xs, head);
                    }
                    open = false;
                }
                let height = row.height();
                if height <= self.remaining() + 0.01 {
                    self.draw_row(xs, &row);
                    break;
                }
                let fits = row.lines_fitting(self.remaining());
                let full_page = CONTENT_TOP - CONTENT_BOTTOM - head_height;
                if height <= full_page || fits == 0 {
                    self.new_page();
                    open = true;
                    continue;
                }
                let part = row.split(fits);
                self.draw_row(xs, &part);
                self.new_page();
                open = true;
            }
        }
    }

    fn rule_across(&mut self, xs: &[f32]) {
        let (first, last) = (xs[0], xs[xs.len() - 1]);
        self.stroke((first, self.y), (last, self.y), RULE, color::LINE);
    }

    fn draw_row(&mut self, xs: &[f32], row: &Row) {
        let top = self.y;
        let height = row.height();
        let bottom = top - height;
        let (first, last) = (xs[0], xs[xs.len() - 1]);
        if let Some(fill) = row.fill {
            self.fill([first, bottom, last - first, height], fill);
        }
        for (i, cell) in row.cells.iter().enumerate() {
            if let Some(fill) = cell.fill {
                self.fill([xs[i], bottom, xs[i + 1] - xs[i], height], fill);
            }
        }
        for (i, cell) in row.cells.iter().enumerate() {
            let inner = xs[i + 1] - xs[i] - 2.0 * PAD_H;
            for (n, line) in cell.lines.iter().enumerate() {
                let slot_bottom = top - PAD_V - (n as f32 + 1.0) * cell.style.leading;
                let baseline = slot_bottom + baseline_lift(&cell.style);
                self.text(line, xs[i] + PAD_H, baseline, inner, cell.align, &cell.style);
            }
        }
        self.stroke((first, bottom), (last, bottom), RULE, color::LINE);
        for x in xs {
            self.stroke((*x, top), (*x, bottom), RULE, color::LINE);
        }
        self.y = bottom;
    }

    /// Signature lines: role, a line to sign on, and the name (or a line to write it).
    pub fn signatures(&mut self, signatures: &[Signature]) {
        let role_width = WIDTH * 0.38;
        let sign_x = LEFT + role_width + 10.0;
        let sign_w = WIDTH * 0.26;
        let name_x = sign_x + sign_w + 10.0;
        let name_w = RIGHT - name_x;
        let role_style = CELL.with_face(Face::Sans);
        for signature in signatures {
            let role = wrap_plain(&signature.role, &role_style, role_width);
            let height = (role.len() as f32 * role_style.leading).max(16.0) + 20.0;
            self.need(height);
            let line_y = self.y - 22.0;
            for (n, line) in role.iter().enumerate() {
                let baseline = line_y + 2.0 - (n as f32) * role_style.leading;
                self.text(line, LEFT, baseline, role_width, Align::Left, &role_style);
            }
            self.stroke((sign_x, line_y), (sign_x + sign_w, line_y), 0.6, color::INK);
            self.caption("(подпись)", sign_x, sign_w, line_y);
            if signature.dated {
                for line in wrap_plain("«____» ______________ 20____ г.", &role_style, name_w).iter().take(1)
                {
                    self.text(line, name_x, line_y + 2.0, name_w, Align::Left, &role_style);
                }
                self.caption("(дата)", name_x, name_w, line_y);
            } else if signature.name.is_empty() {
                self.stroke((name_x, line_y), (RIGHT, line_y), 0.6, color::INK);
                self.caption("(фамилия, инициалы)", name_x, name_w, line_y);
            } else {
                let name = format!("/ {} /", signature.name);
                for line in wrap_plain(&name, &role_style, name_w).iter().take(1) {
                    self.text(line, name_x, line_y + 2.0, name_w, Align::Left, &role_style);
                }
                self.caption("(расшифровка подписи)", name_x, name_w, line_y);
            }
            self.y -= height;
        }
        self.gap(6.0);
    }

    fn caption(&mut self, text: &str, x: f32, width: f32, line_y: f32) {
        let style = Style { size: 7.0, ..SMALL };
        for line in wrap_plain(text, &style, width).iter().take(1) {
            self.text(line, x, line_y - 8.5, width, Align::Center, &style);
        }
    }

    /// A labelled field of a paper form: the known value on the line, or an empty line.
    pub fn fill_line(&mut self, label: &str, value: &str) {
        let label_style = CELL.with_face(Face::SansBold);
        let label_lines = wrap_plain(label, &label_style, WIDTH * 0.34 - 6.0);
        let value_x = LEFT + WIDTH * 0.34;
        let value_w = RIGHT - value_x;
        let value_lines = if value.is_empty() { Vec::new() } else { wrap_plain(value, &CELL, value_w) };
        let lines = label_lines.len().max(value_lines.len()).max(1);
        let height = lines as f32 * CELL.leading + 7.5;
        self.need(height);
        let first_baseline = self.y - CELL.leading + baseline_lift(&CELL) - 2.0;
        for (n, line) in label_lines.iter().enumerate() {
            let y = first_baseline - n as f32 * CELL.leading;
            self.text(line, LEFT, y, WIDTH * 0.34, Align::Left, &label_style);
        }
        for n in 0..lines {
            let y = first_baseline - n as f32 * CELL.leading;
            if let Some(line) = value_lines.get(n) {
                self.text(line, value_x + 2.0, y, value_w, Align::Left, &CELL);
            }
            self.stroke((value_x, y - 3.0), (RIGHT, y - 3.0), 0.5, color::LINE);
        }
        self.y -= height;
    }

    /// Tick boxes in two columns, filled row by row; a chosen one is ticked.
    pub fn checkboxes(&mut self, items: &[(String, bool)]) {
        let column = WIDTH / 2.0;
        for pair in items.chunks(2) {
            let wrapped: Vec<Vec<Line>> =
                pair.iter().map(|(label, _)| wrap_plain(label, &CELL, column - 22.0)).collect();
            let lines = wrapped.iter().map(Vec::len).max().unwrap_or(1);
            let height = lines as f32 * CELL.leading + 4.0;
            self.need(height);
            let baseline = self.y - CELL.leading + baseline_lift(&CELL);
            for (i, ((_, ticked), lines)) in pair.iter().zip(&wrapped).enumerate() {
                let x = LEFT + i as f32 * column;
                self.tick_box(x, baseline - 1.0, *ticked);
                for (n, line) in lines.iter().enumerate() {
                    let y = baseline - n as f32 * CELL.leading;
                    self.text(line, x + 16.0, y, column - 22.0, Align::Left, &CELL);
                }
            }
            self.y -= height;
        }
        self.gap(6.0);
    }

    fn tick_box(&mut self, x: f32, y: f32, ticked: bool) {
        let size = 8.5;
        let corners = [(x, y), (x + size, y), (x + size, y + size), (x, y + size)];
        for i in 0..4 {
            self.stroke(corners[i], corners[(i + 1) % 4], 0.7, color::INK);
        }
        if ticked {
            self.stroke((x + 1.8, y + 4.4), (x + 3.6, y + 2.0), 1.3, color::INK);
            self.stroke((x + 3.6, y + 2.0), (x + 7.2, y + 7.0), 1.3, color::INK);
        }
    }

    /// A dashed «линия отреза» across the page.
    pub fn cut_line(&mut self) {
        self.need(24.0);
        self.y -= 12.0;
        let y = self.y;
        let style = Style { size: 7.0, ..SMALL };
        let label = wrap_plain("линия отреза", &style, WIDTH);
        let label_width = label.first().map(|line| line.width).unwrap_or(0.0);
        let gap_start = RIGHT - label_width - 40.0;
        for (from, to) in [(LEFT, gap_start), (gap_start + label_width + 10.0, RIGHT)] {
            let dash = Some(4.0);
            self.items().push(Item::Stroke {
                from: (from, y),
                to: (to, y),
                width: 0.6,
                color: color::MUTED,
                dash,
            });
        }
        if let Some(line) = label.first() {
            self.text(line, gap_start + 5.0, y - 2.3, label_width + 1.0, Align::Left, &style);
        }
        self.y -= 12.0;
    }

    /// The verification block: the QR code at the left, how to check the document at the right.
    pub fn verification(&mut self, qr: Option<Vec<[f32; 4]>>, size: f32, lines: &[Vec<Span>]) {
        let text_x = LEFT + size + 14.0;
        let text_w = RIGHT - text_x;
        let style = Style { face: Face::Sans, size: 8.5, leading: 11.5, color: color::MUTED };
        let wrapped: Vec<Line> = lines.iter().flat_map(|spans| wrap(spans, &style, text_w)).collect();
        let height = (wrapped.len() as f32 * style.leading).max(size) + 4.0;
        self.gap(4.0);
        self.need(height);
        let top = self.y;
        if let Some(mut rects) = qr {
            let shift = top - size;
            rects.iter_mut().for_each(|rect| {
                rect[0] += LEFT;
                rect[1] += shift;
            });
            self.items().push(Item::Boxes { rects, color: [0.0, 0.0, 0.0] });
        }
        for (n, line) in wrapped.iter().enumerate() {
            let baseline = top - (n as f32 + 1.0) * style.leading + baseline_lift(&style);
            self.text(line, text_x, baseline, text_w, Align::Left, &style);
        }
        self.y = top - height;
    }
}

fn cell(text: &str, style: Style, align: Align, width: f32, fill: Option<super::text::Rgb>) -> Cell {
    let lines = if text.is_empty() { Vec::new() } else { wrap_plain(text, &style, width - 2.0 * PAD_H) };
    Cell { lines, style, align, fill }
}

/// How far the baseline sits above the bottom of a line slot: the capitals centred in the slot.
fn baseline_lift(style: &Style) -> f32 {
    (style.leading - style.size * 0.7) / 2.0
}

/// Wraps the first line narrower (for an indent) and the rest at full width.
fn rewrap_after_first(spans: &[Span], style: &Style, first: Vec<Line>) -> Vec<Line> {
    let Some(head) = first.first() else { return first };
    if first.len() == 1 {
        return first;
    }
    let consumed = head.text();
    let rest = drop_prefix(spans, &consumed);
    let mut lines = vec![head.clone()];
    lines.append(&mut wrap(&rest, style, WIDTH));
    lines
}

/// The spans after the words of `prefix` (whitespace-insensitive).
fn drop_prefix(spans: &[Span], prefix: &str) -> Vec<Span> {
    let mut skip = prefix.chars().filter(|c| !c.is_whitespace()).count();
    let mut out = Vec::new();
    for span in spans {
        if skip == 0 {
            out.push(span.clone());
            continue;
        }
        let mut rest = String::new();
        for c in span.text.chars() {
            if skip > 0 {
                if !c.is_whitespace() {
                    skip -= 1;
                }
            } else {
                rest.push(c);
            }
        }
        if !rest.is_empty() {
            out.push(Span { text: rest, bold: span.bold });
        }
    }
    out
}

fn draw_footer(page: &mut Vec<Item>, footer: &Footer, number: usize, total: usize) {
    let style = Style { face: Face::Sans, size: 7.5, leading: 9.5, color: color::MUTED };
    let rule = 17.0 * MM;
    page.push(Item::Stroke {
        from: (LEFT, rule),
        to: (RIGHT, rule),
        width: 0.4,
        color: color::LINE,
        dash: None,
    });
    let baseline = rule - 11.0;
    let pages = format!("стр. {number} из {total}");
    let right = wrap_plain(&pages, &style, WIDTH);
    let right_width = right.first().map(|line| line.width).unwrap_or(0.0);
    let left = wrap_plain(&footer.left, &style, WIDTH - right_width - 12.0);
    for (line, align) in [(left.first(), Align::Left), (right.first(), Align::Right)] {
        if let Some(line) = line {
            let runs = line.runs(WIDTH, align);
            let x = line.start(LEFT, WIDTH, align);
            page.push(Item::Text { x, y: baseline, size: style.size, color: style.color, runs });
        }
    }
}
