/**
 * The tamper-evident audit log: a Merkle tree over every entry exactly as RFC 9162 (and RFC 6962 before it) defines
 * it, with inclusion and consistency proofs, and checkpoints signed in the C2SP signed-note format. Anyone holding a
 * checkpoint can check that an entry is in the log and that a later checkpoint extends an earlier one, without
 * trusting the server that keeps it.
 */
package dev.pillar.audit;
