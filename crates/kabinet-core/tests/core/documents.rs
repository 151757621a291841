//! The document engine against a real encrypted database and the real PDF tools (poppler's
//! pdftotext / pdffonts / pdfinfo, qpdf): every kind extracts its data, embeds and subsets its
//! fonts, passes qpdf; long tables repeat their head; long values wrap inside their cells; the
//! same input and time give the same bytes; the registry tells valid, unknown and altered apart.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::*;
use kabinet_core::Locale;
use kabinet_core::documents::{
    self, ClosureApplicationInput, DocumentInput, DocumentKind, HistoryEntry, HistoryEntryKind,
    HistoryStatus, Stamp, VerificationStatus,
};
use time::macros::datetime;

const A4_RIGHT_EDGE: f64 = 595.28 - 15.0 * 72.0 / 25.4;
const A4_LEFT_EDGE: f64 = 25.0 * 72.0 / 25.4;

pub(crate) fn input_of(kind: DocumentKind) -> DocumentInput {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/documents")
        .join(format!("{}.json", kind.as_str()));
    let text = std::fs::read_to_string(&path).unwrap();
    DocumentInput::from_json(kind, serde_json::from_str(&text).unwrap()).unwrap()
}

/// What each kind must show, as printed (phones and СНИЛС grouped, times in Moscow time).
fn expected_values(kind: DocumentKind) -> Vec<&'static str> {
    let person = ["Ёлкина-Соколова Анна Сергеевна", "1234-5678-90"];
    let extra: Vec<&str> = match kind {
        DocumentKind::RegistrationCertificate => vec![
            "05.03.1990",
            "02.11.2026 10:15 МСК",
            "Стандартная",
            "Активен",
            "+7 (912) 345-67-89",
            "anna.elkina@почта.рф",
            "112-233-445 95",
            "в отделение Социального фонда России",
        ],
        DocumentKind::ClosureApplication => vec![
            "ЗК-2026-004512",
            "25.11.2026 12:00 МСК",
            "500100732259",
            "+7 (912) 345-67-89",
            "anna.elkina@почта.рф",
            "Переход на другие сервисы: пользуюсь услугами через другой сервис",
            "5 рабочих дней (до 02.12.2026 включительно)",
            "26.11.2026 12:00 МСК",
        ],
        DocumentKind::ClosureApplicationBlank => vec![
            "+7 (912) 345-67-89",
            "МФЦ «Мои документы», г. Москва, ул. Тверская, д. 1",
            "Неактуальность",
            "(подпись)",
            "Отметка центра обслуживания",
        ],
        DocumentKind::ClosureConfirmation => vec![
            "112-233-445 95",
            "ЗК-2026-004512",
            "25.11.2026 12:00 МСК",
            "26.11.2026 12:00 МСК",
            "Неактуальность",
            "26.12.2026",
            "24.02.2027",
            "Закрыт",
        ],
        DocumentKind::ClosureAct => vec![
            "Петров Пётр Петрович",
            "9876-5432-10",
            "Решение суда",
            "Тверской районный суд г. Москвы, № 2-1234/2026 от 10.11.2026",
            "16.11.2026 15:30 МСК",
            "16.12.2026",
            "14.02.2027",
            "Смирнова О. В.",
            "Кузнецов А. Н.",
            "использование личного кабинета третьим лицом без согласия владельца",
        ],
        DocumentKind::DeletionCertificate => vec![
            "По заявлению гражданина: удаление персональных данных",
            "26.11.2026 12:00 МСК",
            "24.02.2027 06:00 МСК",
            "паспортные данные, СНИЛС, ИНН, адрес",
        ],
        DocumentKind::ApplicationsHistory => {
            vec!["З-2026-001000", "Замена паспорта гражданина РФ", "01.01.2026"]
        }
        DocumentKind::PersonalDataExtract => vec![
            "05.03.1990",
            "Женский",
            "+7 (912) 345-67-89",
            "anna.elkina@почта.рф",
            "112-233-445 95",
            "500100732259",
            "45 08 123456",
            "ОВД района Хамовники г. Москвы",
            "12.04.2010",
            "772-001",
            "г. Москва, ул. Льва Толстого, д. 16, кв. 5",
            "Подтверждённая",
            "02.11.2026 10:15 МСК",
            "Согласие на обработку персональных данных",
            "2026-11-01",
        ],
        DocumentKind::IdentityCodeSlip => vec![
            "482 913",
            "26.12.2026 00:00 МСК",
            "МФЦ «Мои документы», г. Москва, ул. Тверская, д. 1",
            "Смирнова О. В.",
        ],
        DocumentKind::DayRegister => vec![
            "ПЗК-2026-000001",
            "1234-5678-90",
            "УПД-2026-000007",
            "25.11.2026",
            "Смирнова Ольга Викторовна",
            "не хранится",
            "12:00 МСК",
        ],
    };
    let skip_person = matches!(kind, DocumentKind::ClosureAct | DocumentKind::DayRegister);
    let mut values: Vec<&str> = if skip_person { Vec::new() } else { person.to_vec() };
    values.extend(extra);
    values
}

