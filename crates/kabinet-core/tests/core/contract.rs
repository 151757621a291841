//! Every file generated from the contract types and the command table must be exactly what the
//! Rust generates now: the TypeScript types and client, the command list `build.rs` declares and
//! the capability. Rename a Rust argument and this test fails until the files are regenerated
//! (then the UI's type-check fails wherever the old name is still used).

use std::path::PathBuf;

use kabinet_core::api::{COMMANDS, Transport, generate};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn generated_files_are_fresh() {
    let update = std::env::var_os("UPDATE_CONTRACT").is_some();
    let mut stale = Vec::new();
    for (path, generated) in generate::files() {
        let path_on_disk = root().join(path);
        if update {
            std::fs::write(&path_on_disk, &generated)
                .unwrap_or_else(|e| panic!("write {}: {e}", path_on_disk.display()));
            continue;
        }
        if std::fs::read_to_string(&path_on_disk).unwrap_or_default() != generated {
            stale.push(path);
        }
    }
    assert!(
        stale.is_empty(),
        "stale generated files {stale:?}: run `UPDATE_CONTRACT=1 cargo test -p kabinet-core --test core contract::` and commit them"
    );
}

/// The table's own rules: unique names, each `<group>_…`, one argument for a raw body.
#[test]
fn the_table_is_well_formed() {
    let mut names = std::collections::HashSet::new();
    for command in COMMANDS {
        assert!(names.insert(command.name), "{} declared twice", command.name);
        assert!(
            command.name.starts_with(&format!("{}_", command.group)),
            "{} is not in its group's namespace",
            command.name
        );
        assert!(!command.doc.trim().is_empty(), "{} has no doc line", command.name);
        if command.transport == Transport::Raw {
            assert_eq!((command.args)().len(), 2, "{}: a raw command sends a body and headers", command.name);
        }
    }
    assert!(COMMANDS.len() >= 86, "the table lost commands: {}", COMMANDS.len());
}

/// Each command name is written by hand in exactly one Rust place, the table; the shells and
/// the generators take it from there. (The server's integration tests and the load benchmark are
/// clients of the wire protocol and call commands by name, as the E2E scenarios do.)
#[test]
fn each_command_is_declared_once_in_hand_written_rust() {
    let mut sources = Vec::new();
    for dir in ["crates", "src-tauri/src", "src-tauri/build.rs"] {
        collect_rust(&root().join(dir), &mut sources);
    }
    let wire_clients =
        [root().join("crates/kabinet-server/tests"), root().join("crates/kabinet-core/benches/load.rs")];
    sources.retain(|path| !wire_clients.iter().any(|client| path.starts_with(client)));
    let table = root().join("crates/kabinet-core/src/api/table.rs");
    for command in COMMANDS {
        let pattern = format!("{}:", command.name);
        let mut found = Vec::new();
        for path in &sources {
            let text = std::fs::read_to_string(path).unwrap_or_default();
            let count = text
                .match_indices(command.name)
                .filter(|(at, _)| is_word(&text, *at, command.name.len()))
                .count();
            if count > 0 {
                found.push((path.clone(), count));
            }
        }
        assert_eq!(found.len(), 1, "{} is written in {found:?}", command.name);
        assert_eq!(found[0].0, table, "{} is written outside the table", command.name);
        let text = std::fs::read_to_string(&table).unwrap_or_default();
        assert!(text.contains(&pattern), "{} is not an entry of the table", command.name);
    }
}

fn is_word(text: &str, at: usize, len: usize) -> bool {
    let before = text[..at].chars().next_back();
    let after = text[at + len..].chars().next();
    let part = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    !part(before) && !part(after)
}

fn collect_rust(path: &std::path::Path, out: &mut Vec<PathBuf>) {
    if path.is_file() {
        if path.extension().is_some_and(|e| e == "rs") && !path.to_string_lossy().ends_with(".generated.rs") {
            out.push(path.to_path_buf());
        }
        return;
    }
    let Ok(entries) = std::fs::read_dir(path) else { return };
    for entry in entries.flatten() {
        let p = entry.path();
        if p.file_name().is_some_and(|n| n == "target" || n == "node_modules") {
            continue;
        }
        collect_rust(&p, out);
    }
}
