//! «Уведомления» end to end on a real encrypted database under the real keyring: quiet hours in
//! the machine's time zone, «Только важные», per-service overrides, security ignoring all of
//! them, the inbox, settings with undo, delivery through a real SMTP server and a real HTTP
//! gateway on loopback (failing twice, then delivering once), and a process killed between the
//! commit and the delivery.
//!
//! Run: `scripts/lib/with-keyring.sh cargo test -p kabinet-core --test core notifications::`
//! (also with `TZ=Asia/Vladivostok` or any other zone: times are computed in the machine's zone).

use crate::common::*;
use crate::servers;
use kabinet_core::notifications::types::{
    AttemptResult, ChannelDelivery, DeliveryStatus, EventCategory, EventType, Folder, HistoryQuery,
    HoldReason, InboxQuery, MarkReadRequest, MatrixRow, MessageRequest, NewNotification,
    NotificationSettings, Published, QuietHours, ServiceOverride, SuppressReason,
};
use kabinet_core::outbox::Channel;
use kabinet_core::validate::Invalid;
use kabinet_core::{Caller, Client, ErrorCode, Field, Kabinet, local_offset};
use time::format_description::well_known::Rfc3339;
use time::{Date, Duration, Month, OffsetDateTime, PrimitiveDateTime, Time};

const PHONE: &str = "+79161234571";
const EMAIL: &str = "anna@example.ru";

struct Citizen {
    f: Fixture,
    number: String,
}

async fn citizen() -> Citizen {
    let f = fixture().await;
    let number = register(&f.client(), PHONE).await;
    add_identifier(&f.dir, PHONE, "email", EMAIL).await;
    f.client().session().sign_in(sign_in_request(PHONE, PASSWORD)).await.unwrap();
    Citizen { f, number }
}

async fn publish(kabinet: &Kabinet, number: &str, event: EventType, service: Option<&str>) -> Published {
    kabinet
        .notifications()
        .publish(NewNotification {
            account_number: number.into(),
            event,
            service: service.map(Into::into),
            title: format!("Тест: {event:?}"),
            body: format!("Сообщение {event:?} {}", service.unwrap_or("-")),
        })
        .await
        .unwrap()
}

fn newest(folder: Folder) -> InboxQuery {
    InboxQuery { folder, category: None, before: None, limit: None }
}

fn on(deliveries: &[ChannelDelivery], channel: Channel) -> &ChannelDelivery {
    deliveries.iter().find(|d| d.channel == channel).unwrap()
}

fn statuses(deliveries: &[ChannelDelivery]) -> Vec<(Channel, DeliveryStatus)> {
    deliveries.iter().map(|d| (d.channel, d.status)).collect()
}

async fn history_of(kabinet: &Client<'_>, id: i64) -> Vec<ChannelDelivery> {
    let page =
        kabinet.notifications().history(HistoryQuery { before: Some(id + 1), limit: Some(1) }).await.unwrap();
    assert_eq!(page.messages[0].id, id);
    page.messages[0].deliveries.clone()
}

async fn settings_with(kabinet: &Client<'_>, f: impl FnOnce(&mut NotificationSettings)) {
    let mut settings = kabinet.notifications().settings().await.unwrap().settings;
    f(&mut settings);
    kabinet.notifications().save_settings(settings).await.unwrap();
}

/// The instant the machine's clock shows `hour:minute` on `date`.
fn local(date: Date, hour: u8, minute: u8) -> OffsetDateTime {
    let wall = PrimitiveDateTime::new(date, Time::from_hms(hour, minute, 0).unwrap());
    let guess = wall.assume_offset(local_offset(wall.assume_utc()));
    wall.assume_offset(local_offset(guess))
}

fn move_clock_to(f: &Fixture, at: OffsetDateTime) {
    let by = at - f.clock.now();
    f.clock.advance(by);
}

/// Moves the clock and signs in again (the idle timeout has ended the session meanwhile).
async fn later(c: &Citizen, by: Duration) {
    c.f.clock.advance(by);
    sign_in_again(&c.f.client()).await;
}

async fn at(c: &Citizen, when: OffsetDateTime) {
    move_clock_to(&c.f, when);
    sign_in_again(&c.f.client()).await;
}

async fn sign_in_again(kabinet: &Client<'_>) {
    kabinet.session().sign_in(sign_in_request(PHONE, PASSWORD)).await.unwrap();
}

fn rfc(at: OffsetDateTime) -> String {
    at.to_offset(time::UtcOffset::UTC).format(&Rfc3339).unwrap()
}

const NOV_25: Date = time::macros::date!(2026 - 11 - 25);

#[tokio::test]
async fn quiet_hours_spanning_midnight_hold_messages_in_the_machine_time_zone() {
    let c = citizen().await;
    let k = &c.f.client();
    settings_with(k, |s| s.quiet_hours = Some(QuietHours { start: "22:00".into(), end: "08:00".into() }))
        .await;
    at(&c, local(NOV_25, 23, 30)).await;
    let published = publish(k, &c.number, EventType::ApplicationResultReady, Some("passport_rf")).await;
    let release = local(NOV_25.next_day().unwrap(), 8, 0);
    assert_eq!(on(&published.deliveries, Channel::InApp).status, DeliveryStatus::Sent);
    for channel in [Channel::Desktop, Channel::Email, Channel::Sms] {
        let d = on(&published.deliveries, channel);
        assert_eq!(d.status, DeliveryStatus::Held, "{channel:?}");
        assert_eq!(d.hold_reason, Some(HoldReason::QuietHours));
        assert_eq!(d.held_until.as_deref(), Some(rfc(release).as_str()));
        assert_eq!(d.held_until_local.as_deref(), Some("08:00"));
        assert!(d.summary.starts_with("Отложено (тихие часы) до 08:00"), "{}", d.summary);
    }
    // The inbox shows it at once; nothing else goes out during the quiet hours.
    assert_eq!(k.notifications().unread_count().await.unwrap().unread, 1);
    k.outbox().deliver_due().await.unwrap();
    assert!(k.notifications().take_desktop().await.unwrap().is_empty());
    move_clock_to(&c.f, local(NOV_25.next_day().unwrap(), 7, 59));
    k.outbox().deliver_due().await.unwrap();
    assert_eq!(k.outbox().last_for(PHONE).await.unwrap().unwrap().status, "pending");
    at(&c, release).await; // signing in runs the worker too, as every flow does
    k.outbox().deliver_due().await.unwrap();
    let toasts = k.notifications().take_desktop().await.unwrap();
    assert_eq!(toasts.len(), 1);
    assert_eq!(toasts[0].id, published.id);
    assert!(toasts[0].title.starts_with("Тест: ") && toasts[0].body.starts_with("Сообщение "), "opened");
    let after = history_of(k, published.id).await;
    assert!(after.iter().all(|d| d.status == DeliveryStatus::Sent), "{:?}", statuses(&after));
    let sms = on(&after, Channel::Sms);
    assert_eq!(sms.at.as_deref(), Some(rfc(release).as_str()));
    assert_eq!(sms.attempts.len(), 1);
    assert_eq!(sms.summary, "Отправлено 08:00");
}

