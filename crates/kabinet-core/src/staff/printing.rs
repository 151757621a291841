//! «Печать за день»: every «Подтверждение закрытия», «Акт о закрытии» and «Сертификат об
//! удалении» issued on a chosen day, as one PDF for the print dialog or a file.
//!
//! Rules (docs/rules.md, «Staff desk»): the batch opens with «Реестр документов за день» (a
//! registered document of its own: number, QR, verification code) listing every such document
//! of the day in order of issue with its account number; the PDFs the registry keeps follow it,
//! page after page, in the same order. A deletion certificate's PDF is never kept (it names the
//! person whose data it certifies destroyed), so the register lists it by number only. At most
//! [`MAX_DOCUMENTS`] documents per batch. Composing reports progress after each document and
//! stops at «Отменить» (nothing is printed or written then); one batch per staff session at a
//! time. Printing or saving the batch is one audit row with the day and the count.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::context::{Context, rfc3339};
use crate::documents::{
    DayRegisterEntry, DayRegisterInput, DocumentInput, DocumentKind, PrintJob, SaveOffer,
};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::fields::Field;
use crate::staff::StaffAuthed;
use crate::staff::audit::{self, Entry};

/// The most documents one batch takes.
pub const MAX_DOCUMENTS: usize = 500;

/// Which day.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct DayBatchRequest {
    /// ДД.ММ.ГГГГ.
    pub day: String,
}

/// One document of the day.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct DayBatchItem {
    /// Its number.
    pub number: String,
    /// Its title.
    pub title: String,
    /// Its kind.
    pub kind: DocumentKind,
    /// «Номер личного кабинета», when the registry still names it.
    pub account_number: Option<String>,
    /// When it was issued (RFC 3339).
    pub issued_at: String,
    /// Its PDF goes into the batch.
    pub included: bool,
}

/// What «Печать за день» will hold.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct DayBatch {
    /// The day, ДД.ММ.ГГГГ.
    pub day: String,
    /// The documents, in order of issue.
    pub items: Vec<DayBatchItem>,
}

/// Progress of composing the batch.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS)]
pub struct BatchProgress {
    /// Documents added.
    pub done: u32,
    /// Documents in all.
    pub total: u32,
}

/// The batch about to be composed: the day and, for saving, the dialog's words.
#[derive(Debug, Clone)]
pub struct DayOffer {
    /// The day.
    pub day: time::Date,
    /// The save dialog's words (and the print job's name).
    pub offer: SaveOffer,
    /// The audit row's action once composed: `day_batch_printed` or `day_batch_saved`.
    pub action: &'static str,
}

/// Running batches, one per staff session, each with its «Отменить» flag.
#[derive(Default)]
pub struct BatchJobs {
    running: std::sync::Mutex<std::collections::HashMap<i64, Arc<AtomicBool>>>,
}

/// «Печать за день».
pub struct Printing<'a> {
    pub(crate) kabinet: &'a crate::Kabinet,
    pub(crate) ctx: &'a Context,
    pub(crate) jobs: &'a BatchJobs,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    number: String,
    kind: String,
    title: String,
    account_number: Option<String>,
    created_at: i64,
    kept: bool,
}

