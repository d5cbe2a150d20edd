package dev.pillar.core.governance;

import static dev.pillar.core.governance.Fixture.AUS;
import static dev.pillar.core.governance.Fixture.GBR;
import static dev.pillar.core.governance.Fixture.KOR;
import static dev.pillar.core.governance.Fixture.MEMBERS;
import static dev.pillar.core.governance.Fixture.USA;
import static dev.pillar.core.governance.Fixture.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import dev.pillar.codec.governance.GovernanceCodec;
import dev.pillar.codec.world.WorldLoader;
import dev.pillar.core.model.Country;
import dev.pillar.core.model.Interval;
import dev.pillar.core.model.InvalidValueException;
import dev.pillar.core.model.Organisation;
import dev.pillar.core.model.Partnership;
import dev.pillar.core.world.World;
import dev.pillar.crypto.Ed25519Keys;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The partnership's path as governance acts: stages only move forward, organisations take part only through a
 * nomination inside their country's participation, and member keys are enrolled only by a ceremony no single role can
 * complete. Each refusal names the rule and records nothing.
 */
class GovernancePathTest {
    final Fixture f = new Fixture(false); // KOR only considered, as in the built-in world
    final World world = WorldLoader.load("aukus");
    final Fixture.Record record = new Fixture.Record(f.partnership, List.copyOf(world.organisations()));

    Governance.Entry adopt(String id, Action action, List<String> projects, String proposedAt) {
        Governance.Entry e = record.propose(Fixture.proposal(id, KOR, action, projects, proposedAt));
        Instant t = at(proposedAt).plusSeconds(3600);
        for (Country m : MEMBERS) {
            record.vote(f.sign(e, m, Choice.APPROVE, t), m, t.plusSeconds(1));
        }
        assertThat(record.entry(id).outcome().result()).isEqualTo(Outcome.Result.ADOPTED);
        return record.entry(id);
    }

    static Nomination nomination(String id, String org, String project, String from, String until, String at) {
        return new Nomination(id, org, project, new Interval(LocalDate.parse(from), until == null ? null : LocalDate.parse(until)),
                List.of(Fixture.statement("Secretariat minutes", at.substring(0, 10))), "", "secretariat", Fixture.at(at));
    }

    Refusal refusedAndNothingRecorded(Runnable r) {
        int before = record.acts.size();
        Refusal refusal = catchThrowableOfType(Refusal.class, r::run);
        assertThat(refusal).as("refused").isNotNull();
        assertThat(record.acts).hasSize(before);
        return refusal;
    }

    @Test
    void aCandidateMovesForwardAlongThePathAndNeverBack() {
        Refusal skip = refusedAndNothingRecorded(() -> record.propose(Fixture.proposal("P-1", KOR, Action.FORMAL_DISCUSSIONS, List.of(), "2025-02-01T09:00:00Z")));
        assertThat(skip.kind()).isEqualTo(Refusal.Kind.CONFLICT);
        assertThat(skip.field()).isEqualTo("action");
        assertThat(skip.getMessage()).contains("KOR is at stage 'considered' since 2024-04-10", "formal-discussions follows 'consensus'");
        Refusal admitEarly = refusedAndNothingRecorded(() -> record.propose(Fixture.proposal("P-1", KOR, Action.ADMIT, List.of("MAS-1"), "2025-02-01T09:00:00Z")));
        assertThat(admitEarly.getMessage()).contains("admit follows 'formal-discussions' or 'partner' or 'suspended'");

        adopt("P-1", Action.CONSENSUS, List.of(), "2025-02-01T09:00:00Z");
        Refusal back = refusedAndNothingRecorded(() -> record.propose(Fixture.proposal("P-2", KOR, Action.CONSENSUS, List.of(), "2025-03-01T09:00:00Z")));
        assertThat(back.getMessage()).contains("KOR is at stage 'consensus' since 2025-02-12", "never back");

        adopt("P-2", Action.FORMAL_DISCUSSIONS, List.of(), "2025-03-01T09:00:00Z");
        Refusal regression = refusedAndNothingRecorded(() -> record.propose(Fixture.proposal("P-3", KOR, Action.CONSENSUS, List.of(), "2025-04-01T09:00:00Z")));
        assertThat(regression.getMessage()).contains("stage 'formal-discussions'", "consensus follows 'considered'");

        adopt("P-3", Action.ADMIT, List.of("MAS-1", "UNDERSEA-2"), "2025-04-01T09:00:00Z");
        Partnership p = record.g.partnership();
        LocalDate admitted = record.entry("P-3").proposal().effective();
        assertThat(p.projectsById().get("UNDERSEA-2").participation(KOR, admitted).source().cite())
                .contains("governance act P-3 (digest " + record.entry("P-3").digest().substring(0, 16) + ")", "AUS, GBR, USA");
        assertThat(p.projectsById().get("MAS-1").participation(KOR, admitted.minusDays(1))).isNull();
        assertThat(record.g.findings()).isEmpty();
    }