#[tokio::test]
async fn security_messages_ignore_quiet_hours_only_important_overrides_and_working_hours() {
    let c = citizen().await;
    let k = &c.f.client();
    settings_with(k, |s| {
        for row in s
            .matrix
            .iter_mut()
            .filter(|r| r.event != EventType::Security && r.event != EventType::ClosureRequested)
        {
            (row.desktop, row.email, row.sms) = (false, false, false);
        }
        s.quiet_hours = Some(QuietHours { start: "22:00".into(), end: "08:00".into() });
        s.only_important = true;
        s.working_hours_only = true;
        s.overrides =
            vec![ServiceOverride { service: "taxes".into(), desktop: false, email: false, sms: false }];
    })
    .await;
    // Saturday night, local time: quiet, outside working hours.
    at(&c, local(time::macros::date!(2026 - 11 - 28), 23, 30)).await;
    // A real security event: three wrong passwords lock sign-in and notify.
    for _ in 0..3 {
        let _ = k.session().sign_in(sign_in_request(PHONE, "Wrong#Pass9x")).await;
    }
    assert_eq!(k.notifications().take_desktop().await.unwrap().len(), 1, "the desktop notification too");
    let page = k.notifications().history(HistoryQuery { before: None, limit: Some(5) }).await.unwrap();
    let lockout = &page.messages[0];
    assert_eq!(lockout.event, EventType::Security);
    assert!(
        lockout.deliveries.iter().all(|d| d.status == DeliveryStatus::Sent),
        "{:?}",
        statuses(&lockout.deliveries)
    );
    let sms = k.outbox().last_for(PHONE).await.unwrap().unwrap();
    assert_eq!((sms.kind.as_str(), sms.status.as_str()), ("security_lockout", "delivered"));
    assert!(sms.body.contains("Это был не я"));
    assert_eq!(k.outbox().last_for(EMAIL).await.unwrap().unwrap().kind, "security_lockout");
    // A published security message with a muted service, and «closure requested», go out too.
    for (event, service) in [(EventType::Security, Some("taxes")), (EventType::ClosureRequested, None)] {
        let published = publish(k, &c.number, event, service).await;
        assert_eq!(k.notifications().take_desktop().await.unwrap().len(), 1);
        let history = history_of(k, published.id).await;
        assert!(
            history.iter().all(|d| d.status == DeliveryStatus::Sent),
            "{event:?} {:?}",
            statuses(&history)
        );
    }
    let items = k.notifications().inbox(newest(Folder::Inbox)).await.unwrap().items;
    assert!(items.iter().any(|i| i.event == EventType::Security && i.not_me && !i.archived));
    // The same settings hold an important ordinary message and archive an unimportant one.
    let ordinary = publish(k, &c.number, EventType::PaymentDue, None).await;
    assert_eq!(on(&ordinary.deliveries, Channel::Sms).status, DeliveryStatus::Suppressed);
    let news = publish(k, &c.number, EventType::ServiceNews, None).await;
    assert!(news.deliveries.iter().all(|d| d.status == DeliveryStatus::Archived));
}

#[tokio::test]
async fn only_important_files_the_rest_in_the_archive_silently() {
    let c = citizen().await;
    let k = &c.f.client();
    settings_with(k, |s| s.only_important = true).await;
    let before = k.outbox().last_for(PHONE).await.unwrap().map(|m| m.id);
    let news = publish(k, &c.number, EventType::ServiceNews, None).await;
    let accepted = publish(k, &c.number, EventType::ApplicationAccepted, Some("taxes")).await;
    for message in [&news, &accepted] {
        assert!(message.deliveries.iter().all(|d| d.status == DeliveryStatus::Archived));
        assert!(message.deliveries.iter().all(|d| d.summary == "В архиве («Только важные»)"));
    }
    assert_eq!(
        k.outbox().last_for(PHONE).await.unwrap().map(|m| m.id),
        before,
        "no SMS for archived messages"
    );
    assert!(k.notifications().take_desktop().await.unwrap().is_empty());
    assert_eq!(k.notifications().unread_count().await.unwrap().unread, 0);
    let archive = k.notifications().inbox(newest(Folder::Archive)).await.unwrap().items;
    assert_eq!(archive.iter().map(|i| i.id).collect::<Vec<_>>(), [accepted.id, news.id]);
    assert!(archive.iter().all(|i| i.archived && !i.read));
    assert!(k.notifications().inbox(newest(Folder::Inbox)).await.unwrap().items.is_empty());
    // Important messages still arrive everywhere.
    let result = publish(k, &c.number, EventType::ApplicationResultReady, None).await;
    assert_eq!(k.notifications().take_desktop().await.unwrap().len(), 1);
    let history = history_of(k, result.id).await;
    assert!(history.iter().all(|d| d.status == DeliveryStatus::Sent), "{:?}", statuses(&history));
    assert_eq!(k.notifications().unread_count().await.unwrap().unread, 1);
}

