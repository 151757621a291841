-- One-time codes are deleted a day after they were issued (the delivery worker sweeps them):
-- an index on the age keeps that sweep off the rest of the table.
CREATE INDEX one_time_codes_created ON one_time_codes (created_at);
