-- «Уведомления»: the inbox (every message is a row, the in-app channel), the citizen's settings
-- with the previous version kept for «Отменить», the outbox extended to every channel with the
-- routing decision and a lease for crash-safe delivery, the log of delivery attempts for
-- «История сообщений», and the transports chosen for e-mail and SMS.

CREATE TABLE notifications (
    id         INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    event_type TEXT    NOT NULL,
    category   TEXT    NOT NULL,
    kind       TEXT    NOT NULL,
    service    TEXT,
    title      TEXT    NOT NULL,
    body       TEXT    NOT NULL,
    important  INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    read_at    INTEGER,
    archived   INTEGER NOT NULL DEFAULT 0,
    deleted_at INTEGER
) STRICT;
-- A page of one folder, newest first, with or without a category filter; «Удалённые» (kept 30
-- days, then purged).
CREATE INDEX notifications_page ON notifications (account_id, archived, id) WHERE deleted_at IS NULL;
CREATE INDEX notifications_page_category ON notifications (account_id, category, archived, id)
    WHERE deleted_at IS NULL;
CREATE INDEX notifications_deleted ON notifications (account_id, id) WHERE deleted_at IS NOT NULL;
-- «История сообщений» (every message, whatever its folder) and the account's purge.
CREATE INDEX notifications_account ON notifications (account_id, id);

-- The bell's number, kept by triggers so it costs one row read however many messages there are.
-- A message counts while it is unread, not archived and not deleted.
CREATE TABLE inbox_counters (
    account_id INTEGER PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    unread     INTEGER NOT NULL
) STRICT;

CREATE TRIGGER notifications_count_insert AFTER INSERT ON notifications
WHEN NEW.read_at IS NULL AND NEW.archived = 0 AND NEW.deleted_at IS NULL
BEGIN
    INSERT INTO inbox_counters (account_id, unread) VALUES (NEW.account_id, 1)
        ON CONFLICT (account_id) DO UPDATE SET unread = unread + 1;
END;

CREATE TRIGGER notifications_count_update AFTER UPDATE OF read_at, archived, deleted_at ON notifications
WHEN (OLD.read_at IS NULL AND OLD.archived = 0 AND OLD.deleted_at IS NULL)
  <> (NEW.read_at IS NULL AND NEW.archived = 0 AND NEW.deleted_at IS NULL)
BEGIN
    INSERT INTO inbox_counters (account_id, unread)
        VALUES (NEW.account_id,
                CASE WHEN NEW.read_at IS NULL AND NEW.archived = 0 AND NEW.deleted_at IS NULL
                     THEN 1 ELSE -1 END)
        ON CONFLICT (account_id) DO UPDATE SET unread = unread + excluded.unread;
END;

CREATE TRIGGER notifications_count_delete AFTER DELETE ON notifications
WHEN OLD.read_at IS NULL AND OLD.archived = 0 AND OLD.deleted_at IS NULL
BEGIN
    UPDATE inbox_counters SET unread = unread - 1 WHERE account_id = OLD.account_id;
END;

-- The citizen's settings as one JSON document (saved in one statement), and the one before it.
CREATE TABLE notification_settings (
    account_id INTEGER PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    current    TEXT    NOT NULL,
    previous   TEXT,
    saved_at   INTEGER NOT NULL
) STRICT;

-- The outbox, rebuilt to carry every channel but the inbox itself, the notification it belongs
-- to, the routing decision and the `sending` state. A `sending` row's next_attempt_at is the end
-- of its lease: a worker that died mid-send leaves it due again after the lease.
CREATE TABLE outbox_v2 (
    id              INTEGER PRIMARY KEY,
    idempotency_key TEXT    NOT NULL UNIQUE,
    account_id      INTEGER REFERENCES accounts (id) ON DELETE CASCADE,
    notification_id INTEGER REFERENCES notifications (id) ON DELETE CASCADE,
    channel         TEXT    NOT NULL CHECK (channel IN ('sms', 'email', 'desktop')),
    destination     TEXT    NOT NULL,
    kind            TEXT    NOT NULL,
    subject         TEXT    NOT NULL,
    body            TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
    status          TEXT    NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'sending', 'delivered', 'failed', 'suppressed')),
    routed          TEXT    NOT NULL DEFAULT 'now'
                    CHECK (routed IN ('now', 'quiet_hours', 'working_hours', 'settings',
                                      'only_important', 'no_address')),
    held_until      INTEGER,
    attempts        INTEGER NOT NULL DEFAULT 0,
    max_attempts    INTEGER NOT NULL DEFAULT 8,
    next_attempt_at INTEGER NOT NULL,
    delivered_at    INTEGER,
    transport       TEXT,
    last_error      TEXT
) STRICT;
INSERT INTO outbox_v2 (id, idempotency_key, account_id, channel, destination, kind, subject, body,
                       created_at, status, attempts, next_attempt_at, delivered_at, transport, last_error)
    SELECT id, idempotency_key, account_id, channel, destination, kind, subject, body,
           created_at, status, attempts, next_attempt_at, delivered_at, transport, last_error
    FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_v2 RENAME TO outbox;
CREATE INDEX outbox_destination ON outbox (destination, id);
CREATE INDEX outbox_due ON outbox (channel, next_attempt_at) WHERE status IN ('pending', 'sending');
CREATE INDEX outbox_notification ON outbox (notification_id) WHERE notification_id IS NOT NULL;

-- Each try of an outbox row, for «История сообщений»: `sending` until the transport answers;
-- `interrupted` when a worker died before recording the answer.
CREATE TABLE delivery_attempts (
    id          INTEGER PRIMARY KEY,
    outbox_id   INTEGER NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,
    attempt     INTEGER NOT NULL,
    transport   TEXT    NOT NULL,
    started_at  INTEGER NOT NULL,
    finished_at INTEGER,
    result      TEXT    NOT NULL CHECK (result IN ('sending', 'sent', 'failed', 'interrupted')),
    error       TEXT
) STRICT;
CREATE INDEX delivery_attempts_outbox ON delivery_attempts (outbox_id, attempt);

-- How e-mail and SMS leave the machine; secrets (SMTP password, gateway token) are in the OS
-- keyring, never here.
CREATE TABLE delivery_transports (
    channel    TEXT    PRIMARY KEY CHECK (channel IN ('email', 'sms')),
    config     TEXT    NOT NULL,
    updated_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
