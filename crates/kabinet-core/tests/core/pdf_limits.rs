//! Verification of a presented PDF reads at most what a document of ours can contain: the 7 KB
//! FlateDecode-inside-FlateDecode bomb, a 40 MB file and the largest hostile file still accepted
//! are each answered within a second and under 100 MB of peak memory growth, through both core
//! calls — `verify_file` (the app's «Проверить документ») and `verify` (`kabinet-cli verify`).
//! Memory is a process-wide figure, so each case runs in a child process (this test binary run
//! again with [`CASE`] set) that resets its peak, makes the call and reports. Then malformed
//! files — truncated, wrong xref, nested and unknown filters, huge lengths, random damage of a
//! real issued PDF — never panic, never pass as valid, and answer `unknown`, `altered` or
//! `file_unreadable`.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::*;
use crate::hostile;
use kabinet_core::documents::{
    self, DocumentInput, DocumentKind, MAX_METADATA_BYTES, MAX_VERIFY_BYTES, RawFile, Stamp, Unreadable,
    VerificationStatus,
};
use kabinet_core::{ApiError, ErrorCode, Locale};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// Set in a child process: which case to measure.
const CASE: &str = "KABINET_PDF_LIMITS_CASE";
const SECOND: Duration = Duration::from_secs(1);
const MAX_GROWTH_KIB: u64 = 100 * 1024;
/// A child that has not answered by then is killed (the code before the limits took minutes).
const CHILD_DEADLINE: Duration = Duration::from_secs(15);

fn input_of(kind: DocumentKind) -> DocumentInput {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/documents")
        .join(format!("{}.json", kind.as_str()));
    let text = std::fs::read_to_string(&path).unwrap();
    DocumentInput::from_json(kind, serde_json::from_str(&text).unwrap()).unwrap()
}

fn inflate(data: &[u8], limit: u64) -> (Vec<u8>, std::io::Result<usize>) {
    let mut out = Vec::new();
    let read = flate2::read::ZlibDecoder::new(data).take(limit).read_to_end(&mut out);
    (out, read)
}

fn zlib(data: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(data).unwrap();
    encoder.finish().unwrap()
}

#[test]
fn the_bomb_is_7_kb_of_flate_inside_flate_of_gigabytes_of_zeros() {
    let small = hostile::zeros_zlib(1000);
    let (out, read) = inflate(&small, u64::MAX);
    assert!(read.is_ok(), "{read:?}");
    assert_eq!(out.len(), 258_001);
    assert!(out.iter().all(|&b| b == 0));
    let longer = hostile::zeros_zlib(100_000);
    let (again, read) = inflate(&hostile::run_zlib(&longer), u64::MAX);
    assert!(read.is_ok(), "{read:?}");
    assert_eq!(again, longer);

    let bomb = hostile::bomb_pdf();
    assert!(bomb.len() <= 7 * 1024, "the bomb is {} bytes", bomb.len());
    let stream = hostile::bomb_stream();
    let (inner, read) = inflate(&stream, 16 << 20);
    assert!(read.is_ok(), "{read:?}");
    assert_eq!(inner, hostile::zeros_zlib(hostile::BOMB_PAIRS));
    let (zeros, read) = inflate(&inner, 64 << 20);
    assert_eq!(read.unwrap(), 64 << 20, "the inner layer goes on past 64 MB");
    assert!(zeros.iter().all(|&b| b == 0));
    let total = 1 + 258 * hostile::BOMB_PAIRS;
    assert!(total > 6_000_000_000, "{total} bytes of zeros");
    println!("bomb: {} bytes of PDF → {} bytes → {total} bytes", bomb.len(), inner.len());
}

