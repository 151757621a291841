-- «Мой профиль»: documents and address of the citizen, the change history, and contact changes
-- waiting for their code.

CREATE TABLE profiles (
    account_id          INTEGER PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    passport_number     TEXT,
    passport_issue_date TEXT,
    passport_issued_by  TEXT,
    division_code       TEXT,
    inn                 TEXT,
    address             TEXT,
    updated_at          INTEGER NOT NULL
) STRICT;

CREATE TABLE profile_changes (
    id         INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    at         INTEGER NOT NULL,
    field      TEXT    NOT NULL,
    old_value  TEXT,
    new_value  TEXT,
    actor      TEXT    NOT NULL CHECK (actor IN ('citizen', 'operator', 'system'))
) STRICT;
CREATE INDEX profile_changes_account ON profile_changes (account_id, at);