struct Tools {
    dir: tempfile::TempDir,
}

impl Tools {
    fn new() -> Self {
        Self { dir: tempfile::tempdir().unwrap() }
    }

    fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }
}

fn run(program: &str, args: &[&str], file: &Path) -> (bool, String) {
    let output = Command::new(program)
        .args(args)
        .arg(file)
        .output()
        .unwrap_or_else(|e| panic!("{program} is not installed: {e}"));
    let mut text = String::from_utf8_lossy(&output.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&output.stderr));
    (output.status.success(), text)
}

fn text_of(file: &Path, args: &[&str]) -> String {
    let output = Command::new("pdftotext").args(args).arg(file).arg("-").output().expect("pdftotext");
    assert!(output.status.success(), "pdftotext failed on {}", file.display());
    String::from_utf8(output.stdout).unwrap()
}

/// The file with every stream and object stream expanded by qpdf, to read its dictionaries.
fn expanded(file: &Path) -> String {
    let out = file.with_extension("qdf.pdf");
    let status = Command::new("qpdf")
        .args(["--qdf", "--object-streams=disable"])
        .arg(file)
        .arg(&out)
        .status()
        .expect("qpdf");
    assert!(status.success());
    String::from_utf8_lossy(&std::fs::read(out).unwrap()).into_owned()
}

fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

fn pages(file: &Path) -> u32 {
    let (_, info) = run("pdfinfo", &[], file);
    let line = info.lines().find(|line| line.starts_with("Pages:")).expect("pages");
    line.split_whitespace().last().unwrap().parse().unwrap()
}

#[tokio::test]
async fn every_kind_is_issued_extractable_embedded_qpdf_clean_and_valid() {
    let f = fixture().await;
    let tools = Tools::new();
    for kind in DocumentKind::ALL {
        let issued = f.kabinet.documents().issue(input_of(kind), None).await.unwrap();
        assert_eq!(issued.number, format!("{}-2026-000001", kind.prefix()));
        let file = tools.file(&format!("{}.pdf", kind.as_str()), &issued.bytes);

        let text = squeeze(&text_of(&file, &[]));
        let mut wanted = expected_values(kind);
        wanted.extend([issued.number.as_str(), issued.verification_code.as_str()]);
        for value in wanted {
            assert!(text.contains(&squeeze(value)), "{kind:?}: «{value}» not in the extracted text");
        }
        assert!(text.contains(&squeeze(&format!("стр. 1 из {}", issued.pages))), "{kind:?}: page footer");

        let (ok, fonts) = run("pdffonts", &[], &file);
        assert!(ok, "{fonts}");
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert!(!rows.is_empty(), "{kind:?}: no fonts");
        for row in rows {
            let cols: Vec<&str> = row.split_whitespace().collect();
            assert!(cols[0].contains("+PTSans") || cols[0].contains("+PTSerif"), "{kind:?}: {row}");
            let n = cols.len();
            assert_eq!(
                &cols[n - 5..n - 2],
                ["yes", "yes", "yes"],
                "{kind:?}: not embedded+subset+unicode: {row}"
            );
        }

        let (ok, check) = run("qpdf", &["--check"], &file);
        assert!(ok && check.contains("No syntax or stream encoding errors"), "{kind:?}: {check}");

        let (_, info) = run("pdfinfo", &[], &file);
        assert!(info.contains(&format!("Title:           {}", issued.title)), "{info}");
        assert!(info.contains("PDF version:     1.7"), "{info}");
        assert!(info.contains("Author:          Информационная система «Кабинет»"), "{info}");
        let expanded = expanded(&file);
        for marker in [
            "<pdfaid:part>2</pdfaid:part>",
            "<pdfaid:conformance>B</pdfaid:conformance>",
            "/S /GTS_PDFA1",
            "/Lang (ru-RU)",
            "/DestOutputProfile",
        ] {
            assert!(expanded.contains(marker), "{kind:?}: {marker}");
        }

        let verdict = f.kabinet.documents().verify(&issued.bytes).await.unwrap();
        assert_eq!(verdict.status, VerificationStatus::Valid, "{kind:?}: {}", verdict.message);
        assert_eq!(verdict.number.as_deref(), Some(issued.number.as_str()));
        assert_eq!(verdict.sha256, issued.sha256);
    }
}