/// The largest file verification still reads, every part of it hostile: twenty bombs as
/// metadata streams, then `<dc:identifier>` without an end, then `/Type /Metadata` with no stream,
/// up to exactly [`MAX_VERIFY_BYTES`].
fn largest_hostile() -> Vec<u8> {
    let bomb =
        hostile::stream("/Type /Metadata /Filter [/FlateDecode /FlateDecode]", &hostile::bomb_stream());
    let mut objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R /Metadata 3 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [] /Count 0 >>".to_vec(),
    ];
    objects.extend(std::iter::repeat_n(bomb, 20));
    let mut bytes = hostile::pdf(&objects);
    let mut junk = Vec::new();
    while bytes.len() + junk.len() < MAX_VERIFY_BYTES / 2 {
        junk.extend_from_slice(b"<dc:identifier>");
        junk.extend(hostile::filler(240, u32::try_from(junk.len() % 1000).unwrap()));
    }
    while bytes.len() + junk.len() < MAX_VERIFY_BYTES {
        junk.extend_from_slice(b"<< /Type /Metadata /Filter [/FlateDecode /FlateDecode] >> ");
    }
    bytes.extend(junk);
    bytes.truncate(MAX_VERIFY_BYTES);
    bytes
}

/// The child's side: builds the case's file, resets its peak memory, makes the call, reports.
#[test]
fn measured_case() {
    let Ok(case) = std::env::var(CASE) else { return };
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let f = fixture().await;
        let documents = f.kabinet.documents();
        let bytes = match case.split(':').next().unwrap() {
            "bomb" => hostile::bomb_pdf(),
            "large" => hostile::large_pdf(),
            "largest" => largest_hostile(),
            other => panic!("unknown case {other}"),
        };
        let base = hostile::reset_peak();
        let start = Instant::now();
        let outcome = if case.ends_with(":verify_file") {
            f.client().documents().verify_file(RawFile { bytes: &bytes }).await
        } else {
            documents.verify(&bytes).await
        };
        let elapsed = start.elapsed();
        let (peak, _) = hostile::memory_kib();
        let outcome = match outcome {
            Ok(verification) => serde_json::to_value(verification.status).unwrap(),
            Err(error) => serde_json::to_value(error.code).unwrap(),
        };
        println!(
            "PDF_LIMITS outcome={} micros={} growth_kib={} size={}",
            outcome.as_str().unwrap(),
            elapsed.as_micros(),
            peak.saturating_sub(base),
            bytes.len()
        );
        // Close the database before the process exits: a pool merely dropped is still closing
        // its SQLCipher connections on their threads when the process tears down, and that race
        // was seen to crash a child after its report (SIGSEGV at exit).
        f.kabinet.close().await;
    });
}

struct Measured {
    outcome: String,
    elapsed: Duration,
    growth_kib: u64,
    size: usize,
}

/// Runs `case` in a child process; a child that does not answer within [`CHILD_DEADLINE`] fails.
fn measured(case: &str) -> Measured {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["pdf_limits::measured_case", "--exact", "--nocapture", "--test-threads=1"])
        .env(CASE, case)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        stdout.read_to_string(&mut text).unwrap();
        text
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > CHILD_DEADLINE {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("{case}: no answer within {CHILD_DEADLINE:?}; the child was killed");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let text = reader.join().unwrap();
    let mut stderr = String::new();
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    assert!(status.success(), "{case}: the child failed: {status}\n{text}\n{stderr}");
    let line = text
        .lines()
        .find_map(|line| Some(&line[line.find("PDF_LIMITS ")? + "PDF_LIMITS ".len()..]))
        .unwrap_or_else(|| {
            panic!("{case}: no report\n{text}\n{stderr}");
        });
    let field = |name: &str| {
        line.split(' ').find_map(|pair| pair.strip_prefix(name)?.strip_prefix('=')).unwrap().to_owned()
    };
    Measured {
        outcome: field("outcome"),
        elapsed: Duration::from_micros(field("micros").parse().unwrap()),
        growth_kib: field("growth_kib").parse().unwrap(),
        size: field("size").parse().unwrap(),
    }
}

fn assert_bounded(case: &str, expected: &str) {
    let m = measured(case);
    println!(
        "{case}: {} bytes → {} in {:.1} ms, peak memory +{} KiB",
        m.size,
        m.outcome,
        m.elapsed.as_secs_f64() * 1000.0,
        m.growth_kib
    );
    assert_eq!(m.outcome, expected, "{case}");
    assert!(m.elapsed < SECOND, "{case}: took {:?}", m.elapsed);
    assert!(m.growth_kib < MAX_GROWTH_KIB, "{case}: peak memory grew by {} KiB", m.growth_kib);
}