    @Test
    void anActCannotTakeEffectBeforeTheCandidatesLatestStepNorForACountryNeverConsidered() {
        adopt("P-1", Action.CONSENSUS, List.of(), "2025-02-01T09:00:00Z"); // effective 2025-02-12
        Proposal early = new Proposal("P-2", KOR, Action.FORMAL_DISCUSSIONS, List.of(), LocalDate.of(2025, 2, 11), at("2025-02-10T12:00:00Z"),
                List.of(Fixture.statement("s", "2025-02-05")), "", "secretariat", at("2025-02-05T09:00:00Z"));
        Refusal r = refusedAndNothingRecorded(() -> record.propose(early));
        assertThat(r.field()).isEqualTo("effective");
        assertThat(r.getMessage()).contains("before KOR's latest step (consensus on 2025-02-12)");
        Refusal never = refusedAndNothingRecorded(() -> record.propose(Fixture.proposal("P-2", Country.of("FRA"), Action.ADMIT, List.of("MAS-1"), "2025-02-01T09:00:00Z")));
        assertThat(never.field()).isEqualTo("candidate");
        assertThat(never.getMessage()).contains("FRA is not a candidate");
    }

    @Test
    void proposalsOfTheFirstRulesReplayAsTheyWereCheckedUntilTheCurrentRulesArrive() {
        // a v1 proposal moving CAN (at formal discussions) back to consensus was accepted by the release before the path
        Proposal legacy = new Proposal("P-1", Country.of("CAN"), Action.CONSENSUS, List.of(), LocalDate.of(2025, 2, 12), at("2025-02-11T09:00:00Z"),
                List.of(Fixture.statement("s", "2025-02-01")), "", "secretariat", at("2025-02-01T09:00:00Z"), 1);
        Act.Proposed act = new Act.Proposed(legacy, Fixture.SIG.digest(legacy));
        assertThat(Governance.replay(f.partnership, List.of(act), Fixture.SIG).findings()).as("as checked then").isEmpty();
        assertThat(GovernanceCodec.proposalJson(legacy).has("rules")).as("its digest is unchanged").isFalse();
        Refusal now = catchThrowableOfType(Refusal.class, () -> record.g.propose(legacy));
        assertThat(now.field()).isEqualTo("rules");

        Proposal current = Fixture.proposal("P-1", KOR, Action.CONSENSUS, List.of(), "2025-01-01T09:00:00Z");
        Proposal lateLegacy = new Proposal("P-2", Country.of("CAN"), Action.CONSENSUS, List.of(), LocalDate.of(2025, 2, 12), at("2025-02-11T09:00:00Z"),
                List.of(Fixture.statement("s", "2025-02-01")), "", "secretariat", at("2025-02-01T09:00:00Z"), 1);
        List<Act> acts = List.of(new Act.Proposed(current, Fixture.SIG.digest(current)), new Act.Proposed(lateLegacy, Fixture.SIG.digest(lateLegacy)));
        assertThat(Governance.replay(f.partnership, acts, Fixture.SIG).findings()).singleElement()
                .satisfies(x -> assertThat(x.problem()).contains("the rules of the record never go back"));
    }

