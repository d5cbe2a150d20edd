-- Witnesses of the audit log (docs/audit.md): each core member's witness verifier keys (note key text, as Go's note
-- package reads it), registered by the secretariat or the member's delegate; a key is added, never removed.
CREATE TABLE audit_witness_keys (
    verifier_key  VARCHAR(500) NOT NULL PRIMARY KEY,
    member        VARCHAR(3)   NOT NULL,
    key_name      VARCHAR(300) NOT NULL,
    registered_at TIMESTAMP WITH TIME ZONE NOT NULL,
    registered_by VARCHAR(200) NOT NULL
);
-- Cosignatures of kept checkpoints: one Ed25519 note signature line per checkpoint and witness key.
CREATE TABLE audit_cosignatures (
    tree_size      BIGINT       NOT NULL,
    verifier_key   VARCHAR(500) NOT NULL,
    signature_line TEXT         NOT NULL,
    received_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tree_size, verifier_key)
);
