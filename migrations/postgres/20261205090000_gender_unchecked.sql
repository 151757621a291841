-- Issue 16: a citizen's gender is stored sealed under their account's key, so the column's
-- CHECK goes (the core validates the value before sealing it). See the SQLite twin.
ALTER TABLE accounts DROP CONSTRAINT accounts_gender_check;