    @Test
    void anOrganisationTakesPartOnlyByANominationWithinItsCountrysParticipation() {
        Refusal notAdmitted = refusedAndNothingRecorded(() -> record.append(List.of(record.g.nominate(
                nomination("N-1", "KR-HANBIT-DEFENCE", "MAS-1", "2025-06-01", null, "2025-01-10T09:00:00Z")))));
        assertThat(notAdmitted.field()).isEqualTo("from");
        assertThat(notAdmitted.getMessage()).contains("KOR does not take part in MAS-1 on 2025-06-01", "admit KOR");

        adopt("P-1", Action.CONSENSUS, List.of(), "2025-02-01T09:00:00Z");
        adopt("P-2", Action.FORMAL_DISCUSSIONS, List.of(), "2025-03-01T09:00:00Z");
        Governance.Entry admit = adopt("P-3", Action.ADMIT, List.of("MAS-1", "UNDERSEA-2"), "2025-04-01T09:00:00Z");
        LocalDate admitted = admit.proposal().effective();

        Refusal early = refusedAndNothingRecorded(() -> record.append(List.of(record.g.nominate(
                nomination("N-1", "KR-HANBIT-DEFENCE", "MAS-1", admitted.minusDays(1).toString(), null, "2025-04-02T09:00:00Z")))));
        assertThat(early.field()).isEqualTo("from");
        assertThat(early.getMessage()).contains("KOR takes part in MAS-1 from " + admitted, "cannot start before the country's admission");
        Refusal pillarOne = refusedAndNothingRecorded(() -> record.append(List.of(record.g.nominate(
                nomination("N-1", "KR-HANBIT-DEFENCE", "SSN-1", admitted.toString(), null, "2025-04-02T09:00:00Z")))));
        assertThat(pillarOne.getMessage()).contains("Pillar I");
        Refusal unknown = refusedAndNothingRecorded(() -> record.append(List.of(record.g.nominate(
                nomination("N-1", "KR-NOBODY", "MAS-1", admitted.toString(), null, "2025-04-02T09:00:00Z")))));
        assertThat(unknown.field()).isEqualTo("organisation");
        assertThatThrownBy(() -> nomination("N-1", "KR-HANBIT-DEFENCE", "MAS-1", "2025-04-01", null, "2025-04-02T09:00:00Z"))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("before the nomination is recorded");

        Act.Nominated n = record.g.nominate(nomination("N-1", "KR-HANBIT-DEFENCE", "MAS-1", admitted.toString(), null, "2025-04-02T09:00:00Z"));
        record.append(List.of(n));
        Organisation hanbit = byId(record.g.organisations()).get("KR-HANBIT-DEFENCE");
        Organisation.ProjectRole role = hanbit.role("MAS-1", admitted);
        assertThat(role).isNotNull();
        assertThat(role.source().cite()).contains("nomination N-1 (digest " + n.digest().substring(0, 16) + ")", "secretariat");
        assertThat(hanbit.role("MAS-1", admitted.minusDays(1))).isNull();
        assertThat(hanbit.role("UNDERSEA-2", admitted)).as("nominated to one project only").isNull();
        Refusal twice = refusedAndNothingRecorded(() -> record.append(List.of(record.g.nominate(
                nomination("N-2", "KR-HANBIT-DEFENCE", "MAS-1", admitted.plusDays(5).toString(), null, "2025-04-03T09:00:00Z")))));
        assertThat(twice.kind()).isEqualTo(Refusal.Kind.CONFLICT);

        // a suspension ends the country's and its organisations' participation from its date
        Governance.Entry suspend = adopt("P-4", Action.SUSPEND, List.of("MAS-1"), "2025-06-01T09:00:00Z");
        LocalDate suspended = suspend.proposal().effective();
        Organisation after = byId(record.g.organisations()).get("KR-HANBIT-DEFENCE");
        assertThat(after.role("MAS-1", suspended.minusDays(1))).isNotNull();
        assertThat(after.role("MAS-1", suspended)).isNull();
        assertThat(record.g.findings()).isEmpty();
    }

