-- «Согласия»: a third, optional kind — «Получение новостей сервиса» (service_news) — beside the
-- user agreement and the consent to personal-data processing. SQLite cannot change a CHECK in
-- place, so the table is rebuilt with its rows. Every existing account gets the news consent
-- dated like its personal-data consent: service news was on for everyone by default before, and
-- registration now records it (the citizen may withdraw it on «Согласия»).

CREATE TABLE consents_new (
    id           INTEGER PRIMARY KEY,
    account_id   INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    kind         TEXT    NOT NULL CHECK (kind IN ('user_agreement', 'personal_data', 'service_news')),
    version      TEXT    NOT NULL,
    accepted_at  INTEGER NOT NULL,
    withdrawn_at INTEGER
) STRICT;
INSERT INTO consents_new (id, account_id, kind, version, accepted_at, withdrawn_at)
    SELECT id, account_id, kind, version, accepted_at, withdrawn_at FROM consents;
DROP TABLE consents;
ALTER TABLE consents_new RENAME TO consents;
CREATE INDEX consents_account ON consents (account_id, kind);
INSERT INTO consents (account_id, kind, version, accepted_at)
    SELECT account_id, 'service_news', '2026-11-01', min(accepted_at) FROM consents
    WHERE kind = 'personal_data' GROUP BY account_id;
