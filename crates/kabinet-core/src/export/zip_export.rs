//! Collects the citizen's files for «Скачать все документы» and feeds them to the writer one
//! at a time: issued PDFs, uploaded scans, payment receipts — oldest first within each folder.
//! All three are sealed under the account's data key, unwrapped once for the whole archive.

use crate::auth::Authed;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::context::rfc3339;
use crate::debts::store as debts_store;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::sealing::Sealer;

use super::Exports;
use super::types::{ExportDone, ExportProgress, Manifest, ManifestEntry};
use super::zip::{Item, Stop, Writer};

/// Where a file comes from, so its bytes are read only when its turn comes.
enum Source {
    Issued(String),
    Upload(i64),
    Receipt(i64),
}

struct Planned {
    entry: ManifestEntry,
    source: Source,
}

/// Writes the archive; progress after every file.
pub async fn run(
    exports: &Exports<'_>,
    me: &Authed,
    destination: &Path,
    cancel: &AtomicBool,
    mut progress: impl FnMut(ExportProgress),
) -> ApiResult<ExportDone> {
    let ctx = exports.ctx;
    let key = crate::sealing::account_key(ctx, &ctx.pool, me.account_id).await?;
    let plan = plan(exports, me, &key).await?;
    let manifest = Manifest {
        account_number: exports.account(me).await?.number,
        created_at: rfc3339(ctx.now()),
        files: Vec::with_capacity(plan.len()),
    };
    let total = u32::try_from(plan.len()).unwrap_or(u32::MAX);
    let bytes_total = plan.iter().map(|p| p.entry.size).sum();
    let mut state = ExportProgress { done: 0, total, bytes_done: 0, bytes_total };
    progress(state);
    let writer = Writer::start(destination, manifest).map_err(|stop| stopped(exports, stop))?;
    for planned in plan {
        if cancel.load(Ordering::Relaxed) {
            break;
        }
        crate::auth::still_live(exports.ctx, me).await?;
        let bytes = read(exports, me, &key, &planned.source).await?;
        state.bytes_done += bytes.len() as u64;
        if !writer.send(Item { entry: planned.entry, bytes }) {
            break;
        }
        state.done += 1;
        progress(state);
    }
    let cancelled = cancel.load(Ordering::Relaxed);
    let (size, files) = match writer.finish_off_thread(cancelled).await {
        Ok(Ok(done)) => done,
        Ok(Err(stop)) => return Err(stopped(exports, stop)),
        Err(error) => return Err(ApiError::internal(error, ctx.locale())),
    };
    Ok(ExportDone {
        path: destination.display().to_string(),
        files: u32::try_from(files.len()).unwrap_or(u32::MAX),
        bytes: size,
    })
}

async fn plan(exports: &Exports<'_>, me: &Authed, key: &Sealer) -> ApiResult<Vec<Planned>> {
    let ctx = exports.ctx;
    let mut plan = Vec::new();
    let mut issued = exports.kabinet.documents().mine(me).await?;
    issued.retain(|d| d.available);
    issued.reverse();
    for d in issued {
        let entry = entry(
            format!("Документы/{} {}.pdf", d.number, safe(&d.title.replace(&format!(" № {}", d.number), ""))),
            "issued",
            super::gather::code(&d.kind),
            Some(d.number.clone()),
            d.title,
            "application/pdf",
            d.size,
            d.created_at,
        );
        plan.push(Planned { entry, source: Source::Issued(d.number) });
    }
    for u in crate::uploads::store::list(ctx, key, me.account_id).await? {
        let path = format!("Загрузки/{} {}", u.id, safe(&u.name));
        let entry = entry(
            path,
            "upload",
            u.kind.as_str().to_owned(),
            None,
            u.name,
            &u.content_type,
            u.size,
            u.created_at,
        );
        plan.push(Planned { entry, source: Source::Upload(u.id) });
    }
    for r in debts_store::receipts(ctx, key, me.account_id).await? {
        let path = format!("Квитанции/{} {}", r.id, safe(&r.receipt_name));
        let entry = entry(
            path,
            "receipt",
            "payment_receipt".into(),
            None,
            r.receipt_name,
            &r.receipt_type,
            r.size,
            rfc3339(r.claimed_at),
        );
        plan.push(Planned { entry, source: Source::Receipt(r.id) });
    }
    Ok(plan)
}

#[allow(clippy::too_many_arguments)]
fn entry(
    path: String,
    source: &str,
    kind: String,
    number: Option<String>,
    title: String,
    content_type: &str,
    size: i64,
    created_at: String,
) -> ManifestEntry {
    ManifestEntry {
        path,
        source: source.to_owned(),
        kind,
        number,
        title,
        content_type: content_type.to_owned(),
        size: u64::try_from(size).unwrap_or(0),
        sha256: String::new(),
        created_at,
    }
}

/// The opened bytes of one planned file.
async fn read(exports: &Exports<'_>, me: &Authed, key: &Sealer, source: &Source) -> ApiResult<Vec<u8>> {
    let ctx = exports.ctx;
    match source {
        Source::Issued(number) => crate::documents::registry::owned_with(ctx, key, number, me.account_id)
            .await?
            .and_then(|(_, bytes)| bytes)
            .ok_or_else(|| crate::documents::not_mine(ctx)),
        Source::Upload(id) => Ok(crate::uploads::store::content(ctx, key, me.account_id, *id).await?.bytes),
        Source::Receipt(id) => debts_store::receipt(ctx, key, me.account_id, *id)
            .await?
            .ok_or_else(|| crate::debts::not_found(ctx)),
    }
}

/// A name safe inside an archive on every OS: no path separators or reserved characters.
fn safe(name: &str) -> String {
    name.chars()
        .map(|c| {
            if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect::<String>()
        .trim()
        .to_owned()
}

fn stopped(exports: &Exports<'_>, stop: Stop) -> ApiError {
    let locale = exports.ctx.locale();
    match stop {
        Stop::Cancelled => ApiError::with_message(
            ErrorCode::Cancelled,
            locale.pick("Выгрузка отменена — файл не сохранён", "Export cancelled — no file was saved"),
        ),
        Stop::Io(error) => {
            let text = ErrorCode::SaveFailed.message(locale);
            ApiError::with_message(ErrorCode::SaveFailed, format!("{text} ({})", error.kind()))
        }
    }
}