#[tokio::test]
async fn per_service_overrides_replace_the_matrix_row() {
    let c = citizen().await;
    let k = &c.f.client();
    settings_with(k, |s| {
        for row in &mut s.matrix {
            if row.event == EventType::ApplicationAccepted {
                *row = MatrixRow { event: row.event, desktop: true, email: false, sms: false };
            }
        }
        s.overrides = vec![
            ServiceOverride { service: "passport_foreign".into(), desktop: false, email: true, sms: true },
            ServiceOverride { service: "traffic_fines".into(), desktop: false, email: false, sms: false },
        ];
    })
    .await;
    let plain = publish(k, &c.number, EventType::ApplicationAccepted, Some("marriage")).await;
    assert_eq!(
        statuses(&plain.deliveries),
        [
            (Channel::InApp, DeliveryStatus::Sent),
            (Channel::Desktop, DeliveryStatus::Pending),
            (Channel::Email, DeliveryStatus::Suppressed),
            (Channel::Sms, DeliveryStatus::Suppressed),
        ]
    );
    assert_eq!(on(&plain.deliveries, Channel::Sms).suppressed, Some(SuppressReason::Settings));
    assert_eq!(on(&plain.deliveries, Channel::Sms).summary, "Не отправлялось: отключено в настройках");
    let passport = publish(k, &c.number, EventType::ApplicationAccepted, Some("passport_foreign")).await;
    assert_eq!(
        statuses(&passport.deliveries),
        [
            (Channel::InApp, DeliveryStatus::Sent),
            (Channel::Desktop, DeliveryStatus::Suppressed),
            (Channel::Email, DeliveryStatus::Sent),
            (Channel::Sms, DeliveryStatus::Sent),
        ]
    );
    assert_eq!(
        k.outbox().last_for(PHONE).await.unwrap().unwrap().body,
        "Сообщение ApplicationAccepted passport_foreign"
    );
    let fine = publish(k, &c.number, EventType::PaymentDue, Some("traffic_fines")).await;
    assert!(fine.deliveries[1..].iter().all(|d| d.status == DeliveryStatus::Suppressed));
    assert_eq!(k.notifications().take_desktop().await.unwrap().len(), 1);
}

#[tokio::test]
async fn settings_are_validated_saved_whole_and_undone_once() {
    let c = citizen().await;
    let k = &c.f.client();
    let view = k.notifications().settings().await.unwrap();
    assert!(!view.can_undo && view.saved_at.is_none());
    assert_eq!(view.events.len(), 14);
    assert!(view.events.iter().any(|e| e.event == EventType::Security && e.locked));
    let defaults = view.settings.clone();
    let mut bad = defaults.clone();
    bad.quiet_hours = Some(QuietHours { start: "25:00".into(), end: "08:00".into() });
    bad.matrix.iter_mut().filter(|r| r.event == EventType::Security).for_each(|r| r.email = false);
    bad.overrides =
        vec![ServiceOverride { service: "unknown".into(), desktop: true, email: true, sms: true }];
    let refused = k.notifications().save_settings(bad).await.unwrap_err();
    assert_eq!(refused.code, ErrorCode::Validation);
    let fields: Vec<Field> = refused.fields.iter().map(|f| f.field).collect();
    assert_eq!(fields, [Field::NotificationMatrix, Field::Service, Field::QuietHoursStart]);
    assert!(!k.notifications().settings().await.unwrap().can_undo, "nothing saved");
    settings_with(k, |s| s.working_hours_only = true).await;
    settings_with(k, |s| s.only_important = true).await;
    let saved = k.notifications().settings().await.unwrap();
    assert!(saved.can_undo && saved.settings.only_important && saved.settings.working_hours_only);
    let undone = k.notifications().undo_settings().await.unwrap();
    assert!(!undone.settings.only_important && undone.settings.working_hours_only && !undone.can_undo);
    assert_eq!(k.notifications().undo_settings().await.unwrap_err().code, ErrorCode::NothingToUndo);
    // The first save's previous version is the defaults.
    let other_caller = Caller::new();
    let fresh = c.f.kabinet.client(&other_caller);
    citizen_two(&fresh).await;
    settings_with(&fresh, |s| s.only_important = true).await;
    assert_eq!(fresh.notifications().undo_settings().await.unwrap().settings, defaults);
}

/// A second citizen in the same database, signed in as a second caller of the same Кабинет.
async fn citizen_two(kabinet: &Client<'_>) {
    register(kabinet, "+79161234572").await;
    kabinet.session().sign_in(sign_in_request("+79161234572", PASSWORD)).await.unwrap();
}

