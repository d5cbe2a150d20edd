package dev.pillar.core.governance;

import static dev.pillar.core.governance.Fixture.AUS;
import static dev.pillar.core.governance.Fixture.GBR;
import static dev.pillar.core.governance.Fixture.KOR;
import static dev.pillar.core.governance.Fixture.USA;
import static dev.pillar.core.governance.Fixture.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import dev.pillar.codec.governance.GovernanceCodec;
import dev.pillar.core.model.Candidate;
import dev.pillar.core.model.Country;
import dev.pillar.core.model.Interval;
import dev.pillar.core.model.MemberKey;
import dev.pillar.core.model.Partnership;
import dev.pillar.core.model.Project;
import dev.pillar.crypto.Ed25519Keys;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Proposals, signed votes, the consensus rule and what each refusal says; nothing refused is recorded. */
class GovernanceTest {
    final Fixture f = new Fixture();
    final Fixture.Record record = new Fixture.Record(f.partnership);

    static Project project(Partnership p, String id) {
        return p.projectsById().get(id);
    }

    Governance.Entry admitKorToMas1() {
        return record.propose(Fixture.proposal("P-1", KOR, Action.ADMIT, List.of("MAS-1"), "2025-02-01T09:00:00Z"));
    }

    void approveAll(Governance.Entry e, String time) {
        for (Country m : Fixture.MEMBERS) {
            record.vote(f.sign(e, m, Choice.APPROVE, at(time)), m, at(time).plusSeconds(30));
        }
    }

    @Test
    void everyMembersApprovalAdoptsAndTheActTakesEffectOnItsDate() {
        Governance.Entry e = admitKorToMas1();
        assertThat(e.status(at("2025-02-02T00:00:00Z"))).isEqualTo(Status.OPEN);
        LocalDate effective = e.proposal().effective();
        assertThat(effective).isEqualTo(LocalDate.of(2025, 2, 12));

        record.vote(f.sign(e, AUS, Choice.APPROVE, at("2025-02-02T10:00:00Z")), AUS, at("2025-02-02T10:00:05Z"));
        record.vote(f.sign(e, GBR, Choice.APPROVE, at("2025-02-03T10:00:00Z")), GBR, at("2025-02-03T10:00:05Z"));
        assertThat(record.entry("P-1").status(at("2025-02-04T00:00:00Z"))).as("two of three").isEqualTo(Status.OPEN);
        assertThat(project(record.g.partnership(), "MAS-1").participation(KOR, effective)).isNull();

        List<Act> last = record.vote(f.sign(e, USA, Choice.APPROVE, at("2025-02-04T10:00:00Z")), USA, at("2025-02-04T10:00:05Z"));
        assertThat(last).hasSize(2);
        Outcome out = ((Act.Decided) last.get(1)).outcome();
        assertThat(out.result()).isEqualTo(Outcome.Result.ADOPTED);
        assertThat(out.approvals()).containsExactly(AUS, GBR, USA);
        assertThat(record.entry("P-1").status(at("2025-02-05T00:00:00Z"))).isEqualTo(Status.ADOPTED);

        Partnership after = record.g.partnership();
        assertThat(project(after, "MAS-1").participation(KOR, effective)).isNotNull();
        assertThat(project(after, "MAS-1").participation(KOR, effective.minusDays(1))).as("not before its date").isNull();
        assertThat(project(after, "MAS-1").participation(KOR, effective).source().cite()).contains("governance act P-1", "AUS, GBR, USA");
        Candidate kor = after.candidate(KOR);
        assertThat(kor.stageOn(effective).stage()).isEqualTo("partner");
        assertThat(kor.stageOn(effective.minusDays(1)).stage()).isEqualTo("formal-discussions");
        assertThat(kor.history()).as("history grows, nothing is edited").startsWith(f.partnership.candidate(KOR).history().toArray(Candidate.StageEntry[]::new));
        assertThat(record.g.findings()).isEmpty();
    }

    @Test
    void anObjectionRejectsAndChangesNothing() {
        Governance.Entry e = admitKorToMas1();
        record.vote(f.sign(e, AUS, Choice.APPROVE, at("2025-02-02T10:00:00Z")), AUS, at("2025-02-02T10:00:05Z"));
        List<Act> acts = record.vote(f.sign(e, GBR, Choice.OBJECT, at("2025-02-03T10:00:00Z")), GBR, at("2025-02-03T10:00:05Z"));
        assertThat(((Act.Decided) acts.get(1)).outcome().result()).isEqualTo(Outcome.Result.REJECTED);
        assertThat(record.entry("P-1").status(at("2025-02-04T00:00:00Z"))).isEqualTo(Status.REJECTED);
        Refusal closed = refused(() -> record.vote(f.sign(e, USA, Choice.APPROVE, at("2025-02-04T10:00:00Z")), USA, at("2025-02-04T10:00:05Z")));
        assertThat(closed.getMessage()).contains("closed", "rejected");
        assertThat(record.g.partnership()).isEqualTo(f.partnership);
    }

