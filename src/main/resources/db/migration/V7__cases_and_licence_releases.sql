-- Compliance cases (docs/cases.md): every REVIEW and LICENSE_REQUIRED decision asked through the server opens a case,
-- or joins the open case for the same item, recipient and reason. open_key is item, recipient and reason while the
-- case is open and NULL once it is closed, so that at most one case is open for them (NULLs do not collide).
CREATE SEQUENCE case_ids START WITH 1;
CREATE TABLE cases (
    id            BIGINT        NOT NULL PRIMARY KEY,
    state         VARCHAR(16)   NOT NULL,
    outcome       VARCHAR(20)   NOT NULL,
    reason        VARCHAR(400)  NOT NULL,
    item_id       VARCHAR(80)   NOT NULL,
    recipient     VARCHAR(80)   NOT NULL,
    organisation  VARCHAR(80),
    country       VARCHAR(3),
    project       VARCHAR(80),
    opened_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    opened_by     VARCHAR(200)  NOT NULL,
    decisions     INT           NOT NULL,
    last_decision VARCHAR(40)   NOT NULL,
    open_key      VARCHAR(600),
    resolution    VARCHAR(16),
    reference     VARCHAR(200),
    note          VARCHAR(2000),
    resolved_by   VARCHAR(200),
    resolved_at   TIMESTAMP WITH TIME ZONE,
    version       BIGINT        NOT NULL
);
CREATE UNIQUE INDEX cases_open_key ON cases (open_key);
CREATE INDEX cases_state ON cases (state, opened_at);

-- The decisions of each case, with who asked: the separation of duties checks that none of them resolves it.
CREATE TABLE case_decisions (
    case_id     BIGINT       NOT NULL,
    decision_id VARCHAR(40)  NOT NULL,
    asked_by    VARCHAR(200) NOT NULL,
    asked_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (case_id, decision_id)
);
CREATE INDEX case_decisions_decision ON case_decisions (decision_id);

-- The value released under each capped licence: a release is recorded only if it keeps used_usd within the cap,
-- checked and added in one conditional UPDATE of the licence's row, so concurrent releases never exceed it.
CREATE TABLE licence_usage (
    licence  VARCHAR(80) NOT NULL PRIMARY KEY,
    used_usd BIGINT      NOT NULL,
    releases BIGINT      NOT NULL
);
CREATE TABLE licence_releases (
    licence     VARCHAR(80)  NOT NULL,
    decision_id VARCHAR(40)  NOT NULL,
    value_usd   BIGINT       NOT NULL,
    used_after  BIGINT       NOT NULL,
    released_at TIMESTAMP WITH TIME ZONE NOT NULL,
    actor       VARCHAR(200) NOT NULL,
    recipient   VARCHAR(80),
    item_id     VARCHAR(80),
    PRIMARY KEY (licence, decision_id)
);
CREATE INDEX licence_releases_time ON licence_releases (licence, released_at);
