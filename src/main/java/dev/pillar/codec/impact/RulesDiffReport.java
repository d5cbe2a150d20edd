package dev.pillar.codec.impact;

import dev.pillar.codec.world.WorldLoader;
import dev.pillar.core.impact.RulesDiff;
import dev.pillar.core.model.Country;
import dev.pillar.core.model.Dated;
import dev.pillar.core.model.Source;
import dev.pillar.core.rules.AukusExemption;
import dev.pillar.core.rules.ClassificationScheme;
import dev.pillar.core.rules.CountryChartEntry;
import dev.pillar.core.rules.DeniedCountry;
import dev.pillar.core.rules.DualNationalRule;
import dev.pillar.core.rules.Eccn;
import dev.pillar.core.rules.Equivalence;
import dev.pillar.core.rules.ExcludedTechnology;
import dev.pillar.core.rules.NationalRegime;
import dev.pillar.core.rules.Obligation;
import dev.pillar.core.rules.RuleCatalog;
import java.util.Collection;
import java.util.Locale;
import java.util.stream.Collectors;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A rule-data diff ({@link RulesDiff.Result}) as text and as JSON (docs/rule-cases.md, "Rule-data diffs"): the entries
 * that differ, the days evaluated, and the decisions that differ grouped by reason, each group listing at most
 * {@code limit} decisions.
 */
public final class RulesDiffReport {
    private RulesDiffReport() {}

    public static String text(RulesDiff.Result r, int limit) {
        StringBuilder b = new StringBuilder();
        b.append("Rule data ").append(r.from()).append(" -> ").append(r.to()).append(" over world ").append(r.world()).append('\n');
        b.append(ImpactText.DISCLAIMER).append("\n\n");
        b.append("Entries that differ: ").append(r.entries().size()).append('\n');
        for (RulesDiff.EntryChange e : r.entries()) {
            b.append("  ").append(e.kind().name().toLowerCase(Locale.ROOT)).append("  ").append(e.section()).append(" ").append(e.key()).append('\n');
            if (e.before() != null) {
                b.append("      - ").append(describe(e.before())).append('\n');
            }
            if (e.after() != null) {
                b.append("      + ").append(describe(e.after())).append('\n');
            }
        }
        b.append("\nDays evaluated (items x recipients, decisions that differ):\n");
        for (RulesDiff.Day d : r.days()) {
            b.append("  ").append(d.day()).append("  ").append(d.pairs()).append(" decisions, ").append(d.differ()).append(" differ\n");
        }
        b.append("\nDecisions whose outcome or basis changes: ").append(r.differences());
        b.append(r.groups().isEmpty() ? "\n" : ", in " + r.groups().size() + " group" + (r.groups().size() == 1 ? "" : "s") + " by reason\n");
        int n = 0;
        for (RulesDiff.Group g : r.groups()) {
            n++;
            b.append("\n").append(n).append(". ").append(g.pairs().size()).append(" decision").append(g.pairs().size() == 1 ? "" : "s")
                    .append(" (").append(plural(g.items(), "item")).append(", ").append(plural(g.recipients(), "recipient")).append(", days ")
                    .append(g.days().stream().map(Object::toString).collect(Collectors.joining(", "))).append(")\n");
            b.append("   before: ").append(g.before()).append('\n');
            b.append("   after:  ").append(g.after()).append('\n');
            int shown = 0;
            for (RulesDiff.Pair p : g.pairs()) {
                if (shown++ == limit) {
                    b.append("     ... and ").append(g.pairs().size() - limit).append(" more (--limit)\n");
                    break;
                }
                b.append("     ").append(p.day()).append("  ").append(p.item().id()).append(" -> ").append(p.recipient().id()).append('\n');
            }
        }
        return b.toString();
    }

