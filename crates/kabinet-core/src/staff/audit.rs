//! The audit log of staff mode: append-only and hash-chained, so that a changed or deleted row is
//! found by `kabinet-cli audit verify` even when someone with the database key edits the file.
//!
//! Each row holds `prev_hash` (the previous row's hash; 32 zero bytes for the first) and
//! `hash = SHA-256(prev_hash ‖ seq ‖ at ‖ actor ‖ staff_id ‖ action ‖ target ‖ details)`, each
//! field written as its UTF-8 text (numbers in decimal, a missing staff id as the empty text)
//! preceded by its length as 8 bytes big-endian, so no two different rows share an encoding.
//! `details` is compact JSON with sorted keys. Sequence numbers start at 1 without gaps.
//! Triggers refuse UPDATE and DELETE; the chain catches what bypasses them. Cutting off the
//! newest rows leaves a valid shorter chain: compare with a head (seq and hash) written down
//! earlier (`audit verify --head SEQ:HASH`).

use crate::db::Conn;
use sha2::{Digest, Sha256};

use crate::context::Context;
use crate::error::ApiResult;
use crate::fields::Field;
use crate::staff::types::{AuditBreak, AuditPage, AuditQuery, AuditRow, AuditVerification};
use crate::validate::Invalid;

const GENESIS: [u8; 32] = [0; 32];

/// Who did it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor<'a> {
    /// A signed-in staff member, or the staff account a sign-in attempt named.
    Staff(i64),
    /// The machine's administrator through `kabinet-cli`, named by the OS user it runs as
    /// (recorded as `cli:<user>`).
    Cli(&'a str),
    /// The scheduler (`jobs`): a violation case's block and closure, purges.
    System,
    /// A sign-in attempt with a login that belongs to nobody.
    Unknown,
}

impl Actor<'_> {
    fn name(self) -> std::borrow::Cow<'static, str> {
        match self {
            Actor::Staff(_) => "staff".into(),
            Actor::Cli("") => "cli".into(),
            Actor::Cli(user) => format!("cli:{user}").into(),
            Actor::System => "system".into(),
            Actor::Unknown => "unknown".into(),
        }
    }

    fn staff_id(self) -> Option<i64> {
        match self {
            Actor::Staff(id) => Some(id),
            Actor::Cli(_) | Actor::System | Actor::Unknown => None,
        }
    }
}

/// One action to record.
pub struct Entry<'a> {
    /// Who.
    pub actor: Actor<'a>,
    /// What, e.g. `signed_in`, `transports_saved`.
    pub action: &'a str,
    /// On what, e.g. a login or a channel; empty when nothing in particular.
    pub target: &'a str,
    /// The facts that matter, never a secret.
    pub details: serde_json::Value,
}

#[derive(sqlx::FromRow)]
struct Row {
    seq: i64,
    at: i64,
    actor: String,
    staff_id: Option<i64>,
    action: String,
    target: String,
    details: String,
    prev_hash: Vec<u8>,
    hash: Vec<u8>,
}

struct Fields<'a> {
    seq: i64,
    at: i64,
    actor: &'a str,
    staff_id: Option<i64>,
    action: &'a str,
    target: &'a str,
    details: &'a str,
}

/// The same JSON with every object's keys in sorted order, whatever map serde_json was built with.
fn canonical(value: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(String, Value)> = map.into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            Value::Object(entries.into_iter().map(|(key, value)| (key, canonical(value))).collect())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(canonical).collect()),
        other => other,
    }
}

fn chain_hash(prev: &[u8], row: &Fields<'_>) -> Vec<u8> {
    let staff_id = row.staff_id.map(|id| id.to_string()).unwrap_or_default();
    let mut hasher = Sha256::new();
    hasher.update(prev);
    for field in [
        row.seq.to_string().as_str(),
        &row.at.to_string(),
        row.actor,
        &staff_id,
        row.action,
        row.target,
        row.details,
    ] {
        hasher.update((field.len() as u64).to_be_bytes());
        hasher.update(field.as_bytes());
    }
    hasher.finalize().to_vec()
}

