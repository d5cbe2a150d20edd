-- Decisions indexed before V10 get the index of their audit entry once, at the next start (JdbcDecisions): a forward
-- read of the log. Those the log never recorded (stored before the log existed, V4) get -1, so that reading one by id
-- does not scan the log for an entry that is not there ('decision_audit_index' in store_meta becomes 1).
INSERT INTO store_meta (meta_key, meta_value) VALUES ('decision_audit_index', 0);