    @Test
    void aProposalWithoutEveryApprovalLapsesAtItsDeadline() {
        Governance.Entry e = admitKorToMas1();
        record.vote(f.sign(e, AUS, Choice.APPROVE, at("2025-02-02T10:00:00Z")), AUS, at("2025-02-02T10:00:05Z"));
        record.vote(f.sign(e, GBR, Choice.APPROVE, at("2025-02-02T11:00:00Z")), GBR, at("2025-02-02T11:00:05Z"));
        assertThat(record.entry("P-1").status(e.proposal().deadline().plusSeconds(1))).isEqualTo(Status.LAPSED);
        Refusal late = refused(() -> record.vote(f.sign(e, USA, Choice.APPROVE, e.proposal().deadline().plusSeconds(60)), USA,
                e.proposal().deadline().plusSeconds(61)));
        assertThat(late.kind()).isEqualTo(Refusal.Kind.CONFLICT);
        assertThat(late.getMessage()).contains("closed at " + e.proposal().deadline());
        // signed in time, but delivered after the deadline: also too late
        Refusal delivered = refused(() -> record.vote(f.sign(e, USA, Choice.APPROVE, e.proposal().deadline().minusSeconds(60)), USA,
                e.proposal().deadline().plusSeconds(1)));
        assertThat(delivered.getMessage()).contains("received at");
        assertThat(record.g.partnership()).isEqualTo(f.partnership);
    }

    Refusal refused(Runnable r) {
        int before = record.acts.size();
        Refusal e = catchThrowableOfType(Refusal.class, r::run);
        assertThat(e).as("expected a refusal").isNotNull();
        assertThat(record.acts).as("nothing recorded").hasSize(before);
        return e;
    }

    @Test
    void refusedVotesSayWhyAndRecordNothing() {
        Governance.Entry e = admitKorToMas1();
        Instant t = at("2025-02-02T10:00:00Z");
        Instant now = t.plusSeconds(5);

        Refusal nonMember = refused(() -> record.vote(Fixture.sign(e, Country.of("JPN"), Choice.APPROVE, t, Ed25519Keys.generate()), null, now));
        assertThat(nonMember.field()).isEqualTo("member");
        assertThat(nonMember.getMessage()).contains("JPN is not a core member");

        Refusal otherDelegate = refused(() -> record.vote(f.sign(e, USA, Choice.APPROVE, t), GBR, now));
        assertThat(otherDelegate.getMessage()).contains("USA's", "delegate of GBR");

        Refusal wrongKey = refused(() -> record.vote(Fixture.sign(e, USA, Choice.APPROVE, t, f.keys.get(GBR)), USA, now));
        assertThat(wrongKey.getMessage()).contains("is GBR's, not USA's");

        Refusal unknownKey = refused(() -> record.vote(Fixture.sign(e, USA, Choice.APPROVE, t, Ed25519Keys.generate()), USA, now));
        assertThat(unknownKey.getMessage()).contains("not a registered member key");

        Refusal expired = refused(() -> record.vote(f.sign(e, USA, Choice.APPROVE, at("2027-01-02T00:00:00Z")), USA, at("2027-01-02T00:00:01Z")));
        assertThat(expired.getMessage()).contains("expired");

        // a stranger's signature under USA's key id
        Ed25519Keys.SigningKey usa = f.keys.get(USA);
        Ed25519Keys.SigningKey forger = Ed25519Keys.generate();
        Ed25519Keys.SigningKey spoof = new Ed25519Keys.SigningKey(usa.kid(), usa.x(), forger.privateKey(), forger.publicKey());
        Refusal forged = refused(() -> record.vote(Fixture.sign(e, USA, Choice.APPROVE, t, spoof), USA, now));
        assertThat(forged.getMessage()).contains("does not verify");

        Refusal changed = refused(() -> record.vote(GovernanceCodec.sign(new Vote("P-1", "0".repeat(64), USA, Choice.APPROVE, null, t), usa), USA, now));
        assertThat(changed.kind()).isEqualTo(Refusal.Kind.CONFLICT);
        assertThat(changed.getMessage()).contains("content differs from what was signed");

        Refusal unknownProposal = refused(() -> record.vote(GovernanceCodec.sign(new Vote("P-9", e.digest(), USA, Choice.APPROVE, null, t), usa), USA, now));
        assertThat(unknownProposal.kind()).isEqualTo(Refusal.Kind.NOT_FOUND);

        Refusal garbage = refused(() -> record.vote("not.a.jws", USA, now));
        assertThat(garbage.field()).isEqualTo("jws");

        String good = f.sign(e, USA, Choice.APPROVE, t);
        record.vote(good, USA, now);
        Refusal replay = refused(() -> record.vote(good, USA, now.plusSeconds(60)));
        assertThat(replay.getMessage()).contains("replayed vote");
        Refusal twice = refused(() -> record.vote(f.sign(e, USA, Choice.OBJECT, t.plusSeconds(100)), USA, now.plusSeconds(100)));
        assertThat(twice.getMessage()).contains("each member votes once");
        assertThat(record.g.findings()).isEmpty();
    }

