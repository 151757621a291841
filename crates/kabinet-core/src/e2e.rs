//! What end-to-end builds (feature `e2e-clock`, refused in optimised builds) may script because
//! WebDriver cannot reach it: the answer of a native «Сохранить как…» dialog. With
//! `KABINET_E2E_SAVE_DIR` set, the dialog is not shown and the file goes to that folder under the
//! name the dialog would have suggested. With `KABINET_E2E_PRINT_DIR` set, the print dialog is
//! not shown either: the PDF the printer would get is written to that folder under the job's
//! name (the tests' stand-in printer, read with `pdftotext`). Release and ordinary debug builds
//! always show the dialogs.

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

/// Where an end-to-end run's stand-in printer takes print jobs, if this is such a run.
#[cfg(feature = "e2e-clock")]
pub fn scripted_print_path(job_name: &str) -> Option<PathBuf> {
    std::env::var_os("KABINET_E2E_PRINT_DIR").map(|dir| PathBuf::from(dir).join(job_name))
}

/// Outside end-to-end builds every job goes to the system print dialog.
#[cfg(not(feature = "e2e-clock"))]
pub fn scripted_print_path(_job_name: &str) -> Option<PathBuf> {
    None
}
