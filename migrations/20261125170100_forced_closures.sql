-- Forced closures as cases: a number printed on the notice and the act, the stage the scheduler
-- advances (a rules violation: notice → blocked → executed, or cleared by an operator; every
-- other ground is executed when registered), the circumstances, the block of a violation, and
-- the staff who sign the act.
ALTER TABLE forced_closures ADD COLUMN number TEXT;
ALTER TABLE forced_closures ADD COLUMN stage TEXT NOT NULL DEFAULT 'notice'
    CHECK (stage IN ('notice', 'blocked', 'executed', 'cleared'));
ALTER TABLE forced_closures ADD COLUMN grounds_text TEXT;
ALTER TABLE forced_closures ADD COLUMN block_days INTEGER;
ALTER TABLE forced_closures ADD COLUMN block_id INTEGER REFERENCES account_blocks (id);
ALTER TABLE forced_closures ADD COLUMN cleared_at INTEGER;
ALTER TABLE forced_closures ADD COLUMN clear_comment TEXT;
ALTER TABLE forced_closures ADD COLUMN operator TEXT;
ALTER TABLE forced_closures ADD COLUMN supervisor TEXT;
CREATE UNIQUE INDEX forced_closures_number ON forced_closures (number);
-- One violation case in progress per account.
CREATE UNIQUE INDEX forced_closures_one_open ON forced_closures (account_id)
    WHERE stage IN ('notice', 'blocked');
-- The scheduler's work: notices and blocks that may have run out, acts not yet issued.
CREATE INDEX forced_closures_stage ON forced_closures (stage);