#[tokio::test]
async fn inbox_reads_filters_pages_deletes_restores_and_purges() {
    let c = citizen().await;
    let k = &c.f.client();
    let n = k.notifications();
    let mut ids = Vec::new();
    for i in 0..25 {
        let event = if i % 5 == 0 { EventType::PaymentDue } else { EventType::ApplicationInReview };
        ids.push(publish(k, &c.number, event, None).await.id);
    }
    assert_eq!(n.unread_count().await.unwrap().unread, 25);
    let query = |folder, category, before| InboxQuery { folder, category, before, limit: Some(10) };
    let first = n.inbox(query(Folder::Inbox, None, None)).await.unwrap();
    assert_eq!(first.items.len(), 10);
    assert_eq!(first.items[0].id, ids[24]);
    let second = n.inbox(query(Folder::Inbox, None, first.next_before)).await.unwrap();
    assert_eq!(second.items[0].id, ids[14]);
    let third = n.inbox(query(Folder::Inbox, None, second.next_before)).await.unwrap();
    assert_eq!((third.items.len(), third.next_before), (5, None));
    let reminders = n.inbox(query(Folder::Inbox, Some(EventCategory::Reminders), None)).await.unwrap();
    assert_eq!(
        reminders.items.iter().map(|i| i.id).collect::<Vec<_>>(),
        [ids[20], ids[15], ids[10], ids[5], ids[0]]
    );
    // Open, unread again, all read.
    let opened = n.open(MessageRequest { id: ids[3] }).await.unwrap();
    assert!(opened.read);
    assert_eq!(opened.title, "Тест: ApplicationInReview");
    assert_sealed_at_rest(&c, ids[3], &opened.title, &opened.body).await;
    assert_eq!(n.unread_count().await.unwrap().unread, 24);
    assert_eq!(n.mark_read(MarkReadRequest { id: ids[3], read: false }).await.unwrap().unread, 25);
    assert_eq!(n.mark_all_read().await.unwrap().unread, 0);
    assert_eq!(n.mark_read(MarkReadRequest { id: ids[4], read: false }).await.unwrap().unread, 1);
    // Delete (the unread one leaves the count), restore within 30 days.
    assert_eq!(n.delete(MessageRequest { id: ids[4] }).await.unwrap().unread, 0);
    let deleted = n.inbox(query(Folder::Deleted, None, None)).await.unwrap().items;
    assert_eq!(deleted.len(), 1);
    assert_eq!(deleted[0].purge_at.as_deref(), Some("2026-12-25T09:00:00Z"));
    assert_eq!(n.restore(MessageRequest { id: ids[4] }).await.unwrap().unread, 1);
    assert_eq!(n.delete(MessageRequest { id: ids[4] }).await.unwrap().unread, 0);
    later(&c, Duration::days(30)).await;
    k.outbox().deliver_due().await.unwrap();
    assert_eq!(n.restore(MessageRequest { id: ids[4] }).await.unwrap_err().code, ErrorCode::NotFound);
    assert_eq!(n.open(MessageRequest { id: ids[4] }).await.unwrap_err().code, ErrorCode::NotFound);
    assert!(n.inbox(query(Folder::Deleted, None, None)).await.unwrap().items.is_empty());
    // Another citizen's message is not found.
    let other_caller = Caller::new();
    let other = c.f.kabinet.client(&other_caller);
    citizen_two(&other).await;
    let message = || MessageRequest { id: ids[0] };
    assert_eq!(other.notifications().open(message()).await.unwrap_err().code, ErrorCode::NotFound);
    assert_eq!(other.notifications().delete(message()).await.unwrap_err().code, ErrorCode::NotFound);
    assert_eq!(month_of(&deleted[0].created_at), Month::November);
}

/// Issue 16: the stored title and text of message `id` hold no plain text, yet open to what the
/// citizen read with the account's key, bound to that row.
async fn assert_sealed_at_rest(c: &Citizen, id: i64, title: &str, body: &str) {
    let pool = raw_pool(c.f.dir.path()).await;
    let keys = test_keys(c.f.dir.path());
    let sealer = account_sealer(&pool, &keys, account_of(&pool, &keys, PHONE).await).await.unwrap();
    let (stored_title, stored_body): (String, String) =
        kabinet_core::db::query_as("SELECT title, body FROM notifications WHERE id = ?")
            .bind(id)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert!(!stored_title.contains(title) && !stored_body.contains(body), "stored in the clear");
    assert_eq!(sealer.open("notifications.title", id, &stored_title).unwrap(), title);
    assert_eq!(sealer.open("notifications.body", id, &stored_body).unwrap(), body);
    assert!(sealer.open("notifications.title", id + 1, &stored_title).is_err(), "bound to its row");
    pool.close().await;
}

fn month_of(rfc3339: &str) -> Month {
    OffsetDateTime::parse(rfc3339, &Rfc3339).unwrap().month()
}

const TEMPLATE: &str = r#"{"to": "{to}", "text": "{text}", "id": "{key}"}"#;

/// SMTP in clear to a relay on this machine, without credentials (the only clear-text SMTP
/// allowed), and the gateway on loopback.
fn transport_file(smtp: &servers::Smtp, gateway: &servers::Gateway) -> String {
    format!(
        "[email]\ntransport = \"smtp\"\nhost = \"127.0.0.1\"\nport = {}\ntls = \"none\"\n\
         from = \"Кабинет <noreply@example.ru>\"\n\n\
         [sms]\ntransport = \"http\"\nurl = \"{}\"\nbody_template = '{TEMPLATE}'\ntoken = \"gw-t0ken\"\n",
        smtp.port,
        gateway.url()
    )
}

#[tokio::test]
async fn real_smtp_and_a_failing_gateway_deliver_each_message_exactly_once() {
    let c = citizen().await;
    let k = &c.f.client();
    let smtp = servers::Smtp::start().await;
    let gateway = servers::Gateway::start(2).await;
    let view = k.admin("test").load_transport_file(&transport_file(&smtp, &gateway)).await.unwrap();
    assert!(!view.demo && !view.smtp_password_set && view.sms_token_set);
    assert!(!k.outbox().is_demo());

    let published = publish(k, &c.number, EventType::ApplicationResultReady, Some("passport_foreign")).await;
    // E-mail went through at once; the gateway refused the first SMS.
    let mails = smtp.mails();
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].to, ["<anna@example.ru>"]);
    assert_eq!(mails[0].auth, None, "no credentials in clear");
    let sms = on(&published.deliveries, Channel::Sms);
    assert_eq!(sms.status, DeliveryStatus::Pending);
    assert_eq!(sms.next_attempt_at.as_deref(), Some("2026-11-25T09:00:30Z"));
    assert!(sms.summary.starts_with("Ошибка: HTTP 500"), "{}", sms.summary);

    // Not due yet: nothing is sent.
    k.outbox().deliver_due().await.unwrap();
    assert_eq!(gateway.requests().len(), 1);
    c.f.clock.advance(Duration::seconds(30));
    k.outbox().deliver_due().await.unwrap();
    assert_eq!(gateway.requests().len(), 2);
    c.f.clock.advance(Duration::seconds(59));
    k.outbox().deliver_due().await.unwrap();
    assert_eq!(gateway.requests().len(), 2, "the second back-off is 60 s");
    c.f.clock.advance(Duration::seconds(1));
    assert_eq!(k.outbox().deliver_due().await.unwrap(), 1);
    for _ in 0..3 {
        c.f.clock.advance(Duration::hours(2));
        k.outbox().deliver_due().await.unwrap();
    }
    sign_in_again(k).await;

    let requests = gateway.requests();
    assert_eq!(requests.iter().map(|r| r.status).collect::<Vec<_>>(), [500, 500, 200]);
    let key = requests[0].header("idempotency-key").unwrap().to_owned();
    assert!(requests.iter().all(|r| r.header("idempotency-key") == Some(key.as_str())));
    assert!(requests.iter().all(|r| r.header("authorization") == Some("Bearer gw-t0ken")));
    assert_eq!(requests[2].json()["to"], PHONE);
    assert_eq!(requests[2].json()["text"], "Сообщение ApplicationResultReady passport_foreign");
    assert_eq!(requests[2].json()["id"], key.as_str());
    assert_eq!(gateway.sent(), std::slice::from_ref(&key), "the SMS went out once");
    assert_eq!(smtp.mails().len(), 1, "the e-mail went out once");
    let message_id = smtp.mails()[0].message_id().unwrap();
    assert!(message_id.starts_with("<application_result_ready.") && message_id.ends_with("@kabinet.local>"));

    let history = history_of(k, published.id).await;
    let sms = on(&history, Channel::Sms);
    assert_eq!(sms.status, DeliveryStatus::Sent);
    let tries: Vec<_> =
        sms.attempts.iter().map(|a| (a.result, a.error.as_deref(), a.transport.as_str())).collect();
    assert_eq!(
        tries,
        [
            (AttemptResult::Failed, Some("HTTP 500 Internal Server Error"), "http"),
            (AttemptResult::Failed, Some("HTTP 500 Internal Server Error"), "http"),
            (AttemptResult::Sent, None, "http"),
        ]
    );
    assert_eq!(sms.at.as_deref(), Some("2026-11-25T09:01:30Z"));
    let email = on(&history, Channel::Email);
    assert_eq!((email.status, email.attempts.len()), (DeliveryStatus::Sent, 1));
    assert_eq!(email.destination.as_deref(), Some(EMAIL));
}

