//! Time as the core sees it. Every rule that depends on time (code validity, cooldowns, ages,
//! later lockouts and deadlines) reads this clock, so tests move time instead of sleeping.
//! Only builds with the `test-clock` feature (or the crate's own tests) can set the time:
//! a release build has no way to be given a fake clock.

use time::OffsetDateTime;

/// The source of "now".
#[derive(Clone, Default)]
pub struct Clock {
    #[cfg(any(test, feature = "test-clock"))]
    manual: Option<std::sync::Arc<std::sync::Mutex<OffsetDateTime>>>,
}

impl Clock {
    /// The operating system's clock.
    pub fn system() -> Self {
        Self::default()
    }

    /// The current instant, in UTC.
    pub fn now(&self) -> OffsetDateTime {
        #[cfg(any(test, feature = "test-clock"))]
        if let Some(manual) = &self.manual {
            return *manual.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        }
        OffsetDateTime::now_utc() + e2e_offset()
    }

    /// Today's date in the machine's time zone, for ages and dates the citizen types.
    pub fn today(&self) -> time::Date {
        let now = self.now();
        now.to_offset(local_offset(now)).date()
    }
}

#[cfg(any(test, feature = "test-clock"))]
impl Clock {
    /// A clock that stands still at `start` until moved.
    pub fn manual(start: OffsetDateTime) -> Self {
        Self { manual: Some(std::sync::Arc::new(std::sync::Mutex::new(start))) }
    }

    /// Moves a manual clock forward (or back, with a negative duration).
    pub fn advance(&self, by: time::Duration) {
        if let Some(manual) = &self.manual {
            let mut now = manual.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            *now += by;
        }
    }
}

/// End-to-end builds only (feature `e2e-clock`, refused in optimised builds): the number of
/// seconds in the file named by `KABINET_CLOCK_OFFSET_FILE` is added to the system time, so a
/// WebDriver test can move the running app's clock past a lock or an expiry.
#[cfg(feature = "e2e-clock")]
fn e2e_offset() -> time::Duration {
    #[cfg(not(debug_assertions))]
    compile_error!("the e2e-clock feature is for debug end-to-end builds only");
    std::env::var_os("KABINET_CLOCK_OFFSET_FILE")
        .and_then(|path| std::fs::read_to_string(path).ok())
        .and_then(|text| text.trim().parse::<i64>().ok())
        .map_or(time::Duration::ZERO, time::Duration::seconds)
}

#[cfg(not(feature = "e2e-clock"))]
fn e2e_offset() -> time::Duration {
    time::Duration::ZERO
}

/// The machine's UTC offset at `at` (chrono reads the zone database; `time` refuses to in
/// multi-threaded processes on Linux).
pub fn local_offset(at: OffsetDateTime) -> time::UtcOffset {
    use chrono::{Offset, TimeZone};
    let seconds = chrono::Local
        .timestamp_opt(at.unix_timestamp(), 0)
        .single()
        .map(|local| local.offset().fix().local_minus_utc())
        .unwrap_or(0);
    time::UtcOffset::from_whole_seconds(seconds).unwrap_or(time::UtcOffset::UTC)
}
