-- Every table holding one citizen's data carries the account id (issue 14, ready to shard by
-- account): the three that were reached only through a parent get it, backfilled from the
-- parent, and the core writes it and filters by it. Nullable, as SQLite adds a column (the same here, column for column): the core
-- always writes it (delivery attempts of account-less messages — registration codes — keep NULL).
ALTER TABLE application_events ADD COLUMN account_id BIGINT REFERENCES accounts (id) ON DELETE CASCADE;
UPDATE application_events
   SET account_id = (SELECT account_id FROM applications WHERE applications.id = application_events.application_id);

ALTER TABLE upload_contents ADD COLUMN account_id BIGINT REFERENCES accounts (id) ON DELETE CASCADE;
UPDATE upload_contents
   SET account_id = (SELECT account_id FROM uploads WHERE uploads.id = upload_contents.upload_id);

ALTER TABLE delivery_attempts ADD COLUMN account_id BIGINT REFERENCES accounts (id) ON DELETE CASCADE;
UPDATE delivery_attempts
   SET account_id = (SELECT account_id FROM outbox WHERE outbox.id = delivery_attempts.outbox_id);