    @Test
    void proposalsForNonCandidatesOrPillarIAreRefused() {
        Proposal fra = Fixture.proposal("P-1", Country.of("FRA"), Action.CONSENSUS, List.of(), "2025-02-01T09:00:00Z");
        Refusal r1 = catchThrowableOfType(Refusal.class, () -> record.propose(fra));
        assertThat(r1.field()).isEqualTo("candidate");
        assertThat(r1.getMessage()).contains("FRA is not a candidate");

        Proposal ssn = Fixture.proposal("P-1", KOR, Action.ADMIT, List.of("MAS-1", "SSN-1"), "2025-02-01T09:00:00Z");
        Refusal r2 = catchThrowableOfType(Refusal.class, () -> record.propose(ssn));
        assertThat(r2.field()).isEqualTo("projects[1]");
        assertThat(r2.getMessage()).contains("SSN-1 is a Pillar I project");

        Proposal gbr = Fixture.proposal("P-1", GBR, Action.CONSENSUS, List.of(), "2025-02-01T09:00:00Z");
        assertThat(catchThrowableOfType(Refusal.class, () -> record.propose(gbr)).getMessage()).contains("not a candidate");

        Proposal jpnAgain = Fixture.proposal("P-1", Country.of("JPN"), Action.ADMIT, List.of("MAS-1"), "2025-02-01T09:00:00Z");
        assertThat(catchThrowableOfType(Refusal.class, () -> record.propose(jpnAgain)).getMessage()).contains("takes part in MAS-1");

        Proposal suspendNothing = Fixture.proposal("P-1", KOR, Action.SUSPEND, List.of("MAS-1"), "2025-02-01T09:00:00Z");
        assertThat(catchThrowableOfType(Refusal.class, () -> record.propose(suspendNothing)).getMessage())
                .contains("KOR is at stage 'formal-discussions'", "suspend follows 'partner'");
        assertThat(record.acts).isEmpty();

        admitKorToMas1();
        Refusal second = catchThrowableOfType(Refusal.class,
                () -> record.propose(Fixture.proposal("P-2", KOR, Action.WITHDRAW, List.of(), "2025-02-03T09:00:00Z")));
        assertThat(second.getMessage()).contains("P-1", "one proposal per candidate at a time");
        Refusal sameId = catchThrowableOfType(Refusal.class,
                () -> record.propose(Fixture.proposal("P-1", Country.of("CAN"), Action.CONSENSUS, List.of(), "2025-02-03T09:00:00Z")));
        assertThat(sameId.kind()).isEqualTo(Refusal.Kind.CONFLICT);
    }

    @Test
    void suspensionAndWithdrawalEndParticipationTheDayBefore() {
        Governance.Entry admit = admitKorToMas1();
        approveAll(admit, "2025-02-02T10:00:00Z");
        LocalDate admitted = admit.proposal().effective();
        Governance.Entry suspend = record.propose(Fixture.proposal("P-2", KOR, Action.SUSPEND, List.of(), "2025-06-01T09:00:00Z"));
        approveAll(suspend, "2025-06-02T10:00:00Z");
        LocalDate suspended = suspend.proposal().effective();
        Project mas = project(record.g.partnership(), "MAS-1");
        assertThat(mas.participation(KOR, suspended.minusDays(1)).interval()).isEqualTo(new Interval(admitted, suspended.minusDays(1)));
        assertThat(mas.participation(KOR, suspended)).isNull();
        assertThat(record.g.partnership().candidate(KOR).stageOn(suspended).stage()).isEqualTo("suspended");
        assertThat(record.g.partnership().candidate(KOR).stageOn(suspended.minusDays(1)).stage()).isEqualTo("partner");
        assertThat(record.g.findings()).isEmpty();
    }

