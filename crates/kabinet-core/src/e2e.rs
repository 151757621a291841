//! What end-to-end builds (feature `e2e-clock`, refused in optimised builds) may script because
//! WebDriver cannot reach it: the answer of a native «Сохранить как…» dialog. With
//! `KABINET_E2E_SAVE_DIR` set, the dialog is not shown and the file goes to that folder under the
//! name the dialog would have suggested. Release and ordinary debug builds always show the dialog.

use std::path::PathBuf;

/// The path an end-to-end run chose in advance, if this is such a run.
#[cfg(feature = "e2e-clock")]
pub fn scripted_save_path(file_name: &str) -> Option<PathBuf> {
    std::env::var_os("KABINET_E2E_SAVE_DIR").map(|dir| PathBuf::from(dir).join(file_name))
}

/// Outside end-to-end builds nothing is scripted.
#[cfg(not(feature = "e2e-clock"))]
pub fn scripted_save_path(_file_name: &str) -> Option<PathBuf> {
    None
}
