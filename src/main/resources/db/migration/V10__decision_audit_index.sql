-- The index of each decision's audit entry, so that a decision read from the store is checked against its entry in
-- the log without a scan (docs/audit.md). Null for decisions indexed by the V6 backfill: those are found by a scan.
ALTER TABLE decision_index ADD COLUMN audit_index BIGINT;
