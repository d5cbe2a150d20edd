-- Pillar store, version 1. Plain SQL that runs on both H2 (MODE=PostgreSQL) and PostgreSQL.

-- Partnership, organisations, people, items and licences as JSON documents in the world-file format, with a version
-- for optimistic concurrency and a few columns extracted for searching.
CREATE TABLE documents (
    kind           VARCHAR(32)  NOT NULL,
    id             VARCHAR(80)  NOT NULL,
    version        BIGINT       NOT NULL,
    body           TEXT         NOT NULL,
    area           VARCHAR(80),
    project        VARCHAR(80),
    classification VARCHAR(140),
    control        VARCHAR(140),
    country        VARCHAR(3),
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by     VARCHAR(200) NOT NULL,
    PRIMARY KEY (kind, id)
);
CREATE INDEX documents_project ON documents (kind, project);
CREATE INDEX documents_area ON documents (kind, area);

-- Rule data versions: each is a whole rules document; the newest is in force.
CREATE TABLE rule_versions (
    version    BIGINT       NOT NULL PRIMARY KEY,
    body       TEXT         NOT NULL,
    note       VARCHAR(2000) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by VARCHAR(200) NOT NULL
);

-- Decisions asked through the API.
CREATE TABLE decisions (
    id            VARCHAR(40)  NOT NULL PRIMARY KEY,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    actor         VARCHAR(200) NOT NULL,
    outcome       VARCHAR(20)  NOT NULL,
    world_version VARCHAR(120) NOT NULL,
    as_of         DATE         NOT NULL,
    item_id       VARCHAR(80),
    organisation  VARCHAR(80),
    project       VARCHAR(80),
    request       TEXT         NOT NULL,
    response      TEXT         NOT NULL
);
CREATE INDEX decisions_item ON decisions (item_id);
CREATE INDEX decisions_organisation ON decisions (organisation);

-- Users of the embedded issuer.
CREATE TABLE users (
    username      VARCHAR(80)  NOT NULL PRIMARY KEY,
    password_hash VARCHAR(300) NOT NULL,
    role          VARCHAR(40)  NOT NULL,
    country       VARCHAR(3),
    organisation  VARCHAR(80),
    disabled      BOOLEAN      NOT NULL,
    version       BIGINT       NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Store-wide counters: 'revision' grows with every change to the world.
CREATE TABLE store_meta (
    meta_key   VARCHAR(40) NOT NULL PRIMARY KEY,
    meta_value BIGINT      NOT NULL
);
INSERT INTO store_meta (meta_key, meta_value) VALUES ('revision', 0);
INSERT INTO store_meta (meta_key, meta_value) VALUES ('seeded', 0);
