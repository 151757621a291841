//! «Скачать все документы»: one ZIP streamed to disk with a JSON manifest.
//!
//! The archive is written by a blocking thread fed through a channel of two files, so memory
//! holds at most three documents whatever the total, and reading the encrypted database never
//! waits for the disk. It is written to `<name>.part` and renamed only when complete: a
//! cancelled or failed export leaves no half file under the chosen name. PDFs, JPEGs and PNGs
//! are already compressed and are stored as they are; the manifest is deflated.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use sha2::{Digest, Sha256};
use zip::CompressionMethod;
use zip::write::{SimpleFileOptions, ZipWriter};

use super::types::{Manifest, ManifestEntry};

/// A file on its way into the archive.
pub struct Item {
    /// The manifest entry without its hash (filled in by the writer).
    pub entry: ManifestEntry,
    /// The bytes.
    pub bytes: Vec<u8>,
}

/// Why writing stopped.
#[derive(Debug)]
pub enum Stop {
    /// The citizen pressed «Отменить».
    Cancelled,
    /// The disk refused.
    Io(std::io::Error),
}

impl From<std::io::Error> for Stop {
    fn from(error: std::io::Error) -> Self {
        Stop::Io(error)
    }
}

impl From<zip::result::ZipError> for Stop {
    fn from(error: zip::result::ZipError) -> Self {
        Stop::Io(std::io::Error::other(error))
    }
}

/// The writing end: send items, then [`Writer::finish`].
pub struct Writer {
    sender: Option<SyncSender<Item>>,
    thread: std::thread::JoinHandle<Result<(u64, Vec<ManifestEntry>), Stop>>,
    part: PathBuf,
    destination: PathBuf,
}

impl Writer {
    /// Starts writing to `<destination>.part`.
    pub fn start(destination: &Path, manifest: Manifest) -> Result<Self, Stop> {
        let part = part_path(destination);
        let file = File::create(&part)?;
        let (sender, receiver) = sync_channel::<Item>(2);
        let thread = std::thread::spawn(move || write_all(file, receiver, manifest));
        Ok(Self { sender: Some(sender), thread, part, destination: destination.to_owned() })
    }

    /// Queues one file; waits while two are queued. `false` when the writer has stopped.
    pub fn send(&self, item: Item) -> bool {
        self.sender.as_ref().is_some_and(|s| s.send(item).is_ok())
    }

    /// Completes the archive and renames it into place; on `cancel` or failure removes the part.
    pub fn finish(mut self, cancel: &AtomicBool) -> Result<(u64, Vec<ManifestEntry>), Stop> {
        drop(self.sender.take());
        let written =
            self.thread.join().unwrap_or_else(|_| Err(Stop::Io(std::io::Error::other("writer panicked"))));
        let outcome = match written {
            Ok(_) if cancel.load(Ordering::Relaxed) => Err(Stop::Cancelled),
            Ok(done) => std::fs::rename(&self.part, &self.destination).map(|()| done).map_err(Stop::Io),
            Err(stop) => Err(stop),
        };
        if outcome.is_err() {
            let _ = std::fs::remove_file(&self.part);
        }
        outcome
    }
}

/// `<destination>.part`, where a file is written before it is renamed into place.
pub fn part_path(destination: &Path) -> PathBuf {
    let mut name = destination.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".part");
    destination.with_file_name(name)
}

fn write_all(
    file: File,
    receiver: Receiver<Item>,
    mut manifest: Manifest,
) -> Result<(u64, Vec<ManifestEntry>), Stop> {
    let mut zip = ZipWriter::new(BufWriter::with_capacity(1 << 20, file));
    let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored).large_file(false);
    for item in receiver {
        let mut entry = item.entry;
        entry.sha256 = hex::encode(Sha256::digest(&item.bytes));
        entry.size = item.bytes.len() as u64;
        zip.start_file(entry.path.as_str(), stored)?;
        zip.write_all(&item.bytes)?;
        manifest.files.push(entry);
    }
    let deflated = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    zip.start_file("manifest.json", deflated)?;
    let json = serde_json::to_vec_pretty(&manifest).map_err(std::io::Error::other)?;
    zip.write_all(&json)?;
    let mut inner = zip.finish()?;
    inner.flush()?;
    let file = inner.into_inner().map_err(|e| Stop::Io(e.into_error()))?;
    file.sync_all()?;
    let size = file.metadata()?.len();
    Ok((size, manifest.files))
}
