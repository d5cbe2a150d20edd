/**
 * The tamper-evident audit log: a Merkle tree over every entry exactly as RFC 9162 (and RFC 6962 before it) defines
 * it, with inclusion and consistency proofs, checkpoints signed in the C2SP signed-note format and cosigned by
 * witnesses. It works over the typed log-storage port and knows no SQL; anyone holding a checkpoint can check that an
 * entry is in the log and that a later checkpoint extends an earlier one, without trusting the server that keeps it.
 */
package dev.pillar.app.audit;
