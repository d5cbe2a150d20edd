-- The audit log (dev.pillar.audit): every decision and every change, appended in the transaction that makes it.
-- Entries are stored in bundles, one per transaction: entry i of a bundle is log entry first_index + i.
CREATE TABLE audit_bundles (
    first_index BIGINT  NOT NULL PRIMARY KEY,
    entry_count INT     NOT NULL,
    entries     BYTEA   NOT NULL -- each entry: 4-byte big-endian length, then its bytes
);
-- Signed checkpoints (C2SP signed notes) as published, one per tree size.
CREATE TABLE audit_checkpoints (
    tree_size  BIGINT NOT NULL PRIMARY KEY,
    note       TEXT   NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
INSERT INTO store_meta (meta_key, meta_value) VALUES ('audit_size', 0);
