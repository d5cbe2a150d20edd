package dev.pillar.core.governance;

import dev.pillar.core.model.Check;
import java.time.Instant;

/** A vote as cast: the signed compact JWS, what it says, the key that signed it, who submitted it and when. */
public record CastVote(Vote vote, String jws, String kid, String castBy, Instant recordedAt) {
    public CastVote {
        Check.present("vote", vote);
        Check.text("jws", jws);
        Check.text("kid", kid);
        Check.text("castBy", castBy);
        Check.present("recordedAt", recordedAt);
    }
}
