-- When a mismatch was resolved (by someone, or by a run that no longer found it): the
-- operations pages chart the mismatches resolved per day.
ALTER TABLE reconciliation_mismatch ADD COLUMN resolved_at TIMESTAMP WITH TIME ZONE;