#[tokio::test]
async fn numbers_run_per_kind_and_restart_each_year() {
    let f = fixture().await;
    let documents = f.kabinet.documents();
    let confirmation = || input_of(DocumentKind::ClosureConfirmation);
    assert_eq!(documents.issue(confirmation(), None).await.unwrap().number, "ПЗК-2026-000001");
    assert_eq!(documents.issue(confirmation(), None).await.unwrap().number, "ПЗК-2026-000002");
    let act = documents.issue(input_of(DocumentKind::ClosureAct), None).await.unwrap();
    assert_eq!(act.number, "АЗК-2026-000001");
    f.clock.advance(time::Duration::days(40));
    assert_eq!(documents.issue(confirmation(), None).await.unwrap().number, "ПЗК-2027-000001");

    let found = documents.find("АЗК-2026-000001").await.unwrap().unwrap();
    assert_eq!(found.kind, DocumentKind::ClosureAct);
    assert_eq!(found.sha256, act.sha256);
    assert!(!found.stored, "a document issued to nobody keeps only its hash");
    assert!(documents.find("АЗК-2026-000099").await.unwrap().is_none());
}

fn stamp(number: &str) -> Stamp {
    Stamp {
        number: number.to_owned(),
        created_at: datetime!(2026-11-25 09:00 UTC),
        verification_code: "7K4M-Q2XD".to_owned(),
        preview: false,
    }
}

#[test]
fn the_same_data_and_time_give_the_same_bytes() {
    for kind in DocumentKind::ALL {
        let input = input_of(kind);
        let first = documents::render(&input, &stamp("ПЗК-2026-000007"), Locale::Ru).unwrap();
        let _other =
            documents::render(&input_of(DocumentKind::ApplicationsHistory), &stamp("X"), Locale::Ru).unwrap();
        let second = documents::render(&input, &stamp("ПЗК-2026-000007"), Locale::Ru).unwrap();
        assert!(first.bytes == second.bytes, "{kind:?}: two renders differ");
    }
    let input = input_of(DocumentKind::ClosureConfirmation);
    let base = documents::render(&input, &stamp("ПЗК-2026-000007"), Locale::Ru).unwrap();
    let mut later = stamp("ПЗК-2026-000007");
    later.created_at += time::Duration::seconds(1);
    let moved = documents::render(&input, &later, Locale::Ru).unwrap();
    assert!(base.bytes != moved.bytes, "the creation time is part of the document");
}

#[tokio::test]
async fn a_changed_byte_is_altered_and_a_foreign_number_is_unknown() {
    let f = fixture().await;
    let documents = f.kabinet.documents();
    let issued = documents.issue(input_of(DocumentKind::ClosureConfirmation), None).await.unwrap();

    let mut tampered = issued.bytes.clone();
    let middle = tampered.len() / 2;
    tampered[middle] ^= 0x01;
    let verdict = documents.verify(&tampered).await.unwrap();
    assert_eq!(verdict.status, VerificationStatus::Altered, "{}", verdict.message);
    assert_eq!(verdict.number.as_deref(), Some(issued.number.as_str()));
    assert_eq!(verdict.record.unwrap().sha256, issued.sha256);

    let mut appended = issued.bytes.clone();
    appended.extend_from_slice(b"\n%");
    assert_eq!(documents.verify(&appended).await.unwrap().status, VerificationStatus::Altered);

    let foreign = documents::render(
        &input_of(DocumentKind::ClosureConfirmation),
        &stamp("ПЗК-2026-424242"),
        Locale::Ru,
    )
    .unwrap();
    let verdict = documents.verify(&foreign.bytes).await.unwrap();
    assert_eq!(verdict.status, VerificationStatus::Unknown);
    assert_eq!(verdict.number.as_deref(), Some("ПЗК-2026-424242"));

    let preview = documents.render_preview(&input_of(DocumentKind::ClosureConfirmation)).unwrap();
    assert_eq!(documents.verify(&preview).await.unwrap().status, VerificationStatus::Unknown);

    let verdict = documents.verify(b"%PDF-1.7\nnot a document of ours").await.unwrap();
    assert_eq!(verdict.status, VerificationStatus::Unknown);
    assert_eq!(verdict.number, None);

    assert!(
        documents
            .verify_code(&issued.number, &issued.verification_code.to_lowercase())
            .await
            .unwrap()
            .is_some()
    );
    assert!(documents.verify_code(&issued.number, "2222-2222").await.unwrap().is_none());
}

