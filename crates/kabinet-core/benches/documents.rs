//! How fast and how small a document is, against printing the same page from HTML in headless
//! Chromium — once as a cold process per page, once kept running and driven over the DevTools
//! protocol — and which zlib level / object-stream packing to ship ([`PACKING`]).
//!
//! Run: `cargo bench -p kabinet-core --bench documents` (Chromium from Debian's `chromium`
//! package; without it the comparison is skipped). Everything runs locally: Chromium only ever
//! opens a file in a temporary folder and its DevTools socket on 127.0.0.1.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use kabinet_core::Locale;
use kabinet_core::documents::{self, DocumentInput, DocumentKind, PACKING, Packing, Stamp};
use qrcode::{EcLevel, QrCode};
use time::macros::datetime;

const ENGINE_RUNS: usize = 40;
const COLD_RUNS: usize = 5;
const WARM_RUNS: usize = 10;

const CHROMIUM_FLAGS: [&str; 8] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-pdf-header-footer",
];

fn main() {
    let input = fixture(DocumentKind::ClosureConfirmation);
    let stamp = Stamp {
        number: "ПЗК-2026-000001".into(),
        created_at: datetime!(2026-11-26 09:00 UTC),
        verification_code: "7K4M-Q2XD".into(),
        preview: false,
    };

    println!("== Кабинет document engine: «Подтверждение закрытия», 1 page ==");
    let (engine, engine_bytes) = measure(&input, &stamp, PACKING);
    println!(
        "engine (printpdf + lopdf, PDF/A-2b, {PACKING:?}): {} · {engine_bytes} bytes",
        engine.describe()
    );

    println!("\n== packing (same page) ==");
    for packing in [
        Packing { level: 1, object_streams: false },
        Packing { level: 6, object_streams: false },
        Packing { level: 9, object_streams: false },
        Packing { level: 1, object_streams: true },
        Packing { level: 6, object_streams: true },
        Packing { level: 9, object_streams: true },
    ] {
        let (timing, bytes) = measure(&input, &stamp, packing);
        println!(
            "level {} object streams {:5}: {} · {bytes} bytes",
            packing.level,
            packing.object_streams,
            timing.describe()
        );
    }

    let history = fixture(DocumentKind::ApplicationsHistory);
    let pages = documents::render(&history, &stamp, Locale::Ru).unwrap().pages;
    let (timing, bytes) = measure(&history, &stamp, PACKING);
    println!(
        "\n«История обращений», {pages} pages: {} · {bytes} bytes ({:.1} ms and {} bytes per page)",
        timing.describe(),
        timing.median_ms() / f64::from(pages),
        bytes / pages as usize
    );

    println!("\n== headless Chromium printing the same page from HTML ==");
    let Some(chromium) = find_chromium() else {
        println!("chromium not found: comparison skipped (apt-get install -y chromium)");
        return;
    };
    let work = tempfile::tempdir().unwrap();
    let html = work.path().join("confirmation.html");
    std::fs::write(&html, confirmation_html(&stamp)).unwrap();
    let (cold, cold_bytes) = chromium_cold(&chromium, &html, work.path());
    println!("chromium cold (new process per page): {} · {cold_bytes} bytes", cold.describe());
    let (warm, warm_bytes) = chromium_warm(&chromium, &html, work.path());
    println!("chromium kept running (DevTools printToPDF): {} · {warm_bytes} bytes", warm.describe());

    println!("\n== ratios (median time, bytes) ==");
    println!(
        "chromium cold / engine: {:.0}× slower, {:.2}× the bytes",
        cold.median_ms() / engine.median_ms(),
        cold_bytes as f64 / engine_bytes as f64
    );
    println!(
        "chromium warm / engine: {:.0}× slower, {:.2}× the bytes",
        warm.median_ms() / engine.median_ms(),
        warm_bytes as f64 / engine_bytes as f64
    );
}

fn fixture(kind: DocumentKind) -> DocumentInput {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/documents")
        .join(format!("{}.json", kind.as_str()));
    let text = std::fs::read_to_string(path).unwrap();
    DocumentInput::from_json(kind, serde_json::from_str(&text).unwrap()).unwrap()
}

struct Timing(Vec<Duration>);

impl Timing {
    fn median_ms(&self) -> f64 {
        let mut sorted = self.0.clone();
        sorted.sort();
        sorted[sorted.len() / 2].as_secs_f64() * 1000.0
    }

    fn min_ms(&self) -> f64 {
        self.0.iter().min().map(|d| d.as_secs_f64() * 1000.0).unwrap_or(0.0)
    }

    fn describe(&self) -> String {
        format!("median {:.1} ms, min {:.1} ms over {} runs", self.median_ms(), self.min_ms(), self.0.len())
    }
}