#[test]
fn the_bomb_is_answered_within_a_second_and_100_mb_by_the_app_and_the_cli_calls() {
    assert_bounded("bomb:verify_file", "file_unreadable");
    assert_bounded("bomb:verify", "file_unreadable");
}

#[test]
fn a_40_mb_file_is_refused_unread_by_the_app_and_the_cli_calls() {
    assert_bounded("large:verify_file", "validation");
    assert_bounded("large:verify", "validation");
}

#[test]
fn the_largest_file_still_read_is_answered_within_a_second_and_100_mb() {
    assert_bounded("largest:verify_file", "file_unreadable");
    assert_bounded("largest:verify", "file_unreadable");
}

#[tokio::test]
async fn the_size_limit_and_its_message() {
    let f = fixture().await;
    let documents = f.kabinet.documents();
    let error = documents.verify(&vec![b' '; MAX_VERIFY_BYTES + 1]).await.unwrap_err();
    assert_eq!(error.code, ErrorCode::Validation);
    assert!(error.message.contains("16 МБ"), "{}", error.message);
    let error = documents.verify(&hostile::bomb_pdf()).await.unwrap_err();
    assert_eq!(error.code, ErrorCode::FileUnreadable);
    assert!(error.message.contains("метаданные больше"), "{}", error.message);
    assert!(!ErrorCode::FileUnreadable.message(Locale::En).is_empty());
}

/// The limit holds thousands of pages of the longest document we render (measured, not assumed):
/// a history of 300 applications gives the cost of the first page and of each further one.
#[test]
fn the_size_limit_holds_6000_pages_of_the_longest_document() {
    let entry = |i: usize| documents::HistoryEntry {
        number: format!("З-2026-{:06}", 100_000 + i),
        kind: documents::HistoryEntryKind::Application,
        subject: "Получение налогового вычета за лечение и приобретение медикаментов для членов семьи"
            .to_owned(),
        submitted_at: "2026-01-01T08:00:00Z".to_owned(),
        status: documents::HistoryStatus::Completed,
        updated_at: Some("2026-01-04T10:00:00Z".to_owned()),
    };
    let history = |n: usize| {
        DocumentInput::ApplicationsHistory(documents::ApplicationsHistoryInput {
            full_name: "Ёлкина-Соколова Анна Сергеевна".into(),
            account_number: "1234-5678-90".into(),
            entries: (0..n).map(entry).collect(),
        })
    };
    let stamp = Stamp {
        number: "ИСТ-2026-000001".into(),
        created_at: time::macros::datetime!(2026-11-25 09:00 UTC),
        verification_code: "7K4M-Q2XD".into(),
        preview: false,
    };
    let one = documents::render(&history(1), &stamp, Locale::Ru).unwrap();
    let many = documents::render(&history(300), &stamp, Locale::Ru).unwrap();
    let per_page = (many.bytes.len() - one.bytes.len()) / (many.pages - one.pages) as usize;
    let fonts_whole = 1_515_276; // the four TTFs, uncompressed: an upper bound for their subsets
    let bound = fonts_whole + one.bytes.len() + 6000 * per_page;
    println!("first page {} B, each further page {per_page} B; 6000 pages ≤ {bound} B", one.bytes.len());
    assert!(bound <= MAX_VERIFY_BYTES, "{bound} > {MAX_VERIFY_BYTES}");
}

/// The XMP packet of an issued document, as written.
fn packet_of(bytes: &[u8]) -> Vec<u8> {
    let find = |needle: &[u8]| bytes.windows(needle.len()).position(|w| w == needle).unwrap();
    let start = find(b"<?xpacket begin");
    let end = find(b"<?xpacket end=\"r\"?>") + b"<?xpacket end=\"r\"?>".len();
    bytes[start..end].to_vec()
}

fn replace_once(bytes: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let at = bytes.windows(from.len()).position(|w| w == from).unwrap();
    [&bytes[..at], to, &bytes[at + from.len()..]].concat()
}

