package dev.pillar.core.decision;

import dev.pillar.core.model.Country;
import dev.pillar.core.model.Item;
import dev.pillar.core.model.Organisation;
import dev.pillar.core.model.Person;
import dev.pillar.core.rules.RuleCatalog;
import dev.pillar.core.rules.RulePack;
import dev.pillar.core.world.World;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Set;
import java.util.function.Supplier;

/** What the layers of one decision share: the world, the request and a few derived facts. */
final class Context {
    final World world;
    final DecisionRequest request;
    final Item item;
    final Person person;
    final Organisation org;
    final LocalDate day;
    final RulePack rules;
    final RuleCatalog catalog;

    Context(World world, DecisionRequest request) {
        this.world = world;
        this.request = request;
        this.item = request.item();
        this.person = request.recipient();
        this.org = person.organisation();
        this.day = request.asOf();
        this.rules = world.rules();
        this.catalog = rules.catalog();
    }

    private int classified = -1;

    /** True if the item's classification needs a clearance (computed once per decision). */
    boolean classified() {
        if (classified < 0) {
            classified = rules.security().requiresClearance(item.classification()) ? 1 : 0;
        }
        return classified == 1;
    }

    String cite(String ruleId) {
        return catalog.get(ruleId).citation();
    }

    Reason reason(Layer layer, Outcome outcome, String ruleId, Supplier<Reason.Explanation> why) {
        return new Reason(layer, outcome, ruleId, cite(ruleId), null, null, why);
    }

    /** A PERMIT reason whose catalogued title and citation are the basis, e.g. "No export (US person in the US)". */
    Reason basisReason(Layer layer, String ruleId, Supplier<Reason.Explanation> why) {
        var entry = catalog.get(ruleId);
        return new Reason(layer, Outcome.PERMIT, ruleId, entry.citation(), entry.title() + " (" + entry.citation() + ")", null, why);
    }

    static String list(Collection<?> values) {
        return String.join(", ", values.stream().map(Object::toString).sorted().toList());
    }

    static boolean holds(Set<Country> set, String code) {
        for (Country c : set) {
            if (c.code().equals(code)) {
                return true;
            }
        }
        return false;
    }
}