fn history_entry(i: usize) -> HistoryEntry {
    HistoryEntry {
        number: format!("З-2026-{:06}", 100 + i),
        kind: if i % 7 == 3 { HistoryEntryKind::Support } else { HistoryEntryKind::Application },
        subject: if i.is_multiple_of(3) {
            "Получение налогового вычета за лечение и приобретение медикаментов".to_owned()
        } else {
            "Запись на приём к врачу".to_owned()
        },
        submitted_at: format!("2026-{:02}-{:02}T08:00:00Z", 1 + i % 12, 1 + i % 28),
        status: if i.is_multiple_of(2) { HistoryStatus::Completed } else { HistoryStatus::InReview },
        updated_at: None,
    }
}

#[test]
fn a_table_longer_than_a_page_repeats_its_head_on_every_page() {
    let input = DocumentInput::ApplicationsHistory(documents::ApplicationsHistoryInput {
        full_name: "Ёлкина-Соколова Анна Сергеевна".into(),
        account_number: "1234-5678-90".into(),
        entries: (0..90).map(history_entry).collect(),
    });
    let rendered = documents::render(&input, &stamp("ИСТ-2026-000001"), Locale::Ru).unwrap();
    let tools = Tools::new();
    let file = tools.file("history.pdf", &rendered.bytes);
    let total = pages(&file);
    assert!(total >= 3, "90 rows should take several pages, got {total}");
    assert_eq!(total, rendered.pages);
    for page in 2..=total {
        let p = page.to_string();
        let text = text_of(&file, &["-f", &p, "-l", &p]);
        for head in ["№", "Номер", "Вид", "Услуга или тема", "Подано", "Статус", "Изменено"]
        {
            assert!(text.contains(head), "page {page} lacks the head «{head}»");
        }
        assert!(text.contains(&format!("стр. {page} из {total}")), "page {page}: footer");
    }
    let all = squeeze(&text_of(&file, &[]));
    for i in 0..90 {
        assert!(all.contains(&format!("З-2026-{:06}", 100 + i)), "row {i} lost");
    }
}

struct Word {
    text: String,
    x_min: f64,
    y_min: f64,
    x_max: f64,
}

fn words(file: &Path) -> Vec<Vec<Word>> {
    let xml = text_of(file, &["-bbox"]);
    let mut pages = Vec::new();
    for page in xml.split("<page ").skip(1) {
        let mut list = Vec::new();
        for chunk in page.split("<word ").skip(1) {
            let attr = |name: &str| -> f64 {
                let start = chunk.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
                let end = start + chunk[start..].find('"').unwrap();
                chunk[start..end].parse().unwrap()
            };
            let text_start = chunk.find('>').unwrap() + 1;
            let text_end = chunk.find("</word>").unwrap();
            let text =
                chunk[text_start..text_end].replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
            list.push(Word { text, x_min: attr("xMin"), y_min: attr("yMin"), x_max: attr("xMax") });
        }
        pages.push(list);
    }
    pages
}

/// The value words of the key–value row whose label starts with `label`, up to the next label.
fn cell_words<'a>(page: &'a [Word], label: &str, value_left: f64) -> Vec<&'a Word> {
    let labels: Vec<&Word> = page.iter().filter(|w| w.x_min < value_left - 5.0 && w.x_min < 90.0).collect();
    let top = labels.iter().find(|w| w.text == label).expect("label").y_min;
    let bottom = labels.iter().map(|w| w.y_min).filter(|y| *y > top + 1.0).fold(f64::MAX, f64::min);
    page.iter().filter(|w| w.x_min > value_left && w.y_min >= top - 1.0 && w.y_min < bottom - 1.0).collect()
}

