package dev.pillar.codec.impact;

import dev.pillar.core.decision.Outcome;
import dev.pillar.core.impact.Finding;
import dev.pillar.core.impact.ImpactResult;
import dev.pillar.core.model.Person;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/** The text report of an impact analysis for the terminal: tables of counts, ranked blockers and licences, changes. */
public final class ImpactText {
    private ImpactText() {}

    public static final String DISCLAIMER = "Hypothetical scenario; rule packs are illustrative encodings of public rules, not legal advice.";

    /** The full report of one scenario; {@code changes} rows of changed pairs are listed from {@code offset}. */
    public static String render(ImpactResult r, long offset, int changes) {
        StringBuilder b = new StringBuilder();
        b.append("Impact of scenario ").append(r.scenario().id()).append(": ").append(r.scenario().title()).append('\n');
        b.append(DISCLAIMER).append('\n');
        if (!r.scenario().description().isEmpty()) {
            b.append(wrap(r.scenario().description(), 100, "  ")).append('\n');
        }
        b.append("World ").append(r.before().version()).append(" -> ").append(r.after().version()).append(", as of ").append(r.asOf()).append('\n');
        b.append("Recipients (").append(r.recipients().size()).append("): ").append(recipients(r.recipients(), 8)).append('\n');
        ImpactResult.Counts t = r.total();
        b.append(String.format("Catalogue: %,d items x %,d recipients = %,d pairs; %,d items (%,d pairs) change outcome%n",
                r.items(), r.recipients().size(), t.pairs(), t.changedItems(), t.changedPairs()));
        ImpactResult.Stats s = r.stats();
        b.append(String.format("Evaluated: %,d item classes x %,d recipient classes; %,d decisions in the hypothetical world, for %s%n", s.classes(),
                s.recipientClasses(), s.decisions(), s.oneByOne() ? "every item one by one"
                        : String.format("the %,d classes (%,d items) that a change%s can affect", s.evaluatedClasses(), s.evaluatedItems(),
                        s.incremental() ? " since the earlier scenario" : "")));

        b.append("\nBefore -> after (pairs of item and recipient)\n");
        List<String[]> m = new ArrayList<>();
        List<String> head = new ArrayList<>(List.of("before \\ after"));
        for (Outcome o : Outcome.values()) {
            head.add(o.name());
        }
        head.add("total");
        m.add(head.toArray(String[]::new));
        for (Outcome before : Outcome.values()) {
            List<String> row = new ArrayList<>(List.of(before.name()));
            for (Outcome after : Outcome.values()) {
                row.add(num(r.count(before, after)));
            }
            row.add(num(t.before(before)));
            m.add(row.toArray(String[]::new));
        }
        List<String> totals = new ArrayList<>(List.of("total"));
        for (Outcome after : Outcome.values()) {
            totals.add(num(t.after(after)));
        }
        totals.add(num(t.pairs()));
        m.add(totals.toArray(String[]::new));
        table(b, m);

        b.append("\nBy recipient (items by outcome, before -> after)\n");
        List<String[]> rows = new ArrayList<>();
        rows.add(countsHead("recipient"));
        for (ImpactResult.RecipientRow row : r.byRecipient()) {
            Person p = row.person();
            rows.add(countsRow(p.id() + " (" + String.join("/", p.nationalities().stream().map(Object::toString).toList()) + ", " + p.organisation().id() + ")", row.counts()));
        }
        table(b, rows);

        for (ImpactResult.Dimension d : ImpactResult.Dimension.values()) {
            b.append("\nBy ").append(d.title()).append(" (pairs by outcome, before -> after)\n");
            List<String[]> g = new ArrayList<>();
            g.add(countsHead(d.title()));
            for (ImpactResult.Group group : r.groups(d)) {
                g.add(countsRow(group.value(), group.counts()));
            }
            table(b, g);
        }

        b.append("\nBlocking reasons that remain, ranked by the items they block after the changes\n");
        List<String[]> bl = new ArrayList<>();
        bl.add(new String[] {"items", "pairs", "before: items", "outcome", "layer", "rule", "citation"});
        for (ImpactResult.BlockerRow row : r.blockers()) {
            Finding.Blocker x = row.blocker();
            bl.add(new String[] {num(row.itemsAfter()), num(row.pairsAfter()), num(row.itemsBefore()), x.outcome().name(), x.layer().id(), x.ruleId(), x.citation()});
        }
        if (bl.size() == 1) {
            b.append("  none: every pair is PERMIT after the changes\n");
        } else {
            table(b, bl);
            ImpactResult.BlockerRow top = r.blockers().getFirst();
            if (top.itemsAfter() > 0 && !top.example().isEmpty()) {
                b.append("  e.g. ").append(top.blocker().ruleId()).append(": ").append(top.example()).append('\n');
            }
        }

        b.append("\nLicences that would unlock the most LICENSE_REQUIRED items after the changes\n");
        if (r.licences().isEmpty()) {
            b.append("  none: no item needs only a licence\n");
        } else {
            List<String[]> li = new ArrayList<>();
            li.add(new String[] {"items", "pairs", "regime", "party", "covering", "to", "classified"});
            for (ImpactResult.LicenceRow row : r.licences().subList(0, Math.min(15, r.licences().size()))) {
                Finding.LicenceNeed n = row.licence();
                li.add(new String[] {num(row.items()), num(row.pairs()), n.regime(), n.organisation(), n.entry(), n.destinations(), n.classified() ? "yes" : "no"});
            }
            table(b, li);
            if (r.licences().size() > 15) {
                b.append("  ... ").append(r.licences().size() - 15).append(" more\n");
            }
        }

        if (changes > 0) {
            List<ImpactResult.ChangedRow> page = r.changes(offset, changes);
            b.append(String.format("%nPairs whose outcome changes (%,d to %,d of %,d)%n", page.isEmpty() ? 0 : offset + 1, offset + page.size(), t.changedPairs()));
            List<String[]> ch = new ArrayList<>();
            ch.add(new String[] {"item", "recipient", "before", "after", "why (after)"});
            for (ImpactResult.ChangedRow row : page) {
                ch.add(new String[] {row.item().id(), row.recipient().id(), row.before().outcome().name(), row.after().outcome().name(), why(row.after())});
            }
            if (!page.isEmpty()) {
                table(b, ch);
            }
        }
        return b.toString();
    }

