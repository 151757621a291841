-- The staff desk: cards opened (and why) per staff session, the identity-confirmation codes an
-- operator prints, incident outcomes, the supervisors' overdue reports, and the indexes the
-- «Журнал действий» filters use.

-- A card is opened by «Поиск гражданина» with a purpose; the per-citizen calls of that session
-- (applications, debts, documents, history, identity) need it, so a staff member cannot read a
-- citizen's data by typing an account number into another call.
CREATE TABLE staff_cards (
    session_id INTEGER NOT NULL REFERENCES staff_sessions (id) ON DELETE CASCADE,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    purpose    TEXT    NOT NULL,
    opened_at  INTEGER NOT NULL,
    PRIMARY KEY (session_id, account_id)
) STRICT;
CREATE INDEX staff_cards_account ON staff_cards (account_id);

-- «Код подтверждения личности»: only its keyed digest is kept; valid 30 days, one use, five
-- wrong entries burn it. One live code per account (a new slip replaces the old).
CREATE TABLE identity_codes (
    id          INTEGER PRIMARY KEY,
    account_id  INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    salt        BLOB    NOT NULL,
    digest      BLOB    NOT NULL,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    used_at     INTEGER,
    failures    INTEGER NOT NULL DEFAULT 0,
    staff_login TEXT    NOT NULL
) STRICT;
CREATE INDEX identity_codes_account ON identity_codes (account_id);

-- An incident's outcome as an operator records it.
ALTER TABLE incidents ADD COLUMN outcome TEXT
    CHECK (outcome IN ('owner_confirmed', 'account_blocked', 'handed_to_supervisor'));
ALTER TABLE incidents ADD COLUMN outcome_comment TEXT;
ALTER TABLE incidents ADD COLUMN handled_by TEXT;
ALTER TABLE incidents ADD COLUMN handled_at INTEGER;
CREATE INDEX incidents_open ON incidents (created_at) WHERE resolved_at IS NULL;

-- Reports to supervisors: a closure request past its deadline, once per working day until it
-- is decided.
CREATE TABLE staff_notices (
    id         INTEGER PRIMARY KEY,
    kind       TEXT    NOT NULL CHECK (kind IN ('closure_overdue')),
    request_id INTEGER NOT NULL REFERENCES closure_requests (id) ON DELETE CASCADE,
    day        TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (kind, request_id, day)
) STRICT;
CREATE TABLE staff_notices_read (
    staff_id INTEGER PRIMARY KEY REFERENCES staff (id),
    read_to  INTEGER NOT NULL
) STRICT;

CREATE INDEX staff_audit_staff ON staff_audit (staff_id, seq);
CREATE INDEX staff_audit_target ON staff_audit (target, seq);
CREATE INDEX staff_audit_action ON staff_audit (action, seq);

-- «Реестр документов за день» (`day_register`) joins the registry's kinds. SQLite cannot change
-- a CHECK, so the registry is rebuilt with every row, id and byte kept; and «Печать за день»
-- finds a day's documents by kind and time.
CREATE TABLE documents_next (
    id                INTEGER PRIMARY KEY,
    number            TEXT    NOT NULL UNIQUE,
    kind              TEXT    NOT NULL CHECK (kind IN (
                          'registration_certificate', 'closure_application',
                          'closure_application_blank', 'closure_confirmation', 'closure_act',
                          'deletion_certificate', 'applications_history', 'personal_data_extract',
                          'identity_code_slip', 'day_register')),
    account_id        INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
    title             TEXT    NOT NULL,
    sha256            TEXT    NOT NULL CHECK (length(sha256) = 64),
    verification_code TEXT    NOT NULL,
    pages             INTEGER NOT NULL,
    size              INTEGER NOT NULL,
    created_at        INTEGER NOT NULL,
    content           BLOB
) STRICT;
INSERT INTO documents_next (id, number, kind, account_id, title, sha256, verification_code, pages, size, created_at, content)
    SELECT id, number, kind, account_id, title, sha256, verification_code, pages, size, created_at, content FROM documents;
DROP TABLE documents;
ALTER TABLE documents_next RENAME TO documents;
CREATE INDEX documents_account ON documents (account_id, created_at);
CREATE INDEX documents_day ON documents (created_at) WHERE kind IN ('closure_confirmation', 'closure_act', 'deletion_certificate');

-- «Сертификат об удалении персональных данных» travels attached to its e-mail: the PDF (it names
-- the person) waits in the outbox row only until an SMTP server took it (then it is cleared), or
-- with the local transport until the row's week is over and the row is deleted.
ALTER TABLE outbox ADD COLUMN attachment_name TEXT;
ALTER TABLE outbox ADD COLUMN attachment BLOB;

-- «Поиск гражданина» is limited per staff member (30 searches in 10 minutes), counted from the
-- log itself.
CREATE INDEX staff_audit_searches ON staff_audit (staff_id, action, at);
