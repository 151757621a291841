-- «Мои заявления» and «Задолженности»: the citizen's real data that closure depends on.
-- Numbers are per year (`2026-000001`); the counter row makes them gap-free and unique.

CREATE TABLE application_counters (
    year INTEGER PRIMARY KEY,
    last INTEGER NOT NULL
) STRICT;

CREATE TABLE applications (
    id           INTEGER PRIMARY KEY,
    account_id   INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    number       TEXT    NOT NULL UNIQUE,
    service      TEXT    NOT NULL,
    status       TEXT    NOT NULL CHECK (status IN
                     ('accepted', 'in_review', 'documents_required', 'completed', 'refused', 'cancelled')),
    -- The form as submitted: a JSON array of {key, label, value} in form order.
    form         TEXT    NOT NULL,
    submitted_at INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
) STRICT;
CREATE INDEX applications_account ON applications (account_id, submitted_at);
CREATE INDEX applications_unfinished ON applications (account_id)
    WHERE status IN ('accepted', 'in_review', 'documents_required');

CREATE TABLE application_events (
    id             INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    at             INTEGER NOT NULL,
    status         TEXT    NOT NULL,
    comment        TEXT,
    actor          TEXT    NOT NULL CHECK (actor IN ('citizen', 'operator', 'system'))
) STRICT;
CREATE INDEX application_events_application ON application_events (application_id, id);

CREATE TABLE debts (
    id             INTEGER PRIMARY KEY,
    account_id     INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    kind           TEXT    NOT NULL CHECK (kind IN ('tax', 'fine', 'state_fee', 'utility')),
    agency         TEXT    NOT NULL,
    purpose        TEXT    NOT NULL,
    amount_kopecks INTEGER NOT NULL CHECK (amount_kopecks > 0),
    due_date       TEXT    NOT NULL,
    status         TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'paid')),
    created_at     INTEGER NOT NULL,
    -- «Оплачено»: the citizen's claim with the receipt; the debt stays open until confirmed.
    claimed_at     INTEGER,
    receipt_name   TEXT,
    receipt_type   TEXT,
    receipt        BLOB,
    paid_at        INTEGER
) STRICT;
CREATE INDEX debts_account ON debts (account_id, status);
