-- Codes in the outbox (issue 11): a one-time code's text is redacted once the code has expired
-- or left the machine, and account-less rows (registration codes, transport tests, deletion
-- certificates) are deleted 30 days after they were written. The worker looks for both every
-- 30 seconds; these partial indexes hold only the rows concerned, so the sweep never scans the
-- whole outbox. The WHERE clauses are word for word those of `crate::outbox` (SQLite uses a
-- partial index only for a query that repeats its terms).
CREATE INDEX outbox_open_codes ON outbox (created_at)
    WHERE kind IN ('registration_code', 'sign_in_code', 'password_reset_code', 'profile_code')
    AND body <> '[код скрыт]';
CREATE INDEX outbox_accountless ON outbox (created_at) WHERE account_id IS NULL;