fn measure(input: &DocumentInput, stamp: &Stamp, packing: Packing) -> (Timing, usize) {
    let mut bytes = 0;
    for _ in 0..3 {
        bytes = documents::render_packed(input, stamp, Locale::Ru, packing).unwrap().bytes.len();
    }
    let runs = (0..ENGINE_RUNS)
        .map(|_| {
            let start = Instant::now();
            let rendered = documents::render_packed(input, stamp, Locale::Ru, packing).unwrap();
            let elapsed = start.elapsed();
            assert_eq!(rendered.bytes.len(), bytes, "rendering is deterministic");
            elapsed
        })
        .collect();
    (Timing(runs), bytes)
}

fn find_chromium() -> Option<PathBuf> {
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"].iter().map(PathBuf::from).find(|path| path.exists())
}

fn chromium_cold(chromium: &Path, html: &Path, work: &Path) -> (Timing, usize) {
    let out = work.join("cold.pdf");
    let mut runs = Vec::new();
    for run in 0..COLD_RUNS {
        let profile = work.join(format!("profile-cold-{run}"));
        let start = Instant::now();
        let status = Command::new(chromium)
            .args(CHROMIUM_FLAGS)
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg(format!("--print-to-pdf={}", out.display()))
            .arg(format!("file://{}", html.display()))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .unwrap();
        runs.push(start.elapsed());
        assert!(status.success(), "chromium failed");
    }
    (Timing(runs), std::fs::metadata(&out).map(|m| m.len() as usize).unwrap_or(0))
}

fn chromium_warm(chromium: &Path, html: &Path, work: &Path) -> (Timing, usize) {
    let mut child = own_group(&mut Command::new(chromium))
        .args(CHROMIUM_FLAGS)
        .arg(format!("--user-data-dir={}", work.join("profile-warm").display()))
        .arg("--remote-debugging-address=127.0.0.1")
        .arg("--remote-debugging-port=0")
        .arg("about:blank")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let browser_url = loop {
        let mut line = String::new();
        if stderr.read_line(&mut line).unwrap() == 0 {
            panic!("chromium exited before DevTools was ready");
        }
        if let Some(url) = line.trim().strip_prefix("DevTools listening on ") {
            break url.to_owned();
        }
    };
    std::thread::spawn(move || std::io::copy(&mut stderr, &mut std::io::sink()));
    let _guard = Reaper(child);
    // The first tab is still starting when the socket opens; commands sent then get lost.
    std::thread::sleep(Duration::from_secs(2));
    print_repeatedly(&browser_url, html)
}

/// Starts the command in a process group of its own, so its helpers can be ended with it.
fn own_group(command: &mut Command) -> &mut Command {
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        command.process_group(0);
    }
    command
}

/// Ends the Chromium we started (its process group: the browser and its helpers), also when
/// the benchmark panics.
struct Reaper(std::process::Child);

