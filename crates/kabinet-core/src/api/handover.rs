//! The file behind a `shell` entry, for when its native step runs on another computer than the
//! core: a server prepares, the app that asked opens, prints or saves.
//!
//! Embedded, a `shell` entry is the core's part (which document, whose, is it allowed), then a
//! native step in the app (the viewer, the print dialog, the save dialog), then — for a save —
//! the core again writing to the chosen path. With a server the core is there and the screen,
//! the printer and the disk are here, so what crosses is the file itself. Each answer type of a
//! `shell` entry says what file it stands for ([`Handover`]); the server generates one route per
//! entry from the table with it, and the app in remote mode finishes the native step with the
//! bytes it receives. Every check and every audit row stays in the core: the server runs the
//! same core part as the embedded app, then hands over.
//!
//! A save asks in two calls, so the citizen chooses where before anything is made or audited:
//! the save dialog's words first ([`Handover::offer`]), then — unless cancelled — the file.
//! Exports are written to the server's spool folder and streamed from there ([`Spooled`]),
//! removed as soon as the answer is sent or dropped.

use std::path::{Path, PathBuf};

use super::prelude::*;
use crate::Kabinet;
use crate::documents::SaveOffer;
use crate::error::ApiResult;
use crate::export::ExportFile;

/// A file handed over: its name (the save dialog's suggestion, the print job's, the viewer copy's),
/// how many files it holds (an export's count; 1 otherwise) and its content.
#[derive(Debug)]
pub struct Handed {
    /// The file's name.
    pub name: String,
    /// The files it holds (the ZIP's, without its manifest; 1 for a single document).
    pub files: u32,
    /// The bytes, or the spooled file they are in.
    pub content: Content,
}

/// Where a handed-over file's bytes are.
#[derive(Debug)]
pub enum Content {
    /// In memory (a document, a slip, a day's batch).
    Bytes(Vec<u8>),
    /// In a spooled file (an export), removed when this is dropped.
    Spooled(Spooled),
}

/// A file written to the spool folder, removed when dropped (after the answer is sent, or when
/// the client went away).
#[derive(Debug)]
pub struct Spooled {
    path: PathBuf,
    len: u64,
}

impl Spooled {
    /// Where it is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Its size in bytes.
    pub fn len(&self) -> u64 {
        self.len
    }

    /// Whether it is empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

impl Drop for Spooled {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// What a `shell` entry's core part hands over when the native step runs elsewhere; `W` is the
/// entry's resolved caller (the same the embedded shell function receives).
#[allow(async_fn_in_trait)]
pub trait Handover<W>: Sized {
    /// The save dialog's words, when the native step is a save (asked before the file).
    fn offer(&self) -> Option<&SaveOffer>;

    /// The file; `None` when the core's part was stopped by «Отменить». `spool` is a folder
    /// the server may write a large file to.
    async fn hand_over(self, kabinet: &Kabinet, who: &W, spool: &Path) -> ApiResult<Option<Handed>>;
}

fn whole(name: String, bytes: Vec<u8>) -> Option<Handed> {
    Some(Handed { name, files: 1, content: Content::Bytes(bytes) })
}

impl<W> Handover<W> for ViewerCopy {
    fn offer(&self) -> Option<&SaveOffer> {
        None
    }

    async fn hand_over(self, _kabinet: &Kabinet, _who: &W, _spool: &Path) -> ApiResult<Option<Handed>> {
        Ok(whole(self.name, self.bytes))
    }
}

impl<W> Handover<W> for PrintJob {
    fn offer(&self) -> Option<&SaveOffer> {
        None
    }

    async fn hand_over(self, _kabinet: &Kabinet, _who: &W, _spool: &Path) -> ApiResult<Option<Handed>> {
        Ok(whole(self.title, self.bytes))
    }
}

impl Handover<Authed> for DocumentOffer {
    fn offer(&self) -> Option<&SaveOffer> {
        Some(&self.offer)
    }

    async fn hand_over(self, kabinet: &Kabinet, me: &Authed, _spool: &Path) -> ApiResult<Option<Handed>> {
        let bytes = kabinet.documents().my_content(me, &self.number).await?;
        Ok(whole(self.offer.file_name, bytes))
    }
}

impl Handover<StaffAuthed> for CitizenDocumentOffer {
    fn offer(&self) -> Option<&SaveOffer> {
        Some(&self.offer.offer)
    }

    async fn hand_over(
        self,
        kabinet: &Kabinet,
        me: &StaffAuthed,
        _spool: &Path,
    ) -> ApiResult<Option<Handed>> {
        let bytes = kabinet.desk().copy_to_save(me, &self.request).await?;
        Ok(whole(self.offer.offer.file_name, bytes))
    }
}

impl Handover<StaffAuthed> for DayOffer {
    fn offer(&self) -> Option<&SaveOffer> {
        (self.action == "day_batch_saved").then_some(&self.offer)
    }

    async fn hand_over(
        self,
        kabinet: &Kabinet,
        me: &StaffAuthed,
        _spool: &Path,
    ) -> ApiResult<Option<Handed>> {
        let composed = kabinet.printing().compose(me, &self, |_| ()).await?;
        Ok(composed.and_then(|job| whole(job.title, job.bytes)))
    }
}

impl Handover<Caller> for ClosedConfirmation {
    fn offer(&self) -> Option<&SaveOffer> {
        Some(&self.offer.offer)
    }

    async fn hand_over(
        self,
        _kabinet: &Kabinet,
        _caller: &Caller,
        _spool: &Path,
    ) -> ApiResult<Option<Handed>> {
        Ok(whole(self.offer.offer.file_name, self.bytes))
    }
}

impl Handover<Authed> for ExportOffer {
    fn offer(&self) -> Option<&SaveOffer> {
        Some(&self.offer)
    }

    /// Written to the spool by the same export code as a save on this computer (its partial
    /// file, its cancel flag, its journal row), then streamed.
    async fn hand_over(self, kabinet: &Kabinet, me: &Authed, spool: &Path) -> ApiResult<Option<Handed>> {
        let locale = kabinet.locale();
        std::fs::create_dir_all(spool).map_err(|cause| crate::export::save_failed(locale, &cause))?;
        let path = spool.join(format!("{:032x}.{}", rand::random::<u128>(), self.offer.extension));
        let exports = kabinet.exports();
        let done = match self.file {
            ExportFile::DocumentsZip => exports.documents_zip(me, &path, |_| ()).await,
            ExportFile::HistoryPdf => exports.history_pdf(me, &path).await,
            ExportFile::Data(format) => exports.personal_data(me, format, &path).await,
        };
        let mut spooled = Spooled { path, len: 0 };
        let done = done?;
        spooled.len = done.bytes;
        Ok(Some(Handed { name: self.offer.file_name, files: done.files, content: Content::Spooled(spooled) }))
    }
}