enum Expect {
    /// `altered` with this number.
    Altered,
    /// `file_unreadable`.
    Unreadable,
    /// Anything but `valid`: `unknown`, `altered` or `file_unreadable`.
    NotValid,
}

#[tokio::test]
async fn malformed_pdfs_never_panic_never_pass_and_are_answered_quickly() {
    let f = fixture().await;
    let documents = f.kabinet.documents();
    let issued = documents.issue(input_of(DocumentKind::ClosureConfirmation), None).await.unwrap();
    let original = issued.bytes.clone();
    assert_eq!(documents.verify(&original).await.unwrap().status, VerificationStatus::Valid);
    let packet = packet_of(&original);
    let number = issued.number.as_str();

    let mut cases: Vec<(String, Vec<u8>, Expect)> = Vec::new();
    let packet_at = original.windows(packet.len()).position(|w| w == packet.as_slice()).unwrap();
    for i in 0..=160 {
        let cut = original.len() * i / 160;
        let expect = if cut >= packet_at + packet.len() { Expect::Altered } else { Expect::NotValid };
        cases.push((format!("truncated at {cut}"), original[..cut].to_vec(), expect));
    }
    for cut in packet_at.saturating_sub(40)..packet_at + 40 {
        cases.push((format!("truncated at {cut}"), original[..cut].to_vec(), Expect::NotValid));
    }

    let startxref = original.windows(9).rposition(|w| w == b"startxref").unwrap();
    for bogus in ["0", "1", "999999999999", "-5", "abc"] {
        let wrong = [&original[..startxref], format!("startxref\n{bogus}\n%%EOF\n").as_bytes()].concat();
        cases.push((format!("startxref {bogus}"), wrong, Expect::Altered));
    }
    let wrong_type = replace_once(&original, b"/XRef", b"/XRaf");
    cases.push(("xref stream of another type".into(), wrong_type, Expect::Altered));

    let hex = |data: &[u8]| data.iter().map(|b| format!("{b:02X}")).collect::<String>().into_bytes();
    let foreign = |dictionary: &str, data: &[u8]| hostile::pdf_with_metadata(dictionary, data, &[]);
    cases.push((
        "re-compressed packet".into(),
        foreign("/Filter /FlateDecode", &zlib(&packet)),
        Expect::Altered,
    ));
    cases.push((
        "Flate inside Flate".into(),
        foreign("/Filter [/FlateDecode /FlateDecode]", &zlib(&zlib(&packet))),
        Expect::Altered,
    ));
    cases.push((
        "ASCIIHex over Flate".into(),
        foreign("/Filter [/ASCIIHexDecode /FlateDecode]", &hex(&zlib(&packet))),
        Expect::Altered,
    ));
    cases.push((
        "three filters".into(),
        foreign("/Filter [/FlateDecode /FlateDecode /FlateDecode]", &zlib(&zlib(&zlib(&packet)))),
        Expect::Unreadable,
    ));
    cases.push(("LZW".into(), foreign("/Filter /LZWDecode", b"\x80\x0b\x60\x50\x22"), Expect::Unreadable));
    cases.push(("bomb".into(), hostile::bomb_pdf(), Expect::Unreadable));
    cases.push((
        "bomb under ASCIIHex".into(),
        foreign("/Filter [/ASCIIHexDecode /FlateDecode]", &hex(&hostile::zeros_zlib(400_000))),
        Expect::Unreadable,
    ));
    let over = zlib(&vec![b' '; MAX_METADATA_BYTES + 1]);
    cases.push((
        "metadata over the limit".into(),
        foreign("/Filter /FlateDecode", &over),
        Expect::Unreadable,
    ));
    cases.push((
        "damaged zlib".into(),
        foreign("/Filter /FlateDecode", b"\x78\x9c garbage"),
        Expect::Unreadable,
    ));

    for length in ["99999999999999999999", "4294967295", "-5", "0", "1 0 R"] {
        let mut bytes = foreign("/Filter /FlateDecode", &zlib(&packet));
        let written = format!("/Length {}", zlib(&packet).len());
        bytes = replace_once(&bytes, written.as_bytes(), format!("/Length {length}").as_bytes());
        cases.push((format!("/Length {length}"), bytes, Expect::Altered));
    }

    let mut rng = StdRng::seed_from_u64(0x4B41_4249);
    for i in 0..300 {
        let mut bytes = original.clone();
        for _ in 0..rng.random_range(1..=8) {
            let at = rng.random_range(0..bytes.len());
            bytes[at] ^= rng.random_range(1..=255u8);
        }
        cases.push((format!("flips #{i}"), bytes, Expect::NotValid));
    }
    const TOKENS: [&[u8]; 9] = [
        b"/Type /Metadata",
        b"/Type/Metadata>>stream\n",
        b"stream\r\n",
        b"endstream",
        b"/Filter [/FlateDecode /FlateDecode]",
        b"/Length 99999999999",
        b"<dc:identifier>",
        b"</dc:identifier>",
        b"<< /Type /Metadata /Filter /FlateDecode >> stream\n\x78\x9c\x01",
    ];
    for i in 0..300 {
        let mut bytes = original.clone();
        for _ in 0..rng.random_range(1..=6) {
            let at = rng.random_range(0..=bytes.len());
            match rng.random_range(0..3) {
                0 => {
                    let token = TOKENS[rng.random_range(0..TOKENS.len())];
                    bytes.splice(at..at, token.iter().copied());
                }
                1 => {
                    let end = (at + rng.random_range(1..2000)).min(bytes.len());
                    bytes.drain(at..end);
                }
                _ => {
                    let end = (at + rng.random_range(1..2000)).min(bytes.len());
                    let copy = bytes[at..end].to_vec();
                    let to = rng.random_range(0..=bytes.len());
                    bytes.splice(to..to, copy);
                }
            }
        }
        cases.push((format!("splices #{i}"), bytes, Expect::NotValid));
    }

    let started = Instant::now();
    let total = cases.len();
    for (name, bytes, expect) in cases {
        let _ = documents::number_in(&bytes); // a panic here fails the test (verify would hide it)
        let start = Instant::now();
        let outcome = documents.verify(&bytes).await;
        let elapsed = start.elapsed();
        assert!(elapsed < SECOND, "{name}: took {elapsed:?}");
        match (&outcome, expect) {
            (Ok(v), _) if v.status == VerificationStatus::Valid => {
                assert_eq!(bytes, original, "{name}: a changed file passed as valid");
            }
            (Ok(v), Expect::Altered) => {
                assert_eq!(v.status, VerificationStatus::Altered, "{name}: {}", v.message);
                assert_eq!(v.number.as_deref(), Some(number), "{name}");
            }
            (Err(e), Expect::Unreadable) => assert_eq!(e.code, ErrorCode::FileUnreadable, "{name}"),
            (Ok(v), Expect::NotValid) => assert!(
                matches!(v.status, VerificationStatus::Unknown | VerificationStatus::Altered),
                "{name}"
            ),
            (Err(ApiError { code: ErrorCode::FileUnreadable, .. }), Expect::NotValid) => {}
            (outcome, _) => panic!("{name}: unexpected {outcome:?}"),
        }
    }
    println!("{total} malformed files in {:?}", started.elapsed());
}

#[test]
fn the_reader_alone_survives_thousands_of_random_files() {
    let mut rng = StdRng::seed_from_u64(11);
    let seed = hostile::pdf_with_metadata(
        "/Filter [/FlateDecode /FlateDecode]",
        &zlib(&zlib(b"<dc:identifier>X-1</dc:identifier>")),
        &[],
    );
    for _ in 0..3000 {
        let mut bytes = seed.clone();
        for _ in 0..rng.random_range(1..=4) {
            let at = rng.random_range(0..bytes.len());
            bytes[at] = rng.random();
        }
        let cut = rng.random_range(0..=bytes.len());
        bytes.truncate(cut);
        if let Err(why) = documents::number_in(&bytes) {
            assert!(matches!(why, Unreadable::TooLarge | Unreadable::Damaged | Unreadable::Filters));
        }
    }
}
