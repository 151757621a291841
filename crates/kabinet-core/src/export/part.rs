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
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

/// The partial files this process is writing.
static LIVE: Mutex<Vec<Arc<Shared>>> = Mutex::new(Vec::new());

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
    let live: Vec<Arc<Shared>> = lock(&LIVE).iter().filter(|part| which(&part.path)).cloned().collect();
    for part in live {
        part.remove();
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Where a partial file stands; removal and rename exclude each other, so neither can undo the
/// other, and a file once removed is never touched again (its path may be a newer export's).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Writing,
    Renamed,
    Removed,
}

#[derive(Debug)]
struct Shared {
    path: PathBuf,
    phase: Mutex<Phase>,
}

impl Shared {
    /// Unlinks the partial file unless it was renamed or removed already.
    fn remove(self: &Arc<Self>) {
        {
            let mut phase = lock(&self.phase);
            if *phase != Phase::Writing {
                return;
            }
            let _ = fs::remove_file(&self.path);
            *phase = Phase::Removed;
        }
        lock(&LIVE).retain(|live| !Arc::ptr_eq(live, self));
    }
}

/// Owns `<destination>.part`: removes it when dropped, unless [`PartFile::commit`] renamed it.
#[derive(Debug)]
pub struct PartFile {
    shared: Arc<Shared>,
}

/// Another owner of the same partial file, for whoever must be able to abandon it while the
/// [`PartFile`] is busy elsewhere (on a blocking thread).
#[derive(Debug, Clone)]
pub struct PartHandle {
    shared: Arc<Shared>,
}

impl PartHandle {
    /// Removes the partial file now, unless it was renamed already; a later rename then fails.
    pub fn remove(&self) {
        self.shared.remove();
    }
}

impl PartFile {
    /// Creates `<destination>.part` (new, owner-only, no link followed) and returns its guard
    /// with the file open for writing.
    pub fn create(destination: &Path) -> io::Result<(Self, File)> {
        let path = part_path(destination);
        let mut live = lock(&LIVE);
        if live.iter().any(|part| part.path == path) {
            return Err(io::Error::new(io::ErrorKind::AlreadyExists, "this file is being written already"));
        }
        remove_stale(&path)?;
        let file = open_new(&path)?;
        let shared = Arc::new(Shared { path, phase: Mutex::new(Phase::Writing) });
        live.push(shared.clone());
        Ok((Self { shared }, file))
    }

    /// A handle that can abandon this partial file from elsewhere.
    pub fn handle(&self) -> PartHandle {
        PartHandle { shared: self.shared.clone() }
    }

    /// Renames the finished file — already synced by its writer — to `destination`, then syncs
    /// the folder; the guard is disarmed only once the rename is done. Fails if the file was
    /// abandoned meanwhile.
    pub fn commit(self, destination: &Path) -> io::Result<()> {
        {
            let mut phase = lock(&self.shared.phase);
            if *phase != Phase::Writing {
                return Err(io::Error::new(io::ErrorKind::Interrupted, "the export was abandoned"));
            }
            fs::rename(&self.shared.path, destination)?;
            *phase = Phase::Renamed;
        }
        lock(&LIVE).retain(|live| !Arc::ptr_eq(live, &self.shared));
        sync_folder(destination);
        Ok(())
    }
}

impl Drop for PartFile {
    fn drop(&mut self) {
        self.shared.remove();
    }
}

/// Removes the partial file when dropped (the caller's future went away) unless disarmed.
pub struct AbandonOnDrop {
    part: Option<PartHandle>,
    then: Option<Box<dyn FnOnce() + Send>>,
}

impl AbandonOnDrop {
    /// Arms the guard for `part`; `then` runs after the removal (to stop a writer thread).
    pub fn new(part: PartHandle, then: impl FnOnce() + Send + 'static) -> Self {
        Self { part: Some(part), then: Some(Box::new(then)) }
    }

    /// The caller saw the outcome: nothing to abandon.
    pub fn disarm(mut self) {
        self.part = None;
        self.then = None;
    }
}

impl Drop for AbandonOnDrop {
    fn drop(&mut self) {
        if let Some(part) = self.part.take() {
            part.remove();
        }
        if let Some(then) = self.then.take() {
            then();
        }
    }
}

/// Writes `bytes` whole to `destination` through its partial file, off the async threads, and
/// returns the size. Dropping the future before it is done removes the partial file at once and
/// renames nothing.
pub async fn save_whole(destination: &Path, bytes: Vec<u8>) -> io::Result<u64> {
    let target = destination.to_owned();
    let (part, mut file) =
        tokio::task::spawn_blocking(move || PartFile::create(&target)).await.map_err(io::Error::other)??;
    let abandon = AbandonOnDrop::new(part.handle(), || ());
    let target = destination.to_owned();
    let written = tokio::task::spawn_blocking(move || {
        file.write_all(&bytes)?;
        file.sync_all()?;
        drop(file);
        part.commit(&target)?;
        Ok(bytes.len() as u64)
    })
    .await
    .map_err(io::Error::other)?;
    abandon.disarm();
    written
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
        assert!(LIVE.lock().unwrap().iter().all(|live| !live.path.starts_with(dir.path())));
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
