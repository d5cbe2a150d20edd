package dev.pillar.core.governance;

import dev.pillar.core.model.Check;
import dev.pillar.core.model.Country;
import dev.pillar.core.model.InvalidValueException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * A request to enrol {@code member}'s signing key (Ed25519 public key {@code x}, named by its JWK thumbprint
 * {@code kid}) from {@code from}. {@code proof} is a compact JWS by the new key itself over
 * {@link Statement.Possession}, so only whoever holds the private key can ask. The key counts only once the ceremony
 * of {@link Governance} is complete: co-signed by the member's own key in force (rotation), or, for a first key or a
 * recovery, confirmed by the secretariat and co-signed by other core members.
 */
public record KeyEnrolment(String id, Country member, String kid, String x, LocalDate from, String proof, String requestedBy,
                           Instant requestedAt) {
    public KeyEnrolment {
        Check.id("id", id);
        Check.present("member", member);
        Check.text("kid", kid);
        Check.text("x", x);
        Check.present("from", from);
        Check.text("proof", proof);
        Check.text("requestedBy", requestedBy);
        Check.present("requestedAt", requestedAt);
        if (from.isBefore(day(requestedAt))) {
            throw new InvalidValueException("from", "is " + from + ", before the request (" + day(requestedAt)
                    + "): a key is never valid for days before it was enrolled");
        }
    }

    public LocalDate day() {
        return day(requestedAt);
    }

    private static LocalDate day(Instant t) {
        return t.atOffset(ZoneOffset.UTC).toLocalDate();
    }
}
