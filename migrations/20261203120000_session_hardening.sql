-- Sign-in hardening (issue 11): wrong second-factor answers count toward the lockout in a
-- column of their own (a right password clears only the password count, so "password → guess
-- the code" cannot repeat), and the idle timeout becomes a setting of each account instead of
-- one value for everybody.

ALTER TABLE accounts ADD COLUMN failed_factor INTEGER NOT NULL DEFAULT 0;
ALTER TABLE accounts ADD COLUMN idle_minutes INTEGER CHECK (idle_minutes BETWEEN 1 AND 240);

-- The old machine-wide value, where one was set, becomes every existing account's own.
UPDATE accounts SET idle_minutes = (
    SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'idle_minutes'
) WHERE EXISTS (
    SELECT 1 FROM settings WHERE key = 'idle_minutes' AND CAST(value AS INTEGER) BETWEEN 1 AND 240
);
DELETE FROM settings WHERE key = 'idle_minutes';
