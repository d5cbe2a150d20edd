package dev.pillar.codec.label;

import static org.assertj.core.api.Assertions.assertThat;
import dev.pillar.core.label.Clearance;
import dev.pillar.core.label.Label;
import dev.pillar.core.label.SecurityPolicy.Category;
import dev.pillar.core.label.SecurityPolicy.Classification;
import dev.pillar.core.label.SecurityPolicy;
import dev.pillar.core.label.TagType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.generators.Generate;

/**
 * The bit-set access control decision agrees with the rule written over plain sets, on the NATO policy of the suite
 * (hundreds of categories, so several 64-bit words): the classification held, every restrictive category held, and
 * for each permissive tag of the label at least one of its categories held. And the decision is monotone: adding a
 * privilege to a clearance never takes access away.
 */
class AcdfPropertiesTest {
    private static final SecurityPolicy NATO = LabelXmlTest.SUITE.byId("1.3.26.1.3.1");
    private static final List<Category> CATS = NATO.categories();
    private static final List<Category> PRIVILEGES = CATS.stream().filter(c -> !c.type().informative()).toList();

    record Case(Label label, Clearance clearance) {
        @Override
        public String toString() {
            return label + " vs " + clearance;
        }
    }

    private static int between(RandomnessSource r, int min, int max) {
        return Generate.range(min, max).generate(r);
    }

    /** A label drawn mostly from a few tags so that permissive groups and overlaps are common. */
    private static Gen<Case> cases() {
        return r -> {
            List<Classification> classes = NATO.classifications();
            Classification cls = classes.get(between(r, 0, classes.size() - 1));
            List<Category> labelCats = new ArrayList<>();
            int n = between(r, 0, 6);
            for (int i = 0; i < n; i++) {
                labelCats.add(CATS.get(between(r, 0, CATS.size() - 1)));
            }
            Set<Classification> held = new HashSet<>();
            held.add(classes.get(between(r, 0, classes.size() - 1)));
            if (between(r, 0, 1) == 1) {
                held.add(cls);
            }
            List<Category> privileges = new ArrayList<>();
            for (Category c : labelCats) {
                if (!c.type().informative() && between(r, 0, 3) > 0) {
                    privileges.add(c);
                }
            }
            int extra = between(r, 0, 4);
            for (int i = 0; i < extra; i++) {
                privileges.add(PRIVILEGES.get(between(r, 0, PRIVILEGES.size() - 1)));
            }
            return new Case(Label.of(NATO, cls, labelCats, null), Clearance.of(NATO, held, privileges));
        };
    }

    private static boolean bySets(Label l, Clearance c) {
        if (!c.classifications().contains(l.classification())) {
            return false;
        }
        Set<Category> held = new HashSet<>(c.categories());
        for (Category cat : l.categories()) {
            if (cat.type().restrictive() && !held.contains(cat)) {
                return false;
            }
        }
        for (Category cat : l.categories()) {
            if (cat.type().permissive()) {
                boolean any = l.categories().stream().anyMatch(o -> o.tag() == cat.tag() && held.contains(o));
                if (!any) {
                    return false;
                }
            }
        }
        return true;
    }

    @Test
    void theBitSetDecisionIsTheSetRule() {
        AtomicInteger granted = new AtomicInteger();
        QuickTheory.qt().withFixedSeed(0x4774L).withExamples(3000).forAll(cases()).checkAssert(c -> {
            boolean fast = NATO.permits(c.label(), c.clearance());
            assertThat(fast).as(c.toString()).isEqualTo(bySets(c.label(), c.clearance()));
            boolean valid = NATO.validate(c.label()).valid();
            assertThat(NATO.access(c.label(), c.clearance()).granted()).isEqualTo(fast && valid);
            if (fast) {
                granted.incrementAndGet();
            }
        });
        assertThat(granted.get()).as("examples granted").isBetween(300, 2700);
    }

    @Test
    void addingAPrivilegeNeverTakesAccessAway() {
        QuickTheory.qt().withFixedSeed(0x4778L).withExamples(2000).forAll(cases(), Generate.range(0, PRIVILEGES.size() - 1)).checkAssert((c, i) -> {
            List<Category> more = new ArrayList<>(c.clearance().categories());
            more.add(PRIVILEGES.get(i));
            Clearance wider = Clearance.of(NATO, c.clearance().classifications(), more);
            if (NATO.permits(c.label(), c.clearance())) {
                assertThat(NATO.permits(c.label(), wider)).as(c + " + " + PRIVILEGES.get(i)).isTrue();
            }
        });
        assertThat(PRIVILEGES).anyMatch(c -> c.type() == TagType.RESTRICTIVE).anyMatch(c -> c.type().permissive());
    }
}
