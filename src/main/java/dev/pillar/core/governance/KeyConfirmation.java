package dev.pillar.core.governance;

import dev.pillar.core.model.Check;
import java.time.Instant;

/** The secretariat's confirmation that it checked a first-key (or recovery) enrolment with the member out of band. */
public record KeyConfirmation(String enrolment, String digest, String confirmedBy, Instant recordedAt) {
    public KeyConfirmation {
        Check.id("enrolment", enrolment);
        Check.text("digest", digest);
        Check.text("confirmedBy", confirmedBy);
        Check.present("recordedAt", recordedAt);
    }
}
