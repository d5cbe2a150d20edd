package dev.pillar.core.governance;

import static dev.pillar.core.governance.Fixture.at;
import static org.assertj.core.api.Assertions.assertThat;
import dev.pillar.codec.governance.GovernanceCodec;
import dev.pillar.core.model.Country;
import dev.pillar.core.model.Interval;
import dev.pillar.core.model.MemberKey;
import dev.pillar.core.model.Partnership;
import dev.pillar.core.model.Pillar;
import dev.pillar.core.model.Project;
import dev.pillar.crypto.Ed25519Keys;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The consensus rule as a property (QuickTheories, fixed seed): a proposal that lacks one core member's valid approval
 * never changes participation or stages, whatever else is recorded: that member's vote missing, an objection, a vote
 * signed with another member's key, an unknown, expired or forged key, for other content, after the deadline, or a
 * replay of another member's vote; whether the acts are recorded through the checks or written straight into the
 * record together with a forged "adopted" outcome.
 */
class GovernancePropertiesTest {
    private static final long SEED = 0x5EED_2025_A0C4L;
    private static final Fixture F = new Fixture();
    private static final List<Country> CANDIDATES = List.of(Country.of("KOR"), Country.of("CAN"), Country.of("NZL"));
    private static final List<String> PILLAR_II = F.partnership.projects().stream().filter(p -> p.pillar() == Pillar.II).map(Project::id).toList();

    /** What is wrong with the missing member's approval. */
    enum Defect { ABSENT, OBJECTION, OTHER_MEMBERS_KEY, UNKNOWN_KEY, EXPIRED_KEY, FORGED_SIGNATURE, OTHER_CONTENT, AFTER_DEADLINE, REPLAY_OF_ANOTHER }

    record Case(Country candidate, List<String> projects, int missing, Defect defect, long shuffle, int offsetMinutes) {}

    static Gen<Case> cases() {
        Gen<Integer> candidate = Generate.range(0, CANDIDATES.size() - 1);
        Gen<Long> projectBits = Generate.longRange(1, (1L << PILLAR_II.size()) - 1);
        Gen<Integer> missing = Generate.range(0, 2);
        Gen<Defect> defect = Generate.enumValues(Defect.class);
        Gen<Long> shuffle = Generate.longRange(0, Long.MAX_VALUE);
        Gen<Integer> offset = Generate.range(1, 14_000);
        return candidate.zip(projectBits, missing, defect, (c, bits, m, d) -> new Object[] {c, bits, m, d})
                .zip(shuffle, offset, (a, s, o) -> {
                    List<String> projects = new ArrayList<>();
                    for (int i = 0; i < PILLAR_II.size(); i++) {
                        if ((((Long) a[1]) >> i & 1) == 1) {
                            projects.add(PILLAR_II.get(i));
                        }
                    }
                    return new Case(CANDIDATES.get((Integer) a[0]), projects, (Integer) a[2], (Defect) a[3], s, o);
                });
    }

