package dev.pillar.core.governance;

import dev.pillar.core.model.Check;
import dev.pillar.core.model.Country;
import dev.pillar.core.model.InvalidValueException;
import java.time.Instant;

/**
 * What a member's delegate signs: the proposal (id and digest of its content), the member, the choice, the reason (required
 * for an objection) and the time of signing.
 */
public record Vote(String proposalId, String proposalDigest, Country member, Choice choice, String reason, Instant time) {
    public Vote {
        Check.id("proposal", proposalId);
        Check.text("proposalDigest", proposalDigest);
        Check.present("member", member);
        Check.present("choice", choice);
        reason = reason == null || reason.isBlank() ? null : reason.strip();
        if (choice == Choice.OBJECT && reason == null) {
            throw new InvalidValueException("reason", "is required for an objection: say why the member objects");
        }
        Check.present("time", time);
    }
}
