package dev.pillar.core.governance;

import dev.pillar.core.model.Check;
import dev.pillar.core.model.Country;
import java.time.Instant;
import java.util.List;

/** The end of a vote: adopted (every core member approved) or rejected (a member objected), when, and by whom. */
public record Outcome(String proposalId, String proposalDigest, Result result, Instant decidedAt, List<Country> approvals,
                      List<Country> objections) {
    /** How a vote ended. */
    public enum Result { ADOPTED, REJECTED }

    public Outcome {
        Check.id("proposal", proposalId);
        Check.text("proposalDigest", proposalDigest);
        Check.present("result", result);
        Check.present("decidedAt", decidedAt);
        approvals = Check.list("approvals", approvals).stream().sorted().toList();
        objections = Check.list("objections", objections).stream().sorted().toList();
    }
}
