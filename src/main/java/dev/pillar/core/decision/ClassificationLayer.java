package dev.pillar.core.decision;

import dev.pillar.core.model.Clearance;
import dev.pillar.core.model.SecurityLevel;
import dev.pillar.core.rules.SecurityPolicies;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Classification: a classified item goes only to a person whose clearance, valid on the day, dominates the item's
 * classification, compared across national schemes through the equivalences in force.
 */
final class ClassificationLayer implements DecisionLayer {
    static final String NO_CLEARANCE_NEEDED = "classification.no-clearance-needed";
    static final String DOMINATES = "classification.dominates";
    static final String NO_CLEARANCE = "classification.no-clearance";
    static final String CLEARANCE_NOT_IN_FORCE = "classification.clearance-not-in-force";
    static final String NO_EQUIVALENCE = "classification.no-equivalence";
    static final String INSUFFICIENT = "classification.insufficient";

    @Override
    public Layer layer() {
        return Layer.CLASSIFICATION;
    }

    @Override
    public void evaluate(Context ctx, List<Reason> out) {
        SecurityPolicies policies = ctx.rules.security();
        SecurityLevel cls = ctx.item.classification();
        if (!ctx.classified()) {
            out.add(ctx.reason(Layer.CLASSIFICATION, Outcome.PERMIT, NO_CLEARANCE_NEEDED, () -> new Reason.Explanation(
                    cls + " needs no clearance", facts(ctx, null), List.of())));
            return;
        }
        Clearance clearance = ctx.person.clearance();
        if (clearance == null) {
            out.add(ctx.reason(Layer.CLASSIFICATION, Outcome.DENY, NO_CLEARANCE, () -> new Reason.Explanation(
                    "the item is " + cls + " and " + ctx.person.label() + " holds no clearance", facts(ctx, null),
                    List.of("a clearance for " + ctx.person.label() + " equivalent to " + cls + " or higher"))));
            return;
        }
        if (!clearance.inForce(ctx.day)) {
            out.add(ctx.reason(Layer.CLASSIFICATION, Outcome.DENY, CLEARANCE_NOT_IN_FORCE, () -> new Reason.Explanation(
                    "the clearance " + clearance.level() + " of " + ctx.person.label() + " is valid " + clearance.interval() + ", not on " + ctx.day,
                    facts(ctx, null), List.of("a clearance for " + ctx.person.label() + " valid on " + ctx.day))));
            return;
        }
        SecurityPolicies.Comparison cmp = policies.compare(clearance.level(), cls, ctx.day);
        if (cmp.required() == null) {
            out.add(ctx.reason(Layer.CLASSIFICATION, Outcome.DENY, NO_EQUIVALENCE, () -> new Reason.Explanation(
                    "no security agreement in force on " + ctx.day + " makes " + cls + " comparable with scheme " + clearance.level().scheme(),
                    facts(ctx, cmp), List.of("an equivalence between " + cls + " and a level of scheme " + clearance.level().scheme()))));
        } else if (!cmp.dominates()) {
            out.add(ctx.reason(Layer.CLASSIFICATION, Outcome.DENY, INSUFFICIENT, () -> new Reason.Explanation(
                    "the clearance " + clearance.level() + " is below " + cmp.required() + ", which " + cls + " requires",
                    facts(ctx, cmp), List.of("a clearance for " + ctx.person.label() + " of at least " + cmp.required()))));
        } else {
            String citation = cmp.via() == null ? ctx.cite(DOMINATES) : cmp.via().source().cite();
            out.add(new Reason(Layer.CLASSIFICATION, Outcome.PERMIT, DOMINATES, citation, null, null, () -> new Reason.Explanation(
                    "the clearance " + clearance.level() + " dominates " + cls + (cmp.via() == null ? "" : " (equivalent to " + cmp.required() + " under " + cmp.via().id() + ")"),
                    facts(ctx, cmp), List.of())));
        }
    }

    private static Map<String, String> facts(Context ctx, SecurityPolicies.Comparison cmp) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("classification", ctx.item.classification().toString());
        f.put("clearance", ctx.person.clearance() == null ? "none" : ctx.person.clearance().level() + " (" + ctx.person.clearance().interval() + ")");
        if (cmp != null) {
            f.put("requiredInClearanceScheme", cmp.required() == null ? "no equivalent" : cmp.required().toString());
            if (cmp.via() != null) {
                f.put("equivalence", cmp.via().id() + ": " + cmp.via().source());
            }
        }
        return f;
    }
}
