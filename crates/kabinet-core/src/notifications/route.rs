//! Routing: the one decision of what happens to a message on each channel, from the event, the
//! citizen's settings and the time — deliver now, hold until a time, suppressed by the settings,
//! or archived by «Только важные». Nothing else decides it, so it is tested here exhaustively.
//!
//! The order of the rules:
//! 1. Locked events (security, closure requested) go out now on every channel, whatever the
//!    settings say.
//! 2. «Только важные» files an unimportant message in the archive: the inbox row is archived and
//!    no other channel carries it.
//! 3. A channel switched off (by the service's override, else by the event type's row) is
//!    suppressed. The inbox is always on.
//! 4. The inbox shows the message at once (it makes no sound); desktop, e-mail and SMS wait for
//!    the end of the quiet hours and, if «только в рабочее время» is on, for the next working
//!    minute (Mon–Fri 09:00–18:00). Both are in the machine's local time at the moment being
//!    judged, so a hold across a change of the UTC offset ends at the local wall-clock time.

use time::{Date, Duration, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset, Weekday};

use crate::clock::local_offset;
use crate::outbox::Channel;

use super::settings::{Prefs, Quiet, WORK_END_MINUTE, WORK_START_MINUTE};
use super::types::{EventType, HoldReason};

/// The channels in the order every list shows them.
pub const CHANNELS: [Channel; 4] = [Channel::InApp, Channel::Desktop, Channel::Email, Channel::Sms];

/// What happens to a message on one channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    /// Deliver now.
    Now,
    /// Hold until `until` (Unix seconds), because of `why`.
    Hold {
        /// When it may go.
        until: i64,
        /// Quiet hours or working hours.
        why: HoldReason,
    },
    /// Switched off in the settings.
    Suppressed,
    /// Filed in the archive by «Только важные».
    Archived,
}

/// The message being routed.
#[derive(Debug, Clone, Copy)]
pub struct Message<'a> {
    /// Its event type.
    pub event: EventType,
    /// The service it concerns, if any.
    pub service: Option<&'a str>,
}

/// The decision for each channel, in [`CHANNELS`] order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Routing(pub [(Channel, Route); 4]);

impl Routing {
    /// The decision for `channel`.
    pub fn of(&self, channel: Channel) -> Route {
        self.0.iter().find(|(c, _)| *c == channel).map_or(Route::Suppressed, |(_, route)| *route)
    }
}

/// Routes `message` at `now` in the machine's time zone.
pub fn route(message: Message<'_>, prefs: &Prefs, now: OffsetDateTime) -> Routing {
    route_in(message, prefs, now, &local_offset)
}

/// Routes `message` at `now` with the UTC offset in force at each instant given by `zone`.
pub fn route_in(
    message: Message<'_>,
    prefs: &Prefs,
    now: OffsetDateTime,
    zone: &dyn Fn(OffsetDateTime) -> UtcOffset,
) -> Routing {
    if message.event.locked() {
        return Routing(CHANNELS.map(|channel| (channel, Route::Now)));
    }
    if prefs.only_important && !message.event.important() {
        return Routing(CHANNELS.map(|channel| (channel, Route::Archived)));
    }
    let switches = prefs.switches(message.event, message.service);
    let release = release_time(prefs, now, zone);
    Routing(CHANNELS.map(|channel| {
        let route = if !switches.allows(channel) {
            Route::Suppressed
        } else if channel == Channel::InApp {
            Route::Now
        } else {
            release.map_or(Route::Now, |(until, why)| Route::Hold { until: until.unix_timestamp(), why })
        };
        (channel, route)
    }))
}