#[tokio::test]
async fn send_test_reports_what_the_transport_answered() {
    let c = citizen().await;
    let n = c.f.kabinet.admin("test");
    let local = n.send_test(Channel::Sms, "8 (916) 000-11-22").await.unwrap();
    assert!(local.ok);
    assert_eq!((local.transport.as_str(), local.destination.as_str()), ("local", "+79160001122"));
    assert!(
        c.f.kabinet
            .outbox()
            .last_for("+79160001122")
            .await
            .unwrap()
            .unwrap()
            .body
            .contains("Проверка доставки")
    );
    let smtp = servers::Smtp::start().await;
    let gateway = servers::Gateway::start(1).await;
    n.load_transport_file(&transport_file(&smtp, &gateway)).await.unwrap();
    let mail = n.send_test(Channel::Email, "Test@Почта.рф").await.unwrap();
    assert!(mail.ok, "{:?}", mail.error);
    assert_eq!(smtp.mails()[0].to, ["<test@xn--80a1acny.xn--p1ai>"]);
    let failed = n.send_test(Channel::Sms, "+79160001122").await.unwrap();
    assert_eq!((failed.ok, failed.error.as_deref()), (false, Some("HTTP 500 Internal Server Error")));
    assert!(n.send_test(Channel::Sms, "+79160001122").await.unwrap().ok);
    let refused = n.send_test(Channel::Desktop, "x").await.unwrap_err();
    assert_eq!(refused.fields[0].field, Field::Channel);
    let bad_file = n.load_transport_file(
        "[sms]\ntransport = \"http\"\nurl = \"http://example.ru/x\"\nbody_template = '{}'\n",
    );
    let bad = bad_file.await.unwrap_err();
    let fields: Vec<Field> = bad.fields.iter().map(|f| f.field).collect();
    assert_eq!(fields, [Field::GatewayUrl, Field::BodyTemplate]);
}

fn smtp_file(host: &str, tls: &str, extra: &str) -> String {
    format!(
        "[email]\ntransport = \"smtp\"\nhost = \"{host}\"\nport = 2525\ntls = \"{tls}\"\n\
         from = \"noreply@example.ru\"\n{extra}"
    )
}

fn refusals(error: &kabinet_core::ApiError) -> Vec<(Field, Invalid)> {
    error.fields.iter().map(|f| (f.field, f.code)).collect()
}

#[tokio::test]
async fn smtp_in_clear_is_refused_at_load_unless_to_this_machine_without_credentials() {
    let f = fixture().await;
    let k = &f.kabinet;
    let admin = k.admin("test");
    let remote = admin.load_transport_file(&smtp_file("smtp.example.ru", "none", "")).await.unwrap_err();
    assert_eq!(refusals(&remote), [(Field::SmtpHost, Invalid::ClearTextRemote)]);
    assert!(
        remote.fields[0].message.starts_with("Сервер SMTP: без шифрования"),
        "{}",
        remote.fields[0].message
    );
    let with_login = smtp_file("127.0.0.1", "none", "user = \"kabinet\"\npassword = \"smtp-s3cret\"\n");
    let refused = admin.load_transport_file(&with_login).await.unwrap_err();
    assert_eq!(
        refusals(&refused),
        [
            (Field::SmtpUser, Invalid::ClearTextCredentials),
            (Field::SmtpPassword, Invalid::ClearTextCredentials)
        ]
    );
    k.set_locale(kabinet_core::Locale::En);
    let refused = admin.load_transport_file(&with_login).await.unwrap_err();
    assert!(refused.fields[0].message.starts_with("SMTP login: "), "{}", refused.fields[0].message);
    k.set_locale(kabinet_core::Locale::Ru);
    let view = admin.transports().await.unwrap();
    assert!(view.demo && !view.smtp_password_set, "nothing refused was stored");

    // A password kept for an encrypted server forbids switching that server to clear text...
    let encrypted = smtp_file("smtp.example.ru", "starttls", "password = \"smtp-s3cret\"\n");
    assert!(admin.load_transport_file(&encrypted).await.unwrap().smtp_password_set);
    let stored = admin.load_transport_file(&smtp_file("127.0.0.1", "none", "")).await.unwrap_err();
    assert_eq!(refusals(&stored), [(Field::SmtpPassword, Invalid::ClearTextCredentials)]);
    // ...unless the same load removes it. Any loopback name or address will do.
    let cleared = admin.load_transport_file(&smtp_file("127.0.0.1", "none", "password = \"\"\n")).await;
    assert!(!cleared.unwrap().smtp_password_set);
    for host in ["127.3.2.1", "localhost", "LOCALHOST", "::1", "[::1]"] {
        let loaded = admin.load_transport_file(&smtp_file(host, "none", "")).await;
        assert!(loaded.is_ok(), "{host}: {loaded:?}");
    }
    for host in ["10.0.0.1", "128.0.0.1", "localhost.example.ru", "::2"] {
        let refused = admin.load_transport_file(&smtp_file(host, "none", "")).await.unwrap_err();
        assert_eq!(refusals(&refused), [(Field::SmtpHost, Invalid::ClearTextRemote)], "{host}");
    }
    // The gateway shares the loopback rule: any 127.0.0.0/8 address, never a remote host.
    let gateway =
        |url: &str| format!("[sms]\ntransport = \"http\"\nurl = \"{url}\"\nbody_template = '{TEMPLATE}'\n");
    assert!(admin.load_transport_file(&gateway("http://127.0.0.2:8080/send")).await.is_ok());
    let refused = admin.load_transport_file(&gateway("http://10.0.0.1/send")).await.unwrap_err();
    assert_eq!(refusals(&refused), [(Field::GatewayUrl, Invalid::UrlFormat)]);
}

