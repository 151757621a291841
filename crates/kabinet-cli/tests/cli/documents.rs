//! `kabinet-cli render`, `render-batch` and `verify` as a script uses them: files on disk, a real
//! data directory (encrypted database, key in the OS keyring), exit codes that tell the verdict;
//! and `verify` of hostile files (the 7 KB FlateDecode-inside-FlateDecode bomb, a 40 MB PDF)
//! answered within a second and 100 MB, measured on the process itself.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::hostile;

/// A scratch folder removed at the end of the test.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Self {
        let path = std::env::temp_dir().join(format!("kabinet-cli-documents-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).unwrap();
        Self(path)
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn fixture(kind: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join(format!("../kabinet-core/tests/fixtures/documents/{kind}.json"))
}

fn cli(data_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kabinet-cli"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .output()
        .unwrap()
}

fn text(output: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
}

#[test]
fn a_preview_needs_no_database_and_is_reproducible() {
    let dir = Scratch::new("preview");
    let input = fixture("closure_confirmation");
    let mut files = Vec::new();
    for name in ["a.pdf", "b.pdf"] {
        let out = dir.path().join(name);
        let output = cli(
            &dir.path().join("no-data-here"),
            &[
                "render",
                "closure-confirmation",
                "--input",
                input.to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
                "--preview",
                "--at",
                "2026-11-26T09:00:00Z",
            ],
        );
        assert!(output.status.success(), "{}", text(&output));
        files.push(std::fs::read(out).unwrap());
    }
    assert!(files[0] == files[1], "the same input and time give the same bytes");
    assert!(files[0].starts_with(b"%PDF-1.7"));
    assert!(!dir.path().join("no-data-here").exists(), "a preview opens no database");
}

#[test]
fn issued_documents_verify_as_valid_altered_or_unknown_by_exit_code() {
    let dir = Scratch::new("verify");
    let data = dir.path().join("data");
    let out = dir.path().join("confirmation.pdf");
    let input = fixture("closure_confirmation");
    let output = cli(
        &data,
        &[
            "render",
            "closure-confirmation",
            "--input",
            input.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(output.status.success(), "{}", text(&output));
    assert!(text(&output).starts_with("ПЗК-"), "{}", text(&output));

    let valid = cli(&data, &["verify", out.to_str().unwrap()]);
    assert_eq!(valid.status.code(), Some(0), "{}", text(&valid));
    assert!(text(&valid).starts_with("valid\n"));

    let mut bytes = std::fs::read(&out).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x20;
    let altered_file = dir.path().join("altered.pdf");
    std::fs::write(&altered_file, bytes).unwrap();
    let altered = cli(&data, &["--json", "verify", altered_file.to_str().unwrap()]);
    assert_eq!(altered.status.code(), Some(3), "{}", text(&altered));
    let verdict: serde_json::Value = serde_json::from_slice(&altered.stdout).unwrap();
    assert_eq!(verdict["status"], "altered");

    let preview = dir.path().join("preview.pdf");
    let rendered = cli(
        &data,
        &[
            "render",
            "closure-confirmation",
            "--input",
            input.to_str().unwrap(),
            "--out",
            preview.to_str().unwrap(),
            "--preview",
        ],
    );
    assert!(rendered.status.success());
    let unknown = cli(&data, &["verify", preview.to_str().unwrap()]);
    assert_eq!(unknown.status.code(), Some(2), "{}", text(&unknown));
    assert!(text(&unknown).starts_with("unknown\n"));
}

#[test]
fn a_batch_writes_one_numbered_file_per_document() {
    let dir = Scratch::new("batch");
    let data = dir.path().join("data");
    let read = |kind: &str| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(fixture(kind)).unwrap()).unwrap()
    };
    let batch = serde_json::json!([
        { "kind": "closure_confirmation", "input": read("closure_confirmation") },
        { "kind": "closure_confirmation", "input": read("closure_confirmation") },
        { "kind": "identity_code_slip", "input": read("identity_code_slip") },
    ]);
    let batch_file = dir.path().join("batch.json");
    std::fs::write(&batch_file, batch.to_string()).unwrap();
    let out_dir = dir.path().join("out");
    let output = cli(
        &data,
        &[
            "--json",
            "render-batch",
            "--input",
            batch_file.to_str().unwrap(),
            "--out-dir",
            out_dir.to_str().unwrap(),
        ],
    );
    assert!(output.status.success(), "{}", text(&output));
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    let year = lines[0]["number"].as_str().unwrap().split('-').nth(1).unwrap().to_owned();
    assert_eq!(lines[0]["number"], format!("ПЗК-{year}-000001"));
    assert_eq!(lines[1]["number"], format!("ПЗК-{year}-000002"));
    assert_eq!(lines[2]["number"], format!("КПЛ-{year}-000001"));
    for line in &lines {
        let path = PathBuf::from(line["path"].as_str().unwrap());
        assert_eq!(path.parent(), Some(out_dir.as_path()));
        assert!(path.exists());
    }
}

#[test]
fn an_unknown_kind_is_refused_with_the_list_of_kinds() {
    let dir = Scratch::new("kind");
    let input = fixture("closure_confirmation");
    let output = cli(
        dir.path(),
        &["render", "receipt", "--input", input.to_str().unwrap(), "--out", "x.pdf", "--preview"],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output).contains("closure-confirmation"), "{}", text(&output));
}

/// What one `kabinet-cli --json verify FILE` run cost.
struct Run {
    code: Option<i32>,
    stderr: String,
    elapsed: Duration,
    /// Peak resident memory of the CLI process, in KiB.
    peak_kib: u64,
}

/// Runs `kabinet-cli --json verify FILE` and measures its wall time and peak memory: with
/// `/usr/bin/time -f %M` (the kernel's own maximum RSS of the child) when it is installed, else
/// by sampling the child's `VmHWM` every millisecond (a lower bound). A run that has not ended
/// after 15 s is killed with its whole process group and fails.
fn verify_run(data: &Path, file: &Path, dir: &Path) -> Run {
    use std::os::unix::process::CommandExt;
    let time = Path::new("/usr/bin/time");
    let rss_file = dir.join("max-rss");
    let _ = std::fs::remove_file(&rss_file);
    let mut command = if time.exists() {
        let mut command = Command::new(time);
        command.arg("-f").arg("%M").arg("-o").arg(&rss_file).arg(env!("CARGO_BIN_EXE_kabinet-cli"));
        command
    } else {
        Command::new(env!("CARGO_BIN_EXE_kabinet-cli"))
    };
    command.arg("--data-dir").arg(data).args(["--json", "verify"]).arg(file);
    let start = Instant::now();
    let mut child = command.stdout(Stdio::null()).stderr(Stdio::piped()).process_group(0).spawn().unwrap();
    let status_path = format!("/proc/{}/status", child.id());
    let mut sampled = 0;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > Duration::from_secs(15) {
            let group = format!("-{}", child.id());
            let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
            let _ = child.wait();
            panic!("kabinet-cli verify {} did not answer within 15 s; killed", file.display());
        }
        let hwm = std::fs::read_to_string(&status_path).unwrap_or_default();
        let kib = hwm
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().split(' ').next()?.parse().ok());
        sampled = sampled.max(kib.unwrap_or(0));
        std::thread::sleep(Duration::from_millis(1));
    };
    let elapsed = start.elapsed();
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
    let peak_kib = match std::fs::read_to_string(&rss_file) {
        Ok(text) => text.lines().filter_map(|line| line.trim().parse().ok()).next_back().unwrap(),
        Err(_) => sampled,
    };
    Run { code: status.code(), stderr, elapsed, peak_kib }
}