impl Printing<'_> {
    /// The documents of the day, as the batch will list them.
    pub async fn day(&self, _me: &StaffAuthed, request: DayBatchRequest) -> ApiResult<DayBatch> {
        let day = parse_day(self.ctx, &request.day)?;
        let rows = self.rows(day).await?;
        Ok(DayBatch { day: crate::validate::dotted_date(day), items: rows.iter().map(item).collect() })
    }

    /// The day's batch for the print dialog (its job name; the day checked first).
    pub async fn print_offer(&self, me: &StaffAuthed, request: DayBatchRequest) -> ApiResult<DayOffer> {
        let offer = self.save_offer(me, request).await?;
        Ok(DayOffer { action: "day_batch_printed", ..offer })
    }

    /// The save dialog's words for the day's batch (the day checked first).
    pub async fn save_offer(&self, _me: &StaffAuthed, request: DayBatchRequest) -> ApiResult<DayOffer> {
        let day = parse_day(self.ctx, &request.day)?;
        let locale = self.ctx.locale();
        let offer = SaveOffer {
            file_name: format!(
                "{} {}.pdf",
                locale.pick("Документы за день", "Documents of the day"),
                crate::validate::dotted_date(day)
            ),
            dialog_title: locale.pick("Сохранить как…", "Save as…").to_owned(),
            filter_name: locale.pick("Документ PDF", "PDF document").to_owned(),
            extension: "pdf".to_owned(),
        };
        Ok(DayOffer { day, offer, action: "day_batch_saved" })
    }

    /// Composes the batch, reporting progress; `None` when «Отменить» stopped it. Audited as the
    /// offer's action (printed or saved).
    pub async fn compose(
        &self,
        me: &StaffAuthed,
        offer: &DayOffer,
        mut progress: impl FnMut(BatchProgress),
    ) -> ApiResult<Option<PrintJob>> {
        let ctx = self.ctx;
        let claim = self.claim(me)?;
        let rows = self.rows(offer.day).await?;
        if rows.len() > MAX_DOCUMENTS {
            return Err(ApiError::with_message(
                ErrorCode::WrongState,
                format!(
                    "{} {MAX_DOCUMENTS}",
                    ctx.locale().pick(
                        "Слишком много документов за день для одного пакета; больше",
                        "Too many documents for one batch; more than"
                    )
                ),
            ));
        }
        let day = crate::validate::dotted_date(offer.day);
        let input = DayRegisterInput {
            day: day.clone(),
            operator: me.full_name.clone(),
            entries: rows
                .iter()
                .map(|r| DayRegisterEntry {
                    number: r.number.clone(),
                    title: r.title.clone(),
                    account_number: r.account_number.clone(),
                    issued_at: rfc3339(r.created_at),
                    included: r.kept,
                })
                .collect(),
        };
        let register = self.kabinet.documents().issue(DocumentInput::DayRegister(input), None).await?;
        let total = u32::try_from(rows.len()).unwrap_or(u32::MAX);
        let mut parts = vec![register.bytes];
        progress(BatchProgress { done: 0, total });
        // Kept PDFs are sealed under their account's key: each key is unwrapped once per batch.
        let mut conn = ctx.pool.acquire().await.map_err(ctx.db_error())?;
        let mut opener = crate::sealing::Opener::default();
        for (done, row) in rows.iter().enumerate() {
            if claim.cancel.load(Ordering::Relaxed) {
                return Ok(None);
            }
            if row.kept
                && let Some(bytes) =
                    crate::documents::registry::content_by_id(ctx, &mut conn, &mut opener, row.id).await?
            {
                parts.push(bytes);
            }
            progress(BatchProgress { done: u32::try_from(done + 1).unwrap_or(u32::MAX), total });
        }
        drop(conn);
        if claim.cancel.load(Ordering::Relaxed) {
            return Ok(None);
        }
        let locale = ctx.locale();
        let bytes = tokio::task::spawn_blocking(move || merge(&parts))
            .await
            .map_err(|e| ApiError::internal(e, locale))?
            .map_err(|e| ApiError::internal(e, locale))?;
        let details = serde_json::json!({ "day": day, "documents": rows.len(), "register": register.number });
        audit::record(ctx, Entry { actor: me.actor(), action: offer.action, target: "", details }).await?;
        Ok(Some(PrintJob { number: register.number, title: offer.offer.file_name.clone(), bytes }))
    }

    /// «Отменить»: stops the caller's batch being composed.
    pub async fn cancel(&self, me: &StaffAuthed) -> ApiResult<()> {
        if let Some(flag) = self.jobs.running.lock().ok().and_then(|held| held.get(&me.session_id).cloned()) {
            flag.store(true, Ordering::Relaxed);
        }
        Ok(())
    }

    async fn rows(&self, day: time::Date) -> ApiResult<Vec<Row>> {
        let ctx = self.ctx;
        let from = crate::closure::start_of_day(day);
        let to = crate::closure::start_of_day(day.next_day().unwrap_or(day));
        crate::db::query_as(
            "SELECT d.id, d.number, d.kind, d.title, a.number AS account_number, d.created_at, \
             (d.content IS NOT NULL AND d.account_id IS NOT NULL) AS kept FROM documents d LEFT JOIN accounts a ON a.id = d.account_id \
             WHERE d.kind IN ('closure_confirmation', 'closure_act', 'deletion_certificate') \
             AND d.created_at >= ? AND d.created_at < ? ORDER BY d.created_at, d.id LIMIT ?",
        )
        .bind(from)
        .bind(to)
        .bind(i64::try_from(MAX_DOCUMENTS + 1).unwrap_or(i64::MAX))
        .fetch_all(&ctx.pool)
        .await
        .map_err(ctx.db_error())
    }

    fn claim(&self, me: &StaffAuthed) -> ApiResult<Claim<'_>> {
        let mut held = self.jobs.running.lock().map_err(|e| ApiError::internal(e, self.ctx.locale()))?;
        if held.contains_key(&me.session_id) {
            return Err(ApiError::with_message(
                ErrorCode::WrongState,
                self.ctx.locale().pick(
                    "Пакет за день уже готовится — дождитесь окончания или отмените",
                    "A batch is already being made — wait for it or cancel it",
                ),
            ));
        }
        let cancel = Arc::new(AtomicBool::new(false));
        held.insert(me.session_id, cancel.clone());
        Ok(Claim { jobs: self.jobs, key: me.session_id, cancel })
    }
}