    /** A few lines: what flows at once, what needs licences, what stays blocked and why (for {@code pillar demo}). */
    public static String summary(ImpactResult r) {
        StringBuilder b = new StringBuilder();
        ImpactResult.Counts t = r.total();
        b.append("Scenario ").append(r.scenario().id()).append(": ").append(r.scenario().title()).append(" (as of ").append(r.asOf()).append(")\n");
        b.append(String.format("  %,d items x %,d recipients (%s)%n", r.items(), r.recipients().size(), recipients(r.recipients(), 5)));
        b.append(String.format("  could flow at once (PERMIT):    %,d pairs before, %,d after%n", t.before(Outcome.PERMIT), t.after(Outcome.PERMIT)));
        b.append(String.format("  would need a licence:           %,d pairs before, %,d after%n", t.before(Outcome.LICENSE_REQUIRED), t.after(Outcome.LICENSE_REQUIRED)));
        b.append(String.format("  would need review:              %,d pairs before, %,d after%n", t.before(Outcome.REVIEW), t.after(Outcome.REVIEW)));
        b.append(String.format("  would stay blocked (DENY):      %,d pairs before, %,d after%n", t.before(Outcome.DENY), t.after(Outcome.DENY)));
        b.append(String.format("  %,d items change outcome for at least one recipient%n", t.changedItems()));
        List<ImpactResult.BlockerRow> blockers = r.blockers().stream().filter(x -> x.itemsAfter() > 0).limit(3).toList();
        if (!blockers.isEmpty()) {
            b.append("  still blocking, most items first:\n");
            for (ImpactResult.BlockerRow x : blockers) {
                b.append(String.format("    %,6d items  %s [%s]%n", x.itemsAfter(), x.blocker().ruleId(), x.blocker().citation()));
            }
        }
        if (!r.licences().isEmpty()) {
            b.append("  licences that would unlock the most items:\n");
            for (ImpactResult.LicenceRow x : r.licences().subList(0, Math.min(3, r.licences().size()))) {
                Finding.LicenceNeed n = x.licence();
                b.append(String.format("    %,6d items  %s %s for %s to %s%s%n", x.items(), n.regime(), n.entry(), n.organisation(), n.destinations(),
                        n.classified() ? " (classified)" : ""));
            }
        }
        return b.toString();
    }