#[test]
fn a_bomb_and_a_40_mb_file_are_answered_within_a_second_and_100_mb() {
    let dir = Scratch::new("hostile");
    let data = dir.path().join("data");
    let plain = dir.path().join("plain.pdf");
    std::fs::write(&plain, b"%PDF-1.7\n%%EOF\n").unwrap();
    let bomb = dir.path().join("bomb.pdf");
    std::fs::write(&bomb, hostile::bomb_pdf()).unwrap();
    let large = dir.path().join("large.pdf");
    std::fs::write(&large, hostile::large_pdf()).unwrap();

    let first = verify_run(&data, &plain, dir.path()); // creates the database
    assert_eq!(first.code, Some(2), "{}", first.stderr);
    let base = verify_run(&data, &plain, dir.path());
    assert_eq!(base.code, Some(2), "{}", base.stderr);
    println!("plain: {:.0} ms, {} KiB", base.elapsed.as_secs_f64() * 1000.0, base.peak_kib);

    for (file, code) in [(&bomb, "file_unreadable"), (&large, "validation")] {
        let size = std::fs::metadata(file).unwrap().len();
        let run = verify_run(&data, file, dir.path());
        let growth = run.peak_kib.saturating_sub(base.peak_kib);
        println!(
            "{}: {size} bytes → exit {:?} in {:.0} ms, peak {} KiB (+{growth} KiB)",
            file.display(),
            run.code,
            run.elapsed.as_secs_f64() * 1000.0,
            run.peak_kib
        );
        assert_eq!(run.code, Some(1), "{}", run.stderr);
        let error: serde_json::Value = serde_json::from_str(run.stderr.trim()).unwrap();
        assert_eq!(error["code"], code, "{}", run.stderr);
        assert!(run.elapsed < Duration::from_secs(1), "{}: took {:?}", file.display(), run.elapsed);
        assert!(growth < 100 * 1024, "{}: peak memory grew by {growth} KiB", file.display());
    }
}
