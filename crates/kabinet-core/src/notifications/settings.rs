//! «Настройки уведомлений»: validated into [`Prefs`] (what routing reads), stored as one JSON
//! document per account so that a save is one statement — atomic, never half a matrix — with the
//! version before it kept beside it for «Отменить».
//!
//! Rules (also in `docs/rules.md`): quiet hours are `ЧЧ:ММ`–`ЧЧ:ММ` in the machine's local time,
//! the end being the first minute messages go out again; start after end spans midnight; equal
//! start and end are refused, and so are quiet hours that cover all of the working hours while
//! «только в рабочее время» is on (nothing could ever be delivered). Locked rows (security,
//! closure requested) cannot be switched off. An override names a catalogue service once. Missing
//! matrix rows take the defaults. «Отменить» restores the version before the last save, once; on
//! a first save that version is the defaults.

use crate::db::Conn;

use crate::context::{Context, rfc3339};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::fields::Field;
use crate::outbox::Channel;
use crate::validate::Invalid;

use super::event::{self, EVENT_TYPES};
use super::types::{EventType, MatrixRow, NotificationSettings, QuietHours, ServiceOverride};

/// Working hours for «только в рабочее время»: 09:00–18:00, Monday to Friday, local time.
pub const WORK_START_MINUTE: u16 = 9 * 60;
/// The first minute after working hours.
pub const WORK_END_MINUTE: u16 = 18 * 60;

/// The switchable channels of one row or override.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Switches {
    /// Desktop notification.
    pub desktop: bool,
    /// E-mail.
    pub email: bool,
    /// SMS.
    pub sms: bool,
}

impl Switches {
    /// Whether `channel` is on; the inbox always is.
    pub fn allows(self, channel: Channel) -> bool {
        match channel {
            Channel::InApp => true,
            Channel::Desktop => self.desktop,
            Channel::Email => self.email,
            Channel::Sms => self.sms,
        }
    }
}

/// Quiet hours as minutes of the local day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quiet {
    /// First quiet minute.
    pub start: u16,
    /// First minute after the quiet hours.
    pub end: u16,
}

impl Quiet {
    /// Whether the local minute of the day `minute` is quiet.
    pub fn contains(self, minute: u16) -> bool {
        if self.start < self.end {
            (self.start..self.end).contains(&minute)
        } else {
            minute >= self.start || minute < self.end
        }
    }
}

/// Validated settings, as routing reads them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prefs {
    rows: Vec<(EventType, Switches)>,
    overrides: Vec<(String, Switches)>,
    /// «Только важные».
    pub only_important: bool,
    /// «Тихие часы».
    pub quiet: Option<Quiet>,
    /// Deliver on working hours only.
    pub working_hours_only: bool,
}

impl Default for Prefs {
    fn default() -> Self {
        let rows = EVENT_TYPES.into_iter().map(|event| (event, switches_of(&event.default_row()))).collect();
        Self { rows, overrides: Vec::new(), only_important: false, quiet: None, working_hours_only: false }
    }
}

fn switches_of(row: &MatrixRow) -> Switches {
    Switches { desktop: row.desktop, email: row.email, sms: row.sms }
}

impl Prefs {
    /// Validates settings as typed; every problem is reported, in form order.
    pub fn from_settings(settings: &NotificationSettings) -> Result<Self, Vec<(Field, Invalid)>> {
        let mut found = Vec::new();
        let rows = matrix(&settings.matrix, &mut found);
        let overrides = overrides(&settings.overrides, &mut found);
        let quiet = settings.quiet_hours.as_ref().and_then(|q| quiet(q, &mut found));
        if settings.working_hours_only && quiet.is_some_and(covers_working_hours) {
            found.push((Field::QuietHoursEnd, Invalid::QuietHoursCoverWorkday));
        }
        if !found.is_empty() {
            return Err(found);
        }
        let prefs = Prefs {
            rows,
            overrides,
            only_important: settings.only_important,
            quiet,
            working_hours_only: settings.working_hours_only,
        };
        Ok(prefs)
    }