#[tokio::test]
async fn a_clear_text_smtp_stored_before_the_rule_never_sends_credentials() {
    let c = citizen().await;
    let k = &c.f.client();
    let smtp = servers::Smtp::start().await;
    // A configuration stored by an earlier version, straight into the database and the keyring.
    let config = format!(
        r#"{{"transport":"smtp","host":"127.0.0.1","port":{},"tls":"none","user":"kabinet","from":"noreply@example.ru"}}"#,
        smtp.port
    );
    kabinet_core::db::query(
        "INSERT INTO delivery_transports (channel, config, updated_at) VALUES ('email', ?, 0)",
    )
    .bind(config)
    .execute(&raw_pool(c.f.dir.path()).await)
    .await
    .unwrap();
    let vault = kabinet_core::vault::Vault::open(c.f.dir.path()).unwrap();
    vault.set_transport_secret(kabinet_core::vault::TransportSecret::SmtpPassword, "smtp-s3cret").unwrap();

    let published = publish(k, &c.number, EventType::ApplicationResultReady, None).await;
    assert!(smtp.mails().is_empty(), "nothing went out in clear with a password");
    let email = on(&published.deliveries, Channel::Email);
    assert_eq!(email.status, DeliveryStatus::Pending);
    let error = email.error.as_deref().unwrap_or_default();
    assert!(error.contains("clear text"), "{error}");
    let test = k.admin("test").send_test(Channel::Email, "test@example.ru").await.unwrap();
    assert!(!test.ok && smtp.mails().is_empty(), "«Отправить тест» is refused too: {:?}", test.error);
}

// ---- Crash safety: a child process is SIGKILLed at a crash point, the parent restarts. ----

const CHILD_DIR: &str = "KABINET_TEST_CHILD_DIR";
const CHILD_ACCOUNT: &str = "KABINET_TEST_CHILD_ACCOUNT";

/// The child's side: does nothing in an ordinary run. With the variables set (by the parent
/// below), opens the parent's data directory at the parent's clock time and publishes one
/// message; `KABINET_CRASH_AT` stops it dead inside.
#[tokio::test]
async fn crash_child() {
    let (Ok(dir), Ok(number)) = (std::env::var(CHILD_DIR), std::env::var(CHILD_ACCOUNT)) else { return };
    let clock = kabinet_core::Clock::manual(time::macros::datetime!(2026-11-25 09:00 UTC));
    let kabinet = Kabinet::open_with_clock(crate::common::config(std::path::Path::new(&dir)).await, clock)
        .await
        .unwrap();
    publish(&kabinet, &number, EventType::ApplicationDocumentsRequired, Some("pension")).await;
    panic!("the crash point was not reached");
}

/// Runs `crash_child` as a separate process until it reports `point`, then kills it (SIGKILL).
async fn crash_at(c: &Citizen, point: &str) {
    let envs = [(CHILD_DIR, c.f.dir.path().display().to_string()), (CHILD_ACCOUNT, c.number.clone())];
    let status = crash_child_at("notifications::crash_child", &envs, point).await;
    use std::os::unix::process::ExitStatusExt;
    assert_eq!(status.signal(), Some(9), "killed by SIGKILL");
}

async fn gateway_citizen(failures: usize) -> (Citizen, servers::Gateway) {
    let c = citizen().await;
    let gateway = servers::Gateway::start(failures).await;
    let file =
        format!("[sms]\ntransport = \"http\"\nurl = \"{}\"\nbody_template = '{TEMPLATE}'\n", gateway.url());
    c.f.kabinet.admin("test").load_transport_file(&file).await.unwrap();
    (c, gateway)
}

async fn sms_history(k: &Client<'_>) -> ChannelDelivery {
    let page = k.notifications().history(HistoryQuery { before: None, limit: Some(1) }).await.unwrap();
    assert_eq!(page.messages[0].event, EventType::ApplicationDocumentsRequired);
    on(&page.messages[0].deliveries, Channel::Sms).clone()
}