    @Test
    void aProposalLackingOneMembersValidApprovalNeverChangesParticipation() {
        // each member also has an old key that expired at the end of 2024
        List<MemberKey> keys = new ArrayList<>(F.partnership.memberKeys());
        List<Ed25519Keys.SigningKey> expired = new ArrayList<>();
        for (Country m : Fixture.MEMBERS) {
            Ed25519Keys.SigningKey k = Ed25519Keys.generate();
            expired.add(k);
            keys.add(new MemberKey(m, k.kid(), k.x(), new Interval(LocalDate.of(2023, 1, 1), LocalDate.of(2024, 12, 31)), null));
        }
        Partnership seeded = Fixture.withKeys(F.partnership, keys);

        QuickTheory.qt().withFixedSeed(SEED).withExamples(150).forAll(cases()).checkAssert(c -> {
            Fixture.Record record = new Fixture.Record(seeded);
            Governance.Entry e = record.propose(Fixture.proposal("P-1", c.candidate(), Action.ADMIT, c.projects(), "2025-02-01T09:00:00Z"));
            Instant t = at("2025-02-01T09:00:00Z").plusSeconds(c.offsetMinutes() * 60L);
            Country missing = Fixture.MEMBERS.get(c.missing());
            List<String> votes = new ArrayList<>();
            List<Country> voters = new ArrayList<>();
            for (Country m : Fixture.MEMBERS) {
                if (!m.equals(missing)) {
                    votes.add(F.sign(e, m, Choice.APPROVE, t));
                    voters.add(m);
                }
            }
            String defective = defective(c, e, missing, t, expired.get(c.missing()), votes);
            Instant now = c.defect() == Defect.AFTER_DEADLINE ? e.proposal().deadline().plusSeconds(60) : t.plusSeconds(1);
            if (defective != null) {
                votes.add(defective);
                voters.add(missing);
            }
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < votes.size(); i++) {
                order.add(i);
            }
            Collections.shuffle(order, new Random(c.shuffle()));

            // 1. through the checks, as the server records them
            for (int i : order) {
                try {
                    record.vote(votes.get(i), null, votes.get(i) == defective ? now : t.plusSeconds(1));
                } catch (Refusal ignored) {
                    // refused: nothing recorded
                }
            }
            assertUnchanged(seeded, record.g, c);

            // 2. straight into the record, valid or not, with a forged outcome that claims adoption
            List<Act> raw = new ArrayList<>(record.acts.subList(0, 1));
            for (int i : order) {
                Signatures.Signed s;
                try {
                    s = Fixture.SIG.read(votes.get(i));
                } catch (RuntimeException notEvenAVote) {
                    continue;
                }
                raw.add(new Act.Voted(new CastVote(s.vote(), votes.get(i), s.kid(), "operator", votes.get(i) == defective ? now : t.plusSeconds(1))));
            }
            raw.add(new Act.Decided(new Outcome("P-1", e.digest(), Outcome.Result.ADOPTED, now, Fixture.MEMBERS, List.of())));
            Governance forged = Governance.replay(seeded, raw, Fixture.SIG);
            assertUnchanged(seeded, forged, c);
            assertThat(forged.findings()).as("the forged record is found out: %s", c).isNotEmpty();

            // control: with the missing member's valid approval the same proposal does take effect
            Fixture.Record control = new Fixture.Record(seeded);
            Governance.Entry ce = control.propose(e.proposal());
            for (Country m : Fixture.MEMBERS) {
                control.vote(F.sign(ce, m, Choice.APPROVE, t), null, t.plusSeconds(1));
            }
            for (String project : c.projects()) {
                assertThat(control.g.partnership().projectsById().get(project).participation(c.candidate(), ce.proposal().effective()))
                        .as("control %s: %s", c, project).isNotNull();
            }
        });
    }

    private static String defective(Case c, Governance.Entry e, Country missing, Instant t, Ed25519Keys.SigningKey expiredKey, List<String> others) {
        Country other = Fixture.MEMBERS.get((c.missing() + 1) % 3);
        Ed25519Keys.SigningKey own = F.keys.get(missing);
        return switch (c.defect()) {
            case ABSENT -> null;
            case OBJECTION -> F.sign(e, missing, Choice.OBJECT, t);
            case OTHER_MEMBERS_KEY -> Fixture.sign(e, missing, Choice.APPROVE, t, F.keys.get(other));
            case UNKNOWN_KEY -> Fixture.sign(e, missing, Choice.APPROVE, t, Ed25519Keys.generate());
            case EXPIRED_KEY -> Fixture.sign(e, missing, Choice.APPROVE, t, expiredKey);
            case FORGED_SIGNATURE -> {
                Ed25519Keys.SigningKey forger = Ed25519Keys.generate();
                yield Fixture.sign(e, missing, Choice.APPROVE, t, new Ed25519Keys.SigningKey(own.kid(), own.x(), forger.privateKey(), forger.publicKey()));
            }
            case OTHER_CONTENT -> GovernanceCodec.sign(new Vote("P-1", Fixture.SIG.digest(new Proposal("P-1", e.proposal().candidate(), Action.ADMIT,
                    List.of("MAS-1"), e.proposal().effective(), e.proposal().deadline(), e.proposal().sources(), "other", "someone", e.proposal().proposedAt())),
                    missing, Choice.APPROVE, null, t), own);
            case AFTER_DEADLINE -> F.sign(e, missing, Choice.APPROVE, e.proposal().deadline().plusSeconds(30));
            case REPLAY_OF_ANOTHER -> others.getFirst();
        };
    }

    private static void assertUnchanged(Partnership seeded, Governance g, Case c) {
        assertThat(g.entry("P-1").status(at("2026-01-01T00:00:00Z"))).as("%s", c).isNotEqualTo(Status.ADOPTED);
        for (Project p : seeded.projects()) {
            assertThat(g.partnership().projectsById().get(p.id()).participants()).as("%s: %s", c, p.id()).isEqualTo(p.participants());
        }
        assertThat(g.partnership().candidates()).as("%s", c).isEqualTo(seeded.candidates());
    }
}