impl Drop for Reaper {
    fn drop(&mut self) {
        let _ = Command::new("kill").arg("--").arg(format!("-{}", self.0.id())).status();
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn print_repeatedly(browser_url: &str, html: &Path) -> (Timing, usize) {
    let mut browser = Ws::connect(browser_url);
    let target = browser.call(None, "Target.createTarget", serde_json::json!({ "url": "about:blank" }));
    let attached = browser.call(
        None,
        "Target.attachToTarget",
        serde_json::json!({ "targetId": target["targetId"], "flatten": true }),
    );
    let session = attached["sessionId"].as_str().unwrap().to_owned();
    let page = Some(session.as_str());
    browser.call(page, "Page.enable", serde_json::json!({}));
    let mut bytes = 0;
    let mut runs = Vec::new();
    for run in 0..WARM_RUNS + 2 {
        let start = Instant::now();
        let url = format!("file://{}?run={run}", html.display());
        browser.call(page, "Page.navigate", serde_json::json!({ "url": url }));
        browser.wait_for("Page.loadEventFired");
        let pdf = browser.call(
            page,
            "Page.printToPDF",
            serde_json::json!({ "printBackground": true, "preferCSSPageSize": true, "displayHeaderFooter": false }),
        );
        let elapsed = start.elapsed();
        let data = pdf["data"].as_str().unwrap();
        bytes = data.len() / 4 * 3 - data.chars().rev().take_while(|c| *c == '=').count();
        if run >= 2 {
            runs.push(elapsed);
        }
    }
    (Timing(runs), bytes)
}

/// Just enough of a WebSocket client (RFC 6455) for the DevTools protocol on localhost.
struct Ws {
    stream: TcpStream,
    next_id: u64,
    /// Events that arrived while a command waited for its answer.
    events: Vec<String>,
}

impl Ws {
    fn connect(url: &str) -> Self {
        let rest = url.strip_prefix("ws://").unwrap();
        let (host, path) = rest.split_at(rest.find('/').unwrap());
        let mut stream = TcpStream::connect(host).unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
             Sec-WebSocket-Key: a2FiaW5ldC1iZW5jaC0wMQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
        )
        .unwrap();
        let mut head = Vec::new();
        let mut byte = [0u8; 1];
        while !head.ends_with(b"\r\n\r\n") {
            stream.read_exact(&mut byte).unwrap();
            head.push(byte[0]);
        }
        assert!(head.starts_with(b"HTTP/1.1 101"), "{}", String::from_utf8_lossy(&head));
        stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        Self { stream, next_id: 1, events: Vec::new() }
    }

    fn send(&mut self, text: &str) {
        let payload = text.as_bytes();
        let mut frame = vec![0x81];
        match payload.len() {
            n if n < 126 => frame.push(0x80 | n as u8),
            n if n <= 0xFFFF => {
                frame.push(0x80 | 126);
                frame.extend((n as u16).to_be_bytes());
            }
            n => {
                frame.push(0x80 | 127);
                frame.extend((n as u64).to_be_bytes());
            }
        }
        let mask = [0x4B, 0x61, 0x62, 0x21];
        frame.extend(mask);
        frame.extend(payload.iter().enumerate().map(|(i, b)| b ^ mask[i % 4]));
        self.stream.write_all(&frame).unwrap();
    }

    fn receive(&mut self) -> serde_json::Value {
        let mut message = Vec::new();
        loop {
            let mut head = [0u8; 2];
            self.stream.read_exact(&mut head).expect("Chromium closed the DevTools connection");
            let length = match head[1] & 0x7F {
                126 => {
                    let mut ext = [0u8; 2];
                    self.stream.read_exact(&mut ext).unwrap();
                    u64::from(u16::from_be_bytes(ext))
                }
                127 => {
                    let mut ext = [0u8; 8];
                    self.stream.read_exact(&mut ext).unwrap();
                    u64::from_be_bytes(ext)
                }
                n => u64::from(n),
            };
            let mut payload = vec![0u8; length as usize];
            self.stream.read_exact(&mut payload).unwrap();
            message.extend(payload);
            if head[0] & 0x80 != 0 {
                return serde_json::from_slice(&message).unwrap();
            }
        }
    }

    /// Sends a command (to a page when `session` is given) and waits for its answer.
    fn call(&mut self, session: Option<&str>, method: &str, params: serde_json::Value) -> serde_json::Value {
        let id = self.next_id;
        self.next_id += 1;
        let mut message = serde_json::json!({ "id": id, "method": method, "params": params });
        if let Some(session) = session {
            message["sessionId"] = serde_json::Value::from(session);
        }
        self.send(&message.to_string());
        loop {
            let answer = self.receive();
            if answer["id"].as_u64() == Some(id) {
                assert!(answer.get("error").is_none(), "{method}: {answer}");
                return answer["result"].clone();
            }
            if let Some(event) = answer["method"].as_str() {
                self.events.push(event.to_owned());
            }
        }
    }

    fn wait_for(&mut self, event: &str) {
        let seen = self.events.iter().any(|e| e == event);
        self.events.clear();
        if !seen {
            while self.receive()["method"].as_str() != Some(event) {}
        }
    }
}

/// The same page as HTML + CSS, fonts from the same TTF files, the QR as inline SVG.
fn confirmation_html(stamp: &Stamp) -> String {
    let fonts = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/fonts");
    let font = |file: &str| format!("file://{}", fonts.join(file).display());
    let rows = [
        ("Фамилия, имя, отчество", "Ёлкина-Соколова Анна Сергеевна"),
        ("Номер личного кабинета", "1234-5678-90"),
        ("СНИЛС", "112-233-445 95"),
        ("Номер заявления", "ЗК-2026-004512"),
        ("Дата подачи заявления", "25.11.2026 12:00 МСК"),
        ("Причина закрытия", "Неактуальность"),
        ("Статус", "Закрыт"),
        ("Дата и время закрытия", "26.11.2026 12:00 МСК"),
        ("Восстановление возможно до", "26.12.2026 включительно"),
        ("Удаление персональных данных", "24.02.2027"),
    ];
    let table: String = rows.iter().map(|(k, v)| format!("<tr><th>{k}</th><td>{v}</td></tr>")).collect();
    format!(
        r#"<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Подтверждение закрытия</title>
<style>
@font-face {{ font-family: "PT Sans"; src: url("{sans}"); font-weight: 400; }}
@font-face {{ font-family: "PT Sans"; src: url("{sans_bold}"); font-weight: 700; }}
@font-face {{ font-family: "PT Serif"; src: url("{serif}"); font-weight: 400; }}
@font-face {{ font-family: "PT Serif"; src: url("{serif_bold}"); font-weight: 700; }}
@page {{ size: A4; margin: 15mm 15mm 20mm 25mm; }}
body {{ font-family: "PT Sans"; color: #1a1c21; margin: 0; }}
header {{ display: flex; justify-content: space-between; font-size: 8pt; color: #666e7a;
  border-bottom: 3px double #173a73; padding-bottom: 2mm; }}
header b {{ color: #173a73; font-size: 9pt; }} .no {{ color: #1a1c21; font-weight: 700; font-size: 9pt; }}
h1 {{ text-align: center; font-size: 16pt; margin: 8mm 0 1mm; }}
h2 {{ text-align: center; font-size: 12pt; margin: 0; }}
.line {{ text-align: center; color: #666e7a; font-size: 10pt; margin: 1mm 0 5mm; }}
table {{ width: 100%; border-collapse: collapse; font-size: 9.5pt; }}
th, td {{ border: 0.5pt solid #9ea6b3; padding: 3.5pt 5pt; text-align: left; vertical-align: top; }}
th {{ width: 34%; background: #f1f3f6; }}
p {{ font-family: "PT Serif"; font-size: 11pt; line-height: 15.5pt; text-align: justify; text-indent: 10mm; margin: 3mm 0; }}
.small {{ font-family: "PT Sans"; font-size: 8pt; color: #666e7a; text-indent: 0; }}
.verify {{ display: flex; gap: 14pt; font-size: 8.5pt; color: #666e7a; margin-top: 4mm; }}
.verify svg {{ flex: none; }}
footer {{ position: fixed; bottom: 0; left: 0; right: 0; display: flex; justify-content: space-between;
  font-size: 7.5pt; color: #666e7a; border-top: 0.4pt solid #9ea6b3; padding-top: 2mm; }}
</style></head><body>
<header><span><b>КАБИНЕТ</b> &nbsp;личный кабинет гражданина · портал государственных услуг</span><span class="no">№ {number}</span></header>
<h1>ПОДТВЕРЖДЕНИЕ</h1><h2>закрытия личного кабинета</h2><div class="line">№ {number} от 26 ноября 2026 г.</div>
<table>{table}</table>
<p>Настоящим подтверждается, что на основании заявления № ЗК-2026-004512 от 25.11.2026 личный кабинет № <b>1234-5678-90</b>
(Ёлкина-Соколова Анна Сергеевна) закрыт 26.11.2026 12:00 МСК. Сеансы входа и токены отозваны, подписки на уведомления
отключены, вход в личный кабинет невозможен.</p>
<p>До <b>26.12.2026</b> личный кабинет можно восстановить: паролем, кодом на телефон и номером паспорта. Персональные данные
хранятся в зашифрованном виде и будут безвозвратно уничтожены <b>24.02.2027</b>; после этого выдаётся сертификат об удалении
персональных данных и можно зарегистрироваться заново.</p>
<p class="small">Заявление исполнено автоматически по истечении 24 часов с момента подачи.</p>
<div class="verify">{qr}<div><b>Проверка подлинности документа</b><br>Номер документа: <b>{number}</b><br>
Код проверки: <b>{code}</b><br>Отсканируйте QR-код или проверьте файл в приложении «Кабинет» (раздел «Проверка документа»),
у оператора центра обслуживания или командой «kabinet-cli verify». Файл сверяется с реестром выданных документов по
контрольной сумме SHA-256: любое изменение файла будет обнаружено.</div></div>
<footer><span>Сформирован 26.11.2026 12:00 МСК · код проверки {code} · Информационная система «Кабинет»</span><span>стр. 1 из 1</span></footer>
</body></html>"#,
        sans = font("PTS55F.ttf"),
        sans_bold = font("PTS75F.ttf"),
        serif = font("PTF55F.ttf"),
        serif_bold = font("PTF75F.ttf"),
        number = stamp.number,
        code = stamp.verification_code,
        qr = qr_svg(&format!(
            "КАБИНЕТ-ДОКУМЕНТ\nНомер: {}\nКод проверки: {}",
            stamp.number, stamp.verification_code
        )),
    )
}

fn qr_svg(data: &str) -> String {
    let code = QrCode::with_error_correction_level(data.as_bytes(), EcLevel::M).unwrap();
    let width = code.width();
    let colors = code.to_colors();
    let mut rects = String::new();
    for (y, row) in colors.chunks(width).enumerate() {
        let mut x = 0;
        while x < width {
            if row[x] == qrcode::Color::Dark {
                let start = x;
                while x < width && row[x] == qrcode::Color::Dark {
                    x += 1;
                }
                rects.push_str(&format!(
                    "<rect x=\"{start}\" y=\"{y}\" width=\"{}\" height=\"1\"/>",
                    x - start
                ));
            } else {
                x += 1;
            }
        }
    }
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {width}\" width=\"25mm\" height=\"25mm\">{rects}</svg>"
    )
}
