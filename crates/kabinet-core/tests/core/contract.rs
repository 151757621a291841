//! The UI's TypeScript contract must be exactly what the Rust types generate.

use std::path::PathBuf;

fn committed_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/lib/api/contract.ts")
}

#[test]
fn contract_is_fresh() {
    let generated = kabinet_core::contract::typescript();
    let path = committed_path();
    if std::env::var_os("UPDATE_CONTRACT").is_some() {
        std::fs::write(&path, &generated).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "ui/src/lib/api/contract.ts is stale: run `UPDATE_CONTRACT=1 cargo test -p kabinet-core --test core contract::` and commit it"
    );
}
