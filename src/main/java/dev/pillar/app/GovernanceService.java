package dev.pillar.app;

import dev.pillar.codec.governance.GovernanceCodec;
import dev.pillar.core.governance.Act;
import dev.pillar.core.governance.Governance;
import dev.pillar.core.governance.KeyEnrolment;
import dev.pillar.core.governance.Nomination;
import dev.pillar.core.governance.Proposal;
import dev.pillar.core.governance.Signatures;
import dev.pillar.core.model.Country;
import dev.pillar.core.model.InvalidValueException;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Proposals and votes for the API, the console and the CLI: each is checked by the governance core against the record
 * as it stands (under the world's write lock) and then recorded through {@link WorldService#recordActs}, so that the
 * world, and every decision after it, follows the acts. Refused input records nothing.
 */
public final class GovernanceService {
    private final WorldService worlds;
    private final PillarClock clock;

    public GovernanceService(WorldService worlds, PillarClock clock) {
        this.worlds = worlds;
        this.clock = clock;
    }

    public WorldService worlds() {
        return worlds;
    }

    /** Now, to the second. */
    public Instant now() {
        return clock.nowToSecond();
    }

    public Governance governance() {
        return worlds.current().governance().governance();
    }

    /** Records a new proposal from {@code body} (see {@link GovernanceCodec#newProposal}); its id is the next {@code P-n}. */
    public Governance.Entry propose(JsonNode body, String actor) {
        return worlds.exclusive(() -> core(() -> {
            Governance g = governance();
            int n = g.entries().size() + 1;
            while (g.entry("P-" + n) != null) {
                n++;
            }
            String id = "P-" + n;
            Proposal p = GovernanceCodec.newProposal(body, id, actor, now());
            worlds.recordActs(List.of(g.propose(p)), actor);
            return governance().entry(id);
        }));
    }

    /**
     * Records a signed vote on proposal {@code proposalId}; {@code delegateOf} is the member the submitter speaks for
     * (null from the CLI, where the key file is the only credential). Returns the acts recorded: the vote, and the
     * outcome if it decided the proposal.
     */
    public List<Act> vote(String proposalId, String jws, Country delegateOf, String actor) {
        return worlds.exclusive(() -> core(() -> {
            Governance g = governance();
            if (g.entry(proposalId) == null) {
                throw new Refusal(Refusal.Kind.NOT_FOUND, "there is no proposal '" + proposalId + "'", "proposal");
            }
            Signatures.Signed signed;
            try {
                signed = GovernanceCodec.SIGNATURES.read(jws == null ? "" : jws);
            } catch (InvalidValueException e) {
                throw new Refusal(Refusal.Kind.INVALID, e.problem(), "jws");
            }
            if (!signed.vote().proposalId().equals(proposalId)) {
                throw new Refusal(Refusal.Kind.INVALID, "the vote is for proposal " + signed.vote().proposalId() + ", not " + proposalId, "jws");
            }
            List<Act> acts = g.vote(jws, delegateOf, actor, now());
            worlds.recordActs(acts, actor);
            return acts;
        }));
    }

    /** The next free id with {@code prefix} ({@code N-}, {@code K-}) in the record. */
    private static String nextId(Governance g, String prefix, int from) {
        int n = from + 1;
        while (g.entry(prefix + n) != null || g.nomination(prefix + n) != null || g.enrolment(prefix + n) != null) {
            n++;
        }
        return prefix + n;
    }

    /**
     * Records the secretariat's nomination of an organisation to a project from {@code body} (organisation, project,
     * from, until, sources, note); its id is the next {@code N-n}. Refused before the country's admission or outside it.
     */
    public Governance.NominationEntry nominate(JsonNode body, String actor) {
        return worlds.exclusive(() -> core(() -> {
            Governance g = governance();
            String id = nextId(g, "N-", g.nominations().size());
            Nomination n = GovernanceCodec.newNomination(body, id, actor, now());
            worlds.recordActs(List.of(g.nominate(n)), actor);
            return governance().nomination(id);
        }));
    }

    /**
     * Records a request to enrol a key of {@code member} (the delegate's member; from the CLI, the member the body
     * names) from {@code body} (x, kid, from, proof); its id is the next {@code K-n}.
     */
    public Governance.Enrolment requestKey(JsonNode body, Country member, String actor) {
        return worlds.exclusive(() -> core(() -> {
            Governance g = governance();
            String id = nextId(g, "K-", g.enrolments().size());
            KeyEnrolment e = GovernanceCodec.newEnrolment(body, id, actor, now());
            if (member != null && !member.equals(e.member())) {
                throw new Refusal(Refusal.Kind.INVALID, "you are the delegate of " + member + ", not of " + e.member()
                        + ": a delegate enrols only their own member's keys", "member");
            }
            worlds.recordActs(List.of(g.requestKey(e)), actor);
            return governance().enrolment(id);
        }));
    }

    /** Records a co-signature of key enrolment {@code id} by {@code member} with key {@code kid}. */
    public Governance.Enrolment cosignKey(String id, Country member, String kid, String jws, Country delegateOf, String actor) {
        return worlds.exclusive(() -> core(() -> {
            Governance g = governance();
            worlds.recordActs(List.of(g.cosignKey(id, member, kid, jws, delegateOf, actor, now())), actor);
            return governance().enrolment(id);
        }));
    }

    /** Records the secretariat's confirmation of key enrolment {@code id}, naming the digest it checked. */
    public Governance.Enrolment confirmKey(String id, String digest, String actor) {
        return worlds.exclusive(() -> core(() -> {
            Governance g = governance();
            worlds.recordActs(List.of(g.confirmKey(id, digest, actor, now())), actor);
            return governance().enrolment(id);
        }));
    }

    /** The self-contained bundle of a proposal, or a NOT_FOUND refusal. */
    public ObjectNode bundle(String proposalId) {
        Governance g = governance();
        Governance.Entry e = g.entry(proposalId);
        if (e == null) {
            throw new Refusal(Refusal.Kind.NOT_FOUND, "there is no proposal '" + proposalId + "'", "proposal");
        }
        return GovernanceCodec.bundle(g, e, now());
    }

    /** Runs {@code f}, turning the governance core's refusals into the application's. */
    private static <T> T core(Supplier<T> f) {
        try {
            return f.get();
        } catch (dev.pillar.core.governance.Refusal r) {
            throw Refusal.of(r);
        }
    }
}
