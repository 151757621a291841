-- Staff mode: staff accounts (separate from citizens), their sessions, and the append-only,
-- hash-chained audit log of every staff and administrator action.

CREATE TABLE staff (
    id              INTEGER PRIMARY KEY,
    login           TEXT    NOT NULL UNIQUE,
    full_name       TEXT    NOT NULL,
    role            TEXT    NOT NULL CHECK (role IN ('operator', 'supervisor')),
    password_hash   TEXT    NOT NULL,
    totp_secret     BLOB    NOT NULL,
    totp_last_step  INTEGER,
    failed_sign_ins INTEGER NOT NULL DEFAULT 0,
    locked_until    INTEGER,
    created_at      INTEGER NOT NULL,
    disabled_at     INTEGER
) STRICT;

CREATE TABLE staff_sessions (
    id           INTEGER PRIMARY KEY,
    staff_id     INTEGER NOT NULL REFERENCES staff (id),
    token_hash   BLOB    NOT NULL UNIQUE,
    created_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    ended_at     INTEGER,
    end_reason   TEXT
) STRICT;
CREATE INDEX staff_sessions_staff ON staff_sessions (staff_id);

-- hash = SHA-256(prev_hash || canonical fields), see crates/kabinet-core/src/staff/audit.rs.
CREATE TABLE staff_audit (
    seq       INTEGER PRIMARY KEY,
    at        INTEGER NOT NULL,
    actor     TEXT    NOT NULL,
    staff_id  INTEGER REFERENCES staff (id),
    action    TEXT    NOT NULL,
    target    TEXT    NOT NULL,
    details   TEXT    NOT NULL,
    prev_hash BLOB    NOT NULL,
    hash      BLOB    NOT NULL
) STRICT;

CREATE TRIGGER staff_audit_no_update BEFORE UPDATE ON staff_audit
BEGIN
    SELECT RAISE(ABORT, 'staff_audit is append-only');
END;

CREATE TRIGGER staff_audit_no_delete BEFORE DELETE ON staff_audit
BEGIN
    SELECT RAISE(ABORT, 'staff_audit is append-only');
END;
