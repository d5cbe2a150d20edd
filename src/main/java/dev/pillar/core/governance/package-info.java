/**
 * Governance of the partnership: proposals that move a candidate along its path (consensus, formal discussions,
 * admission to named Pillar II projects, suspension, withdrawal), the core members' signed votes on them, the consensus
 * rule and the verification of a recorded history. {@link dev.pillar.core.governance.Governance} is the entry point.
 *
 * <p>Pure: signatures and digests are checked through the {@link dev.pillar.core.governance.Signatures} port, which an
 * adapter implements with RFC 7515 JWS over RFC 8785 canonical JSON. History is append-only: an adopted act adds a
 * stage entry and changes participation from its effective date; it never edits what came before.
 */
package dev.pillar.core.governance;