#[tokio::test]
async fn a_process_killed_after_the_commit_delivers_after_restart_once() {
    let (c, gateway) = gateway_citizen(0).await;
    crash_at(&c, "after_commit").await;
    assert!(gateway.requests().is_empty(), "killed before any delivery");
    // Restart: a new Кабинет over the same data; the committed message is simply due.
    let reopened = open(&c.f.dir, &c.f.clock).await;
    let caller = Caller::new();
    let restarted = reopened.client(&caller);
    let waiting = restarted.outbox().last_for(PHONE).await.unwrap().unwrap();
    assert_eq!(
        (waiting.kind.as_str(), waiting.status.as_str()),
        ("application_documents_required", "pending")
    );
    assert_eq!(
        restarted.outbox().deliver_due().await.unwrap(),
        2,
        "the SMS (gateway) and the e-mail (local)"
    );
    c.f.clock.advance(Duration::hours(1));
    assert_eq!(restarted.outbox().deliver_due().await.unwrap(), 0);
    sign_in_again(&restarted).await;
    assert_eq!(gateway.requests().len(), 1);
    assert_eq!(gateway.sent().len(), 1);
    let sms = sms_history(&restarted).await;
    assert_eq!(sms.status, DeliveryStatus::Sent);
    assert_eq!(sms.attempts.iter().map(|a| a.result).collect::<Vec<_>>(), [AttemptResult::Sent]);
    let items = restarted.notifications().inbox(newest(Folder::Inbox)).await.unwrap().items;
    assert_eq!(items.len(), 1, "one inbox row");
}

#[tokio::test]
async fn a_process_killed_mid_send_resends_with_the_same_key_and_is_delivered_once() {
    let (c, gateway) = gateway_citizen(0).await;
    crash_at(&c, "after_send").await;
    assert_eq!(gateway.requests().len(), 1, "the gateway got it before the crash");
    let reopened = open(&c.f.dir, &c.f.clock).await;
    let caller = Caller::new();
    let restarted = reopened.client(&caller);
    assert_eq!(restarted.outbox().last_for(PHONE).await.unwrap().unwrap().status, "sending");
    sign_in_again(&restarted).await;
    assert_eq!(sms_history(&restarted).await.status, DeliveryStatus::Sending);
    // The lease of the dead worker still runs: nothing is re-sent yet.
    restarted.outbox().deliver_due().await.unwrap();
    assert_eq!(gateway.requests().len(), 1);
    c.f.clock.advance(Duration::seconds(120));
    assert_eq!(restarted.outbox().deliver_due().await.unwrap(), 1);
    c.f.clock.advance(Duration::hours(1));
    restarted.outbox().deliver_due().await.unwrap();
    sign_in_again(&restarted).await;
    let requests = gateway.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].header("idempotency-key"), requests[1].header("idempotency-key"));
    assert_eq!(gateway.sent().len(), 1, "the gateway sent it once");
    let sms = sms_history(&restarted).await;
    assert_eq!(sms.status, DeliveryStatus::Sent);
    assert_eq!(
        sms.attempts.iter().map(|a| a.result).collect::<Vec<_>>(),
        [AttemptResult::Interrupted, AttemptResult::Sent]
    );
}

#[tokio::test]
async fn a_gateway_that_keeps_failing_is_tried_eight_times_then_the_sms_fails() {
    let (c, gateway) = gateway_citizen(usize::MAX).await;
    let k = &c.f.client();
    let published = publish(k, &c.number, EventType::PaymentDue, Some("taxes")).await;
    for attempt in 1..kabinet_core::outbox::MAX_ATTEMPTS {
        c.f.clock.advance(Duration::seconds(kabinet_core::delivery::backoff(attempt) - 1));
        k.outbox().deliver_due().await.unwrap();
        assert_eq!(gateway.requests().len() as i64, attempt, "not before its back-off");
        c.f.clock.advance(Duration::seconds(1));
        k.outbox().deliver_due().await.unwrap();
        assert_eq!(gateway.requests().len() as i64, attempt + 1);
    }
    later(&c, Duration::days(1)).await;
    k.outbox().deliver_due().await.unwrap();
    assert_eq!(gateway.requests().len(), 8, "no ninth try");
    let sms = on(&history_of(k, published.id).await, Channel::Sms).clone();
    assert_eq!(sms.status, DeliveryStatus::Failed);
    assert_eq!(sms.attempts.len(), 8);
    assert!(sms.attempts.iter().all(|a| a.result == AttemptResult::Failed));
    assert_eq!(sms.summary, "Не доставлено: HTTP 500 Internal Server Error");
}

#[tokio::test]
async fn a_failing_gateway_costs_one_try_per_run_not_one_per_message() {
    let (c, gateway) = gateway_citizen(usize::MAX).await;
    let k = &c.f.client();
    settings_with(k, |s| s.working_hours_only = true).await;
    // Saturday: both messages are held until Monday 09:00 local.
    at(&c, local(time::macros::date!(2026 - 11 - 28), 12, 0)).await;
    let first = publish(k, &c.number, EventType::PaymentDue, None).await;
    let second = publish(k, &c.number, EventType::Appointment, None).await;
    for message in [&first, &second] {
        let sms = on(&message.deliveries, Channel::Sms);
        assert_eq!((sms.status, sms.hold_reason), (DeliveryStatus::Held, Some(HoldReason::WorkingHours)));
        assert_eq!(sms.held_until_local.as_deref(), Some("09:00"));
    }
    move_clock_to(&c.f, local(time::macros::date!(2026 - 11 - 30), 9, 0));
    k.outbox().deliver_due().await.unwrap();
    assert_eq!(gateway.requests().len(), 1, "the second SMS waits for the next run");
    k.outbox().deliver_due().await.unwrap();
    assert_eq!(gateway.requests().len(), 2);
    let keys: Vec<_> =
        gateway.requests().iter().map(|r| r.header("idempotency-key").unwrap().to_owned()).collect();
    assert_ne!(keys[0], keys[1]);
}

// ---- Codes in the outbox: readable only while valid and on this machine. ----

const REDACTED: &str = kabinet_core::outbox::REDACTED;

/// The stored text and status of the newest outbox row to `destination`, read straight from the
/// database (not through the core).
async fn stored(dir: &tempfile::TempDir, destination: &str) -> Option<(String, String, String)> {
    kabinet_core::db::query_as(
        "SELECT subject, body, status FROM outbox WHERE lookup = ? ORDER BY id DESC LIMIT 1",
    )
    .bind(test_keys(dir.path()).index(destination))
    .fetch_optional(&raw_pool(dir.path()).await)
    .await
    .unwrap()
}

