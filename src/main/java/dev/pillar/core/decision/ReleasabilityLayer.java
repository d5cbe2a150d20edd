package dev.pillar.core.decision;

import dev.pillar.core.model.Country;
import dev.pillar.core.model.Releasability;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Releasability: every citizenship of the recipient and their location must be covered by the item's REL TO list
 * (tetragraphs expanded on the day); a NOFORN item goes only to nationals of its originator; a classified item with no
 * releasability marking needs the originator's foreign-disclosure decision for a foreign recipient.
 */
final class ReleasabilityLayer implements DecisionLayer {
    static final String UNRESTRICTED = "releasability.unrestricted";
    static final String REL_TO = "releasability.rel-to";
    static final String NOT_REL_TO = "releasability.not-rel-to";
    static final String NOFORN = "releasability.noforn";
    static final String NOFORN_NATIONAL = "releasability.noforn-national";
    static final String UNMARKED_CLASSIFIED = "releasability.unmarked-classified";

    @Override
    public Layer layer() {
        return Layer.RELEASABILITY;
    }

    @Override
    public void evaluate(Context ctx, List<Reason> out) {
        Releasability r = ctx.item.releasability();
        Country originator = ctx.item.originator();
        boolean national = ctx.person.citizenships().contains(originator);
        if (r.noforn()) {
            if (national) {
                out.add(ctx.reason(Layer.RELEASABILITY, Outcome.PERMIT, NOFORN_NATIONAL, () -> new Reason.Explanation(
                        "the item is NOFORN and " + ctx.person.label() + " is a national of the originator " + originator, facts(ctx, null), List.of())));
            } else {
                out.add(ctx.reason(Layer.RELEASABILITY, Outcome.DENY, NOFORN, () -> new Reason.Explanation(
                        "the item is NOFORN (no foreign nationals) and " + ctx.person.label() + " is not a " + originator + " national",
                        facts(ctx, null), List.of("the originator's foreign-disclosure decision replacing NOFORN with REL TO " + Context.list(ctx.person.citizenships())))));
            }
            return;
        }
        if (r.relTo().isEmpty()) {
            if (!national && ctx.classified()) {
                out.add(ctx.reason(Layer.RELEASABILITY, Outcome.REVIEW, UNMARKED_CLASSIFIED, () -> new Reason.Explanation(
                        "the item is classified " + ctx.item.classification() + " without a releasability marking: the originator "
                                + originator + " must decide on foreign disclosure", facts(ctx, null),
                        List.of("a REL TO marking on the item that covers " + Context.list(coverage(ctx))))));
            } else {
                out.add(ctx.reason(Layer.RELEASABILITY, Outcome.PERMIT, UNRESTRICTED, () -> new Reason.Explanation(
                        national ? "the recipient is a national of the originator " + originator : "the item carries no releasability restriction",
                        facts(ctx, null), List.of())));
            }
            return;
        }
        Set<Country> missing = null;
        for (Country c : ctx.person.citizenships()) {
            if (!ctx.world.relToCovers(r.relTo(), c, ctx.day)) {
                if (missing == null) {
                    missing = new TreeSet<>();
                }
                missing.add(c);
            }
        }
        if (!ctx.world.relToCovers(r.relTo(), ctx.person.location(), ctx.day)) {
            if (missing == null) {
                missing = new TreeSet<>();
            }
            missing.add(ctx.person.location());
        }
        if (missing == null) {
            out.add(ctx.reason(Layer.RELEASABILITY, Outcome.PERMIT, REL_TO, () -> new Reason.Explanation(
                    r.marking() + " covers every citizenship of " + ctx.person.label() + " and their location " + ctx.person.location(),
                    facts(ctx, ctx.world.expandRelTo(r.relTo(), ctx.day)), List.of())));
        } else {
            Set<Country> gaps = missing;
            out.add(ctx.reason(Layer.RELEASABILITY, Outcome.DENY, NOT_REL_TO, () -> new Reason.Explanation(
                    r.marking() + " does not cover " + Context.list(gaps) + " (" + describe(ctx, gaps) + ")", facts(ctx, ctx.world.expandRelTo(r.relTo(), ctx.day)),
                    gaps.stream().map(c -> "add " + c + " to REL TO").toList())));
        }
    }

    private static Set<Country> coverage(Context ctx) {
        Set<Country> need = new TreeSet<>(ctx.person.citizenships());
        need.add(ctx.person.location());
        return need;
    }

    private static String describe(Context ctx, Set<Country> gaps) {
        List<String> parts = new java.util.ArrayList<>();
        for (Country c : gaps) {
            boolean citizen = ctx.person.citizenships().contains(c);
            boolean located = ctx.person.location().equals(c);
            parts.add(c + ": " + (citizen && located ? "citizenship and location" : citizen ? "citizenship" : "location"));
        }
        return String.join("; ", parts);
    }

    private static Map<String, String> facts(Context ctx, Set<Country> allowed) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("marking", ctx.item.releasability().marking().isEmpty() ? "none" : ctx.item.releasability().marking());
        if (allowed != null) {
            f.put("relToExpanded", Context.list(allowed));
        }
        f.put("citizenships", Context.list(ctx.person.citizenships()));
        f.put("location", ctx.person.location().code());
        f.put("originator", ctx.item.originator().code());
        return f;
    }
}