    public static ObjectNode json(RulesDiff.Result r, int limit) {
        ObjectNode o = WorldLoader.json().createObjectNode();
        o.put("disclaimer", ImpactText.DISCLAIMER);
        o.put("from", r.from());
        o.put("to", r.to());
        o.put("world", r.world());
        o.put("changed", r.changed());
        ArrayNode entries = o.putArray("entries");
        for (RulesDiff.EntryChange e : r.entries()) {
            ObjectNode x = entries.addObject();
            x.put("section", e.section());
            x.put("key", e.key());
            x.put("kind", e.kind().name().toLowerCase(Locale.ROOT));
            if (e.before() != null) {
                x.put("before", describe(e.before()));
            }
            if (e.after() != null) {
                x.put("after", describe(e.after()));
            }
        }
        ArrayNode days = o.putArray("days");
        for (RulesDiff.Day d : r.days()) {
            ObjectNode x = days.addObject();
            x.put("day", d.day().toString());
            x.put("decisions", d.pairs());
            x.put("differ", d.differ());
        }
        o.put("differences", r.differences());
        ArrayNode groups = o.putArray("groups");
        for (RulesDiff.Group g : r.groups()) {
            ObjectNode x = groups.addObject();
            x.put("before", g.before());
            x.put("after", g.after());
            x.put("decisions", g.pairs().size());
            x.put("items", g.items());
            x.put("recipients", g.recipients());
            ArrayNode gd = x.putArray("days");
            g.days().forEach(d -> gd.add(d.toString()));
            ArrayNode rows = x.putArray("rows");
            for (RulesDiff.Pair p : g.pairs().subList(0, Math.min(limit, g.pairs().size()))) {
                ObjectNode row = rows.addObject();
                row.put("day", p.day().toString());
                row.put("item", p.item().id());
                row.put("recipient", p.recipient().id());
                row.put("outcomeBefore", p.before().outcome().name());
                row.put("outcomeAfter", p.after().outcome().name());
                ArrayNode bb = row.putArray("basisBefore");
                p.before().basis().forEach(bb::add);
                ArrayNode ba = row.putArray("basisAfter");
                p.after().basis().forEach(ba::add);
            }
        }
        return o;
    }

    /** A short description of a rule-data entry for the diff, e.g. {@code CHN denial, 1990-01-01 onwards (22 CFR 126.1(d)(1))}. */
    static String describe(Object e) {
        String when = e instanceof Dated d ? d.interval().toString() : null;
        String text = switch (e) {
            case DeniedCountry d -> d.country() + " " + d.policy().name().toLowerCase(Locale.ROOT).replace('_', '-') + " (" + cite(d.source()) + ")";
            case DualNationalRule d -> d.id() + ": " + (d.classified() ? "classified" : "unclassified") + " articles, employers "
                    + sorted(d.employers().stream().map(x -> x.name().toLowerCase(Locale.ROOT)).toList())
                    + (d.employerCountries().isEmpty() ? "" : " in " + countries(d.employerCountries()))
                    + (d.thirdCountryNationals() ? ", third-country nationals" : "") + (d.employerNationality() ? ", nationals of the employer's country" : "")
                    + " (" + cite(d.source()) + ")";
            case AukusExemption x -> x.id() + ": territory " + countries(x.territory()) + ", thresholds "
                    + x.valueThresholds().stream().map(t -> t.id() + " " + t.usd() + " USD").collect(Collectors.joining(", "))
                    + (x.parties().equals(AukusExemption.UNNAMED_PARTIES) ? "" : ", parties " + x.parties().stream().sorted()
                            .map(p -> p.name().toLowerCase(Locale.ROOT).replace('_', '-')).collect(Collectors.joining(", ")))
                    + " (" + cite(x.source()) + ")";
            case ExcludedTechnology x -> x.id() + " " + x.description() + (x.usml().isEmpty() ? "" : ", USML " + String.join(", ", x.usml()))
                    + (x.technologies().isEmpty() ? "" : ", tags " + sorted(x.technologies())) + (x.illustrative() ? " (illustrative)" : "");
            case Eccn x -> x.code() + " reasons " + String.join(", ", x.reasons());
            case CountryChartEntry x -> x.country() + " X under " + sorted(x.licenceRequired()) + (x.ear99Licence() ? ", EAR99 too" : "") + " (" + cite(x.source()) + ")";
            case NationalRegime x -> x.id() + " " + x.name() + ": licence-free to " + countries(x.licenceFree()) + (x.deemedExport() ? ", deemed exports" : "")
                    + (x.partiesMustBeEligible() ? ", eligible parties only" : "") + " (" + cite(x.source()) + ")";
            case RuleCatalog.Entry x -> x.title() + " [" + x.citation() + "]";
            case ClassificationScheme x -> x.id() + " levels " + x.levels().stream().map(l -> l.name() + (l.requiresClearance() ? "" : " (no clearance)"))
                    .collect(Collectors.joining(", "));
            case Equivalence x -> x.levels().stream().map(Object::toString).collect(Collectors.joining(" = ")) + (x.from() == null ? "" : " (from " + x.from() + " only)")
                    + " (" + cite(x.source()) + ")";
            case Obligation x -> x.id() + ": " + x.text();
            default -> e.toString();
        };
        return when == null ? text : text + ", " + when;
    }

    private static String plural(long n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    private static String cite(Source s) {
        return s.cite();
    }

    private static String countries(Collection<Country> cs) {
        return "[" + cs.stream().map(Country::code).sorted().collect(Collectors.joining(", ")) + "]";
    }

    private static String sorted(Collection<String> s) {
        return "[" + String.join(", ", s.stream().sorted().toList()) + "]";
    }
}
