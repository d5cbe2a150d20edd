-- Restricted-party screening (docs/screening.md). Each import of a list is a version: its publication date decides
-- from when decisions use it; older versions are kept, so a decision as of a past date uses the lists of that date.
-- body: the entries as JSON lines, deflated.
CREATE SEQUENCE screening_list_ids START WITH 1;
CREATE TABLE screening_lists (
    version      BIGINT        NOT NULL PRIMARY KEY,
    list         VARCHAR(40)   NOT NULL,
    published    DATE          NOT NULL,
    imported_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    imported_by  VARCHAR(200)  NOT NULL,
    file_sha256  VARCHAR(64)   NOT NULL,
    body_sha256  VARCHAR(64)   NOT NULL,
    entries      INT           NOT NULL,
    body         BYTEA         NOT NULL
);
CREATE INDEX screening_lists_list ON screening_lists (list, published);

-- Officers' verdicts on possible matches: "not the same party" (same_party false) or confirmed. A verdict holds for the
-- party and the entry while the entry's content digest is entry_sha256.
CREATE SEQUENCE screening_verdict_ids START WITH 1;
CREATE TABLE screening_verdicts (
    id            BIGINT        NOT NULL PRIMARY KEY,
    party         VARCHAR(80)   NOT NULL,
    entry_ref     VARCHAR(600)  NOT NULL,
    entry_sha256  VARCHAR(64)   NOT NULL,
    same_party    BOOLEAN       NOT NULL,
    evidence      VARCHAR(400)  NOT NULL,
    note          VARCHAR(2000),
    decided_by    VARCHAR(200)  NOT NULL,
    decided_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX screening_verdicts_party ON screening_verdicts (party);

-- Screening cases: a hit found on a party of the world when a list version was imported (continuous screening). At
-- most one is open per party and entry (open_key NULL once closed); a verdict closes it.
CREATE SEQUENCE screening_alert_ids START WITH 1;
CREATE TABLE screening_alerts (
    id            BIGINT        NOT NULL PRIMARY KEY,
    state         VARCHAR(16)   NOT NULL,
    party         VARCHAR(80)   NOT NULL,
    party_role    VARCHAR(20)   NOT NULL,
    party_name    VARCHAR(400)  NOT NULL,
    entry_ref     VARCHAR(600)  NOT NULL,
    entry_name    VARCHAR(400)  NOT NULL,
    list_version  BIGINT        NOT NULL,
    score         DOUBLE PRECISION NOT NULL,
    exact_match   BOOLEAN       NOT NULL,
    opened_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    open_key      VARCHAR(700),
    verdict_id    BIGINT,
    closed_at     TIMESTAMP WITH TIME ZONE
);
CREATE UNIQUE INDEX screening_alerts_open ON screening_alerts (open_key);
CREATE INDEX screening_alerts_state ON screening_alerts (state, opened_at);