/// The first instant at or after `now` outside the quiet hours and, if asked, inside working
/// hours, with the rule that held the message first; `None` when it may go now.
pub fn release_time(
    prefs: &Prefs,
    now: OffsetDateTime,
    zone: &dyn Fn(OffsetDateTime) -> UtcOffset,
) -> Option<(OffsetDateTime, HoldReason)> {
    let mut at = now;
    let mut why = None;
    // Each step jumps to a quiet-hours end or a working-hours start; validated settings settle in
    // at most three (quiet end → next working day → its quiet end); the bound only guards.
    for _ in 0..16 {
        let local = at.to_offset(zone(at));
        let minute = (local.hour() as u16) * 60 + local.minute() as u16;
        if let Some(quiet) = prefs.quiet.filter(|q| q.contains(minute)) {
            at = quiet_end(quiet, local, minute, zone);
            why.get_or_insert(HoldReason::QuietHours);
        } else if prefs.working_hours_only && !is_working(local.weekday(), minute) {
            at = next_working_start(local, minute, zone);
            why.get_or_insert(HoldReason::WorkingHours);
        } else {
            break;
        }
    }
    why.map(|why| (at, why))
}

fn is_working(day: Weekday, minute: u16) -> bool {
    is_workday(day) && (WORK_START_MINUTE..WORK_END_MINUTE).contains(&minute)
}

fn is_workday(day: Weekday) -> bool {
    !matches!(day, Weekday::Saturday | Weekday::Sunday)
}

/// The end of the quiet hours that contain `local`: today if the end is still ahead (a span
/// past midnight, or an interval within the day), else tomorrow.
fn quiet_end(
    quiet: Quiet,
    local: OffsetDateTime,
    minute: u16,
    zone: &dyn Fn(OffsetDateTime) -> UtcOffset,
) -> OffsetDateTime {
    let date = if minute < quiet.end { local.date() } else { next_day(local.date()) };
    at_local(date, quiet.end, local, zone)
}

fn next_working_start(
    local: OffsetDateTime,
    minute: u16,
    zone: &dyn Fn(OffsetDateTime) -> UtcOffset,
) -> OffsetDateTime {
    let mut date = if is_workday(local.weekday()) && minute < WORK_START_MINUTE {
        local.date()
    } else {
        next_day(local.date())
    };
    while !is_workday(date.weekday()) {
        date = next_day(date);
    }
    at_local(date, WORK_START_MINUTE, local, zone)
}

fn next_day(date: Date) -> Date {
    date.next_day().unwrap_or(date)
}

