-- Decisions are stored many to a row: each group commit writes one chunk (see dev.pillar.store.DecisionChunks).
-- The V1 table "decisions" stays for reading decisions recorded before this migration; nothing writes to it any more.
CREATE TABLE decision_chunks (
    seq          BIGINT       NOT NULL PRIMARY KEY,
    first_ms     BIGINT       NOT NULL, -- least Unix time (ms) in the chunk's UUIDv7 decision ids
    last_ms      BIGINT       NOT NULL, -- greatest; last_ms - first_ms <= 2000
    entry_count  INT          NOT NULL,
    committed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    body         BYTEA        NOT NULL  -- deflated records
);
CREATE INDEX decision_chunks_last_ms ON decision_chunks (last_ms);
INSERT INTO store_meta (meta_key, meta_value) VALUES ('decision_chunk_seq', 0);
