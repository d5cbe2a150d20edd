package dev.pillar.core.governance;

/** One recorded governance act: a proposal (with the digest of its content), a vote or an outcome. Acts are appended, never changed. */
public sealed interface Act permits Act.Proposed, Act.Voted, Act.Decided {
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
}
