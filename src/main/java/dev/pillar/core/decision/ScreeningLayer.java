package dev.pillar.core.decision;

import dev.pillar.core.model.Country;
import dev.pillar.core.model.Organisation;
import dev.pillar.core.model.Person;
import dev.pillar.core.screening.Hit;
import dev.pillar.core.screening.ListRule;
import dev.pillar.core.screening.ListVersion;
import dev.pillar.core.screening.Party;
import dev.pillar.core.screening.PartyType;
import dev.pillar.core.screening.Screener;
import dev.pillar.core.screening.Screening;
import dev.pillar.core.screening.ScreeningRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Restricted-party screening: the recipient, the recipient's organisation and the transferor are screened against the
 * lists in force on the decision's date. A confirmed hit (an exact match, or one an officer confirmed) takes the
 * effect its list has in the rule data (DENY for debarment and blocking, LICENSE_REQUIRED for the Entity List, REVIEW
 * for lists that need a look); a possible match is REVIEW; a match an officer cleared ("not the same party") is set
 * aside while the entry is unchanged.
 */
final class ScreeningLayer implements DecisionLayer {
    static final String NOT_CONFIGURED = "screening.not-configured";
    static final String CLEAR = "screening.clear";
    static final String NO_LISTS = "screening.no-lists";
    static final String POSSIBLE_MATCH = "screening.possible-match";
    static final String PROHIBITED = "screening.prohibited";
    static final String LICENCE_REQUIRED = "screening.licence-required";
    static final String REVIEW_LIST = "screening.review-list";
    static final String UNKNOWN_LIST = "screening.unknown-list";
    static final String UNSCREENABLE = "screening.unscreenable";
    /** Not a legal citation: what a decision says when its rule data predates screening. */
    private static final String NOT_CONFIGURED_CITATION = "Pillar: the rule data version has no screening section";

    static List<String> ruleIds() {
        return List.of(CLEAR, NO_LISTS, POSSIBLE_MATCH, PROHIBITED, LICENCE_REQUIRED, REVIEW_LIST, UNKNOWN_LIST, UNSCREENABLE);
    }

    private final Screener screener;

    ScreeningLayer(Screener screener) {
        this.screener = screener;
    }

    @Override
    public Layer layer() {
        return Layer.SCREENING;
    }

    @Override
    public void evaluate(Context ctx, List<Reason> out) {
        ScreeningRules rules = ctx.rules.screening();
        if (rules == null) {
            out.add(new Reason(Layer.SCREENING, Outcome.PERMIT, NOT_CONFIGURED, NOT_CONFIGURED_CITATION, null, null, () -> new Reason.Explanation(
                    "the parties were not screened: the rule data in force has no screening section", Map.of("screened", "no"),
                    List.of())));
            return;
        }
        List<Party> parties = parties(ctx);
        List<Screening> screenings = new ArrayList<>(parties.size());
        Set<ListVersion> versions = new LinkedHashSet<>();
        for (Party p : parties) {
            Screening s = screener.screen(p, ctx.day);
            if (s == null) {
                throw new IllegalStateException("the screener gave no answer for the " + p.role());
            }
            screenings.add(s);
            versions.addAll(s.versions());
        }
        if (versions.isEmpty()) {
            Outcome o = rules.requireLists() ? Outcome.REVIEW : Outcome.PERMIT;
            out.add(ctx.reason(Layer.SCREENING, o, NO_LISTS, () -> new Reason.Explanation(
                    "no restricted-party list was in force on " + ctx.day + ", so " + names(parties) + " were not screened"
                            + (o == Outcome.REVIEW ? "; the rule data requires screening" : ""),
                    Map.of("parties", names(parties)), o == Outcome.REVIEW
                            ? List.of("a list version published on or before " + ctx.day + " imported (pillar screening import)") : List.of())));
            return;
        }
        int before = out.size();
        List<Hit> cleared = new ArrayList<>();
        for (Screening s : screenings) {
            Party p = s.party();
            if (unscreenable(ctx, p)) {
                out.add(ctx.reason(Layer.SCREENING, Outcome.REVIEW, UNSCREENABLE, () -> new Reason.Explanation(
                        "the " + p.role() + " is described without a name, so it cannot be screened", Map.of("party", p.role()),
                        List.of("the " + p.role() + " named (a world person or organisation, or a name in the request)"))));
                continue;
            }
            for (Hit h : s.hits()) {
                if (h.cleared()) {
                    cleared.add(h);
                } else {
                    out.add(hitReason(ctx, rules, p, h));
                }
            }
        }
        if (out.size() == before) {
            out.add(ctx.reason(Layer.SCREENING, Outcome.PERMIT, CLEAR, () -> {
                Map<String, String> facts = new LinkedHashMap<>();
                facts.put("parties", names(parties));
                facts.put("lists", labels(versions));
                if (!cleared.isEmpty()) {
                    facts.put("cleared", String.join("; ", cleared.stream().map(h -> h.entry().ref() + " (" + h.verdict().cite() + ")").toList()));
                }
                return new Reason.Explanation(names(parties) + " screened against " + labels(versions) + ": "
                        + (cleared.isEmpty() ? "no match" : "no match but " + cleared.size() + " cleared by an officer as not the same party"),
                        facts, List.of());
            }));
        }
    }

