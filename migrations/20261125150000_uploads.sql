-- Uploaded files of a citizen (scans of the passport and СНИЛС, other documents), kept in the
-- encrypted database. The metadata row stays when a file is replaced or deleted; its bytes do
-- not: they live in `upload_contents`, one row per live upload, deleted with the state change.
-- A large BLOB sits in its own table so listing never walks its overflow pages.

CREATE TABLE uploads (
    id           INTEGER PRIMARY KEY,
    account_id   INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    kind         TEXT    NOT NULL CHECK (kind IN ('passport_scan', 'snils_scan', 'other')),
    -- The file name as sanitised by the core (no path, no control characters, ≤ 120 characters).
    name         TEXT    NOT NULL,
    -- Judged from the first bytes, never from the name.
    content_type TEXT    NOT NULL CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png')),
    size         INTEGER NOT NULL CHECK (size BETWEEN 1 AND 10485760),
    sha256       BLOB    NOT NULL CHECK (length(sha256) = 32),
    created_at   INTEGER NOT NULL,
    state        TEXT    NOT NULL DEFAULT 'live' CHECK (state IN ('live', 'replaced', 'deleted')),
    -- When it was replaced or deleted.
    ended_at     INTEGER,
    replaced_by  INTEGER REFERENCES uploads (id),
    CHECK ((state = 'live') = (ended_at IS NULL))
) STRICT;
CREATE INDEX uploads_account ON uploads (account_id, state);
-- At most one live passport scan and one live СНИЛС scan per account.
CREATE UNIQUE INDEX uploads_one_live_scan ON uploads (account_id, kind)
    WHERE state = 'live' AND kind <> 'other';

CREATE TABLE upload_contents (
    upload_id INTEGER PRIMARY KEY REFERENCES uploads (id) ON DELETE CASCADE,
    bytes     BLOB    NOT NULL
) STRICT;
