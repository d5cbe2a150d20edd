/**
 * The JSON forms of governance: proposal content, signed vote payloads (JWS over RFC 8785 canonical JSON), stored
 * acts and the self-contained bundle of a proposal.
 */
package dev.pillar.codec.governance;
