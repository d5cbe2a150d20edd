package dev.pillar.core.governance;

/**
 * One recorded governance act, appended and never changed: a proposal (with the digest of its content), a vote or an
 * outcome; a nomination of an organisation to a project; a key enrolment request, a co-signature or a confirmation.
 */
public sealed interface Act permits Act.Proposed, Act.Voted, Act.Decided, Act.Nominated, Act.KeyRequested, Act.KeyCosigned,
        Act.KeyConfirmed {
    /** The id of the proposal, nomination or key enrolment the act belongs to. */
    String proposalId();

    /** A short name of the act for messages, e.g. {@code vote of GBR on P-1}. */
    String describe();

    record Proposed(Proposal proposal, String digest) implements Act {
        public String proposalId() { return proposal.id(); }
        public String describe() { return "proposal " + proposal.id(); }
    }

    record Voted(CastVote cast) implements Act {
        public String proposalId() { return cast.vote().proposalId(); }
        public String describe() { return "vote of " + cast.vote().member() + " on " + cast.vote().proposalId(); }
    }

    record Decided(Outcome outcome) implements Act {
        public String proposalId() { return outcome.proposalId(); }
        public String describe() { return "outcome of " + outcome.proposalId(); }
    }

    record Nominated(Nomination nomination, String digest) implements Act {
        public String proposalId() { return nomination.id(); }
        public String describe() { return "nomination " + nomination.id() + " of " + nomination.organisation() + " to " + nomination.project(); }
    }

    record KeyRequested(KeyEnrolment enrolment, String digest) implements Act {
        public String proposalId() { return enrolment.id(); }
        public String describe() { return "key enrolment " + enrolment.id() + " of " + enrolment.member(); }
    }

    record KeyCosigned(KeyCosign cosign) implements Act {
        public String proposalId() { return cosign.enrolment(); }
        public String describe() { return "co-signature of " + cosign.member() + " on " + cosign.enrolment(); }
    }

    record KeyConfirmed(KeyConfirmation confirmation) implements Act {
        public String proposalId() { return confirmation.enrolment(); }
        public String describe() { return "secretariat confirmation of " + confirmation.enrolment(); }
    }
}