#[test]
fn a_very_long_name_and_reason_wrap_inside_their_cells() {
    let name = "Римского-Корсакова-Салтыкова-Щедрина Анастасия-Мария-Виктория Константиновна-Александровна";
    let reason = "пользуюсь услугами через другой сервис, потому что в нём удобнее подавать заявления за \
                  родственников, получать уведомления о сроках, хранить сканы документов и переписку с ведомствами; \
                  прошу удалить все данные без остатка, включая журнал входов, историю уведомлений и резервные коды";
    let input = DocumentInput::ClosureApplication(ClosureApplicationInput {
        request_number: "ЗК-2026-000777".into(),
        submitted_at: "2026-11-25T09:00:00Z".into(),
        full_name: name.into(),
        inn: Some("500100732259".into()),
        phone: "+79123456789".into(),
        email: Some("очень.длинный.адрес.электронной.почты.для.проверки.переноса@почта.рф".into()),
        account_number: "1234-5678-90".into(),
        reason: documents::ClosureReason::Other,
        reason_text: Some(reason.into()),
        deadline: "02.12.2026".into(),
        deadline_working_days: 5,
        withdraw_until: None,
    });
    let rendered = documents::render(&input, &stamp("ЗЛК-2026-000001"), Locale::Ru).unwrap();
    let tools = Tools::new();
    let file = tools.file("long.pdf", &rendered.bytes);
    let pages = words(&file);

    for (n, page) in pages.iter().enumerate() {
        for word in page {
            assert!(
                word.x_min >= A4_LEFT_EDGE - 0.5 && word.x_max <= A4_RIGHT_EDGE + 0.5,
                "page {}: «{}» outside the text area ({:.1}–{:.1})",
                n + 1,
                word.text,
                word.x_min,
                word.x_max
            );
        }
    }

    let value_left = A4_LEFT_EDGE + (A4_RIGHT_EDGE - A4_LEFT_EDGE) * 0.34;
    let cell_right = A4_RIGHT_EDGE - 5.0;
    let page = &pages[0];
    for (label, value) in [("Фамилия,", name), ("Причина", &format!("Иное: {reason}")[..])]
    {
        let cell = cell_words(page, label, value_left);
        let joined: String = cell.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(joined, squeeze(value), "the {label} cell holds exactly its value");
        let mut lines: Vec<i64> = cell.iter().map(|w| w.y_min.round() as i64).collect();
        lines.dedup();
        assert!(lines.len() >= 2, "{label}: the value should wrap, got {} line(s)", lines.len());
        for word in cell {
            assert!(
                word.x_min >= value_left && word.x_max <= cell_right + 0.5,
                "{label}: «{}» leaves its cell",
                word.text
            );
        }
    }
}

#[tokio::test]
async fn documents_issued_to_a_citizen_keep_their_bytes_but_slips_do_not() {
    let f = fixture().await;
    register(&f.client(), "9123456789").await;
    let documents = f.kabinet.documents();
    let account_id = 1;
    let certificate =
        documents.issue(input_of(DocumentKind::RegistrationCertificate), Some(account_id)).await.unwrap();
    let slip = documents.issue(input_of(DocumentKind::IdentityCodeSlip), Some(account_id)).await.unwrap();

    assert_eq!(documents.content(&certificate.number).await.unwrap(), Some(certificate.bytes.clone()));
    assert_eq!(documents.content(&slip.number).await.unwrap(), None, "a slip holds a code: never kept");
    // Issue 16: the kept PDF is sealed under the account's key, bound to its row.
    let pool = raw_pool(f.dir.path()).await;
    let sealer = account_sealer(&pool, &test_keys(f.dir.path()), account_id).await.unwrap();
    let (id, stored): (i64, Vec<u8>) =
        kabinet_core::db::query_as("SELECT id, content FROM documents WHERE number = ?")
            .bind(&certificate.number)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert!(!stored.starts_with(b"%PDF"), "the PDF is stored in the clear");
    assert_eq!(sealer.open_bytes("documents.content", id, &stored).unwrap(), certificate.bytes);
    let listed = documents.list(account_id).await.unwrap();
    let numbers: Vec<&str> = listed.iter().map(|record| record.number.as_str()).collect();
    assert_eq!(numbers.len(), 2);
    assert!(numbers.contains(&certificate.number.as_str()) && numbers.contains(&slip.number.as_str()));
    assert!(listed.iter().any(|record| record.stored));
}

#[test]
fn a_missing_or_malformed_field_is_named() {
    let mut input = match input_of(DocumentKind::ClosureConfirmation) {
        DocumentInput::ClosureConfirmation(data) => data,
        _ => unreachable!(),
    };
    input.closed_at = "вчера".into();
    let error =
        documents::render(&DocumentInput::ClosureConfirmation(input.clone()), &stamp("X"), Locale::Ru)
            .unwrap_err();
    assert_eq!(error.code, kabinet_core::ErrorCode::Validation);
    assert_eq!(error.message, "Поле «Дата закрытия»: не время в формате RFC 3339");
    input.closed_at = "2026-11-26T09:00:00Z".into();
    input.full_name = "  ".into();
    let error =
        documents::render(&DocumentInput::ClosureConfirmation(input), &stamp("X"), Locale::Ru).unwrap_err();
    assert_eq!(error.message, "Поле «ФИО»: не заполнено");
}