async fn send_registration_code(k: &Client<'_>, phone: &str) {
    let request = kabinet_core::contract::SendCodeRequest { phone: phone.into() };
    k.registration().send_code(request).await.unwrap();
}

#[tokio::test]
async fn a_local_code_is_readable_while_valid_then_redacted_in_the_database() {
    let c = citizen().await;
    let (k, dir) = (&c.f.client(), &c.f.dir);
    let phone = "+79161112201";
    send_registration_code(k, phone).await;
    let code = code_for(k, phone).await;
    assert_eq!(code.len(), 6);
    c.f.clock.advance(Duration::seconds(299));
    k.outbox().deliver_due().await.unwrap();
    let shown = k.outbox().last_for(phone).await.unwrap().unwrap();
    assert_eq!(shown.status, "delivered");
    assert!(shown.body.contains(code.as_str()), "`outbox last` shows a valid code: {}", shown.body);

    c.f.clock.advance(Duration::seconds(1));
    k.outbox().deliver_due().await.unwrap();
    let (subject, body, status) = stored(dir, phone).await.unwrap();
    assert_eq!((body.as_str(), status.as_str()), (REDACTED, "delivered"));
    assert!(!subject.contains(code.as_str()));
    assert_eq!(k.outbox().last_for(phone).await.unwrap().unwrap().body, REDACTED);

    // A code of a signed-in citizen (profile, closure, restoration) goes the same way, and
    // «История сообщений» never shows it.
    sign_in_again(k).await;
    k.profile().send_save_code().await.unwrap();
    let code = code_for(k, PHONE).await;
    c.f.clock.advance(Duration::seconds(300));
    k.outbox().deliver_due().await.unwrap();
    assert_eq!(stored(dir, PHONE).await.unwrap().1, REDACTED);
    sign_in_again(k).await;
    let history = k.notifications().history(HistoryQuery { before: None, limit: Some(100) }).await.unwrap();
    assert!(!serde_json::to_string(&history).unwrap().contains(code.as_str()));
}

#[tokio::test]
async fn a_code_that_left_the_machine_is_redacted_in_the_transaction_that_records_it() {
    let (c, gateway) = gateway_citizen(0).await;
    let phone = "+79161112202";
    send_registration_code(&c.f.client(), phone).await;
    let sent = gateway.requests();
    assert_eq!(sent.len(), 1);
    let text = sent[0].json()["text"].as_str().unwrap().to_owned();
    assert!(text.chars().filter(char::is_ascii_digit).count() >= 6, "the gateway got the code: {text}");
    let (_, body, status) = stored(&c.f.dir, phone).await.unwrap();
    assert_eq!((body.as_str(), status.as_str()), (REDACTED, "delivered"), "redacted at once");
}

#[tokio::test]
async fn an_expired_code_never_sent_is_given_up_and_redacted() {
    let (c, gateway) = gateway_citizen(usize::MAX).await;
    let k = &c.f.client();
    let phone = "+79161112203";
    send_registration_code(k, phone).await;
    assert_eq!(gateway.requests().len(), 1);
    let (_, body, status) = stored(&c.f.dir, phone).await.unwrap();
    assert_eq!(status, "pending", "retried later");
    assert_ne!(body, REDACTED);

    c.f.clock.advance(Duration::minutes(5));
    k.outbox().deliver_due().await.unwrap();
    let (_, body, status) = stored(&c.f.dir, phone).await.unwrap();
    assert_eq!((body.as_str(), status.as_str()), (REDACTED, "failed"));
    c.f.clock.advance(Duration::hours(2));
    k.outbox().deliver_due().await.unwrap();
    assert_eq!(gateway.requests().len(), 1, "an expired code is not sent any more");
    let error: Option<String> =
        kabinet_core::db::query_scalar("SELECT last_error FROM outbox WHERE lookup = ?")
            .bind(test_keys(c.f.dir.path()).index(phone))
            .fetch_one(&raw_pool(c.f.dir.path()).await)
            .await
            .unwrap();
    assert_eq!(error.as_deref(), Some("code expired"));
}

#[tokio::test]
async fn account_less_rows_are_deleted_after_eight_days() {
    // Eight days, the life of the transit key they are sealed under (crate::sealing).
    let c = citizen().await;
    let k = &c.f.client();
    let (old, young) = ("+79161112204", "+79161112205");
    publish(k, &c.number, EventType::PaymentDue, None).await;
    send_registration_code(k, old).await;
    k.admin("test").send_test(Channel::Email, "test@example.ru").await.unwrap();
    c.f.clock.advance(Duration::days(5));
    send_registration_code(k, young).await;
    c.f.clock.advance(Duration::days(3) - Duration::seconds(1));
    k.outbox().deliver_due().await.unwrap();
    assert!(stored(&c.f.dir, old).await.is_some(), "7 days, 23:59:59 old: kept");

    c.f.clock.advance(Duration::seconds(1));
    k.outbox().deliver_due().await.unwrap();
    assert!(stored(&c.f.dir, old).await.is_none(), "8 days old: deleted");
    assert!(stored(&c.f.dir, "test@example.ru").await.is_none(), "the staff test message too");
    assert_eq!(stored(&c.f.dir, young).await.unwrap().1, REDACTED, "3 days old: kept, redacted");
    assert!(k.outbox().last_for(old).await.unwrap().is_none());
    let db = raw_pool(c.f.dir.path()).await;
    let orphans: i64 = kabinet_core::db::query_scalar(
        "SELECT count(*) FROM delivery_attempts WHERE outbox_id NOT IN (SELECT id FROM outbox)",
    )
    .fetch_one(&db)
    .await
    .unwrap();
    assert_eq!(orphans, 0, "their delivery attempts went with them");
    let citizens: i64 =
        kabinet_core::db::query_scalar("SELECT count(*) FROM outbox WHERE account_id IS NOT NULL")
            .fetch_one(&db)
            .await
            .unwrap();
    assert!(citizens > 0, "a citizen's rows follow the account, not this rule");
}