/// Appends one row inside the caller's write transaction (so the action and its record commit
/// together).
pub async fn append(ctx: &Context, conn: &mut Conn, entry: Entry<'_>) -> ApiResult<()> {
    let last: Option<(i64, Vec<u8>)> =
        crate::db::query_as("SELECT seq, hash FROM staff_audit ORDER BY seq DESC LIMIT 1")
            .fetch_optional(&mut *conn)
            .await
            .map_err(ctx.db_error())?;
    let (prev_seq, prev_hash) = last.unwrap_or((0, GENESIS.to_vec()));
    let details = canonical(entry.details).to_string();
    // About a citizen's account: the details (comments, reasons) are sealed under its key, so
    // they die with it at the purge while the chain, hashed over what is stored, still verifies.
    let details = match target_key(ctx, &mut *conn, entry.target).await? {
        Some(key) => key.seal("staff_audit.details", prev_seq + 1, &details),
        None => details,
    };
    let actor = entry.actor.name();
    let fields = Fields {
        seq: prev_seq + 1,
        at: ctx.now(),
        actor: &actor,
        staff_id: entry.actor.staff_id(),
        action: entry.action,
        target: entry.target,
        details: &details,
    };
    let hash = chain_hash(&prev_hash, &fields);
    crate::db::query(
        "INSERT INTO staff_audit (seq, at, actor, staff_id, action, target, details, prev_hash, hash) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(fields.seq)
    .bind(fields.at)
    .bind(fields.actor)
    .bind(fields.staff_id)
    .bind(fields.action)
    .bind(fields.target)
    .bind(&details)
    .bind(&prev_hash)
    .bind(&hash)
    .execute(&mut *conn)
    .await
    .map_err(ctx.db_error())?;
    Ok(())
}

/// The data key of the account whose number is `target`, if it is one and still has its key.
async fn target_key<'a>(
    ctx: &Context,
    on: impl Into<crate::db::Target<'a>>,
    target: &str,
) -> ApiResult<Option<crate::sealing::Sealer>> {
    if crate::account_number::normalise(target).ok().as_deref() != Some(target) {
        return Ok(None);
    }
    let found: Option<(i64, Vec<u8>)> = crate::db::query_as(
        "SELECT a.id, k.wrapped FROM accounts a JOIN account_keys k ON k.account_id = a.id WHERE a.number = ?",
    )
    .bind(target)
    .fetch_optional(on)
    .await
    .map_err(ctx.db_error())?;
    let Some((id, wrapped)) = found else { return Ok(None) };
    let key =
        ctx.keys()?.sealer_of(id, &wrapped).ok_or_else(|| ctx.unreadable()(crate::sealing::Unreadable))?;
    Ok(Some(key))
}

/// The data keys of the accounts the page's sealed rows are about, in one query: account
/// number → key (absent once purged).
async fn page_keys(
    ctx: &Context,
    rows: &[LogRow],
) -> ApiResult<std::collections::HashMap<String, crate::sealing::Sealer>> {
    let mut targets: Vec<&str> = rows
        .iter()
        .filter(|row| crate::sealing::is_sealed_text(&row.details))
        .map(|row| row.target.as_str())
        .collect();
    targets.sort_unstable();
    targets.dedup();
    let mut keys = std::collections::HashMap::new();
    if targets.is_empty() {
        return Ok(keys);
    }
    let mut sql = crate::db::QueryBuilder::new(
        "SELECT a.number, a.id, k.wrapped FROM accounts a JOIN account_keys k ON k.account_id = a.id \
         WHERE a.number IN (",
    );
    let mut list = sql.separated(", ");
    for target in &targets {
        list.push_bind(*target);
    }
    sql.push(")");
    let found: Vec<(String, i64, Vec<u8>)> =
        sql.build_query_as().fetch_all(&ctx.pool).await.map_err(ctx.db_error())?;
    for (number, id, wrapped) in found {
        let key = ctx
            .keys()?
            .sealer_of(id, &wrapped)
            .ok_or_else(|| ctx.unreadable()(crate::sealing::Unreadable))?;
        keys.insert(number, key);
    }
    Ok(keys)
}

/// The details as a supervisor reads them: opened with the account's key, or — the account
/// purged, its key destroyed — a sentence saying they went with it.
fn shown_details(
    ctx: &Context,
    keys: &std::collections::HashMap<String, crate::sealing::Sealer>,
    row: &LogRow,
) -> ApiResult<String> {
    if !crate::sealing::is_sealed_text(&row.details) {
        return Ok(row.details.clone());
    }
    match keys.get(&row.target) {
        Some(key) => key.open("staff_audit.details", row.seq, &row.details).map_err(ctx.unreadable()),
        None => Ok(ctx
            .locale()
            .pick("[сведения удалены вместе с кабинетом]", "[details removed with the account]")
            .to_owned()),
    }
}

