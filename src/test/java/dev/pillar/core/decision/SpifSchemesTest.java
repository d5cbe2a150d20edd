package dev.pillar.core.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import dev.pillar.codec.BadInputException;
import dev.pillar.codec.world.WorldLoader;
import dev.pillar.codec.world.WorldSource;
import dev.pillar.core.model.Item;
import dev.pillar.core.model.Person;
import dev.pillar.core.model.Releasability;
import dev.pillar.core.model.SecurityLevel;
import dev.pillar.core.rules.NationalPolicy;
import dev.pillar.core.world.World;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The built-in world's national schemes for USA, GBR and AUS are Open XML SPIFs: the classification layer compares
 * across them through the equivalences the SPIFs declare, the releasability layer decides through the SPIFs' access
 * control decision and shows their markings, and a security officer changes a decision by changing a SPIF.
 */
class SpifSchemesTest {
    private static final World WORLD = WorldLoader.load("aukus");
    private static final LocalDate DAY = LocalDate.of(2025, 6, 1);

    private static Decision decide(World w, String item, String person) {
        return DecisionEngine.standard(w).decide(new DecisionRequest(w.item(item), w.person(person), null, DAY, null));
    }

    /** The built-in world with one of its SPIF files (spif/usa.xml, ...) or world files changed. */
    private static World world(String file, UnaryOperator<String> change) {
        WorldSource builtIn = WorldSource.builtIn(WorldSource.BUILT_IN);
        return WorldLoader.load(new WorldSource() {
            @Override
            public File read(String logicalName) {
                File f = builtIn.read(logicalName);
                if (f == null || !file.equals(logicalName + ".yaml")) {
                    return f;
                }
                return new File(f.name(), change.apply(new String(f.content(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8), false);
            }

            @Override
            public byte[] readRelative(String path) {
                byte[] b = builtIn.readRelative(path);
                return path.equals(file) ? change.apply(new String(b, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8) : b;
            }

            @Override
            public String describe() {
                return "changed built-in world";
            }
        });
    }

    @Test
    void theUsGbrAndAusSchemesAreTheirSpifs() {
        NationalPolicy usa = WORLD.rules().security().policy("USA");
        assertThat(usa.policy().name()).isEqualTo("USA (illustrative)");
        assertThat(usa.illustrative()).isTrue();
        assertThat(WORLD.rules().security().levels("USA")).containsExactly("UNCLASSIFIED", "CONFIDENTIAL", "SECRET", "TOP SECRET");
        assertThat(WORLD.rules().security().levels("AUS")).containsExactly("OFFICIAL", "PROTECTED", "SECRET", "TOP SECRET");
        assertThat(WORLD.rules().security().requiresClearance(new SecurityLevel("GBR", "OFFICIAL"))).isFalse();
        assertThat(WORLD.rules().security().policy("JPN")).as("JPN stays a table").isNull();
        assertThat(WORLD.rules().equivalences()).extracting(e -> e.id()).contains("spif/USA/SECRET/GBR", "spif/GBR/SECRET/USA",
                "spif/AUS/PROTECTED/USA", "EQ-USA-JPN-SECRET");
    }

    @Test
    void aUkSecretClearanceIsComparedWithAUsSecretItemThroughTheSpifEquivalence() {
        Decision d = decide(WORLD, "A-UNDERSEA-001", "p-gbr-engineer");
        Reason cls = d.reasons(Layer.CLASSIFICATION).getFirst();
        assertThat(cls.outcome()).isEqualTo(Outcome.PERMIT);
        assertThat(cls.message()).contains("equivalent to GBR:SECRET under spif/USA/SECRET/GBR");
        assertThat(cls.citation()).contains("US-UK General Security Agreement");
        assertThat(cls.facts().get("equivalence")).contains("Open XML SPIF", "equivalentClassification USA:SECRET <-> GBR:SECRET");
    }

    @Test
    void changingTheSpifChangesTheDecision() {
        // A security officer declares US SECRET equivalent to UK TOP SECRET in the US SPIF.
        String secret = "<securityClassification name=\"SECRET\" lacv=\"3\" hierarchy=\"2\" color=\"#C8102E\">\n      <equivalentClassification policyRef=\"GBR\" lacv=\"2\"";
        World changed = world("spif/usa.xml", s -> {
            assertThat(s).contains(secret);
            return s.replace(secret, secret.replace("lacv=\"2\"", "lacv=\"3\""));
        });
        Reason cls = decide(changed, "A-UNDERSEA-001", "p-gbr-engineer").reasons(Layer.CLASSIFICATION).getFirst();
        assertThat(cls.outcome()).isEqualTo(Outcome.DENY);
        assertThat(cls.ruleId()).isEqualTo("classification.insufficient");
        assertThat(cls.message()).contains("below GBR:TOP SECRET");
        assertThat(changed.version()).isNotEqualTo(WORLD.version());
    }

    @Test
    void itemMarkingsAreTheSpifs() {
        assertThat(WORLD.marking(WORLD.item("A-UNDERSEA-001"))).isEqualTo("SECRET//REL TO USA, AUS, GBR");
        assertThat(WORLD.marking(WORLD.item("NF-UNDERSEA-003"))).isEqualTo("SECRET//NOFORN");
        assertThat(WORLD.marking(WORLD.item("AU-MAS-008"))).isEqualTo("PROTECTED//REL AUS/GBR/JPN/USA");
        assertThat(WORLD.marking(WORLD.item("GB-AUV-007"))).isEqualTo("OFFICIAL");
        Item ukSecret = new Item(null, null, dev.pillar.core.model.Country.of("GBR"), new SecurityLevel("GBR", "SECRET"),
                new Releasability(false, List.of("USA", "GBR", "AUS", "FVEY")), WORLD.item("GB-AUV-007").control(), java.util.Set.of(), null, null, 0);
        assertThat(WORLD.marking(ukSecret)).isEqualTo("SECRET - UK/AUS/US/FVEY EYES ONLY");
        assertThat(WORLD.marking(WORLD.item("MAS-AI-010"))).isEqualTo("SECRET//REL TO USA, AUS, GBR, JPN");
    }

    @Test
    void releasabilityIsDecidedByTheSpifForEveryNationality() {
        Decision jpn = decide(WORLD, "A-UNDERSEA-001", "p-jpn-engineer");
        Reason rel = jpn.reasons(Layer.RELEASABILITY).getFirst();
        assertThat(rel.ruleId()).isEqualTo("releasability.not-rel-to");
        assertThat(rel.message()).startsWith("SECRET//REL TO USA, AUS, GBR does not cover JPN");
        assertThat(rel.facts()).containsEntry("decidedBy", "the SPIF's access control decision for each citizenship and the location");
        Person dual = WORLD.person("p-usa-kor-dual");
        assertThat(decide(WORLD, "NF-UNDERSEA-003", dual.id()).reasons(Layer.RELEASABILITY).getFirst().ruleId())
                .as("a US national who is also Korean may read NOFORN").isEqualTo("releasability.noforn-national");
        assertThat(decide(WORLD, "NF-UNDERSEA-003", "p-gbr-engineer").reasons(Layer.RELEASABILITY).getFirst().ruleId())
                .isEqualTo("releasability.noforn");
    }

    @Test
    void anItemWhoseLabelTheSpifRefusesIsBadInput() {
        String item = "releasableTo: [USA, AUS, GBR], control: \"ITAR:XI(d)\", technologies: [sonar], project: UNDERSEA-1";
        assertThatThrownBy(() -> world("items.yaml", s -> s.replace(item, item.replace("[USA, AUS, GBR]", "[USA, QUAD]"))))
                .isInstanceOf(BadInputException.class).hasMessageContaining("items[0].releasableTo[1]")
                .hasMessageContaining("unknown coalition tetragraph 'QUAD'");
        World withQuad = world("world.yaml", s -> s.replace("coalitions:\n", "coalitions:\n  - {code: QUAD, name: Quad, members: [{country: AUS}, {country: IND}, {country: JPN}, {country: USA}]}\n"));
        Item quad = new Item(null, null, dev.pillar.core.model.Country.USA, new SecurityLevel("USA", "SECRET"),
                new Releasability(false, List.of("USA", "QUAD")), WORLD.item("A-UNDERSEA-001").control(), java.util.Set.of(), null, null, 0);
        assertThatThrownBy(() -> withQuad.checkItem(quad, "item")).hasMessageContaining("item.releasableTo[1]")
                .hasMessageContaining("'QUAD' is not a category of the 'Releasable To' tag set of the USA SPIF").hasMessageContaining("add a tagCategory");
    }

    @Test
    void aBrokenSpifInAWorldNamesTheRulesEntryTheFileAndTheElement() {
        assertThatThrownBy(() -> world("spif/gbr.xml", s -> s.replace("<securityClassification name=\"SECRET\" lacv=\"2\"", "<securityClassification name=\"SECRET\" lacv=\"1\"")))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("rules.yaml")
                .hasMessageContaining("classification.policies[1].spif")
                .hasMessageContaining("spif/gbr.xml")
                .hasMessageContaining("Duplicate classification lacv 1");
        assertThatThrownBy(() -> world("rules.yaml", s -> s.replace("file: spif/aus.xml", "file: spif/missing.xml")))
                .hasMessageContaining("classification.policies[2].file").hasMessageContaining("no file 'spif/missing.xml'");
        assertThatThrownBy(() -> world("rules.yaml", s -> s.replace("file: spif/aus.xml", "file: ../../etc/passwd")))
                .hasMessageContaining("must be a relative path inside the world directory");
        assertThatThrownBy(() -> world("rules.yaml", s -> s.replace("noforn: AUSTEO", "noforn: AUSTRALIAN EYES")))
                .hasMessageContaining("classification.policies[2].noforn").hasMessageContaining("no restrictive category named 'AUSTRALIAN EYES'");
    }
}
