//! The partial file an export writes before the finished file takes the chosen name.
//!
//! An export carries the citizen's documents and personal data out of the encrypted database, so
//! a half-written file must not stay behind when the export does not finish, whatever stops it:
//! an error, «Отменить», a panic of the writer thread, the caller's future dropped, the app
//! exiting. [`PartFile`] owns `<destination>.part` from its creation and removes it when dropped;
//! only the rename into place disarms it. The process also keeps a list of the partial files it
//! is writing, so the app's exit removes those too ([`remove_unfinished`]).
//!
//! The file is created new (`O_CREAT | O_EXCL`, which never follows a symbolic link, even a
//! dangling one) and owner-only (0600 on unix, so the finished file is 0600 too). Something
//! already at `<destination>.part`: a regular file is a leftover of an export that crashed and is
//! unlinked first (unlinking never touches what another name points to); anything else — a
//! symbolic link, a folder — is not ours, is left untouched, and the export fails. The file is
//! synced before the rename and, on unix, its folder after it.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The partial files this process is writing.
static LIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// `<destination>.part`, where a file is written before it is renamed into place.
pub fn part_path(destination: &Path) -> PathBuf {
    let mut name = destination.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".part");
    destination.with_file_name(name)
}

/// Removes every partial file this process is still writing (the app is exiting); best effort.
pub fn remove_unfinished() {
    remove_live(|_| true);
}

fn remove_live(which: impl Fn(&Path) -> bool) {
    let mut live = LIVE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    live.retain(|path| {
        if !which(path) {
            return true;
        }
        let _ = fs::remove_file(path);
        false
    });
}

/// Owns `<destination>.part`: removes it when dropped, unless [`PartFile::commit`] renamed it.
#[derive(Debug)]
pub struct PartFile {
    path: PathBuf,
    armed: bool,
}

impl PartFile {
    /// Creates `<destination>.part` (new, owner-only, no link followed) and returns its guard
    /// with the file open for writing.
    pub fn create(destination: &Path) -> io::Result<(Self, File)> {
        let path = part_path(destination);
        let mut live = LIVE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if live.contains(&path) {
            return Err(io::Error::new(io::ErrorKind::AlreadyExists, "this file is being written already"));
        }
        remove_stale(&path)?;
        let file = open_new(&path)?;
        live.push(path.clone());
        Ok((Self { path, armed: true }, file))
    }

    /// Renames the finished file — already synced by its writer — to `destination`, then syncs
    /// the folder; the guard is disarmed only once the rename is done.
    pub fn commit(mut self, destination: &Path) -> io::Result<()> {
        fs::rename(&self.path, destination)?;
        self.armed = false;
        forget(&self.path);
        sync_folder(destination);
        Ok(())
    }
}

impl Drop for PartFile {
    fn drop(&mut self) {
        if self.armed {
            let _ = fs::remove_file(&self.path);
            forget(&self.path);
        }
    }
}

/// Writes `bytes` whole to `destination` through its partial file; returns the size.
pub fn write_whole(destination: &Path, bytes: &[u8]) -> io::Result<u64> {
    let (part, mut file) = PartFile::create(destination)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    drop(file);
    part.commit(destination)?;
    Ok(bytes.len() as u64)
}

fn forget(path: &Path) {
    LIVE.lock().unwrap_or_else(std::sync::PoisonError::into_inner).retain(|live| live != path);
}

/// A regular file at `path` is a crashed export's leftover and goes; nothing else is touched.
fn remove_stale(path: &Path) -> io::Result<()> {
    match fs::symlink_metadata(path) {
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(error) => Err(error),
        Ok(meta) if meta.file_type().is_file() => match fs::remove_file(path) {
            Err(error) if error.kind() != io::ErrorKind::NotFound => Err(error),
            _ => Ok(()),
        },
        Ok(_) => Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            "something other than a file is in the way of the partial file",
        )),
    }
}

#[cfg(unix)]
fn open_new(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    let file = fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(path)?;
    if let Err(error) = file.set_permissions(fs::Permissions::from_mode(0o600)) {
        drop(file);
        let _ = fs::remove_file(path);
        return Err(error);
    }
    Ok(file)
}

#[cfg(not(unix))]
fn open_new(path: &Path) -> io::Result<File> {
    fs::OpenOptions::new().write(true).create_new(true).open(path)
}

/// Syncs the folder of `destination`, so the rename survives a power cut (unix; best effort, as
/// the file is in place either way).
fn sync_folder(destination: &Path) {
    #[cfg(unix)]
    {
        let folder = match destination.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        if let Ok(folder) = File::open(folder) {
            let _ = folder.sync_all();
        }
    }
    #[cfg(not(unix))]
    let _ = destination;
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn a_dropped_guard_removes_its_file_and_a_committed_one_leaves_only_the_destination() {
        let dir = tempfile::tempdir().unwrap();
        let destination = dir.path().join("a.zip");
        let (part, _file) = PartFile::create(&destination).unwrap();
        assert!(part_path(&destination).exists());
        drop(part);
        assert!(!part_path(&destination).exists());

        let (part, mut file) = PartFile::create(&destination).unwrap();
        file.write_all(b"whole").unwrap();
        part.commit(&destination).unwrap();
        assert_eq!(fs::read(&destination).unwrap(), b"whole");
        assert!(!part_path(&destination).exists());
        assert!(LIVE.lock().unwrap().iter().all(|live| !live.starts_with(dir.path())));
    }

    #[test]
    fn a_panic_while_writing_removes_the_partial_file() {
        let dir = tempfile::tempdir().unwrap();
        let destination = dir.path().join("b.json");
        let target = destination.clone();
        let outcome = std::thread::spawn(move || {
            let (_part, mut file) = PartFile::create(&target).unwrap();
            file.write_all(b"half").unwrap();
            panic!("the writer failed");
        })
        .join();
        assert!(outcome.is_err());
        assert!(!part_path(&destination).exists());
    }

    #[test]
    fn a_file_being_written_is_not_taken_over_and_exit_removes_it() {
        let dir = tempfile::tempdir().unwrap();
        let destination = dir.path().join("c.xml");
        let (part, _file) = PartFile::create(&destination).unwrap();
        assert_eq!(PartFile::create(&destination).unwrap_err().kind(), io::ErrorKind::AlreadyExists);
        remove_live(|path| path.starts_with(dir.path()));
        assert!(!part_path(&destination).exists());
        drop(part);
    }
}
