-- no-transaction
-- Issue 16: a citizen's gender is stored sealed under their account's key, so the column's
-- CHECK (gender IN ('М', 'Ж')) goes (the core validates the value before sealing it). SQLite
-- drops a CHECK only by rebuilding the table (https://sqlite.org/lang_altertable.html, «Making
-- other kinds of table schema changes»): foreign keys off, the copy in one transaction, on again.
-- Written to run again whole should a crash come between its COMMIT and sqlx's record of it.
PRAGMA foreign_keys = OFF;
BEGIN IMMEDIATE;
DROP TABLE IF EXISTS accounts_next;
CREATE TABLE accounts_next (
    id           INTEGER PRIMARY KEY,
    number       TEXT    NOT NULL UNIQUE,
    status       TEXT    NOT NULL DEFAULT 'active'
                 CHECK (status IN ('active', 'pending_closure', 'closed', 'purged')),
    level        TEXT    NOT NULL DEFAULT 'simplified'
                 CHECK (level IN ('simplified', 'standard', 'confirmed')),
    surname      TEXT    NOT NULL,
    given_name   TEXT    NOT NULL,
    patronymic   TEXT,
    birth_date   TEXT    NOT NULL,
    gender       TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    failed_sign_ins      INTEGER NOT NULL DEFAULT 0,
    locked_until         INTEGER,
    must_change_password INTEGER NOT NULL DEFAULT 0,
    expiry_reminded_at   INTEGER,
    failed_factor        INTEGER NOT NULL DEFAULT 0,
    idle_minutes         INTEGER CHECK (idle_minutes BETWEEN 1 AND 240)
) STRICT;
INSERT INTO accounts_next (id, number, status, level, surname, given_name, patronymic, birth_date, gender,
                           created_at, failed_sign_ins, locked_until, must_change_password,
                           expiry_reminded_at, failed_factor, idle_minutes)
SELECT id, number, status, level, surname, given_name, patronymic, birth_date, gender,
       created_at, failed_sign_ins, locked_until, must_change_password,
       expiry_reminded_at, failed_factor, idle_minutes
  FROM accounts;
DROP TABLE accounts;
ALTER TABLE accounts_next RENAME TO accounts;
COMMIT;
PRAGMA foreign_keys = ON;