/// The instant at which the local clock shows `minute` on `date`, using the offset in force then
/// (guessed from `from`'s offset, then corrected once — enough for daylight-saving shifts).
fn at_local(
    date: Date,
    minute: u16,
    from: OffsetDateTime,
    zone: &dyn Fn(OffsetDateTime) -> UtcOffset,
) -> OffsetDateTime {
    let time = Time::from_hms((minute / 60) as u8, (minute % 60) as u8, 0).unwrap_or(Time::MIDNIGHT);
    let wall = PrimitiveDateTime::new(date, time);
    let guess = wall.assume_offset(from.offset());
    let corrected = wall.assume_offset(zone(guess));
    // Never step backwards (a wall time skipped by a forward shift resolves to a later instant).
    if corrected < from { from + Duration::minutes(1) } else { corrected }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notifications::event::EVENT_TYPES;
    use crate::notifications::types::{MatrixRow, NotificationSettings, QuietHours, ServiceOverride};
    use time::macros::{datetime, offset};

    const MSK: UtcOffset = offset!(+3);
    const VLADIVOSTOK: UtcOffset = offset!(+10);
    const NEW_YORK: UtcOffset = offset!(-5);

    fn fixed(offset: UtcOffset) -> impl Fn(OffsetDateTime) -> UtcOffset {
        move |_| offset
    }

    fn prefs(f: impl FnOnce(&mut NotificationSettings)) -> Prefs {
        let mut settings = Prefs::default().to_settings();
        f(&mut settings);
        Prefs::from_settings(&settings).unwrap_or_else(|e| panic!("settings refused: {e:?}"))
    }

    fn night(s: &mut NotificationSettings) {
        s.quiet_hours = Some(QuietHours { start: "22:00".into(), end: "08:00".into() });
    }

    fn all_on(s: &mut NotificationSettings) {
        for row in &mut s.matrix {
            (row.desktop, row.email, row.sms) = (true, true, true);
        }
    }

    fn all_off(s: &mut NotificationSettings) {
        for row in s.matrix.iter_mut().filter(|r| !r.event.locked()) {
            (row.desktop, row.email, row.sms) = (false, false, false);
        }
    }

    const RESULT: Message<'static> = Message { event: EventType::ApplicationResultReady, service: None };
    const NEWS: Message<'static> = Message { event: EventType::ServiceNews, service: None };
    const SECURITY: Message<'static> = Message { event: EventType::Security, service: None };

    fn hold(until: OffsetDateTime, why: HoldReason) -> Route {
        Route::Hold { until: until.unix_timestamp(), why }
    }

    fn external(routing: &Routing) -> [Route; 3] {
        [routing.of(Channel::Desktop), routing.of(Channel::Email), routing.of(Channel::Sms)]
    }

    #[test]
    fn quiet_hours_spanning_midnight_hold_until_their_end_in_local_time() {
        let p = prefs(|s| {
            all_on(s);
            night(s);
        });
        let zone = fixed(MSK);
        // Local (MSK) wall-clock time → expected release, also local.
        let cases = [
            (datetime!(2026-11-25 21:59:59 +3), None),
            (datetime!(2026-11-25 22:00 +3), Some(datetime!(2026-11-26 08:00 +3))),
            (datetime!(2026-11-25 23:30 +3), Some(datetime!(2026-11-26 08:00 +3))),
            (datetime!(2026-11-26 00:00 +3), Some(datetime!(2026-11-26 08:00 +3))),
            (datetime!(2026-11-26 03:15 +3), Some(datetime!(2026-11-26 08:00 +3))),
            (datetime!(2026-11-26 07:59:59 +3), Some(datetime!(2026-11-26 08:00 +3))),
            (datetime!(2026-11-26 08:00 +3), None),
            (datetime!(2026-12-31 23:00 +3), Some(datetime!(2027-01-01 08:00 +3))),
        ];
        for (now, release) in cases {
            let routing = route_in(RESULT, &p, now.to_offset(UtcOffset::UTC), &zone);
            assert_eq!(routing.of(Channel::InApp), Route::Now, "{now}");
            let expected = release.map_or(Route::Now, |at| hold(at, HoldReason::QuietHours));
            assert_eq!(external(&routing), [expected; 3], "{now}");
        }
    }

    #[test]
    fn quiet_hours_follow_the_zone_not_utc() {
        let p = prefs(|s| {
            all_on(s);
            night(s);
        });
        // 13:30 UTC is 23:30 in Vladivostok (quiet) but 08:30 in New York (not quiet).
        let now = datetime!(2026-11-25 13:30 UTC);
        let far_east = route_in(RESULT, &p, now, &fixed(VLADIVOSTOK));
        assert_eq!(far_east.of(Channel::Sms), hold(datetime!(2026-11-26 08:00 +10), HoldReason::QuietHours));
        assert_eq!(route_in(RESULT, &p, now, &fixed(NEW_YORK)).of(Channel::Sms), Route::Now);
        // 03:00 UTC is 22:00 in New York: quiet until 08:00 New York the same calendar day there.
        let late = route_in(RESULT, &p, datetime!(2026-11-26 03:00 UTC), &fixed(NEW_YORK));
        assert_eq!(late.of(Channel::Email), hold(datetime!(2026-11-26 08:00 -5), HoldReason::QuietHours));
    }

    #[test]
    fn a_hold_across_a_daylight_saving_change_ends_at_local_wall_time() {
        // A zone at -05:00 until 07:00 UTC on 8 March 2026, -04:00 after (US Eastern).
        let switch = datetime!(2026-03-08 07:00 UTC);
        let zone = move |at: OffsetDateTime| if at < switch { offset!(-5) } else { offset!(-4) };
        let p = prefs(|s| {
            all_on(s);
            night(s);
        });
        let routing = route_in(RESULT, &p, datetime!(2026-03-07 23:00 -5).to_offset(UtcOffset::UTC), &zone);
        assert_eq!(routing.of(Channel::Sms), hold(datetime!(2026-03-08 08:00 -4), HoldReason::QuietHours));
    }

    #[test]
    fn quiet_hours_within_one_day() {
        let p = prefs(|s| {
            all_on(s);
            s.quiet_hours = Some(QuietHours { start: "13:00".into(), end: "14:30".into() });
        });
        let zone = fixed(MSK);
        let at = |t: OffsetDateTime| route_in(RESULT, &p, t, &zone).of(Channel::Desktop);
        assert_eq!(at(datetime!(2026-11-25 12:59 +3)), Route::Now);
        assert_eq!(
            at(datetime!(2026-11-25 13:00 +3)),
            hold(datetime!(2026-11-25 14:30 +3), HoldReason::QuietHours)
        );
        assert_eq!(
            at(datetime!(2026-11-25 14:29 +3)),
            hold(datetime!(2026-11-25 14:30 +3), HoldReason::QuietHours)
        );
        assert_eq!(at(datetime!(2026-11-25 14:30 +3)), Route::Now);
        assert_eq!(at(datetime!(2026-11-25 23:00 +3)), Route::Now);
    }

    #[test]
    fn working_hours_only_holds_until_the_next_working_minute() {
        let p = prefs(|s| {
            all_on(s);
            s.working_hours_only = true;
        });
        let zone = fixed(MSK);
        let at = |t: OffsetDateTime| route_in(RESULT, &p, t, &zone).of(Channel::Email);
        // 25.11.2026 is a Wednesday.
        assert_eq!(
            at(datetime!(2026-11-25 08:59 +3)),
            hold(datetime!(2026-11-25 09:00 +3), HoldReason::WorkingHours)
        );
        assert_eq!(at(datetime!(2026-11-25 09:00 +3)), Route::Now);
        assert_eq!(at(datetime!(2026-11-25 17:59:59 +3)), Route::Now);
        assert_eq!(
            at(datetime!(2026-11-25 18:00 +3)),
            hold(datetime!(2026-11-26 09:00 +3), HoldReason::WorkingHours)
        );
        assert_eq!(
            at(datetime!(2026-11-27 18:30 +3)),
            hold(datetime!(2026-11-30 09:00 +3), HoldReason::WorkingHours)
        );
        assert_eq!(
            at(datetime!(2026-11-28 12:00 +3)),
            hold(datetime!(2026-11-30 09:00 +3), HoldReason::WorkingHours)
        );
        assert_eq!(
            at(datetime!(2026-11-29 23:59 +3)),
            hold(datetime!(2026-11-30 09:00 +3), HoldReason::WorkingHours)
        );
        assert_eq!(
            route_in(RESULT, &p, datetime!(2026-11-28 12:00 +3), &zone).of(Channel::InApp),
            Route::Now
        );
    }

    #[test]
    fn quiet_and_working_hours_combine() {
        let p = prefs(|s| {
            all_on(s);
            night(s);
            s.working_hours_only = true;
            s.quiet_hours = Some(QuietHours { start: "22:00".into(), end: "09:30".into() });
        });
        let zone = fixed(MSK);
        // Friday 23:00: quiet until Saturday 09:30, then no work until Monday 09:00, which is
        // quiet until 09:30. The first rule that held it was the quiet hours.
        let friday = route_in(RESULT, &p, datetime!(2026-11-27 23:00 +3), &zone);
        assert_eq!(friday.of(Channel::Sms), hold(datetime!(2026-11-30 09:30 +3), HoldReason::QuietHours));
        // Wednesday 19:00: not quiet yet, but after work: Thursday 09:00 is quiet → 09:30.
        let evening = route_in(RESULT, &p, datetime!(2026-11-25 19:00 +3), &zone);
        assert_eq!(evening.of(Channel::Sms), hold(datetime!(2026-11-26 09:30 +3), HoldReason::WorkingHours));
    }

    #[test]
    fn only_important_archives_the_rest_silently() {
        let p = prefs(|s| {
            all_on(s);
            s.only_important = true;
        });
        let now = datetime!(2026-11-25 12:00 +3);
        let news = route_in(NEWS, &p, now, &fixed(MSK));
        assert_eq!(news, Routing(CHANNELS.map(|c| (c, Route::Archived))));
        let result = route_in(RESULT, &p, now, &fixed(MSK));
        assert_eq!(result, Routing(CHANNELS.map(|c| (c, Route::Now))));
        // The override of a service does not let an unimportant message through.
        let p = prefs(|s| {
            s.only_important = true;
            s.overrides =
                vec![ServiceOverride { service: "taxes".into(), desktop: true, email: true, sms: true }];
        });
        let taxes_news = Message { event: EventType::ServiceNews, service: Some("taxes") };
        assert_eq!(route_in(taxes_news, &p, now, &fixed(MSK)).of(Channel::Sms), Route::Archived);
    }

    #[test]
    fn per_service_overrides_replace_the_row() {
        let p = prefs(|s| {
            for row in &mut s.matrix {
                if row.event == EventType::ApplicationAccepted {
                    *row = MatrixRow { event: row.event, desktop: true, email: false, sms: false };
                }
            }
            s.overrides = vec![
                ServiceOverride {
                    service: "passport_foreign".into(),
                    desktop: false,
                    email: true,
                    sms: true,
                },
                ServiceOverride { service: "taxes".into(), desktop: false, email: false, sms: false },
            ];
        });
        let now = datetime!(2026-11-25 12:00 +3);
        let zone = fixed(MSK);
        let accepted = |service| Message { event: EventType::ApplicationAccepted, service };
        let plain = route_in(accepted(None), &p, now, &zone);
        assert_eq!(external(&plain), [Route::Now, Route::Suppressed, Route::Suppressed]);
        let other_service = route_in(accepted(Some("marriage")), &p, now, &zone);
        assert_eq!(external(&other_service), [Route::Now, Route::Suppressed, Route::Suppressed]);
        let passport = route_in(accepted(Some("passport_foreign")), &p, now, &zone);
        assert_eq!(external(&passport), [Route::Suppressed, Route::Now, Route::Now]);
        let taxes =
            route_in(Message { event: EventType::PaymentDue, service: Some("taxes") }, &p, now, &zone);
        assert_eq!(taxes.of(Channel::InApp), Route::Now);
        assert_eq!(external(&taxes), [Route::Suppressed; 3]);
    }

    #[test]
    fn security_ignores_every_setting() {
        let p = prefs(|s| {
            all_off(s);
            night(s);
            s.quiet_hours = Some(QuietHours { start: "00:00".into(), end: "23:59".into() });
            s.only_important = true;
            s.overrides =
                vec![ServiceOverride { service: "taxes".into(), desktop: false, email: false, sms: false }];
        });
        let p_work = prefs(|s| {
            all_off(s);
            night(s);
            s.working_hours_only = true;
        });
        for now in
            [datetime!(2026-11-25 03:00 +3), datetime!(2026-11-28 23:30 +3), datetime!(2026-11-25 12:00 +3)]
        {
            for p in [&p, &p_work] {
                for event in [EventType::Security, EventType::ClosureRequested] {
                    for service in [None, Some("taxes")] {
                        let routing = route_in(Message { event, service }, p, now, &fixed(VLADIVOSTOK));
                        assert_eq!(routing, Routing(CHANNELS.map(|c| (c, Route::Now))), "{event:?} {now}");
                    }
                }
            }
        }
        // The same settings do hold or suppress an ordinary message.
        let ordinary = route_in(RESULT, &p_work, datetime!(2026-11-28 23:30 +3), &fixed(MSK));
        assert_eq!(external(&ordinary), [Route::Suppressed; 3]);
        assert_eq!(
            route_in(SECURITY, &Prefs::default(), datetime!(2026-11-25 12:00 +3), &fixed(MSK))
                .of(Channel::Sms),
            Route::Now
        );
    }

    /// Every event type × a grid of settings × every half hour of a week, in three zones: the
    /// invariants of the rules hold for every combination.
    #[test]
    fn exhaustive_invariants() {
        let quiet_options =
            [None, Some(("22:00", "08:00")), Some(("13:00", "14:00")), Some(("00:00", "06:30"))];
        let zones = [MSK, VLADIVOSTOK, NEW_YORK];
        let mut checked = 0u32;
        for quiet in quiet_options {
            for only_important in [false, true] {
                for working in [false, true] {
                    for mask in 0..8u8 {
                        let p = prefs(|s| {
                            for row in s.matrix.iter_mut().filter(|r| !r.event.locked()) {
                                (row.desktop, row.email, row.sms) =
                                    (mask & 1 != 0, mask & 2 != 0, mask & 4 != 0);
                            }
                            s.quiet_hours = quiet.map(|(a, b)| QuietHours { start: a.into(), end: b.into() });
                            s.only_important = only_important;
                            s.working_hours_only = working;
                        });
                        for zone in zones {
                            for step in 0..(7 * 48) {
                                let now = datetime!(2026-11-23 00:10 UTC) + Duration::minutes(30 * step);
                                for event in EVENT_TYPES {
                                    check(event, &p, now, zone, mask);
                                    checked += 1;
                                }
                            }
                        }
                    }
                }
            }
        }
        assert!(checked > 1_000_000, "{checked}");
    }

    fn check(event: EventType, p: &Prefs, now: OffsetDateTime, zone: UtcOffset, mask: u8) {
        let routing = route_in(Message { event, service: None }, p, now, &fixed(zone));
        if event.locked() {
            assert_eq!(routing, Routing(CHANNELS.map(|c| (c, Route::Now))));
            return;
        }
        if p.only_important && !event.important() {
            assert_eq!(routing, Routing(CHANNELS.map(|c| (c, Route::Archived))));
            return;
        }
        assert_eq!(routing.of(Channel::InApp), Route::Now);
        for (bit, channel) in [(1, Channel::Desktop), (2, Channel::Email), (4, Channel::Sms)] {
            match routing.of(channel) {
                Route::Suppressed => assert_eq!(mask & bit, 0),
                Route::Archived => panic!("archived without «Только важные»"),
                Route::Now => {
                    assert_ne!(mask & bit, 0);
                    assert!(allowed(p, now.to_offset(zone)), "{now} sent in a closed window");
                }
                Route::Hold { until, .. } => {
                    assert_ne!(mask & bit, 0);
                    assert!(until > now.unix_timestamp());
                    assert!(!allowed(p, now.to_offset(zone)));
                    let release = OffsetDateTime::from_unix_timestamp(until).unwrap_or(now).to_offset(zone);
                    assert!(allowed(p, release), "released at {release} in a closed window");
                    assert!(
                        !allowed(p, release - Duration::minutes(1)),
                        "{release} is not the first open minute"
                    );
                    assert!(until - now.unix_timestamp() <= 4 * 24 * 3600);
                }
            }
        }
    }

    fn allowed(p: &Prefs, local: OffsetDateTime) -> bool {
        let minute = local.hour() as u16 * 60 + local.minute() as u16;
        let quiet = p.quiet.is_some_and(|q| q.contains(minute));
        let closed = p.working_hours_only && !is_working(local.weekday(), minute);
        !quiet && !closed
    }
}