/// Appends one row in a transaction of its own.
pub async fn record(ctx: &Context, entry: Entry<'_>) -> ApiResult<()> {
    let mut tx = ctx.write().await?;
    append(ctx, &mut tx, entry).await?;
    tx.commit().await.map_err(ctx.db_error())
}

/// Walks the whole chain; with `head`, also checks that row `seq` still has that hash.
pub async fn verify(ctx: &Context, head: Option<(u64, &str)>) -> ApiResult<AuditVerification> {
    let rows: Vec<Row> = crate::db::query_as(
        "SELECT seq, at, actor, staff_id, action, target, details, prev_hash, hash FROM staff_audit ORDER BY seq",
    )
    .fetch_all(&ctx.pool)
    .await
    .map_err(ctx.db_error())?;
    let mut outcome = AuditVerification {
        ok: true,
        rows: rows.len() as u64,
        head_seq: 0,
        head_hash: String::new(),
        broken_at: None,
        reason: None,
    };
    let mut prev = GENESIS.to_vec();
    for (index, row) in rows.iter().enumerate() {
        if let Some(reason) = break_in(row, index as i64 + 1, &prev) {
            outcome.fail(row.seq, reason);
            break;
        }
        prev.clone_from(&row.hash);
    }
    if let Some(last) = rows.last() {
        outcome.head_seq = last.seq.max(0) as u64;
        outcome.head_hash = hex::encode(&last.hash);
    }
    if let (true, Some((seq, hash))) = (outcome.ok, head) {
        let kept = rows.iter().find(|row| row.seq.max(0) as u64 == seq);
        if !kept.is_some_and(|row| hex::encode(&row.hash).eq_ignore_ascii_case(hash.trim())) {
            outcome.fail(seq as i64, AuditBreak::HeadMismatch);
        }
    }
    Ok(outcome)
}

#[derive(sqlx::FromRow)]
struct LogRow {
    seq: i64,
    at: i64,
    actor: String,
    login: Option<String>,
    action: String,
    target: String,
    details: String,
}

/// The longest text a filter of «Журнал действий» takes.
pub const MAX_FILTER_CHARS: usize = 100;

/// Rows per page of «Журнал действий».
pub const PAGE_SIZE: i64 = 50;