    /// The settings back, complete and in display order.
    pub fn to_settings(&self) -> NotificationSettings {
        NotificationSettings {
            matrix: self
                .rows
                .iter()
                .map(|(event, s)| MatrixRow { event: *event, desktop: s.desktop, email: s.email, sms: s.sms })
                .collect(),
            overrides: self
                .overrides
                .iter()
                .map(|(service, s)| ServiceOverride {
                    service: service.clone(),
                    desktop: s.desktop,
                    email: s.email,
                    sms: s.sms,
                })
                .collect(),
            only_important: self.only_important,
            quiet_hours: self.quiet.map(|q| QuietHours { start: hhmm(q.start), end: hhmm(q.end) }),
            working_hours_only: self.working_hours_only,
        }
    }

    /// The switches that apply to a message: the service's override if there is one, else the
    /// event type's row.
    pub fn switches(&self, event: EventType, service: Option<&str>) -> Switches {
        let overridden = service.and_then(|code| self.overrides.iter().find(|(s, _)| s == code));
        match overridden {
            Some((_, switches)) => *switches,
            None => self.row(event),
        }
    }

    fn row(&self, event: EventType) -> Switches {
        self.rows
            .iter()
            .find(|(e, _)| *e == event)
            .map(|(_, s)| *s)
            .unwrap_or_else(|| switches_of(&event.default_row()))
    }
}

fn matrix(rows: &[MatrixRow], found: &mut Vec<(Field, Invalid)>) -> Vec<(EventType, Switches)> {
    let mut seen = Vec::new();
    for row in rows {
        if seen.contains(&row.event) {
            found.push((Field::NotificationMatrix, Invalid::Duplicate));
        }
        seen.push(row.event);
        if row.event.locked() && !(row.desktop && row.email && row.sms) {
            found.push((Field::NotificationMatrix, Invalid::NotSwitchable));
        }
    }
    EVENT_TYPES
        .into_iter()
        .map(|event| {
            let row = rows.iter().find(|r| r.event == event).cloned().unwrap_or_else(|| event.default_row());
            (event, switches_of(&row))
        })
        .collect()
}

fn overrides(list: &[ServiceOverride], found: &mut Vec<(Field, Invalid)>) -> Vec<(String, Switches)> {
    let mut out: Vec<(String, Switches)> = Vec::new();
    for item in list {
        let code = item.service.trim();
        if event::service_name(code, crate::i18n::Locale::Ru).is_none() {
            found.push((Field::Service, Invalid::ServiceUnknown));
        } else if out.iter().any(|(known, _)| known == code) {
            found.push((Field::Service, Invalid::Duplicate));
        } else {
            out.push((code.to_owned(), Switches { desktop: item.desktop, email: item.email, sms: item.sms }));
        }
    }
    out
}

fn quiet(hours: &QuietHours, found: &mut Vec<(Field, Invalid)>) -> Option<Quiet> {
    let start = minute_of_day(&hours.start).map_err(|e| found.push((Field::QuietHoursStart, e))).ok();
    let end = minute_of_day(&hours.end).map_err(|e| found.push((Field::QuietHoursEnd, e))).ok();
    let (start, end) = (start?, end?);
    if start == end {
        found.push((Field::QuietHoursEnd, Invalid::QuietHoursEmpty));
        return None;
    }
    Some(Quiet { start, end })
}

fn covers_working_hours(quiet: Quiet) -> bool {
    (WORK_START_MINUTE..WORK_END_MINUTE).all(|minute| quiet.contains(minute))
}