struct Claim<'a> {
    jobs: &'a BatchJobs,
    key: i64,
    cancel: Arc<AtomicBool>,
}

impl Drop for Claim<'_> {
    fn drop(&mut self) {
        if let Ok(mut held) = self.jobs.running.lock() {
            held.remove(&self.key);
        }
    }
}

fn item(row: &Row) -> DayBatchItem {
    DayBatchItem {
        number: row.number.clone(),
        title: row.title.clone(),
        kind: DocumentKind::parse(&row.kind).unwrap_or(DocumentKind::ClosureConfirmation),
        account_number: row.account_number.clone(),
        issued_at: rfc3339(row.created_at),
        included: row.kept,
    }
}

fn parse_day(ctx: &Context, text: &str) -> ApiResult<time::Date> {
    let day = crate::validate::date(text.trim()).map_err(|e| ApiError::field(Field::Day, e, ctx.locale()))?;
    if day > crate::closure::local(ctx.now()).date() {
        return Err(ApiError::field(Field::Day, crate::validate::Invalid::DateInFuture, ctx.locale()));
    }
    Ok(day)
}

/// Pages of several PDFs (our own, from the registry) in order, as one document.
fn merge(parts: &[Vec<u8>]) -> Result<Vec<u8>, String> {
    use lopdf::{Document, Object, ObjectId};
    let mut merged = Document::with_version("1.7");
    let mut next_id = 1;
    let mut pages: Vec<(ObjectId, Object)> = Vec::new();
    let mut objects: BTreeMap<ObjectId, Object> = BTreeMap::new();
    for bytes in parts {
        let mut doc = Document::load_mem(bytes).map_err(|e| e.to_string())?;
        doc.renumber_objects_with(next_id);
        next_id = doc.max_id + 1;
        for (_, id) in doc.get_pages() {
            let page = doc.get_object(id).map_err(|e| e.to_string())?.clone();
            pages.push((id, page));
        }
        objects.extend(doc.objects);
    }
    let mut catalog: Option<(ObjectId, Object)> = None;
    let mut tree: Option<(ObjectId, lopdf::Dictionary)> = None;
    for (id, object) in objects {
        match object.type_name().unwrap_or(b"") {
            b"Catalog" if catalog.is_none() => catalog = Some((id, object)),
            b"Catalog" | b"Page" | b"Outlines" | b"Outline" => {}
            b"Pages" => {
                if tree.is_none()
                    && let Ok(dictionary) = object.as_dict()
                {
                    tree = Some((id, dictionary.clone()));
                }
            }
            _ => {
                merged.objects.insert(id, object);
            }
        }
    }
    let (tree_id, mut tree) = tree.ok_or("no page tree")?;
    let (catalog_id, catalog) = catalog.ok_or("no catalog")?;
    let kids: Vec<Object> = pages.iter().map(|(id, _)| Object::Reference(*id)).collect();
    for (id, page) in pages {
        if let Ok(dictionary) = page.as_dict() {
            let mut dictionary = dictionary.clone();
            dictionary.set("Parent", tree_id);
            merged.objects.insert(id, Object::Dictionary(dictionary));
        }
    }
    tree.set("Count", i64::try_from(kids.len()).unwrap_or(i64::MAX));
    tree.set("Kids", kids);
    tree.remove(b"Parent");
    merged.objects.insert(tree_id, Object::Dictionary(tree));
    let mut catalog = catalog.as_dict().map_err(|e| e.to_string())?.clone();
    catalog.set("Pages", tree_id);
    catalog.remove(b"Outlines");
    merged.objects.insert(catalog_id, Object::Dictionary(catalog));
    merged.trailer.set("Root", catalog_id);
    merged.max_id = merged.objects.keys().map(|(id, _)| *id).max().unwrap_or(0);
    merged.renumber_objects();
    let mut out = Vec::new();
    merged.save_to(&mut out).map_err(|e| e.to_string())?;
    Ok(out)
}
