package dev.pillar.core.governance;

import dev.pillar.core.model.Candidate;
import dev.pillar.core.model.CoreMember;
import dev.pillar.core.model.Country;
import dev.pillar.core.model.Interval;
import dev.pillar.core.model.InvalidValueException;
import dev.pillar.core.model.MemberKey;
import dev.pillar.core.model.Participation;
import dev.pillar.core.model.Partnership;
import dev.pillar.core.model.Pillar;
import dev.pillar.core.model.Project;
import dev.pillar.core.model.Source;
import dev.pillar.core.model.Stage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The governance record replayed over a partnership: every act is checked in order with exactly the rules that applied
 * when it was recorded, the acts that pass form the state (proposals, valid votes, outcomes), and the adopted acts are
 * applied to the partnership. Nothing is trusted because it was stored: an outcome counts only if the verified votes
 * decide it, so a forged or altered act changes no participation and shows up in {@link #findings()}.
 *
 * <p>Recording uses the same checks: {@link #propose} and {@link #vote} return the acts to append, or throw a
 * {@link Refusal} and record nothing.
 */
public final class Governance {
    /** How far in the future a vote's signing time may be, against the recording server's clock. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    /** A proposal as recorded, with its valid votes and outcome (null while none). */
    public record Entry(Proposal proposal, String digest, long seq, List<CastVote> votes, Outcome outcome) {
        public Status status(Instant now) {
            if (outcome != null) {
                return outcome.result() == Outcome.Result.ADOPTED ? Status.ADOPTED : Status.REJECTED;
            }
            return now.isAfter(proposal.deadline()) ? Status.LAPSED : Status.OPEN;
        }
    }

    private static final class State {
        final Proposal proposal;
        final String digest;
        final long seq;
        final List<CastVote> votes = new ArrayList<>();
        Outcome recorded;
        boolean tainted;

        State(Proposal proposal, String digest, long seq) {
            this.proposal = proposal;
            this.digest = digest;
            this.seq = seq;
        }
    }

    private final Partnership seeded;
    private final Signatures signatures;
    private final List<Act> acts;
    private final Map<String, State> proposals = new LinkedHashMap<>();
    private final List<Finding> findings = new ArrayList<>();
    private Partnership derived;

    private Governance(Partnership seeded, List<Act> acts, Signatures signatures) {
        this.seeded = seeded;
        this.acts = List.copyOf(acts);
        this.signatures = signatures;
        this.derived = seeded;
        replay();
    }

    /** Replays {@code acts} (in recorded order; the first has seq 1) over the seeded partnership. */
    public static Governance replay(Partnership seeded, List<Act> acts, Signatures signatures) {
        return new Governance(seeded, acts, signatures);
    }

    /** The partnership as the adopted acts left it: candidates' stages and projects' participation. */
    public Partnership partnership() {
        return derived;
    }

    /** The seeded partnership, before any act. */
    public Partnership seeded() {
        return seeded;
    }

    public List<Act> acts() {
        return acts;
    }

    /** What verification found wrong with the recorded acts; empty when every act holds. */
    public List<Finding> findings() {
        return List.copyOf(findings);
    }

    /**
     * Participation in force that no act or cited stage backs: every participation of a country that is not a core
     * member on its first day must start on the date of a stage entry of that candidate (from the partnership
     * document, cited, or from an adopted act) that names the project. Reported with seq 0 (the partnership document).
     */
    public List<Finding> participationFindings() {
        List<Finding> out = new ArrayList<>();
        for (Project pr : derived.projects()) {
            for (Participation q : pr.participants()) {
                if (derived.isCoreMember(q.country(), q.interval().from())) {
                    continue;
                }
                Candidate c = derived.candidate(q.country());
                boolean backed = c != null && c.history().stream().anyMatch(e -> e.date().equals(q.interval().from()) && e.projects().contains(pr.id()));
                if (!backed) {
                    out.add(new Finding(0, null, "participation of " + q.country() + " in " + pr.id(), q.country() + " takes part in " + pr.id()
                            + " " + q.interval() + " but no governance act or cited stage entry admits it on " + q.interval().from()));
                }
            }
        }
        return out;
    }

    /** Every proposal in the order made. */
    public List<Entry> entries() {
        return proposals.values().stream().map(Governance::entry).toList();
    }

    /** The proposal {@code id}, or null. */
    public Entry entry(String id) {
        State s = proposals.get(id);
        return s == null ? null : entry(s);
    }

    private static Entry entry(State s) {
        return new Entry(s.proposal, s.digest, s.seq, List.copyOf(s.votes), s.recorded);
    }

    /** The core members who vote on {@code p}: those in force on the day it was made. */
    public List<Country> voters(Proposal p) {
        return derived.coreMembers().stream().filter(m -> m.inForce(p.day())).map(CoreMember::country).distinct().sorted().toList();
    }

    // ---- recording ------------------------------------------------------------------------------------------------

    /** Checks a new proposal against the record; the act to append, or a {@link Refusal}. */
    public Act.Proposed propose(Proposal p) {
        Act.Proposed act = new Act.Proposed(p, signatures.digest(p));
        checkProposal(act);
        return act;
    }

    /**
     * Checks a signed vote received at {@code now} from {@code castBy}; {@code expectedMember}, when not null, is the
     * member the submitter is the delegate of. Returns the vote act and, if it decides the proposal, the outcome act.
     */
    public List<Act> vote(String jws, Country expectedMember, String castBy, Instant now) {
        Signatures.Signed signed;
        try {
            signed = signatures.read(jws);
        } catch (InvalidValueException e) {
            throw new Refusal(Refusal.Kind.INVALID, e.field().isEmpty() ? "jws" : e.field(), e.problem());
        }
        CastVote cast = new CastVote(signed.vote(), jws.strip(), signed.kid(), castBy, now);
        State s = checkVote(cast, expectedMember);
        List<Act> out = new ArrayList<>();
        out.add(new Act.Voted(cast));
        List<CastVote> after = new ArrayList<>(s.votes);
        after.add(cast);
        Outcome decided = decide(s, after);
        if (decided != null) {
            out.add(new Act.Decided(decided));
        }
        return out;
    }

    // ---- the checks ----------------------------------------------------------------------------------------------

    private void checkProposal(Act.Proposed act) {
        Proposal p = act.proposal();
        if (proposals.containsKey(p.id())) {
            throw new Refusal(Refusal.Kind.CONFLICT, "id", "a proposal with id " + p.id() + " exists already: proposals are never replaced, make a new one");
        }
        if (!act.digest().equals(signatures.digest(p))) {
            throw new Refusal(Refusal.Kind.INVALID, "digest", "the recorded digest " + act.digest() + " is not the digest of the proposal's content ("
                    + signatures.digest(p) + "): the content was changed after it was recorded");
        }
        Candidate c = derived.candidate(p.candidate());
        if (c == null) {
            throw new Refusal(Refusal.Kind.INVALID, "candidate", p.candidate() + " is not a candidate of the partnership: proposals move candidates, one of "
                    + derived.candidates().stream().map(x -> x.country().code()).toList());
        }
        if (derived.isCoreMember(p.candidate(), p.effective())) {
            throw new Refusal(Refusal.Kind.INVALID, "candidate", p.candidate() + " is a core member on " + p.effective() + ", not a candidate");
        }
        if (derived.stages().stream().map(Stage::id).noneMatch(p.action().stage()::equals)) {
            throw new Refusal(Refusal.Kind.INVALID, "action", "the partnership has no stage '" + p.action().stage() + "' for " + p.action().label()
                    + ": add it to partnership.stages");
        }
        for (State other : proposals.values()) {
            if (other.proposal.candidate().equals(p.candidate()) && entry(other).status(p.proposedAt()) == Status.OPEN && decide(other, other.votes) == null) {
                throw new Refusal(Refusal.Kind.CONFLICT, "candidate", "proposal " + other.proposal.id() + " for " + p.candidate()
                        + " is open until " + other.proposal.deadline() + ": one proposal per candidate at a time");
            }
        }
        Map<String, Project> projects = derived.projectsById();
        for (int i = 0; i < p.projects().size(); i++) {
            String field = "projects[" + i + "]";
            Project pr = projects.get(p.projects().get(i));
            if (pr == null) {
                throw new Refusal(Refusal.Kind.INVALID, field, "unknown project '" + p.projects().get(i) + "': use one of " + projects.keySet());
            }
            if (pr.pillar() == Pillar.I) {
                throw new Refusal(Refusal.Kind.INVALID, field, pr.id() + " is a Pillar I project: Pillar I stays with the core members, "
                        + "only Pillar II projects take additional partners");
            }
            if (p.action() == Action.ADMIT) {
                Interval from = Interval.from(p.effective());
                for (Participation q : pr.participants()) {
                    if (q.country().equals(p.candidate()) && q.interval().overlaps(from)) {
                        throw new Refusal(Refusal.Kind.CONFLICT, field, p.candidate() + " takes part in " + pr.id() + " " + q.interval() + " already");
                    }
                }
            } else if (pr.participation(p.candidate(), p.effective()) == null) {
                throw new Refusal(Refusal.Kind.INVALID, field, p.candidate() + " does not take part in " + pr.id() + " on " + p.effective() + ": there is nothing to suspend");
            }
        }
    }

    private State checkVote(CastVote cast, Country expectedMember) {
        Vote v = cast.vote();
        Instant now = cast.recordedAt();
        Signatures.Signed signed = signatures.read(cast.jws());
        if (!signed.vote().equals(v) || !signed.kid().equals(cast.kid())) {
            throw new Refusal(Refusal.Kind.INVALID, "jws", "the recorded vote differs from what its JWS says: it was changed after it was signed");
        }
        State s = proposals.get(v.proposalId());
        if (s == null) {
            throw new Refusal(Refusal.Kind.NOT_FOUND, "proposal", "there is no proposal '" + v.proposalId() + "'");
        }
        Proposal p = s.proposal;
        if (!voters(p).contains(v.member())) {
            throw new Refusal(Refusal.Kind.INVALID, "member", v.member() + " is not a core member on " + p.day() + ": only core members vote, "
                    + voters(p));
        }
        if (expectedMember != null && !expectedMember.equals(v.member())) {
            throw new Refusal(Refusal.Kind.INVALID, "member", "this vote is " + v.member() + "'s, but you are the delegate of " + expectedMember
                    + ": a delegate casts only their own member's vote");
        }
        MemberKey key = derived.memberKey(cast.kid());
        if (key == null) {
            throw new Refusal(Refusal.Kind.INVALID, "jws", "signed with key '" + cast.kid() + "', which is not a registered member key: "
                    + "register the public key in partnership.memberKeys, or sign with a registered key");
        }
        if (!key.country().equals(v.member())) {
            throw new Refusal(Refusal.Kind.INVALID, "jws", "key '" + key.kid() + "' is " + key.country() + "'s, not " + v.member()
                    + "'s: a delegate signs with their own member's key");
        }
        LocalDate signedOn = v.time().atOffset(ZoneOffset.UTC).toLocalDate();
        if (!key.inForce(signedOn)) {
            boolean expired = key.interval().until() != null && signedOn.isAfter(key.interval().until());
            throw new Refusal(Refusal.Kind.INVALID, "jws", "key '" + key.kid() + "' of " + key.country() + " is valid " + key.interval()
                    + ", not on " + signedOn + (expired ? " (expired)" : " (not yet valid)") + ": sign with the member's key in force");
        }
        if (!signatures.verifies(cast.jws(), key)) {
            throw new Refusal(Refusal.Kind.INVALID, "jws", "the signature does not verify with " + key.country() + "'s key '" + key.kid()
                    + "': the vote was altered, or signed with another key under this key id");
        }
        if (!v.proposalDigest().equals(s.digest)) {
            throw new Refusal(Refusal.Kind.CONFLICT, "proposalDigest", "the vote was signed for content with digest " + v.proposalDigest()
                    + ", but proposal " + p.id() + " has digest " + s.digest + ": the content differs from what was signed; read the proposal again and sign its digest");
        }
        if (v.time().isBefore(p.proposedAt())) {
            throw new Refusal(Refusal.Kind.INVALID, "time", "signed at " + v.time() + ", before the proposal was made (" + p.proposedAt() + ")");
        }
        if (v.time().isAfter(now.plus(CLOCK_SKEW))) {
            throw new Refusal(Refusal.Kind.INVALID, "time", "signed at " + v.time() + ", in the future (received " + now + "): check the signer's clock");
        }
        for (CastVote earlier : s.votes) {
            if (earlier.vote().member().equals(v.member())) {
                throw new Refusal(Refusal.Kind.CONFLICT, "jws", earlier.jws().equals(cast.jws())
                        ? "replayed vote: this exact vote of " + v.member() + " was recorded at " + earlier.recordedAt()
                        : v.member() + " has voted on " + p.id() + " already (at " + earlier.recordedAt() + "): each member votes once");
            }
        }
        Outcome done = s.recorded != null ? s.recorded : decide(s, s.votes);
        if (done != null) {
            throw new Refusal(Refusal.Kind.CONFLICT, "proposal", "proposal " + p.id() + " is closed: " + done.result().name().toLowerCase(Locale.ROOT)
                    + " at " + done.decidedAt());
        }
        if (now.isAfter(p.deadline()) || v.time().isAfter(p.deadline())) {
            throw new Refusal(Refusal.Kind.CONFLICT, "time", "voting on " + p.id() + " closed at " + p.deadline() + "; this vote was "
                    + (v.time().isAfter(p.deadline()) ? "signed at " + v.time() : "received at " + now));
        }
        return s;
    }

    /** The consensus rule: rejected by the first objection; adopted once every voter approved; else undecided (null). */
    private Outcome decide(State s, List<CastVote> votes) {
        TreeSet<Country> approvals = new TreeSet<>();
        TreeSet<Country> objections = new TreeSet<>();
        Instant last = null;
        for (CastVote c : votes) {
            (c.vote().choice() == Choice.APPROVE ? approvals : objections).add(c.vote().member());
            last = c.recordedAt();
            if (c.vote().choice() == Choice.OBJECT) {
                return new Outcome(s.proposal.id(), s.digest, Outcome.Result.REJECTED, last, List.copyOf(approvals), List.copyOf(objections));
            }
        }
        if (!votes.isEmpty() && approvals.containsAll(voters(s.proposal))) {
            return new Outcome(s.proposal.id(), s.digest, Outcome.Result.ADOPTED, last, List.copyOf(approvals), List.of());
        }
        return null;
    }

    // ---- replay -------------------------------------------------------------------------------------------------------

    private void replay() {
        for (int i = 0; i < acts.size(); i++) {
            long seq = i + 1;
            Act act = acts.get(i);
            try {
                switch (act) {
                    case Act.Proposed p -> {
                        State s = new State(p.proposal(), p.digest(), seq);
                        try {
                            checkProposal(p);
                        } catch (Refusal r) {
                            s.tainted = true;
                            if (!proposals.containsKey(p.proposalId())) {
                                proposals.put(p.proposalId(), s);
                            }
                            throw r;
                        }
                        proposals.put(p.proposalId(), s);
                    }
                    case Act.Voted v -> {
                        State s;
                        try {
                            s = checkVote(v.cast(), null);
                        } catch (Refusal r) {
                            taint(v.proposalId(), r);
                            throw r;
                        }
                        s.votes.add(v.cast());
                    }
                    case Act.Decided d -> decided(d.outcome());
                }
            } catch (Refusal r) {
                findings.add(new Finding(seq, act.proposalId(), act.describe(), r.getMessage()));
            } catch (InvalidValueException e) {
                findings.add(new Finding(seq, act.proposalId(), act.describe(), e.getMessage()));
            }
        }
        for (State s : proposals.values()) {
            Outcome due = decide(s, s.votes);
            if (due != null && s.recorded == null) {
                findings.add(new Finding(acts.size(), s.proposal.id(), "outcome of " + s.proposal.id(), "the votes decide the proposal ("
                        + due.result() + ") but no outcome is recorded: it does not take effect"));
            }
        }
    }

    /** A vote refused for a reason that casts doubt on the proposal (not a late or repeated extra vote) taints it. */
    private void taint(String proposalId, Refusal r) {
        State s = proposals.get(proposalId);
        if (s != null && s.recorded == null && r.kind() != Refusal.Kind.CONFLICT) {
            s.tainted = true;
        }
    }

    private void decided(Outcome recorded) {
        State s = proposals.get(recorded.proposalId());
        if (s == null) {
            throw new Refusal(Refusal.Kind.NOT_FOUND, "proposal", "an outcome of a proposal that was never recorded");
        }
        if (s.recorded != null) {
            throw new Refusal(Refusal.Kind.CONFLICT, "proposal", "a second outcome of " + s.proposal.id());
        }
        Outcome due = decide(s, s.votes);
        if (!recorded.equals(due)) {
            s.tainted = true;
            throw new Refusal(Refusal.Kind.INVALID, "outcome", "the recorded outcome (" + recorded.result() + ", approvals " + recorded.approvals()
                    + ") is not what the verified votes decide (" + (due == null ? "undecided" : due.result() + ", approvals " + due.approvals())
                    + "): it does not take effect");
        }
        s.recorded = recorded;
        if (s.tainted) {
            throw new Refusal(Refusal.Kind.INVALID, "proposal", "proposal " + s.proposal.id() + " or one of its votes failed verification: its outcome does not take effect");
        }
        if (recorded.result() == Outcome.Result.ADOPTED) {
            derived = apply(derived, s.proposal, recorded);
        }
    }

    // ---- effects ---------------------------------------------------------------------------------------------------

    /**
     * The partnership after an adopted proposal: a new stage entry for the candidate on the effective day, and for an
     * admission new participations from that day; a suspension or withdrawal ends participation the day before.
     */
    static Partnership apply(Partnership before, Proposal p, Outcome adopted) {
        Source first = p.sources().getFirst();
        String adoptedOn = adopted.decidedAt().atOffset(ZoneOffset.UTC).toLocalDate().toString();
        String by = String.join(", ", adopted.approvals().stream().map(Country::code).toList());
        String note = "governance act " + p.id() + " (" + p.action().label() + "), adopted " + adoptedOn + " by consensus of " + by
                + (p.note().isEmpty() ? "" : ": " + p.note());
        Source actSource = new Source(first.title(), "governance act " + p.id() + ", adopted " + adoptedOn + " by consensus of " + by
                + " (" + first.cite() + ")", adopted.decidedAt().atOffset(ZoneOffset.UTC).toLocalDate(), first.url());
        List<Candidate> candidates = new ArrayList<>();
        for (Candidate c : before.candidates()) {
            if (c.country().equals(p.candidate())) {
                List<Candidate.StageEntry> history = new ArrayList<>(c.history());
                history.add(new Candidate.StageEntry(p.action().stage(), p.effective(), first, p.projects(), note));
                candidates.add(new Candidate(c.country(), history));
            } else {
                candidates.add(c);
            }
        }
        List<Project> projects = new ArrayList<>();
        for (Project pr : before.projects()) {
            List<Participation> parts = new ArrayList<>(pr.participants());
            boolean named = p.projects().contains(pr.id());
            if (p.action() == Action.ADMIT && named) {
                parts.add(new Participation(p.candidate(), Interval.from(p.effective()), actSource));
            } else if (p.action() == Action.WITHDRAW || p.action() == Action.SUSPEND && (named || p.projects().isEmpty())) {
                parts = endFrom(parts, p.candidate(), p.effective());
            }
            projects.add(parts.equals(pr.participants()) ? pr : new Project(pr.id(), pr.name(), pr.pillar(), pr.area(), parts));
        }
        return new Partnership(before.name(), before.coreMembers(), before.areas(), projects, before.stages(), candidates, before.memberKeys());
    }

    /** {@code country}'s participations ended the day before {@code day}; those starting on or after it are dropped. */
    private static List<Participation> endFrom(Collection<Participation> parts, Country country, LocalDate day) {
        List<Participation> out = new ArrayList<>();
        for (Participation q : parts) {
            if (!q.country().equals(country) || q.interval().until() != null && q.interval().until().isBefore(day)) {
                out.add(q);
            } else if (q.interval().from().isBefore(day)) {
                out.add(new Participation(q.country(), new Interval(q.interval().from(), day.minusDays(1)), q.source()));
            }
        }
        return out;
    }
}