    static Map<String, Organisation> byId(List<Organisation> orgs) {
        Map<String, Organisation> m = new HashMap<>();
        orgs.forEach(o -> m.put(o.id(), o));
        return m;
    }

    // ---- the key ceremony ------------------------------------------------------------------------------------------

    final Partnership keyless = Fixture.withKeys(f.partnership, List.of());
    final Fixture.Record keys = new Fixture.Record(keyless);

    KeyEnrolment request(String id, Country member, Ed25519Keys.SigningKey key, String by, String at) {
        String proof = GovernanceCodec.sign(new Statement.Possession(member, key.kid(), key.x()), key);
        return new KeyEnrolment(id, member, key.kid(), key.x(), LocalDate.parse(at.substring(0, 10)), proof, by, Fixture.at(at));
    }

    Act.KeyCosigned cosign(String enrolment, Country member, Ed25519Keys.SigningKey key, String at) {
        String digest = keys.g.enrolment(enrolment).digest();
        String jws = GovernanceCodec.sign(new Statement.Cosign(enrolment, digest, member), key);
        return keys.g.cosignKey(enrolment, member, key.kid(), jws, member, "delegate-" + member.code().toLowerCase(), Fixture.at(at));
    }

    @Test
    void firstKeysNeedTheSecretariatAndTwoOtherMembersAndNoSingleAccountCanCompleteThem() {
        Map<Country, Ed25519Keys.SigningKey> k = Map.of(AUS, Ed25519Keys.generate(), GBR, Ed25519Keys.generate(), USA, Ed25519Keys.generate());
        keys.append(List.of(keys.g.requestKey(request("K-1", AUS, k.get(AUS), "delegate-aus", "2025-01-10T09:00:00Z"))));
        keys.append(List.of(keys.g.requestKey(request("K-2", GBR, k.get(GBR), "delegate-gbr", "2025-01-10T09:01:00Z"))));
        keys.append(List.of(keys.g.requestKey(request("K-3", USA, k.get(USA), "delegate-usa", "2025-01-10T09:02:00Z"))));
        assertThat(keys.g.partnership().memberKeys()).as("requested is not enrolled").isEmpty();
        assertThat(keys.g.enrolment("K-1").needs()).contains("2 more co-signature(s) of other core members (GBR, USA)", "the secretariat's confirmation");

        // a member cannot co-sign its own first key
        Refusal self = catchThrowableOfType(Refusal.class, () -> cosign("K-1", AUS, k.get(AUS), "2025-01-10T10:00:00Z"));
        assertThat(self.field()).isEqualTo("kid");
        assertThat(self.getMessage()).contains("only with a key already registered for it");
        // the requester cannot confirm their own request
        Refusal sameAccount = catchThrowableOfType(Refusal.class,
                () -> keys.g.confirmKey("K-1", keys.g.enrolment("K-1").digest(), "delegate-aus", Fixture.at("2025-01-10T10:00:00Z")));
        assertThat(sameAccount.field()).isEqualTo("confirmedBy");

        keys.append(List.of(cosign("K-1", GBR, k.get(GBR), "2025-01-10T10:00:00Z")));
        keys.append(List.of(keys.g.confirmKey("K-1", keys.g.enrolment("K-1").digest(), "secretariat", Fixture.at("2025-01-10T10:05:00Z"))));
        assertThat(keys.g.enrolment("K-1").complete()).as("one other member is not enough").isFalse();
        assertThat(keys.g.partnership().memberKeys()).isEmpty();
        keys.append(List.of(cosign("K-1", USA, k.get(USA), "2025-01-10T10:10:00Z")));
        assertThat(keys.g.enrolment("K-1").complete()).isTrue();
        assertThat(keys.g.partnership().memberKeys()).singleElement().satisfies(m -> {
            assertThat(m.country()).isEqualTo(AUS);
            assertThat(m.kid()).isEqualTo(k.get(AUS).kid());
            assertThat(m.source().cite()).contains("key enrolment K-1", "confirmed by secretariat", "co-signed by GBR, USA");
        });

        // a forged co-signature (signed over another digest) and a co-signature with a stranger's key are refused
        String wrong = GovernanceCodec.sign(new Statement.Cosign("K-2", "0".repeat(64), AUS), k.get(AUS));
        Refusal forged = catchThrowableOfType(Refusal.class, () -> keys.g.cosignKey("K-2", AUS, k.get(AUS).kid(), wrong, AUS, "delegate-aus", Fixture.at("2025-01-10T11:00:00Z")));
        assertThat(forged.field()).isEqualTo("jws");
        Ed25519Keys.SigningKey stranger = Ed25519Keys.generate();
        Refusal strangerKey = catchThrowableOfType(Refusal.class, () -> cosign("K-2", AUS, stranger, "2025-01-10T11:00:00Z"));
        assertThat(strangerKey.getMessage()).contains("neither a registered key of AUS");
        assertThat(keys.g.findings()).isEmpty();
    }

