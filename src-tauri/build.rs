//! Declares the app's own commands so that capabilities must grant each one by name. The list is
//! generated from the core's command table (`commands.generated.rs`, kept fresh by a test).

include!("commands.generated.rs");

fn main() {
    println!("cargo:rerun-if-changed=commands.generated.rs");
    let commands = COMMANDS;
    let manifest = tauri_build::AppManifest::new().commands(commands);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .unwrap_or_else(|error| panic!("tauri build: {error:#}"));
}
