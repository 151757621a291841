-- Issue 16: personal data under per-account keys (crates/kabinet-core/src/sealing.rs). See the
-- SQLite twin for why each piece is there.
CREATE TABLE account_keys (
    account_id BIGINT PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    wrapped    BYTEA  NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE transit_keys (
    day        BIGINT PRIMARY KEY,
    wrapped    BYTEA  NOT NULL,
    created_at BIGINT NOT NULL
);

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