    @Test
    void aRotationIsCompleteWhenTheMemberSignsWithItsKeyInForceAndAProofMustComeFromTheNewKey() {
        Fixture.Record r = new Fixture.Record(f.partnership); // every member has a key in force
        Ed25519Keys.SigningKey fresh = Ed25519Keys.generate();
        KeyEnrolment good = request("K-1", GBR, fresh, "delegate-gbr", "2025-01-10T09:00:00Z");
        KeyEnrolment badProof = new KeyEnrolment("K-1", GBR, fresh.kid(), fresh.x(), good.from(),
                GovernanceCodec.sign(new Statement.Possession(GBR, fresh.kid(), fresh.x()), Ed25519Keys.generate()), "delegate-gbr", good.requestedAt());
        Refusal proof = catchThrowableOfType(Refusal.class, () -> r.g.requestKey(badProof));
        assertThat(proof.field()).isEqualTo("proof");
        KeyEnrolment wrongKid = new KeyEnrolment("K-1", GBR, f.keys.get(AUS).kid(), fresh.x(), good.from(), good.proof(), "delegate-gbr", good.requestedAt());
        assertThat(catchThrowableOfType(Refusal.class, () -> r.g.requestKey(wrongKid)).field()).isEqualTo("kid");

        r.append(List.of(r.g.requestKey(good)));
        String digest = r.g.enrolment("K-1").digest();
        String jws = GovernanceCodec.sign(new Statement.Cosign("K-1", digest, GBR), f.keys.get(GBR));
        r.append(List.of(r.g.cosignKey("K-1", GBR, f.keys.get(GBR).kid(), jws, GBR, "delegate-gbr", at("2025-01-10T09:05:00Z"))));
        assertThat(r.g.enrolment("K-1").complete()).isTrue();
        assertThat(r.g.partnership().memberKey(fresh.kid()).source().cite()).contains("co-signed by GBR's key in force");

        // a record whose co-signature was altered after it was recorded does not enrol the key on replay
        Act.KeyCosigned recorded = (Act.KeyCosigned) r.acts.get(1);
        KeyCosign c = recorded.cosign();
        String tampered = GovernanceCodec.sign(new Statement.Cosign("K-1", digest, GBR), Ed25519Keys.generate());
        Governance replayed = Governance.replay(f.partnership, List.of(r.acts.get(0),
                new Act.KeyCosigned(new KeyCosign(c.enrolment(), c.digest(), c.member(), c.kid(), tampered, c.castBy(), c.recordedAt()))), Fixture.SIG);
        assertThat(replayed.partnership().memberKey(fresh.kid())).isNull();
        assertThat(replayed.findings()).singleElement().satisfies(x -> assertThat(x.problem()).contains("does not verify"));
    }
}
