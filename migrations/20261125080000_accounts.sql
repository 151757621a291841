-- Citizens, their sign-in identifiers, credentials and consents.
-- Times are Unix seconds (UTC); dates the citizen typed are ISO 'YYYY-MM-DD'.

CREATE TABLE accounts (
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
    gender       TEXT    NOT NULL CHECK (gender IN ('М', 'Ж')),
    created_at   INTEGER NOT NULL
) STRICT;

-- One row per sign-in identifier; the primary key makes each unique among live accounts
-- (a purge deletes the rows, freeing the identifier).
CREATE TABLE identifiers (
    kind         TEXT    NOT NULL CHECK (kind IN ('phone', 'email', 'snils')),
    value        TEXT    NOT NULL,
    account_id   INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    confirmed_at INTEGER,
    PRIMARY KEY (kind, value)
) STRICT, WITHOUT ROWID;
CREATE INDEX identifiers_account ON identifiers (account_id);

CREATE TABLE credentials (
    account_id          INTEGER PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    password_hash       TEXT    NOT NULL,
    password_changed_at INTEGER NOT NULL
) STRICT;

CREATE TABLE password_history (
    id            INTEGER PRIMARY KEY,
    account_id    INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    password_hash TEXT    NOT NULL,
    created_at    INTEGER NOT NULL
) STRICT;
CREATE INDEX password_history_account ON password_history (account_id, created_at);

CREATE TABLE consents (
    id           INTEGER PRIMARY KEY,
    account_id   INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    kind         TEXT    NOT NULL CHECK (kind IN ('user_agreement', 'personal_data')),
    version      TEXT    NOT NULL,
    accepted_at  INTEGER NOT NULL,
    withdrawn_at INTEGER
) STRICT;
CREATE INDEX consents_account ON consents (account_id);
