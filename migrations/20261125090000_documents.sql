-- The registry of issued documents: every PDF Кабинет issues is recorded with its number and the
-- SHA-256 of its exact bytes, so any file presented later is either valid, unknown or altered.
-- Documents issued to a citizen also keep their bytes, to be downloaded again («Мои документы»);
-- a purge must clear `content` (and `account_id`) of the account's rows but keep the rest, so
-- the documents stay verifiable. Identity-code slips never keep their bytes (they hold a code).

CREATE TABLE documents (
    id                INTEGER PRIMARY KEY,
    number            TEXT    NOT NULL UNIQUE,
    kind              TEXT    NOT NULL CHECK (kind IN (
                          'registration_certificate', 'closure_application',
                          'closure_application_blank', 'closure_confirmation', 'closure_act',
                          'deletion_certificate', 'applications_history', 'personal_data_extract',
                          'identity_code_slip')),
    account_id        INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
    title             TEXT    NOT NULL,
    sha256            TEXT    NOT NULL CHECK (length(sha256) = 64),
    verification_code TEXT    NOT NULL,
    pages             INTEGER NOT NULL,
    size              INTEGER NOT NULL,
    created_at        INTEGER NOT NULL,
    content           BLOB
) STRICT;
CREATE INDEX documents_account ON documents (account_id, created_at);

-- The last sequence number per kind and year: «ЗЛК-2026-000001» is (closure_application, 2026, 1).
CREATE TABLE document_sequences (
    kind TEXT    NOT NULL,
    year INTEGER NOT NULL,
    last INTEGER NOT NULL,
    PRIMARY KEY (kind, year)
) STRICT, WITHOUT ROWID;