    /** Several scenarios side by side: one column per scenario. */
    public static String compare(List<ImpactResult> results) {
        StringBuilder b = new StringBuilder("Scenarios side by side (pairs of item and recipient after the changes)\n");
        List<String[]> rows = new ArrayList<>();
        List<String> head = new ArrayList<>(List.of(""));
        results.forEach(r -> head.add(r.scenario().id()));
        rows.add(head.toArray(String[]::new));
        rows.add(row("as of", results, r -> r.asOf().toString()));
        rows.add(row("recipients", results, r -> num(r.recipients().size())));
        rows.add(row("items", results, r -> num(r.items())));
        rows.add(row("pairs", results, r -> num(r.total().pairs())));
        for (Outcome o : Outcome.values()) {
            rows.add(row(o.name() + " before", results, r -> num(r.total().before(o))));
            rows.add(row(o.name() + " after", results, r -> num(r.total().after(o))));
        }
        rows.add(row("pairs that change", results, r -> num(r.total().changedPairs())));
        rows.add(row("items that change", results, r -> num(r.total().changedItems())));
        rows.add(row("top blocker after", results, r -> r.blockers().isEmpty() || r.blockers().getFirst().itemsAfter() == 0 ? "none"
                : r.blockers().getFirst().blocker().ruleId() + " (" + num(r.blockers().getFirst().itemsAfter()) + " items)"));
        rows.add(row("top licence", results, r -> r.licences().isEmpty() ? "none"
                : r.licences().getFirst().licence().regime() + " " + r.licences().getFirst().licence().entry() + " for "
                + r.licences().getFirst().licence().organisation() + " (" + num(r.licences().getFirst().items()) + " items)"));
        table(b, rows);
        return b.toString();
    }

    /** The deciding reasons of a finding, e.g. {@code releasability.not-rel-to [Foreign disclosure markings: REL TO]}. */
    static String why(Finding f) {
        if (f.blockers().isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (Finding.Blocker x : f.blockers()) {
            parts.add(x.ruleId() + " [" + x.citation() + "]");
        }
        return String.join("; ", parts);
    }

    private static String[] row(String label, List<ImpactResult> results, Function<ImpactResult, String> f) {
        List<String> out = new ArrayList<>(List.of(label));
        results.forEach(r -> out.add(f.apply(r)));
        return out.toArray(String[]::new);
    }

    private static String[] countsHead(String first) {
        List<String> h = new ArrayList<>(List.of(first, "items", "changed"));
        for (Outcome o : Outcome.values()) {
            h.add(o.name());
        }
        return h.toArray(String[]::new);
    }

    private static String[] countsRow(String first, ImpactResult.Counts c) {
        List<String> row = new ArrayList<>(List.of(first, num(c.items()), num(c.changedItems())));
        for (Outcome o : Outcome.values()) {
            row.add(c.before(o) == c.after(o) ? num(c.after(o)) : num(c.before(o)) + " -> " + num(c.after(o)));
        }
        return row.toArray(String[]::new);
    }

    private static String recipients(List<Person> people, int max) {
        List<String> ids = people.stream().limit(max).map(Person::id).toList();
        return String.join(", ", ids) + (people.size() > max ? ", ... (" + (people.size() - max) + " more)" : "");
    }

    static String num(long n) {
        return String.format("%,d", n);
    }

    private static final Pattern NUMBER = Pattern.compile("[0-9,]+( -> [0-9,]+)?");

    /** Left-aligned text columns, right-aligned numbers, two spaces between columns, indented by two. */
    private static void table(StringBuilder b, List<String[]> rows) {
        int cols = rows.getFirst().length;
        int[] width = new int[cols];
        boolean[] numericColumn = new boolean[cols];
        Arrays.fill(numericColumn, true);
        for (String[] r : rows) {
            for (int i = 0; i < cols; i++) {
                width[i] = Math.max(width[i], r[i].length());
                if (r != rows.getFirst() && !NUMBER.matcher(r[i]).matches()) {
                    numericColumn[i] = false;
                }
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < cols; i++) {
                boolean numeric = i > 0 && numericColumn[i] && r != rows.getFirst();
                String cell = numeric ? " ".repeat(width[i] - r[i].length()) + r[i] : r[i] + " ".repeat(width[i] - r[i].length());
                line.append(cell).append(i < cols - 1 ? "  " : "");
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
    }

    private static String wrap(String text, int width, String indent) {
        StringBuilder out = new StringBuilder(indent);
        int col = indent.length();
        for (String word : text.strip().split("\\s+")) {
            if (col + word.length() + 1 > width && col > indent.length()) {
                out.append('\n').append(indent);
                col = indent.length();
            } else if (col > indent.length()) {
                out.append(' ');
                col++;
            }
            out.append(word);
            col += word.length();
        }
        return out.toString();
    }
}
