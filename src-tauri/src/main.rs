//! Entry point of the Кабинет desktop app.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    kabinet_shell::run();
}
