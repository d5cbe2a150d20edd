package dev.pillar.core.governance;

import dev.pillar.core.model.Check;
import dev.pillar.core.model.Country;
import java.time.Instant;

/** A core member's co-signature of a key enrolment: its compact JWS over {@link Statement.Cosign}, by the key {@code kid}. */
public record KeyCosign(String enrolment, String digest, Country member, String kid, String jws, String castBy, Instant recordedAt) {
    public KeyCosign {
        Check.id("enrolment", enrolment);
        Check.text("digest", digest);
        Check.present("member", member);
        Check.text("kid", kid);
        Check.text("jws", jws);
        Check.text("castBy", castBy);
        Check.present("recordedAt", recordedAt);
    }
}
