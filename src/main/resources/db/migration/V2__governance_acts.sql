-- Pillar store, version 2: governance acts. Plain SQL that runs on both H2 (MODE=PostgreSQL) and PostgreSQL.

-- Proposals, votes and outcomes, appended in order and never updated or deleted (the store has no statement that
-- would). body is the act's RFC 8785 canonical JSON and digest its SHA-256 (hex); slot is 'proposal', 'vote:GBR' or
-- 'outcome', unique per proposal, so that a member's vote or an outcome cannot be recorded twice.
CREATE TABLE governance_acts (
    seq          BIGINT       NOT NULL PRIMARY KEY,
    kind         VARCHAR(16)  NOT NULL,
    proposal_id  VARCHAR(80)  NOT NULL,
    slot         VARCHAR(40)  NOT NULL,
    body         TEXT         NOT NULL,
    digest       VARCHAR(64)  NOT NULL,
    recorded_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_by  VARCHAR(200) NOT NULL,
    CONSTRAINT governance_acts_slot UNIQUE (proposal_id, slot)
);
