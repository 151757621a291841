//! Files outside the database: the private copy a system viewer opens, and the copy a citizen
//! saves with «Сохранить как…».
//!
//! A viewer is another program and needs a file, so the PDF — with the citizen's personal data —
//! leaves the encrypted database. The copy goes to `<data dir>/viewer/`, a folder only the user
//! can enter (0700) holding files only the user can read (0600) — never the shared temporary
//! folder. Every copy is removed when the session that opened it ends — signed out, ended from
//! another session, idle, «Это был не я», a password reset, a block, the account's closing — and
//! when the app starts or exits; once an hour old, a copy also goes whenever another is written.
//! «Завершить все сеансы» keeps this session, so it keeps its copies. A removal that fails (a
//! Windows viewer still holding the file) is left for the next time, and never fails the call
//! that asked for it.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// The folder of viewer copies, inside the data directory.
const VIEWER_DIR: &str = "viewer";
/// How long a viewer copy is kept once another one is written.
const KEEP: Duration = Duration::from_secs(60 * 60);

/// The folder of viewer copies of `data_dir`.
pub fn viewer_dir(data_dir: &Path) -> PathBuf {
    data_dir.join(VIEWER_DIR)
}

/// Removes every viewer copy (at start-up, when no viewer of this run can hold one).
pub fn clear_viewer_copies(data_dir: &Path) {
    remove_copies(&viewer_dir(data_dir), Duration::ZERO);
}

/// Removes every private copy of the context's data directory: the hook every end of a session
/// or of an account calls. Best effort and quick (a small folder, no waiting on a viewer); a
/// context without a data directory has nothing on disk.
pub fn remove_private_copies(ctx: &crate::context::Context) {
    if let Some(data_dir) = &ctx.data_dir {
        clear_viewer_copies(data_dir);
    }
}

/// Writes `bytes` as `file_name` in the private viewer folder and returns its path; copies older
/// than an hour go first.
pub fn write_viewer_copy(data_dir: &Path, file_name: &str, bytes: &[u8]) -> io::Result<PathBuf> {
    let dir = viewer_dir(data_dir);
    private_dir(&dir)?;
    remove_copies(&dir, KEEP);
    let path = dir.join(file_name);
    write_private(&path, bytes)?;
    Ok(path)
}

/// Writes `bytes` to the place the citizen chose, replacing a file there (the save dialog has
/// asked about that already).
pub fn write_chosen(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = fs::File::create(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

fn remove_copies(dir: &Path, older_than: Duration) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    let now = SystemTime::now();
    for entry in entries.flatten() {
        let modified = entry.metadata().and_then(|meta| meta.modified()).unwrap_or(now);
        if now.duration_since(modified).unwrap_or_default() >= older_than {
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(unix)]
fn private_dir(dir: &Path) -> io::Result<()> {
    use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
    fs::DirBuilder::new().recursive(true).mode(0o700).create(dir)?;
    fs::set_permissions(dir, fs::Permissions::from_mode(0o700))
}

#[cfg(not(unix))]
fn private_dir(dir: &Path) -> io::Result<()> {
    fs::create_dir_all(dir)
}

/// A new owner-only file: an older copy of the same name is unlinked first (never followed, were
/// it a link), and the file is created only if nothing is there by then.
#[cfg(unix)]
fn write_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    match fs::remove_file(path) {
        Err(error) if error.kind() != io::ErrorKind::NotFound => return Err(error),
        _ => {}
    }
    let mut file = fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(path)?;
    file.set_permissions(fs::Permissions::from_mode(0o600))?;
    file.write_all(bytes)?;
    file.sync_all()
}

#[cfg(not(unix))]
fn write_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_chosen(path, bytes)
}