    private static boolean unscreenable(Context ctx, Party p) {
        return p.role().equals("recipient") && ctx.person.id() == null && ctx.person.name().equals("(inline recipient)");
    }

    private static Reason hitReason(Context ctx, ScreeningRules rules, Party p, Hit h) {
        ListRule rule = rules.ruleFor(h.entry(), ctx.day);
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("party", p.role() + " " + p.id());
        facts.put("list", h.version().label());
        facts.put("source", h.entry().source());
        facts.put("entry", h.entry().id());
        facts.put("entryName", h.entryName());
        facts.put("matchedName", h.partyName());
        facts.put("score", h.scoreText());
        if (!h.entry().programs().isEmpty()) {
            facts.put("programs", String.join(", ", h.entry().programs()));
        }
        if (h.verdict() != null) {
            facts.put("verdict", h.verdict().cite());
        }
        String who = "the " + p.role() + " " + p.name();
        String what = "'" + h.entryName() + "' (" + h.entry().source() + ", entry " + h.entry().id() + ", " + h.version().label() + ")";
        if (rule == null) {
            return ctx.reason(Layer.SCREENING, Outcome.REVIEW, UNKNOWN_LIST, () -> new Reason.Explanation(
                    who + " matches " + what + ", a list the rule data gives no effect to", facts,
                    List.of("an officer's verdict that " + p.name() + " is not the party of entry " + h.entry().id(),
                            "the rule data's screening section saying what a hit on '" + h.entry().source() + "' means")));
        }
        if (!h.confirmed()) {
            return new Reason(Layer.SCREENING, Outcome.REVIEW, POSSIBLE_MATCH, rule.citation(), null, null, () -> new Reason.Explanation(
                    who + " may be " + what + " (score " + h.scoreText() + "): a compliance officer must decide whether it is the same party", facts,
                    List.of("an officer's verdict that " + p.name() + " is not the party of entry " + h.entry().id() + " (with evidence)")));
        }
        Outcome o = switch (rule.effect()) {
            case DENY -> Outcome.DENY;
            case LICENSE_REQUIRED -> Outcome.LICENSE_REQUIRED;
            case REVIEW -> Outcome.REVIEW;
        };
        String id = switch (rule.effect()) {
            case DENY -> PROHIBITED;
            case LICENSE_REQUIRED -> LICENCE_REQUIRED;
            case REVIEW -> REVIEW_LIST;
        };
        String how = h.verdict() != null ? "confirmed by " + h.verdict().cite() : "the same name";
        List<String> toPermit = switch (rule.effect()) {
            case DENY -> List.of("the entry removed from " + h.entry().source() + " (a later list version without it)");
            case LICENSE_REQUIRED -> List.of("a licence for the release to " + p.name() + " (" + rule.title() + ")",
                    "the entry removed from " + h.entry().source());
            case REVIEW -> List.of("an officer's review of " + p.name() + " under " + rule.title());
        };
        return new Reason(Layer.SCREENING, o, id, rule.citation(), null, null, () -> new Reason.Explanation(
                who + " is " + what + " (" + how + "): " + rule.title(), facts, toPermit));
    }

    /** The recipient, the recipient's organisation and, if given, the transferor. */
    static List<Party> parties(Context ctx) {
        List<Party> parties = new ArrayList<>(3);
        Person person = ctx.person;
        Set<String> countries = new TreeSet<>();
        for (Country c : person.citizenships()) {
            countries.add(c.code());
        }
        for (Country c : person.residencies()) {
            countries.add(c.code());
        }
        countries.add(person.location().code());
        parties.add(new Party("recipient", person.label(), PartyType.INDIVIDUAL, person.name(), List.of(), countries, null));
        parties.add(organisation("organisation", ctx.org));
        if (ctx.request.transferor() != null) {
            parties.add(organisation("transferor", ctx.request.transferor()));
        }
        return parties;
    }

    private static Party organisation(String role, Organisation o) {
        return new Party(role, o.label(), PartyType.ENTITY, o.name() == null ? o.label() : o.name(), List.of(), Set.of(o.country().code()), null);
    }

    private static String names(List<Party> parties) {
        return String.join(", ", parties.stream().map(p -> p.role() + " " + p.name()).toList());
    }

    private static String labels(Set<ListVersion> versions) {
        return String.join(", ", versions.stream().map(ListVersion::label).toList());
    }
}
