package dev.pillar.core.governance;

import dev.pillar.core.model.Candidate;
import dev.pillar.core.model.CoreMember;
import dev.pillar.core.model.Country;
import dev.pillar.core.model.Interval;
import dev.pillar.core.model.InvalidValueException;
import dev.pillar.core.model.MemberKey;
import dev.pillar.core.model.Organisation;
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
import java.util.Set;
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

    /** A nomination as recorded, with the digest of its content and its number in the record. */
    public record NominationEntry(Nomination nomination, String digest, long seq) {}

    /**
     * A key enrolment as recorded: the request and its digest, the valid co-signatures, the secretariat's confirmation
     * (or null) and whether the ceremony is complete (then the key is among the partnership's member keys).
     */
    public record Enrolment(KeyEnrolment request, String digest, long seq, List<KeyCosign> cosigns, KeyConfirmation confirmation,
                            boolean complete, String needs) {}

    private static final class KeyState {
        final KeyEnrolment request;
        final String digest;
        final long seq;
        final List<KeyCosign> cosigns = new ArrayList<>();
        KeyConfirmation confirmation;
        boolean complete;

        KeyState(KeyEnrolment request, String digest, long seq) {
            this.request = request;
            this.digest = digest;
            this.seq = seq;
        }
    }

    private final Partnership seeded;
    private final Signatures signatures;
    private final List<Act> acts;
    private final Map<String, State> proposals = new LinkedHashMap<>();
    private final Map<String, NominationEntry> nominations = new LinkedHashMap<>();
    private final Map<String, KeyState> enrolments = new LinkedHashMap<>();
    private final Map<String, Organisation> organisations = new LinkedHashMap<>();
    private final List<Finding> findings = new ArrayList<>();
    private Partnership derived;
    /** True once an act under the current rules is in the record: later proposals must be under them too. */
    private boolean currentRulesSeen;

    private Governance(Partnership seeded, List<Organisation> orgs, List<Act> acts, Signatures signatures) {
        this.seeded = seeded;
        this.acts = List.copyOf(acts);
        this.signatures = signatures;
        this.derived = seeded;
        orgs.forEach(o -> organisations.put(o.id(), o));
        replay();
    }

    /** Replays {@code acts} (in recorded order; the first has seq 1) over the seeded partnership, without organisations. */
    public static Governance replay(Partnership seeded, List<Act> acts, Signatures signatures) {
        return new Governance(seeded, List.of(), acts, signatures);
    }

    /**
     * Replays {@code acts} over the seeded partnership and the organisations of the world (nominations add to their
     * projects; suspensions and withdrawals end them).
     */
    public static Governance replay(Partnership seeded, List<Organisation> organisations, List<Act> acts, Signatures signatures) {
        return new Governance(seeded, organisations, acts, signatures);
    }

    /** The organisations as the nominations, suspensions and withdrawals left them, in the order given. */
    public List<Organisation> organisations() {
        return List.copyOf(organisations.values());
    }

    /** Every nomination in the order recorded. */
    public List<NominationEntry> nominations() {
        return List.copyOf(nominations.values());
    }

    /** The nomination {@code id}, or null. */
    public NominationEntry nomination(String id) {
        return nominations.get(id);
    }

    /** Every key enrolment in the order requested. */
    public List<Enrolment> enrolments() {
        return enrolments.values().stream().map(this::enrolment).toList();
    }

    /** The key enrolment {@code id}, or null. */
    public Enrolment enrolment(String id) {
        KeyState k = enrolments.get(id);
        return k == null ? null : enrolment(k);
    }

    private Enrolment enrolment(KeyState k) {
        return new Enrolment(k.request, k.digest, k.seq, List.copyOf(k.cosigns), k.confirmation, k.complete, k.complete ? "" : needs(k));
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
        if (p.rules() != Proposal.RULES) {
            throw new Refusal(Refusal.Kind.INVALID, "rules", "proposals are made under governance rules " + Proposal.RULES + ", not " + p.rules());
        }
        Act.Proposed act = new Act.Proposed(p, signatures.digest(p));
        checkProposal(act);
        return act;
    }

    /** Checks a nomination against the record; the act to append, or a {@link Refusal}. */
    public Act.Nominated nominate(Nomination n) {
        Act.Nominated act = new Act.Nominated(n, signatures.digest(n));
        checkNomination(act);
        return act;
    }

    /** Checks a key enrolment request (its proof of possession among them); the act to append, or a {@link Refusal}. */
    public Act.KeyRequested requestKey(KeyEnrolment e) {
        Act.KeyRequested act = new Act.KeyRequested(e, signatures.digest(e));
        checkKeyRequest(act);
        return act;
    }

    /**
     * Checks a co-signature of enrolment {@code enrolment} by {@code member} ({@code expectedMember}, when not null, is the
     * member the submitter is the delegate of), signed with key {@code kid}; the act to append, or a {@link Refusal}.
     */
    public Act.KeyCosigned cosignKey(String enrolment, Country member, String kid, String jws, Country expectedMember, String castBy, Instant now) {
        if (expectedMember != null && !expectedMember.equals(member)) {
            throw new Refusal(Refusal.Kind.INVALID, "member", "this co-signature is " + member + "'s, but you are the delegate of " + expectedMember);
        }
        KeyState k = enrolments.get(enrolment);
        if (k == null) {
            throw new Refusal(Refusal.Kind.NOT_FOUND, "enrolment", "there is no key enrolment '" + enrolment + "'");
        }
        Act.KeyCosigned act = new Act.KeyCosigned(new KeyCosign(enrolment, k.digest, member, kid, jws.strip(), castBy, now));
        checkCosign(act.cosign());
        return act;
    }

    /** Checks the secretariat's confirmation of enrolment {@code enrolment}; the act to append, or a {@link Refusal}. */
    public Act.KeyConfirmed confirmKey(String enrolment, String digest, String confirmedBy, Instant now) {
        Act.KeyConfirmed act = new Act.KeyConfirmed(new KeyConfirmation(enrolment, digest, confirmedBy, now));
        checkConfirmation(act.confirmation());
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
        if (p.rules() >= 2) {
            checkPath(p, c);
        } else if (currentRulesSeen) {
            throw new Refusal(Refusal.Kind.INVALID, "rules", "proposal under governance rules " + p.rules() + " after proposals under rules "
                    + Proposal.RULES + ": the rules of the record never go back");
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

    /** Rules 2: the candidate moves forward along the path of stages, never back, and never before its latest step. */
    private void checkPath(Proposal p, Candidate c) {
        Candidate.StageEntry last = c.history().getLast();
        if (last.date().isAfter(p.effective())) {
            throw new Refusal(Refusal.Kind.INVALID, "effective", p.effective() + " is before " + p.candidate() + "'s latest step ("
                    + last.stage() + " on " + last.date() + "): an act takes effect after the candidate's latest step");
        }
        if (!p.action().from().contains(last.stage())) {
            String path = derived.stages().stream().sorted(java.util.Comparator.comparingInt(Stage::order)).map(Stage::id)
                    .reduce((a, b) -> a + " -> " + b).orElse("");
            throw new Refusal(Refusal.Kind.CONFLICT, "action", p.candidate() + " is at stage '" + last.stage() + "' since " + last.date()
                    + "; " + p.action().label() + " follows " + String.join(" or ", p.action().from().stream().map(x -> "'" + x + "'").toList())
                    + ": a candidate moves forward along " + path + " and never back");
        }
    }

    private void checkNomination(Act.Nominated act) {
        Nomination n = act.nomination();
        if (nominations.containsKey(n.id()) || proposals.containsKey(n.id()) || enrolments.containsKey(n.id())) {
            throw new Refusal(Refusal.Kind.CONFLICT, "id", "an act with id " + n.id() + " exists already");
        }
        if (!act.digest().equals(signatures.digest(n))) {
            throw new Refusal(Refusal.Kind.INVALID, "digest", "the recorded digest is not the digest of the nomination's content: it was changed after it was recorded");
        }
        Organisation o = organisations.get(n.organisation());
        if (o == null) {
            throw new Refusal(Refusal.Kind.INVALID, "organisation", "unknown organisation '" + n.organisation() + "': nominate an organisation of the world");
        }
        Project pr = derived.projectsById().get(n.project());
        if (pr == null) {
            throw new Refusal(Refusal.Kind.INVALID, "project", "unknown project '" + n.project() + "': use one of " + derived.projectsById().keySet());
        }
        if (pr.pillar() == Pillar.I) {
            throw new Refusal(Refusal.Kind.INVALID, "project", pr.id() + " is a Pillar I project: Pillar I stays with the core members");
        }
        Interval want = n.interval();
        List<Participation> ofCountry = pr.participants().stream().filter(q -> q.country().equals(o.country())).toList();
        boolean covered = ofCountry.stream().anyMatch(q -> !q.interval().from().isAfter(want.from())
                && (q.interval().until() == null || want.until() != null && !want.until().isAfter(q.interval().until())));
        if (!covered) {
            Participation around = ofCountry.stream().filter(q -> q.interval().contains(want.from())).findFirst().orElse(null);
            if (around != null) {
                throw new Refusal(Refusal.Kind.INVALID, "until", o.country() + " takes part in " + pr.id() + " " + around.interval()
                        + ": a nomination of " + o.label() + " must end by " + around.interval().until());
            }
            LocalDate next = ofCountry.stream().map(q -> q.interval().from()).filter(d -> d.isAfter(want.from())).min(LocalDate::compareTo).orElse(null);
            throw new Refusal(Refusal.Kind.INVALID, "from", next != null
                    ? o.country() + " takes part in " + pr.id() + " from " + next + ": a nomination of " + o.label() + " cannot start before the country's admission (" + want.from() + ")"
                    : o.country() + " does not take part in " + pr.id() + " on " + want.from() + ": the core members must first admit " + o.country()
                      + " to " + pr.id() + " by consensus (a proposal to admit), then the secretariat nominates its organisations");
        }
        if (o.projects() != null) {
            for (Organisation.ProjectRole role : o.projects()) {
                if (role.project().equals(pr.id()) && role.interval().overlaps(want)) {
                    throw new Refusal(Refusal.Kind.CONFLICT, "project", o.label() + " takes part in " + pr.id() + " " + role.interval() + " already");
                }
            }
        }
    }

    private void nominated(Act.Nominated act, long seq) {
        Nomination n = act.nomination();
        nominations.put(n.id(), new NominationEntry(n, act.digest(), seq));
        Organisation o = organisations.get(n.organisation());
        Source first = n.sources().getFirst();
        Source source = new Source(first.title(), "nomination " + n.id() + " (digest " + shortDigest(act.digest()) + ") recorded by " + n.nominatedBy()
                + " (" + first.cite() + ")", n.nominatedAt().atOffset(ZoneOffset.UTC).toLocalDate(), first.url());
        List<Organisation.ProjectRole> roles = new ArrayList<>(o.projects() == null ? List.of() : o.projects());
        roles.add(new Organisation.ProjectRole(n.project(), n.interval(), source));
        organisations.put(o.id(), o.withProjects(roles));
    }

    private static String shortDigest(String digest) {
        return digest.length() > 16 ? digest.substring(0, 16) : digest;
    }

    // ---- key ceremony -----------------------------------------------------------------------------------------------

    /** The core members other than {@code member} in force on {@code day}, who co-sign a first key. */
    private List<Country> others(Country member, LocalDate day) {
        return derived.coreMembers().stream().filter(m -> m.inForce(day)).map(CoreMember::country).filter(c -> !c.equals(member)).distinct().sorted().toList();
    }

    /** How many other members must co-sign a first key (or a recovery): two, or all others when there are fewer. */
    private int cosignersNeeded(KeyState k) {
        return Math.min(2, others(k.request.member(), k.request.day()).size());
    }

    private String needs(KeyState k) {
        List<String> missing = new ArrayList<>();
        Set<Country> by = new TreeSet<>();
        k.cosigns.stream().map(KeyCosign::member).filter(m -> !m.equals(k.request.member())).forEach(by::add);
        int needed = cosignersNeeded(k);
        if (by.size() < needed) {
            List<String> who = others(k.request.member(), k.request.day()).stream().filter(c -> !by.contains(c)).map(Country::code).toList();
            missing.add((needed - by.size()) + " more co-signature(s) of other core members (" + String.join(", ", who) + ")");
        }
        if (k.confirmation == null) {
            missing.add("the secretariat's confirmation");
        }
        return "either a co-signature by " + k.request.member() + "'s key in force (rotation), or " + String.join(" and ", missing);
    }

    private boolean complete(KeyState k) {
        Country m = k.request.member();
        if (k.cosigns.stream().anyMatch(c -> c.member().equals(m))) {
            return true; // the member itself, with a key already registered for it (checked when the co-signature was)
        }
        long by = k.cosigns.stream().map(KeyCosign::member).filter(c -> !c.equals(m)).distinct().count();
        return k.confirmation != null && by >= cosignersNeeded(k);
    }

    private void checkKeyRequest(Act.KeyRequested act) {
        KeyEnrolment e = act.enrolment();
        if (enrolments.containsKey(e.id()) || proposals.containsKey(e.id()) || nominations.containsKey(e.id())) {
            throw new Refusal(Refusal.Kind.CONFLICT, "id", "an act with id " + e.id() + " exists already");
        }
        if (!act.digest().equals(signatures.digest(e))) {
            throw new Refusal(Refusal.Kind.INVALID, "digest", "the recorded digest is not the digest of the enrolment's content: it was changed after it was recorded");
        }
        if (!derived.isCoreMember(e.member(), e.day())) {
            throw new Refusal(Refusal.Kind.INVALID, "member", e.member() + " is not a core member on " + e.day() + ": only core members' delegates sign");
        }
        if (!signatures.thumbprint(e.x()).equals(e.kid())) {
            throw new Refusal(Refusal.Kind.INVALID, "kid", "'" + e.kid() + "' is not the JWK thumbprint (RFC 7638) of the key: use " + signatures.thumbprint(e.x()));
        }
        if (derived.memberKey(e.kid()) != null || enrolments.values().stream().anyMatch(k -> k.request.kid().equals(e.kid()))) {
            throw new Refusal(Refusal.Kind.CONFLICT, "kid", "key " + e.kid() + " is registered or requested already: generate a new key");
        }
        if (!signatures.signs(e.proof(), new Statement.Possession(e.member(), e.kid(), e.x()), e.kid(), e.x())) {
            throw new Refusal(Refusal.Kind.INVALID, "proof", "the proof of possession does not verify: sign the possession statement "
                    + "{\"kid\",\"member\",\"type\":\"pillar.key-possession\",\"x\"} with the new key itself");
        }
    }

    private void checkCosign(KeyCosign c) {
        KeyState k = enrolments.get(c.enrolment());
        if (k == null) {
            throw new Refusal(Refusal.Kind.NOT_FOUND, "enrolment", "there is no key enrolment '" + c.enrolment() + "'");
        }
        if (!c.digest().equals(k.digest)) {
            throw new Refusal(Refusal.Kind.CONFLICT, "digest", "the co-signature names digest " + c.digest() + ", but enrolment " + c.enrolment() + " has " + k.digest);
        }
        if (k.complete) {
            throw new Refusal(Refusal.Kind.CONFLICT, "enrolment", "key enrolment " + c.enrolment() + " is complete already");
        }
        LocalDate day = c.recordedAt().atOffset(ZoneOffset.UTC).toLocalDate();
        if (!derived.isCoreMember(c.member(), day)) {
            throw new Refusal(Refusal.Kind.INVALID, "member", c.member() + " is not a core member on " + day + ": only core members co-sign keys");
        }
        if (k.cosigns.stream().anyMatch(x -> x.member().equals(c.member()))) {
            throw new Refusal(Refusal.Kind.CONFLICT, "member", c.member() + " has co-signed " + c.enrolment() + " already");
        }
        String x;
        MemberKey registered = derived.memberKey(c.kid());
        if (registered != null && registered.country().equals(c.member()) && registered.inForce(day)) {
            x = registered.x();
        } else if (c.member().equals(k.request.member())) {
            throw new Refusal(Refusal.Kind.INVALID, "kid", "a member co-signs its own new key only with a key already registered for it and in force; key "
                    + c.kid() + " is not one: the secretariat's confirmation and other members' co-signatures enrol a first key");
        } else {
            KeyState own = enrolments.values().stream().filter(o -> o.request.kid().equals(c.kid()) && o.request.member().equals(c.member())).findFirst().orElse(null);
            if (own == null) {
                throw new Refusal(Refusal.Kind.INVALID, "kid", "key " + c.kid() + " is neither a registered key of " + c.member()
                        + " in force on " + day + " nor one " + c.member() + " has asked to enrol: co-sign with your member's key");
            }
            x = own.request.x();
        }
        if (!signatures.signs(c.jws(), new Statement.Cosign(c.enrolment(), k.digest, c.member()), c.kid(), x)) {
            throw new Refusal(Refusal.Kind.INVALID, "jws", "the co-signature does not verify with key " + c.kid()
                    + ": sign the co-signature statement of this enrolment and digest with your member's key");
        }
    }

    private void checkConfirmation(KeyConfirmation c) {
        KeyState k = enrolments.get(c.enrolment());
        if (k == null) {
            throw new Refusal(Refusal.Kind.NOT_FOUND, "enrolment", "there is no key enrolment '" + c.enrolment() + "'");
        }
        if (!c.digest().equals(k.digest)) {
            throw new Refusal(Refusal.Kind.CONFLICT, "digest", "the confirmation names digest " + c.digest() + ", but enrolment " + c.enrolment() + " has " + k.digest
                    + ": read the enrolment again");
        }
        if (k.complete) {
            throw new Refusal(Refusal.Kind.CONFLICT, "enrolment", "key enrolment " + c.enrolment() + " is complete already");
        }
        if (k.confirmation != null) {
            throw new Refusal(Refusal.Kind.CONFLICT, "enrolment", "key enrolment " + c.enrolment() + " was confirmed already by " + k.confirmation.confirmedBy());
        }
        if (c.confirmedBy().equals(k.request.requestedBy())) {
            throw new Refusal(Refusal.Kind.INVALID, "confirmedBy", c.confirmedBy() + " asked for this key: the confirmation must come from someone else");
        }
    }

    /** Completes the ceremony of {@code k} if its co-signatures and confirmation now suffice: the key joins the member keys. */
    private void maybeComplete(KeyState k, Instant at) {
        if (k.complete || !complete(k)) {
            return;
        }
        k.complete = true;
        KeyEnrolment e = k.request;
        String by = String.join(", ", k.cosigns.stream().map(c -> c.member().code()).toList());
        String how = k.cosigns.stream().anyMatch(c -> c.member().equals(e.member()))
                ? "co-signed by " + e.member() + "'s key in force"
                : "confirmed by " + k.confirmation.confirmedBy() + " (secretariat), co-signed by " + by;
        Source source = new Source("key enrolment " + e.id(), "key enrolment " + e.id() + " (digest " + shortDigest(k.digest) + "), requested by "
                + e.requestedBy() + ", " + how, at.atOffset(ZoneOffset.UTC).toLocalDate(), null);
        List<MemberKey> keys = new ArrayList<>(derived.memberKeys());
        keys.add(new MemberKey(e.member(), e.kid(), e.x(), Interval.from(e.from()), source));
        derived = new Partnership(derived.name(), derived.coreMembers(), derived.areas(), derived.projects(), derived.stages(), derived.candidates(), keys);
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
                    + "enrol the key by the key ceremony (a request, co-signatures, the secretariat's confirmation), or sign with an enrolled key");
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
                    case Act.Nominated n -> {
                        checkNomination(n);
                        nominated(n, seq);
                    }
                    case Act.KeyRequested k -> {
                        checkKeyRequest(k);
                        enrolments.put(k.proposalId(), new KeyState(k.enrolment(), k.digest(), seq));
                    }
                    case Act.KeyCosigned c -> {
                        checkCosign(c.cosign());
                        KeyState k = enrolments.get(c.proposalId());
                        k.cosigns.add(c.cosign());
                        maybeComplete(k, c.cosign().recordedAt());
                    }
                    case Act.KeyConfirmed c -> {
                        checkConfirmation(c.confirmation());
                        KeyState k = enrolments.get(c.proposalId());
                        k.confirmation = c.confirmation();
                        maybeComplete(k, c.confirmation().recordedAt());
                    }
                }
                if (act instanceof Act.Proposed pr && pr.proposal().rules() >= Proposal.RULES || !(act instanceof Act.Proposed
                        || act instanceof Act.Voted || act instanceof Act.Decided)) {
                    currentRulesSeen = true;
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
            derived = apply(derived, s.proposal, s.digest, recorded);
            Proposal p = s.proposal;
            if (p.action() == Action.WITHDRAW || p.action() == Action.SUSPEND) {
                endRoles(p.candidate(), p.projects(), p.effective());
            }
        }
    }

    // ---- effects ---------------------------------------------------------------------------------------------------

    /**
     * The partnership after an adopted proposal: a new stage entry for the candidate on the effective day, and for an
     * admission new participations from that day; a suspension or withdrawal ends participation the day before.
     */
    static Partnership apply(Partnership before, Proposal p, String digest, Outcome adopted) {
        Source first = p.sources().getFirst();
        String adoptedOn = adopted.decidedAt().atOffset(ZoneOffset.UTC).toLocalDate().toString();
        String by = String.join(", ", adopted.approvals().stream().map(Country::code).toList());
        String note = "governance act " + p.id() + " (" + p.action().label() + "), adopted " + adoptedOn + " by consensus of " + by
                + (p.note().isEmpty() ? "" : ": " + p.note());
        Source actSource = new Source(first.title(), "governance act " + p.id() + " (digest " + shortDigest(digest) + "), adopted " + adoptedOn
                + " by consensus of " + by + " (" + first.cite() + ")", adopted.decidedAt().atOffset(ZoneOffset.UTC).toLocalDate(), first.url());
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

    /** Ends the project roles of {@code country}'s organisations in {@code projects} (all when empty) from {@code day}. */
    private void endRoles(Country country, List<String> projects, LocalDate day) {
        for (Map.Entry<String, Organisation> e : organisations.entrySet()) {
            Organisation o = e.getValue();
            if (!o.country().equals(country) || o.projects() == null) {
                continue;
            }
            List<Organisation.ProjectRole> out = new ArrayList<>();
            for (Organisation.ProjectRole role : o.projects()) {
                Interval iv = role.interval();
                if (!projects.isEmpty() && !projects.contains(role.project()) || iv.until() != null && iv.until().isBefore(day)) {
                    out.add(role);
                } else if (iv.from().isBefore(day)) {
                    out.add(new Organisation.ProjectRole(role.project(), new Interval(iv.from(), day.minusDays(1)), role.source()));
                }
            }
            if (!out.equals(o.projects())) {
                e.setValue(o.withProjects(out));
            }
        }
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