/// `ЧЧ:ММ` (or `Ч:ММ`) as minutes since midnight.
pub fn minute_of_day(text: &str) -> Result<u16, Invalid> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Invalid::Required);
    }
    let (h, m) = text.split_once(':').ok_or(Invalid::TimeFormat)?;
    let digits = |s: &str, max: u16| -> Result<u16, Invalid> {
        let ok = (1..=2).contains(&s.len()) && s.chars().all(|c| c.is_ascii_digit());
        let value: u16 =
            if ok { s.parse().map_err(|_| Invalid::TimeFormat)? } else { return Err(Invalid::TimeFormat) };
        if value > max { Err(Invalid::TimeFormat) } else { Ok(value) }
    };
    if m.len() != 2 {
        return Err(Invalid::TimeFormat);
    }
    Ok(digits(h, 23)? * 60 + digits(m, 59)?)
}

/// Minutes since midnight as `ЧЧ:ММ`.
pub fn hhmm(minute: u16) -> String {
    format!("{:02}:{:02}", minute / 60, minute % 60)
}

#[derive(sqlx::FromRow)]
struct Stored {
    current: String,
    previous: Option<String>,
    saved_at: i64,
}

/// What is saved for an account: the prefs, whether «Отменить» can act, and when.
pub struct Saved {
    /// The prefs in force.
    pub prefs: Prefs,
    /// A previous version exists.
    pub can_undo: bool,
    /// When saved (RFC 3339), if ever.
    pub saved_at: Option<String>,
}

/// The prefs in force for an account (defaults when never saved).
pub async fn load(ctx: &Context, conn: &mut Conn, account_id: i64) -> ApiResult<Saved> {
    let stored: Option<Stored> = crate::db::query_as(
        "SELECT current, previous, saved_at FROM notification_settings WHERE account_id = ?",
    )
    .bind(account_id)
    .fetch_optional(&mut *conn)
    .await
    .map_err(ctx.db_error())?;
    let Some(stored) = stored else {
        return Ok(Saved { prefs: Prefs::default(), can_undo: false, saved_at: None });
    };
    Ok(Saved {
        prefs: decode(&stored.current),
        can_undo: stored.previous.is_some(),
        saved_at: Some(rfc3339(stored.saved_at)),
    })
}

/// Stored JSON back to prefs; anything unreadable (a newer version's) falls back to defaults
/// rather than failing every message of the account.
fn decode(json: &str) -> Prefs {
    serde_json::from_str::<NotificationSettings>(json)
        .ok()
        .and_then(|settings| Prefs::from_settings(&settings).ok())
        .unwrap_or_default()
}

fn encode(ctx: &Context, prefs: &Prefs) -> ApiResult<String> {
    serde_json::to_string(&prefs.to_settings()).map_err(|e| ApiError::internal(e, ctx.locale()))
}

/// Saves `prefs` in one statement, keeping the version before as `previous`.
pub async fn save(ctx: &Context, conn: &mut Conn, account_id: i64, prefs: &Prefs) -> ApiResult<()> {
    crate::db::query(
        "INSERT INTO notification_settings (account_id, current, previous, saved_at) VALUES (?, ?, ?, ?) \
         ON CONFLICT (account_id) DO UPDATE SET previous = notification_settings.current, current = excluded.current, \
         saved_at = excluded.saved_at",
    )
    .bind(account_id)
    .bind(encode(ctx, prefs)?)
    .bind(encode(ctx, &Prefs::default())?)
    .bind(ctx.now())
    .execute(&mut *conn)
    .await
    .map_err(ctx.db_error())?;
    Ok(())
}