    @Test
    void verificationFindsTamperedActsAndTheyChangeNothing() {
        Governance.Entry e = admitKorToMas1();
        record.vote(f.sign(e, AUS, Choice.APPROVE, at("2025-02-02T10:00:00Z")), AUS, at("2025-02-02T10:00:05Z"));
        // an operator appends a forged outcome without the other votes
        List<Act> forged = new ArrayList<>(record.acts);
        forged.add(new Act.Decided(new Outcome("P-1", e.digest(), Outcome.Result.ADOPTED, at("2025-02-03T00:00:00Z"), List.of(AUS, GBR, USA), List.of())));
        Governance g = Governance.replay(f.partnership, forged, Fixture.SIG);
        assertThat(g.findings()).singleElement().satisfies(x -> {
            assertThat(x.seq()).isEqualTo(3);
            assertThat(x.problem()).contains("not what the verified votes decide");
        });
        assertThat(g.partnership()).isEqualTo(f.partnership);

        // the content of a proposal is changed after the votes were cast
        approveAll2(e);
        List<Act> altered = new ArrayList<>(record.acts);
        Act.Proposed original = (Act.Proposed) altered.getFirst();
        Proposal p = original.proposal();
        Proposal wider = new Proposal(p.id(), p.candidate(), p.action(), List.of("MAS-1", "AI-2"), p.effective(), p.deadline(), p.sources(), p.note(),
                p.proposedBy(), p.proposedAt());
        altered.set(0, new Act.Proposed(wider, original.digest()));
        Governance tampered = Governance.replay(f.partnership, altered, Fixture.SIG);
        assertThat(tampered.findings()).isNotEmpty();
        assertThat(tampered.findings().getFirst().problem()).contains("content was changed");
        assertThat(tampered.partnership()).isEqualTo(f.partnership);
        assertThat(record.g.findings()).isEmpty();
    }

    private void approveAll2(Governance.Entry e) {
        for (Country m : List.of(GBR, USA)) {
            record.vote(f.sign(e, m, Choice.APPROVE, at("2025-02-03T10:00:00Z")), m, at("2025-02-03T10:00:05Z"));
        }
    }

    @Test
    void aRotatedKeySignsNewVotesAndTheOldOneStillVerifiesItsOwn() {
        Ed25519Keys.SigningKey old = f.keys.get(GBR);
        Ed25519Keys.SigningKey fresh = Ed25519Keys.generate();
        List<MemberKey> keys = new ArrayList<>(f.partnership.memberKeys());
        keys.set(1, new MemberKey(GBR, old.kid(), old.x(), new Interval(LocalDate.of(2024, 1, 1), LocalDate.of(2025, 2, 2)), null));
        keys.add(new MemberKey(GBR, fresh.kid(), fresh.x(), Interval.from(LocalDate.of(2025, 2, 3)), null));
        Fixture.Record r = new Fixture.Record(Fixture.withKeys(new Fixture(false).partnership, keys));
        Governance.Entry e = r.propose(Fixture.proposal("P-1", KOR, Action.CONSENSUS, List.of(), "2025-02-01T09:00:00Z"));
        r.vote(Fixture.sign(e, GBR, Choice.APPROVE, at("2025-02-02T10:00:00Z"), old), GBR, at("2025-02-02T10:00:01Z"));
        Governance.Entry e2 = r.propose(Fixture.proposal("P-2", Country.of("CAN"), Action.WITHDRAW, List.of(), "2025-02-03T09:00:00Z"));
        Refusal expired = catchThrowableOfType(Refusal.class,
                () -> r.vote(Fixture.sign(e2, GBR, Choice.APPROVE, at("2025-02-03T10:00:00Z"), old), GBR, at("2025-02-03T10:00:01Z")));
        assertThat(expired.getMessage()).contains("expired");
        r.vote(Fixture.sign(e2, GBR, Choice.APPROVE, at("2025-02-03T10:00:00Z"), fresh), GBR, at("2025-02-03T10:00:01Z"));
        assertThat(r.g.findings()).isEmpty();
        assertThat(r.g.entry("P-1").votes()).hasSize(1);
        assertThat(r.g.entry("P-2").votes()).hasSize(1);
    }
}
