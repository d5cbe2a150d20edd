package dev.pillar.core.decision;

import dev.pillar.core.label.Label;
import dev.pillar.core.model.Coalition;
import dev.pillar.core.model.Country;
import dev.pillar.core.model.Releasability;
import dev.pillar.core.rules.NationalPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiPredicate;

/**
 * Releasability: every citizenship of the recipient and their location must be covered by the item's REL TO list
 * (tetragraphs expanded on the day); a NOFORN item goes only to nationals of its originator; a classified item with no
 * releasability marking needs the originator's foreign-disclosure decision for a foreign recipient.
 *
 * <p>When the item's classification scheme is written as a SPIF that says how REL TO and NOFORN are marked, the item
 * is a label of that policy and each nationality of the recipient is decided by the SPIF's access control decision:
 * the nationality holds the REL TO categories that name it or a coalition that includes it on the day, and the NOFORN
 * category when the recipient is a national of the originator. The marking shown is the SPIF's.
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
        NationalPolicy np = ctx.rules.security().policy(ctx.item.classification().scheme());
        Spif spif = np != null && np.decidesReleasability() ? new Spif(np, np.label(ctx.item.classification(), r)) : null;
        if (r.noforn()) {
            if (spif == null ? national : isEmpty(spif.uncovered(ctx, national))) {
                out.add(ctx.reason(Layer.RELEASABILITY, Outcome.PERMIT, NOFORN_NATIONAL, () -> new Reason.Explanation(
                        "the item is NOFORN and " + ctx.person.label() + " is a national of the originator " + originator, facts(ctx, null, spif), List.of())));
            } else {
                out.add(ctx.reason(Layer.RELEASABILITY, Outcome.DENY, NOFORN, () -> new Reason.Explanation(
                        "the item is NOFORN (no foreign nationals) and " + ctx.person.label() + " is not a " + originator + " national",
                        facts(ctx, null, spif), List.of("the originator's foreign-disclosure decision replacing NOFORN with REL TO " + Context.list(ctx.person.citizenships())))));
            }
            return;
        }
        if (r.relTo().isEmpty()) {
            if (!national && ctx.classified()) {
                out.add(ctx.reason(Layer.RELEASABILITY, Outcome.REVIEW, UNMARKED_CLASSIFIED, () -> new Reason.Explanation(
                        "the item is classified " + ctx.item.classification() + " without a releasability marking: the originator "
                                + originator + " must decide on foreign disclosure", facts(ctx, null, spif),
                        List.of("a REL TO marking on the item that covers " + Context.list(coverage(ctx))))));
            } else {
                out.add(ctx.reason(Layer.RELEASABILITY, Outcome.PERMIT, UNRESTRICTED, () -> new Reason.Explanation(
                        national ? "the recipient is a national of the originator " + originator : "the item carries no releasability restriction",
                        facts(ctx, null, spif), List.of())));
            }
            return;
        }
        Set<Country> missing = spif != null ? spif.uncovered(ctx, national) : uncoveredByTable(ctx, r);
        if (isEmpty(missing)) {
            out.add(ctx.reason(Layer.RELEASABILITY, Outcome.PERMIT, REL_TO, () -> new Reason.Explanation(
                    marking(spif, r) + " covers every citizenship of " + ctx.person.label() + " and their location " + ctx.person.location(),
                    facts(ctx, ctx.world.expandRelTo(r.relTo(), ctx.day), spif), List.of())));
        } else {
            Set<Country> gaps = missing;
            out.add(ctx.reason(Layer.RELEASABILITY, Outcome.DENY, NOT_REL_TO, () -> new Reason.Explanation(
                    marking(spif, r) + " does not cover " + Context.list(gaps) + " (" + describe(ctx, gaps) + ")", facts(ctx, ctx.world.expandRelTo(r.relTo(), ctx.day), spif),
                    gaps.stream().map(c -> "add " + c + " to REL TO").toList())));
        }
    }

    /** The marking shown in an explanation: the SPIF's when the item is a SPIF label (built only when explained). */
    private static String marking(Spif spif, Releasability r) {
        return spif != null ? spif.marking() : r.marking();
    }

    private static boolean isEmpty(Set<Country> s) {
        return s == null || s.isEmpty();
    }

    /** The recipient's citizenships and location that the REL TO list does not cover (by the world's table), or null. */
    private static Set<Country> uncoveredByTable(Context ctx, Releasability r) {
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
        return missing;
    }

    /** The item as a label of its scheme's SPIF, decided per nationality by the SPIF's access control decision. */
    private static final class Spif {
        private final NationalPolicy policy;
        private final Label label;
        private String marking;

        Spif(NationalPolicy policy, Label label) {
            this.policy = policy;
            this.label = label;
        }

        NationalPolicy policy() {
            return policy;
        }

        /** The SPIF's marking of the item, rendered once and only when an explanation asks for it. */
        String marking() {
            if (marking == null) {
                marking = policy.marking(label);
            }
            return marking;
        }

        /** The citizenships and location of the recipient for which the SPIF refuses access (null or empty when none). */
        Set<Country> uncovered(Context ctx, boolean national) {
            BiPredicate<String, Country> coalition = (code, country) -> {
                Coalition k = ctx.world.coalitions().get(code);
                return k != null && k.includes(country, ctx.day);
            };
            Set<Country> out = null;
            for (Country c : ctx.person.citizenships()) {
                out = check(c, national, coalition, out);
            }
            return check(ctx.person.location(), national, coalition, out);
        }

        private Set<Country> check(Country c, boolean national, BiPredicate<String, Country> coalition, Set<Country> out) {
            if (policy.policy().permits(label, policy.privileges(label, c, national, coalition))) {
                return out;
            }
            Set<Country> set = out == null ? new TreeSet<>() : out;
            set.add(c);
            return set;
        }
    }

    private static Set<Country> coverage(Context ctx) {
        Set<Country> need = new TreeSet<>(ctx.person.citizenships());
        need.add(ctx.person.location());
        return need;
    }

    private static String describe(Context ctx, Set<Country> gaps) {
        List<String> parts = new ArrayList<>();
        for (Country c : gaps) {
            boolean citizen = ctx.person.citizenships().contains(c);
            boolean located = ctx.person.location().equals(c);
            parts.add(c + ": " + (citizen && located ? "citizenship and location" : citizen ? "citizenship" : "location"));
        }
        return String.join("; ", parts);
    }

    private static Map<String, String> facts(Context ctx, Set<Country> allowed, Spif spif) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("marking", ctx.item.releasability().marking().isEmpty() ? "none" : ctx.item.releasability().marking());
        if (spif != null) {
            f.put("label", spif.marking() + " under " + spif.policy().policy());
            f.put("decidedBy", "the SPIF's access control decision for each citizenship and the location");
        }
        if (allowed != null) {
            f.put("relToExpanded", Context.list(allowed));
        }
        f.put("citizenships", Context.list(ctx.person.citizenships()));
        f.put("location", ctx.person.location().code());
        f.put("originator", ctx.item.originator().code());
        return f;
    }
}
