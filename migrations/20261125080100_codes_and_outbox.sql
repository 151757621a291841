-- One-time codes (hashed), registration tickets, sessions, the delivery outbox and the access
-- journal.

CREATE TABLE one_time_codes (
    id            INTEGER PRIMARY KEY,
    purpose       TEXT    NOT NULL,
    destination   TEXT    NOT NULL,
    code_hash     BLOB    NOT NULL,
    salt          BLOB    NOT NULL,
    created_at    INTEGER NOT NULL,
    expires_at    INTEGER NOT NULL,
    attempts_left INTEGER NOT NULL,
    closed_at     INTEGER,
    closed_why    TEXT CHECK (closed_why IN ('used', 'burned', 'replaced'))
) STRICT;
CREATE INDEX one_time_codes_destination ON one_time_codes (destination, created_at);

-- Proof that a phone was confirmed, handed to the registration form for its next steps.
CREATE TABLE registration_tickets (
    token_hash BLOB    PRIMARY KEY,
    phone      TEXT    NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER
) STRICT, WITHOUT ROWID;

CREATE TABLE sessions (
    id           INTEGER PRIMARY KEY,
    account_id   INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    token_hash   BLOB    NOT NULL UNIQUE,
    remembered   INTEGER NOT NULL DEFAULT 0,
    device       TEXT    NOT NULL,
    os           TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    ended_at     INTEGER
) STRICT;
CREATE INDEX sessions_account ON sessions (account_id);

-- Messages leave only through this table, written in the same transaction as their cause.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    idempotency_key TEXT    NOT NULL UNIQUE,
    account_id      INTEGER REFERENCES accounts (id) ON DELETE CASCADE,
    channel         TEXT    NOT NULL CHECK (channel IN ('sms', 'email')),
    destination     TEXT    NOT NULL,
    kind            TEXT    NOT NULL,
    subject         TEXT    NOT NULL,
    body            TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
    status          TEXT    NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    delivered_at    INTEGER,
    transport       TEXT,
    last_error      TEXT
) STRICT;
CREATE INDEX outbox_destination ON outbox (destination, id);
CREATE INDEX outbox_pending ON outbox (status, next_attempt_at) WHERE status = 'pending';

CREATE TABLE access_journal (
    id         INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    event      TEXT    NOT NULL,
    at         INTEGER NOT NULL,
    device     TEXT    NOT NULL,
    ip         TEXT
) STRICT;
CREATE INDEX access_journal_account ON access_journal (account_id, at);
