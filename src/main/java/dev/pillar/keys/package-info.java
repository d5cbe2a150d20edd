/**
 * Key files in the data directory: the audit log's signing key and a witness's state, written readable by their
 * owner only.
 */
package dev.pillar.keys;
