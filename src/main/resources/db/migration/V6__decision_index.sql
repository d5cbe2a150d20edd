-- Decision records you can find (docs/api.md, decision search): one narrow row per decision beside its chunk, written
-- in the same transaction, and the terms of its basis (licence numbers, citations) and rule ids. Decisions stored
-- before this version are indexed once by the server at start ('decision_index' in store_meta becomes 1).
CREATE TABLE decision_index (
    id            VARCHAR(36)  NOT NULL PRIMARY KEY,
    created_ms    BIGINT       NOT NULL,
    actor         VARCHAR(200) NOT NULL,
    outcome       VARCHAR(20)  NOT NULL,
    as_of         DATE         NOT NULL,
    world_version VARCHAR(120) NOT NULL,
    item_id       VARCHAR(80),
    recipient     VARCHAR(80),
    organisation  VARCHAR(80),
    project       VARCHAR(80)
);
CREATE INDEX decision_index_time ON decision_index (created_ms, id);
CREATE INDEX decision_index_recipient ON decision_index (recipient, created_ms);
CREATE INDEX decision_index_item ON decision_index (item_id, created_ms);
CREATE INDEX decision_index_organisation ON decision_index (organisation, created_ms);
-- kind 'b': a basis of the answer (as in its basis list); 'r': the rule id of one of its reasons
CREATE TABLE decision_terms (
    term        VARCHAR(300) NOT NULL,
    decision_id VARCHAR(36)  NOT NULL,
    kind        CHAR(1)      NOT NULL,
    PRIMARY KEY (term, decision_id, kind)
);
CREATE INDEX decision_terms_decision ON decision_terms (decision_id);
INSERT INTO store_meta (meta_key, meta_value) VALUES ('decision_index', 0);
