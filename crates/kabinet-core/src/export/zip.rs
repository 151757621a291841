//! «Скачать все документы»: one ZIP streamed to disk with a JSON manifest.
//!
//! The archive is written by a blocking thread fed through a channel of two files, so memory
//! holds at most three documents whatever the total, and reading the encrypted database never
//! waits for the disk. It is written to `<name>.part` ([`PartFile`]) and renamed only when
//! complete: an export that does not finish — cancelled, failed, its writer panicked, or the
//! [`Writer`] dropped with the caller's future — leaves no file at all, neither under the chosen
//! name nor as `.part`. PDFs, JPEGs and PNGs are already compressed and are stored as they are;
//! the manifest is deflated.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use sha2::{Digest, Sha256};
use zip::CompressionMethod;
use zip::write::{SimpleFileOptions, ZipWriter};

use super::part::{AbandonOnDrop, PartFile};
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

/// What the writer thread hands back: the archive's size and its manifest entries.
type Written = Result<(u64, Vec<ManifestEntry>), Stop>;

/// The writing end: send items, then [`Writer::finish`]. Dropped unfinished, it stops the thread
/// and removes the partial file.
pub struct Writer {
    sender: Option<SyncSender<Item>>,
    thread: Option<std::thread::JoinHandle<Written>>,
    part: Option<PartFile>,
    abort: Arc<AtomicBool>,
    destination: PathBuf,
}

impl Writer {
    /// Starts writing to `<destination>.part`.
    pub fn start(destination: &Path, manifest: Manifest) -> Result<Self, Stop> {
        let (part, file) = PartFile::create(destination)?;
        let (sender, receiver) = sync_channel::<Item>(2);
        let abort = Arc::new(AtomicBool::new(false));
        let stop = abort.clone();
        let thread = std::thread::spawn(move || write_all(file, receiver, manifest, &stop));
        Ok(Self {
            sender: Some(sender),
            thread: Some(thread),
            part: Some(part),
            abort,
            destination: destination.to_owned(),
        })
    }

    /// Queues one file; waits while two are queued. `false` when the writer has stopped.
    pub fn send(&self, item: Item) -> bool {
        self.sender.as_ref().is_some_and(|s| s.send(item).is_ok())
    }

    /// [`Writer::finish`] on a blocking thread. Dropping this future before it is done abandons
    /// the export: the partial file goes at once, the thread stops, nothing is renamed.
    pub async fn finish_off_thread(self, cancelled: bool) -> Result<Written, tokio::task::JoinError> {
        let abort = self.abort.clone();
        let abandon = self
            .part
            .as_ref()
            .map(|part| AbandonOnDrop::new(part.handle(), move || abort.store(true, Ordering::Relaxed)));
        let finished = tokio::task::spawn_blocking(move || self.finish(&AtomicBool::new(cancelled))).await;
        if let Some(abandon) = abandon {
            abandon.disarm();
        }
        finished
    }

    /// Completes the archive and renames it into place; on `cancel` or failure removes the part.
    pub fn finish(mut self, cancel: &AtomicBool) -> Written {
        if cancel.load(Ordering::Relaxed) {
            self.abort.store(true, Ordering::Relaxed);
        }
        drop(self.sender.take());
        let written = match self.thread.take() {
            Some(thread) => {
                thread.join().unwrap_or_else(|_| Err(Stop::Io(std::io::Error::other("writer panicked"))))
            }
            None => Err(Stop::Io(std::io::Error::other("writer gone"))),
        };
        // Dropped on every path but the rename, the guard removes the partial file.
        let part = self.part.take();
        match (written, part) {
            (Ok(_), _) if cancel.load(Ordering::Relaxed) || self.abort.load(Ordering::Relaxed) => {
                Err(Stop::Cancelled)
            }
            (Ok(done), Some(part)) => part.commit(&self.destination).map(|()| done).map_err(Stop::Io),
            (Ok(_), None) => Err(Stop::Io(std::io::Error::other("partial file gone"))),
            (Err(stop), _) => Err(stop),
        }
    }
}

impl Drop for Writer {
    /// An unfinished writer (an error or a dropped future on the reading side): the thread stops
    /// at its next file without writing the manifest, and the partial file goes now — unlinked
    /// while the thread may still hold it open, which every OS allows for files std opens.
    fn drop(&mut self) {
        self.abort.store(true, Ordering::Relaxed);
        drop(self.sender.take());
        drop(self.part.take());
    }
}

fn write_all(file: File, receiver: Receiver<Item>, mut manifest: Manifest, abort: &AtomicBool) -> Written {
    let mut zip = ZipWriter::new(BufWriter::with_capacity(1 << 20, file));
    let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored).large_file(false);
    for item in receiver {
        if abort.load(Ordering::Relaxed) {
            return Err(Stop::Cancelled);
        }
        let mut entry = item.entry;
        entry.sha256 = hex::encode(Sha256::digest(&item.bytes));
        entry.size = item.bytes.len() as u64;
        zip.start_file(entry.path.as_str(), stored)?;
        zip.write_all(&item.bytes)?;
        manifest.files.push(entry);
    }
    if abort.load(Ordering::Relaxed) {
        return Err(Stop::Cancelled);
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
