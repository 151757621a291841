-- Issue 16: personal data under per-account keys (crates/kabinet-core/src/sealing.rs).
--
-- Each account's data key, wrapped by the data directory's wrapping key (never stored here);
-- deleted with the account, in the purge's transaction, after which nothing the account sealed
-- opens — wherever a copy of it survives.
CREATE TABLE account_keys (
    account_id INTEGER PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    wrapped    BLOB    NOT NULL,
    created_at INTEGER NOT NULL
) STRICT;

-- One key per day for what has no account yet (a registration's confirmed phone, a code's
-- message); destroyed after two days.
CREATE TABLE transit_keys (
    day        INTEGER PRIMARY KEY,
    wrapped    BLOB    NOT NULL,
    created_at INTEGER NOT NULL
) STRICT;

-- Sign-in identifiers are found by their blind index (`lookup`, HMAC-SHA-256 under the index
-- key; unique per kind as the value was) and shown from `value`, sealed. Rows written before
-- this migration keep the plain value in `lookup` until the conversion at start seals them.
ALTER TABLE identifiers RENAME COLUMN value TO lookup;
ALTER TABLE identifiers ADD COLUMN value TEXT;

-- Messages name their destination by its blind index (`lookup`: «the newest message to this
-- phone»); destination, subject, body and attachment are sealed under the account's key, or the
-- day's transit key when there is no account.
ALTER TABLE outbox ADD COLUMN lookup TEXT;
CREATE INDEX outbox_lookup ON outbox (lookup, id);

-- A session's device, OS and address are sealed; «is this a new device?» compares `device_tag`,
-- an HMAC of the device name under a key derived from the account's own data key — useless to
-- anyone once that key is destroyed.
ALTER TABLE sessions ADD COLUMN device_tag TEXT;

-- «Журнал входов» never wrote a free-text detail: the column goes rather than stay a place where
-- a person's data could one day be written in the clear.
ALTER TABLE access_journal DROP COLUMN detail;
