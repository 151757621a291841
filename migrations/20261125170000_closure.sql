-- «Закрыть профиль»: closure requests, the closed state with its dates, the operator queue,
-- blocks and forced closures, and the tombstones that remain after a purge.

-- One request per submission. `flags` lists why an operator must look (JSON array of codes:
-- security_incident, identity_mismatch, debt_appeared, staff_initiated); empty = clean, and a
-- clean self-initiated request closes by itself at `auto_close_at` (24 h after submission).
CREATE TABLE closure_requests (
    id                 INTEGER PRIMARY KEY,
    account_id         INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    number             TEXT    NOT NULL UNIQUE,
    initiator          TEXT    NOT NULL CHECK (initiator IN ('citizen', 'staff')),
    reason             TEXT    NOT NULL,
    reason_text        TEXT,
    status             TEXT    NOT NULL CHECK (status IN ('pending', 'review', 'withdrawn', 'rejected', 'closed')),
    flags              TEXT    NOT NULL DEFAULT '[]',
    working_days       INTEGER NOT NULL,
    submitted_at       INTEGER NOT NULL,
    auto_close_at      INTEGER,
    deadline           TEXT    NOT NULL,
    decided_at         INTEGER,
    decided_by         TEXT,
    decision_comment   TEXT,
    application_number TEXT,
    blank_number       TEXT
) STRICT;
CREATE UNIQUE INDEX closure_requests_one_open ON closure_requests (account_id)
    WHERE status IN ('pending', 'review');
CREATE INDEX closure_requests_due ON closure_requests (auto_close_at) WHERE status = 'pending';

-- The closed state of an account: when, until when it can be restored, when it is purged, by
-- whom, and its «Подтверждение закрытия».
CREATE TABLE closures (
    account_id          INTEGER PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    request_id          INTEGER REFERENCES closure_requests (id),
    closed_at           INTEGER NOT NULL,
    restore_until       INTEGER NOT NULL,
    purge_at            INTEGER NOT NULL,
    by_staff            INTEGER NOT NULL CHECK (by_staff IN (0, 1)),
    reason_category     TEXT    NOT NULL,
    confirmation_number TEXT
) STRICT;
CREATE INDEX closures_purge ON closures (purge_at);

-- Work for operators until the staff console exists (CLI): flagged closure requests,
-- restoration requests of staff-closed accounts.
CREATE TABLE operator_queue (
    id          INTEGER PRIMARY KEY,
    kind        TEXT    NOT NULL CHECK (kind IN ('closure_review', 'restoration')),
    account_id  INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    request_id  INTEGER REFERENCES closure_requests (id),
    created_at  INTEGER NOT NULL,
    due         TEXT    NOT NULL,
    resolved_at INTEGER,
    resolution  TEXT
) STRICT;
CREATE INDEX operator_queue_open ON operator_queue (due) WHERE resolved_at IS NULL;

-- «Заблокирован»: a temporary block with its reason and end.
CREATE TABLE account_blocks (
    id         INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    reason     TEXT    NOT NULL,
    until      INTEGER,
    created_at INTEGER NOT NULL,
    lifted_at  INTEGER
) STRICT;
CREATE INDEX account_blocks_live ON account_blocks (account_id) WHERE lifted_at IS NULL;

-- Forced closures: grounds, the decision's details, the notice deadline (violations), execution.
CREATE TABLE forced_closures (
    id              INTEGER PRIMARY KEY,
    account_id      INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    ground          TEXT    NOT NULL CHECK (ground IN
                        ('rules_violation', 'suspicious_activity', 'court_decision', 'authority_act', 'death')),
    decision_number TEXT,
    decision_date   TEXT,
    issuer          TEXT,
    notice_until    INTEGER,
    execute_by      TEXT,
    created_at      INTEGER NOT NULL,
    executed_at     INTEGER,
    act_number      TEXT
) STRICT;

-- What remains of a purged account: no personal data, only keyed HMACs of its identifiers
-- (the key is in the OS keyring) so a returning person is recognised without being stored.
CREATE TABLE tombstones (
    account_number     TEXT    PRIMARY KEY,
    registered_at      INTEGER NOT NULL,
    closed_at          INTEGER NOT NULL,
    purged_at          INTEGER NOT NULL,
    reason_category    TEXT    NOT NULL,
    phone_hmac         BLOB,
    email_hmac         BLOB,
    snils_hmac         BLOB,
    certificate_number TEXT
) STRICT;
