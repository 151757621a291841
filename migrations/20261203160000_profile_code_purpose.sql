-- The one-time code that confirms saving the profile is stored under the purpose
-- `profile_confirm` (it was `profile_save`, the name of the command that uses it: each command
-- name is written in exactly one place, the command table). Codes live minutes; any still open
-- keeps working.
UPDATE one_time_codes SET purpose = 'profile_confirm' WHERE purpose = 'profile_save';