/// A page of the log, newest first, filtered by who, what, whom and days.
pub async fn page(ctx: &Context, query: &AuditQuery) -> ApiResult<AuditPage> {
    let locale = ctx.locale();
    let mut found = Vec::new();
    let day = |text: &Option<String>, field: Field, found: &mut Vec<(Field, Invalid)>| {
        let text = text.as_deref().map(str::trim).filter(|t| !t.is_empty())?;
        crate::validate::date(text).map_err(|e| found.push((field, e))).ok()
    };
    let from = day(&query.from, Field::DateFrom, &mut found);
    let to = day(&query.to, Field::DateTo, &mut found);
    // A login is at most 32 characters, `cli:<user>` a few more, an action code or an account
    // number far fewer: a longer filter matches nothing and is refused unread.
    for (value, field) in
        [(&query.login, Field::Login), (&query.action, Field::Action), (&query.target, Field::Target)]
    {
        if value.as_deref().is_some_and(|v| v.trim().chars().count() > MAX_FILTER_CHARS) {
            found.push((field, Invalid::TooLong));
        }
    }
    if !found.is_empty() {
        return Err(crate::error::ApiError::fields(found, locale));
    }
    let text =
        |value: &Option<String>| value.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned);
    let login = text(&query.login).map(|l| l.to_lowercase());
    let from = from.map(crate::closure::start_of_day);
    let to = to.map(|d| crate::closure::start_of_day(d.next_day().unwrap_or(d)));
    // One statement, each filter either bound or switched off by a NULL.
    macro_rules! filtered {
        ($head:literal, $tail:literal) => {
            concat!(
                $head,
                " FROM staff_audit l LEFT JOIN staff s ON s.id = l.staff_id \
                 WHERE (?1 IS NULL OR s.login = ?1 OR (l.staff_id IS NULL AND l.actor = ?1)) \
                 AND (?2 IS NULL OR l.action = ?2) AND (?3 IS NULL OR l.target = ?3) \
                 AND (?4 IS NULL OR l.at >= ?4) AND (?5 IS NULL OR l.at < ?5)",
                $tail
            )
        };
    }
    let unfiltered = login.is_none()
        && text(&query.action).is_none()
        && text(&query.target).is_none()
        && from.is_none()
        && to.is_none();
    // Sequence numbers run from 1 without gaps, so the whole log's size is its last number: no
    // count over a million rows to show the first page.
    let total: i64 = if unfiltered {
        crate::db::query_scalar("SELECT coalesce(max(seq), 0) FROM staff_audit")
            .fetch_one(&ctx.pool)
            .await
            .map_err(ctx.db_error())?
    } else {
        crate::db::query_scalar(filtered!("SELECT count(*)", ""))
            .bind(&login)
            .bind(text(&query.action))
            .bind(text(&query.target))
            .bind(from)
            .bind(to)
            .fetch_one(&ctx.pool)
            .await
            .map_err(ctx.db_error())?
    };
    let pages = ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1) as u32;
    let page = query.page.clamp(1, pages);
    let rows: Vec<LogRow> = crate::db::query_as(filtered!(
        "SELECT l.seq, l.at, l.actor, s.login, l.action, l.target, l.details",
        " ORDER BY l.seq DESC LIMIT ?6 OFFSET ?7"
    ))
    .bind(&login)
    .bind(text(&query.action))
    .bind(text(&query.target))
    .bind(from)
    .bind(to)
    .bind(PAGE_SIZE)
    .bind((i64::from(page) - 1) * PAGE_SIZE)
    .fetch_all(&ctx.pool)
    .await
    .map_err(ctx.db_error())?;
    let keys = page_keys(ctx, &rows).await?;
    let mut shown = Vec::with_capacity(rows.len());
    for row in rows {
        let details = shown_details(ctx, &keys, &row)?;
        shown.push(AuditRow {
            seq: row.seq,
            at: crate::context::rfc3339(row.at),
            who: row.login.unwrap_or(row.actor),
            action: row.action,
            target: row.target,
            details,
        });
    }
    let rows = shown;
    Ok(AuditPage { rows, page, pages, total })
}

fn break_in(row: &Row, expected_seq: i64, prev: &[u8]) -> Option<AuditBreak> {
    if row.seq != expected_seq {
        return Some(AuditBreak::Missing);
    }
    if row.prev_hash != prev {
        return Some(AuditBreak::Unlinked);
    }
    let fields = Fields {
        seq: row.seq,
        at: row.at,
        actor: &row.actor,
        staff_id: row.staff_id,
        action: &row.action,
        target: &row.target,
        details: &row.details,
    };
    (chain_hash(&row.prev_hash, &fields) != row.hash).then_some(AuditBreak::Changed)
}

impl AuditVerification {
    fn fail(&mut self, seq: i64, reason: AuditBreak) {
        self.ok = false;
        self.broken_at = Some(seq.max(0) as u64);
        self.reason = Some(reason);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields<'a>(details: &'a str, staff_id: Option<i64>) -> Fields<'a> {
        Fields { seq: 1, at: 10, actor: "staff", staff_id, action: "signed_in", target: "", details }
    }

    #[test]
    fn every_field_and_the_previous_hash_change_the_hash() {
        let base = chain_hash(&GENESIS, &fields("{}", Some(1)));
        assert_eq!(base.len(), 32);
        assert_ne!(base, chain_hash(&GENESIS, &fields("{}", Some(2))));
        assert_ne!(base, chain_hash(&GENESIS, &fields("{}", None)));
        assert_ne!(base, chain_hash(&GENESIS, &fields("{ }", Some(1))));
        assert_ne!(base, chain_hash(&[1; 32], &fields("{}", Some(1))));
    }

    #[test]
    fn details_are_written_with_sorted_keys() {
        let details = serde_json::json!({"z": 1, "a": {"y": 2, "b": 3}});
        assert_eq!(canonical(details).to_string(), r#"{"a":{"b":3,"y":2},"z":1}"#);
    }

    #[test]
    fn field_boundaries_cannot_be_shifted() {
        let a = Fields { action: "ab", target: "c", ..fields("{}", None) };
        let b = Fields { action: "a", target: "bc", ..fields("{}", None) };
        assert_ne!(chain_hash(&GENESIS, &a), chain_hash(&GENESIS, &b));
    }
}