/// Puts the previous version back in one statement; `nothing_to_undo` when there is none.
pub async fn undo(ctx: &Context, conn: &mut Conn, account_id: i64) -> ApiResult<()> {
    let done = crate::db::query(
        "UPDATE notification_settings SET current = previous, previous = NULL, saved_at = ? \
         WHERE account_id = ? AND previous IS NOT NULL",
    )
    .bind(ctx.now())
    .bind(account_id)
    .execute(&mut *conn)
    .await
    .map_err(ctx.db_error())?;
    if done.rows_affected() == 0 {
        return Err(ctx.error(ErrorCode::NothingToUndo));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(f: impl FnOnce(&mut NotificationSettings)) -> Result<Prefs, Vec<(Field, Invalid)>> {
        let mut settings = Prefs::default().to_settings();
        f(&mut settings);
        Prefs::from_settings(&settings)
    }

    #[test]
    fn times_are_hh_mm() {
        assert_eq!(minute_of_day("22:00"), Ok(1320));
        assert_eq!(minute_of_day(" 8:05 "), Ok(485));
        assert_eq!(minute_of_day("00:00"), Ok(0));
        assert_eq!(minute_of_day("23:59"), Ok(1439));
        for bad in ["24:00", "12:60", "12:5", "1200", "12-00", "aa:bb", "123:00", "+1:00"] {
            assert_eq!(minute_of_day(bad), Err(Invalid::TimeFormat), "{bad}");
        }
        assert_eq!(minute_of_day(" "), Err(Invalid::Required));
        assert_eq!(hhmm(485), "08:05");
    }

    #[test]
    fn quiet_hours_span_midnight() {
        let night = Quiet { start: 22 * 60, end: 8 * 60 };
        assert!(night.contains(22 * 60) && night.contains(0) && night.contains(8 * 60 - 1));
        assert!(!night.contains(8 * 60) && !night.contains(22 * 60 - 1));
        let lunch = Quiet { start: 13 * 60, end: 14 * 60 };
        assert!(lunch.contains(13 * 60) && !lunch.contains(14 * 60) && !lunch.contains(0));
    }

    #[test]
    fn defaults_round_trip() {
        let prefs = Prefs::default();
        assert_eq!(Prefs::from_settings(&prefs.to_settings()), Ok(prefs));
    }

    #[test]
    fn refuses_what_cannot_work() {
        let q = |start: &str, end: &str| Some(QuietHours { start: start.into(), end: end.into() });
        assert_eq!(
            with(|s| s.quiet_hours = q("22:00", "22:00")),
            Err(vec![(Field::QuietHoursEnd, Invalid::QuietHoursEmpty)])
        );
        assert_eq!(
            with(|s| s.quiet_hours = q("25:00", "x")),
            Err(vec![
                (Field::QuietHoursStart, Invalid::TimeFormat),
                (Field::QuietHoursEnd, Invalid::TimeFormat)
            ])
        );
        assert_eq!(
            with(|s| {
                s.quiet_hours = q("08:00", "19:00");
                s.working_hours_only = true;
            }),
            Err(vec![(Field::QuietHoursEnd, Invalid::QuietHoursCoverWorkday)])
        );
        assert!(with(|s| s.quiet_hours = q("08:00", "19:00")).is_ok());
        assert_eq!(
            with(|s| s
                .matrix
                .iter_mut()
                .filter(|r| r.event == EventType::Security)
                .for_each(|r| r.sms = false)),
            Err(vec![(Field::NotificationMatrix, Invalid::NotSwitchable)])
        );
        let over =
            |code: &str| ServiceOverride { service: code.into(), desktop: true, email: false, sms: true };
        assert_eq!(
            with(|s| s.overrides = vec![over("nope")]),
            Err(vec![(Field::Service, Invalid::ServiceUnknown)])
        );
        assert_eq!(
            with(|s| s.overrides = vec![over("taxes"), over("taxes")]),
            Err(vec![(Field::Service, Invalid::Duplicate)])
        );
    }

    #[test]
    fn missing_rows_take_defaults_and_overrides_replace_the_row() {
        let prefs = with(|s| {
            s.matrix.retain(|r| r.event != EventType::PaymentDue);
            s.overrides =
                vec![ServiceOverride { service: "taxes".into(), desktop: false, email: false, sms: true }];
        })
        .unwrap_or_default();
        let due = prefs.switches(EventType::PaymentDue, None);
        assert_eq!(due, switches_of(&EventType::PaymentDue.default_row()));
        let taxes = prefs.switches(EventType::ServiceNews, Some("taxes"));
        assert_eq!(taxes, Switches { desktop: false, email: false, sms: true });
    }
}
