package dev.pillar.codec.impact;

import dev.pillar.core.decision.Outcome;
import dev.pillar.core.impact.Finding;
import dev.pillar.core.impact.ImpactResult;
import dev.pillar.core.model.ExportControl;
import dev.pillar.core.model.Person;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The impact report as HTML: a self-contained document (one file with its style sheet inline and charts as inline
 * SVG; no script, no external resource) that a secretariat can send to the members, and the same report as a fragment
 * for the console page. Every value is HTML-escaped here; charts use SVG presentation attributes only, so the console's
 * Content-Security-Policy (no inline style or script) holds.
 */
public final class ImpactHtml {
    /** The style sheet of the report, inlined into the document and served to the console as /assets/impact.css. */
    public static final String CSS_RESOURCE = "/static/impact.css";

    static final String[] COLOURS = {"#2e7d32", "#b26a00", "#1565c0", "#c62828"};

    private ImpactHtml() {}

    /** A complete HTML document with every scenario's report (side by side first when there are several). */
    public static String document(List<ImpactResult> results, long offset, int limit) {
        StringBuilder b = new StringBuilder(64 * 1024);
        String title = results.size() == 1 ? "Impact: " + results.getFirst().scenario().title() : "Impact of " + results.size() + " scenarios";
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc(title)).append(" · Pillar</title>\n<style>\n").append(css()).append("</style>\n</head>\n<body>\n")
                .append("<main class=\"impact-report\">\n");
        b.append(fragment(results, offset, limit));
        b.append("</main>\n</body>\n</html>\n");
        return b.toString();
    }

    /** The report without the document around it, for the console page. */
    public static String fragment(List<ImpactResult> results, long offset, int limit) {
        StringBuilder b = new StringBuilder(32 * 1024);
        b.append("<p class=\"impact-disclaimer\">").append(esc(ImpactText.DISCLAIMER)).append("</p>\n");
        if (results.size() > 1) {
            compare(b, results);
        }
        for (ImpactResult r : results) {
            report(b, r, offset, limit);
        }
        return b.toString();
    }

    static String css() {
        try (InputStream in = ImpactHtml.class.getResourceAsStream(CSS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + CSS_RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void compare(StringBuilder b, List<ImpactResult> results) {
        b.append("<section class=\"impact-compare\" aria-labelledby=\"compare-h\">\n<h2 id=\"compare-h\">Scenarios side by side</h2>\n");
        b.append("<table class=\"impact\"><thead><tr><th scope=\"col\"></th>");
        for (ImpactResult r : results) {
            b.append("<th scope=\"col\"><a href=\"#scenario-").append(esc(r.scenario().id())).append("\">").append(esc(r.scenario().id())).append("</a></th>");
        }
        b.append("</tr></thead><tbody>\n");
        compareRow(b, "as of", results, r -> r.asOf().toString());
        compareRow(b, "recipients", results, r -> ImpactText.num(r.recipients().size()));
        compareRow(b, "items", results, r -> ImpactText.num(r.items()));
        for (Outcome o : Outcome.values()) {
            compareRow(b, label(o) + " (pairs), before → after", results, r -> ImpactText.num(r.total().before(o)) + " → " + ImpactText.num(r.total().after(o)));
        }
        compareRow(b, "items that change", results, r -> ImpactText.num(r.total().changedItems()));
        compareRow(b, "top blocking reason after", results, r -> r.blockers().isEmpty() || r.blockers().getFirst().itemsAfter() == 0 ? "none"
                : r.blockers().getFirst().blocker().ruleId() + " (" + ImpactText.num(r.blockers().getFirst().itemsAfter()) + " items)");
        b.append("</tbody></table>\n");
        b.append(chartCompare(results));
        b.append("</section>\n");
    }

    private static void compareRow(StringBuilder b, String label, List<ImpactResult> results, Function<ImpactResult, String> f) {
        b.append("<tr><th scope=\"row\">").append(esc(label)).append("</th>");
        for (ImpactResult r : results) {
            b.append("<td>").append(esc(f.apply(r))).append("</td>");
        }
        b.append("</tr>\n");
    }

    private static void report(StringBuilder b, ImpactResult r, long offset, int limit) {
        String id = esc(r.scenario().id());
        b.append("<section class=\"impact-scenario\" id=\"scenario-").append(id).append("\" aria-labelledby=\"h-").append(id).append("\">\n");
        b.append("<h2 id=\"h-").append(id).append("\">").append(esc(r.scenario().title())).append("</h2>\n");
        if (!r.scenario().description().isEmpty()) {
            b.append("<p class=\"lede\">").append(esc(r.scenario().description())).append("</p>\n");
        }
        ImpactResult.Counts t = r.total();
        b.append("<dl class=\"impact-facts\">")
                .append(dt("Scenario", r.scenario().id() + " (" + r.scenario().changes().size() + " change" + (r.scenario().changes().size() == 1 ? "" : "s") + ")"))
                .append(dt("As of", r.asOf().toString()))
                .append(dt("World", r.before().version() + " → " + r.after().version()))
                .append(dt("Recipients", r.recipients().size() + ": " + String.join(", ", r.recipients().stream().limit(12).map(Person::id).toList())
                        + (r.recipients().size() > 12 ? ", …" : "")))
                .append(dt("Catalogue", ImpactText.num(r.items()) + " items × " + r.recipients().size() + " recipients = " + ImpactText.num(t.pairs()) + " pairs"))
                .append(dt("Change", ImpactText.num(t.changedItems()) + " items (" + ImpactText.num(t.changedPairs()) + " pairs) change outcome"))
                .append("</dl>\n");

        b.append("<h3>Outcomes before and after</h3>\n").append(chartTotals(r));
        b.append("<table class=\"impact\"><caption>Pairs of item and recipient: outcome before (rows) and after (columns)</caption><thead><tr><th scope=\"col\">before \\ after</th>");
        for (Outcome o : Outcome.values()) {
            b.append("<th scope=\"col\" class=\"o-").append(cls(o)).append("\">").append(label(o)).append("</th>");
        }
        b.append("<th scope=\"col\">total</th></tr></thead><tbody>\n");
        for (Outcome before : Outcome.values()) {
            b.append("<tr><th scope=\"row\" class=\"o-").append(cls(before)).append("\">").append(label(before)).append("</th>");
            for (Outcome after : Outcome.values()) {
                long n = r.count(before, after);
                b.append("<td class=\"num").append(before != after && n > 0 ? " changed" : "").append("\">").append(ImpactText.num(n)).append("</td>");
            }
            b.append("<td class=\"num\">").append(ImpactText.num(t.before(before))).append("</td></tr>\n");
        }
        b.append("<tr><th scope=\"row\">total</th>");
        for (Outcome after : Outcome.values()) {
            b.append("<td class=\"num\">").append(ImpactText.num(t.after(after))).append("</td>");
        }
        b.append("<td class=\"num\">").append(ImpactText.num(t.pairs())).append("</td></tr>\n</tbody></table>\n");

        b.append("<h3>By recipient</h3>\n");
        countsTable(b, "recipient", "Items by outcome for each recipient, before → after",
                r.byRecipient().stream().map(x -> new Row(x.person().id() + " (" + String.join("/", x.person().nationalities().stream().map(Object::toString).toList())
                        + ", " + x.person().organisation().id() + ")", x.counts())).toList());
        for (ImpactResult.Dimension d : ImpactResult.Dimension.values()) {
            b.append("<h3>By ").append(esc(d.title())).append("</h3>\n");
            if (d == ImpactResult.Dimension.AREA) {
                b.append(chartGroups(r.groups(d), "Pairs by outcome per area, before (upper bar) and after (lower bar)"));
            }
            countsTable(b, d.title(), "Pairs by outcome per " + d.title() + ", before → after",
                    r.groups(d).stream().map(g -> new Row(g.value(), g.counts())).toList());
        }

        b.append("<h3>Blocking reasons that remain</h3>\n");
        List<ImpactResult.BlockerRow> blockers = r.blockers();
        if (blockers.isEmpty()) {
            b.append("<p>None: every pair is PERMIT after the changes.</p>\n");
        } else {
            b.append(chartBlockers(blockers));
            b.append("<table class=\"impact\"><caption>Reasons that decide a non-PERMIT outcome, ranked by the items they block after the changes</caption><thead><tr>")
                    .append("<th scope=\"col\">items after</th><th scope=\"col\">pairs after</th><th scope=\"col\">items before</th><th scope=\"col\">outcome</th>")
                    .append("<th scope=\"col\">layer</th><th scope=\"col\">rule</th><th scope=\"col\">citation</th><th scope=\"col\">for example</th></tr></thead><tbody>\n");
            for (ImpactResult.BlockerRow x : blockers) {
                b.append("<tr><td class=\"num\">").append(ImpactText.num(x.itemsAfter())).append("</td><td class=\"num\">").append(ImpactText.num(x.pairsAfter()))
                        .append("</td><td class=\"num\">").append(ImpactText.num(x.itemsBefore())).append("</td><td class=\"o-").append(cls(x.blocker().outcome())).append("\">")
                        .append(label(x.blocker().outcome())).append("</td><td>").append(esc(x.blocker().layer().title())).append("</td><td><code>")
                        .append(esc(x.blocker().ruleId())).append("</code></td><td>").append(esc(x.blocker().citation())).append("</td><td>")
                        .append(esc(x.example())).append("</td></tr>\n");
            }
            b.append("</tbody></table>\n");
        }

        b.append("<h3>Licences that would unlock the most items</h3>\n");
        List<ImpactResult.LicenceRow> licences = r.licences();
        if (licences.isEmpty()) {
            b.append("<p>None: no item needs only a licence after the changes.</p>\n");
        } else {
            b.append(chartLicences(licences));
            b.append("<table class=\"impact\"><caption>For LICENSE_REQUIRED items after the changes: a licence with these terms would make them PERMIT</caption><thead><tr>")
                    .append("<th scope=\"col\">items</th><th scope=\"col\">pairs</th><th scope=\"col\">regime</th><th scope=\"col\">party</th>")
                    .append("<th scope=\"col\">covering</th><th scope=\"col\">to</th><th scope=\"col\">classified</th></tr></thead><tbody>\n");
            for (ImpactResult.LicenceRow x : licences) {
                Finding.LicenceNeed n = x.licence();
                b.append("<tr><td class=\"num\">").append(ImpactText.num(x.items())).append("</td><td class=\"num\">").append(ImpactText.num(x.pairs()))
                        .append("</td><td>").append(esc(n.regime())).append("</td><td>").append(esc(n.organisation())).append("</td><td><code>")
                        .append(esc(n.entry())).append("</code></td><td>").append(esc(n.destinations())).append("</td><td>").append(n.classified() ? "yes" : "no")
                        .append("</td></tr>\n");
            }
            b.append("</tbody></table>\n");
        }

        List<ImpactResult.ChangedRow> page = r.changes(offset, limit);
        b.append("<h3>Pairs whose outcome changes</h3>\n");
        if (page.isEmpty()) {
            b.append("<p>").append(t.changedPairs() == 0 ? "No outcome changes." : "No rows on this page.").append("</p>\n");
        } else {
            b.append("<table class=\"impact\"><caption>").append(ImpactText.num(offset + 1)).append(" to ").append(ImpactText.num(offset + page.size()))
                    .append(" of ").append(ImpactText.num(t.changedPairs())).append(" (the CSV export lists them all)</caption><thead><tr>")
                    .append("<th scope=\"col\">item</th><th scope=\"col\">area</th><th scope=\"col\">classification</th><th scope=\"col\">control</th>")
                    .append("<th scope=\"col\">recipient</th><th scope=\"col\">before</th><th scope=\"col\">after</th><th scope=\"col\">why, after</th></tr></thead><tbody>\n");
            for (ImpactResult.ChangedRow x : page) {
                b.append("<tr><td><code>").append(esc(x.item().id())).append("</code> ").append(esc(x.item().title())).append("</td><td>")
                        .append(esc(x.area() == null ? "" : x.area())).append("</td><td>").append(esc(x.item().classification().toString())).append("</td><td><code>")
                        .append(esc(ExportControl.format(x.item().control()))).append("</code></td><td>").append(esc(x.recipient().id())).append("</td><td class=\"o-")
                        .append(cls(x.before().outcome())).append("\">").append(label(x.before().outcome())).append("</td><td class=\"o-").append(cls(x.after().outcome()))
                        .append("\">").append(label(x.after().outcome())).append("</td><td>").append(esc(ImpactText.why(x.after()))).append("</td></tr>\n");
            }
            b.append("</tbody></table>\n");
        }
        ImpactResult.Stats s = r.stats();
        b.append("<p class=\"impact-stats\">Every answer comes from the decision engine, asked in both worlds for ").append(ImpactText.num(s.classes()))
                .append(" classes of items with the same decision-relevant labels and ").append(s.recipientClasses()).append(" classes of recipients")
                .append(s.oneByOne() ? " (every item one by one)" : "; in the hypothetical world only for the " + ImpactText.num(s.evaluatedClasses())
                        + " classes a change can affect (" + ImpactText.num(s.decisions()) + " decisions)").append(".</p>\n");
        b.append("</section>\n");
    }

    private record Row(String label, ImpactResult.Counts counts) {}

    private static void countsTable(StringBuilder b, String first, String caption, List<Row> rows) {
        b.append("<table class=\"impact\"><caption>").append(esc(caption)).append("</caption><thead><tr><th scope=\"col\">").append(esc(first))
                .append("</th><th scope=\"col\">items</th><th scope=\"col\">items that change</th>");
        for (Outcome o : Outcome.values()) {
            b.append("<th scope=\"col\" class=\"o-").append(cls(o)).append("\">").append(label(o)).append("</th>");
        }
        b.append("</tr></thead><tbody>\n");
        for (Row row : rows) {
            ImpactResult.Counts c = row.counts();
            b.append("<tr><th scope=\"row\">").append(esc(row.label())).append("</th><td class=\"num\">").append(ImpactText.num(c.items()))
                    .append("</td><td class=\"num\">").append(ImpactText.num(c.changedItems())).append("</td>");
            for (Outcome o : Outcome.values()) {
                boolean same = c.before(o) == c.after(o);
                b.append("<td class=\"num").append(same ? "" : " changed").append("\">").append(same ? ImpactText.num(c.after(o))
                        : ImpactText.num(c.before(o)) + " → " + ImpactText.num(c.after(o))).append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</tbody></table>\n");
    }

    // ---- charts (inline SVG) -----------------------------------------------------------------------------------------

    private static final int WIDTH = 720;
    private static final int LABEL = 200;
    private static final int BAR = 18;

    private static String chartTotals(ImpactResult r) {
        StringBuilder s = svgStart(2 * (BAR + 10) + 40, "Share of pairs by outcome, before and after the changes");
        stacked(s, 10, "before", counts(r.total(), false), r.total().pairs());
        stacked(s, 10 + BAR + 10, "after", counts(r.total(), true), r.total().pairs());
        legend(s, 2 * (BAR + 10) + 20);
        return s.append("</svg>\n").toString();
    }

    private static String chartCompare(List<ImpactResult> results) {
        StringBuilder s = svgStart((results.size() + 1) * (BAR + 10) + 40, "Share of pairs by outcome after each scenario (first bar: before)");
        ImpactResult first = results.getFirst();
        stacked(s, 10, "before", counts(first.total(), false), first.total().pairs());
        for (int i = 0; i < results.size(); i++) {
            stacked(s, 10 + (i + 1) * (BAR + 10), results.get(i).scenario().id(), counts(results.get(i).total(), true), results.get(i).total().pairs());
        }
        legend(s, (results.size() + 1) * (BAR + 10) + 20);
        return s.append("</svg>\n").toString();
    }

    private static String chartGroups(List<ImpactResult.Group> groups, String title) {
        int rowH = 2 * BAR + 14;
        StringBuilder s = svgStart(groups.size() * rowH + 40, title);
        long max = 1;
        for (ImpactResult.Group g : groups) {
            max = Math.max(max, g.counts().pairs());
        }
        for (int i = 0; i < groups.size(); i++) {
            ImpactResult.Group g = groups.get(i);
            int y = 10 + i * rowH;
            stackedScaled(s, y, g.value(), counts(g.counts(), false), max, BAR - 4);
            stackedScaled(s, y + BAR, "", counts(g.counts(), true), max, BAR - 4);
        }
        legend(s, groups.size() * rowH + 20);
        return s.append("</svg>\n").toString();
    }

    private static String chartBlockers(List<ImpactResult.BlockerRow> rows) {
        List<ImpactResult.BlockerRow> top = rows.subList(0, Math.min(10, rows.size()));
        int rowH = BAR + 8;
        StringBuilder s = svgStart(top.size() * rowH + 20, "Items blocked by each reason after the changes (light: before)");
        long max = 1;
        for (ImpactResult.BlockerRow x : top) {
            max = Math.max(max, Math.max(x.itemsAfter(), x.itemsBefore()));
        }
        for (int i = 0; i < top.size(); i++) {
            ImpactResult.BlockerRow x = top.get(i);
            int y = 10 + i * rowH;
            int span = WIDTH - LABEL - 80;
            String colour = COLOURS[x.blocker().outcome().ordinal()];
            text(s, LABEL - 6, y + BAR - 5, "end", x.blocker().ruleId());
            rect(s, LABEL, y, (int) Math.round(span * (double) x.itemsBefore() / max), BAR, colour, "0.25",
                    x.blocker().ruleId() + ": " + ImpactText.num(x.itemsBefore()) + " items before");
            rect(s, LABEL, y + 4, (int) Math.round(span * (double) x.itemsAfter() / max), BAR - 8, colour, "1",
                    x.blocker().ruleId() + ": " + ImpactText.num(x.itemsAfter()) + " items after");
            text(s, LABEL + (int) Math.round(span * (double) Math.max(x.itemsAfter(), x.itemsBefore()) / max) + 6, y + BAR - 5, "start",
                    ImpactText.num(x.itemsAfter()));
        }
        return s.append("</svg>\n").toString();
    }

    private static String chartLicences(List<ImpactResult.LicenceRow> rows) {
        List<ImpactResult.LicenceRow> top = rows.subList(0, Math.min(10, rows.size()));
        int rowH = BAR + 8;
        StringBuilder s = svgStart(top.size() * rowH + 20, "Items each licence would unlock");
        long max = 1;
        for (ImpactResult.LicenceRow x : top) {
            max = Math.max(max, x.items());
        }
        for (int i = 0; i < top.size(); i++) {
            ImpactResult.LicenceRow x = top.get(i);
            int y = 10 + i * rowH;
            int span = WIDTH - LABEL - 80;
            String name = x.licence().regime() + " " + x.licence().entry() + " → " + x.licence().organisation();
            text(s, LABEL - 6, y + BAR - 5, "end", name.length() > 32 ? name.substring(0, 31) + "…" : name);
            int w = (int) Math.round(span * (double) x.items() / max);
            rect(s, LABEL, y, w, BAR, COLOURS[Outcome.LICENSE_REQUIRED.ordinal()], "1", name + ": " + ImpactText.num(x.items()) + " items");
            text(s, LABEL + w + 6, y + BAR - 5, "start", ImpactText.num(x.items()));
        }
        return s.append("</svg>\n").toString();
    }

    private static long[] counts(ImpactResult.Counts c, boolean after) {
        long[] v = new long[4];
        for (Outcome o : Outcome.values()) {
            v[o.ordinal()] = after ? c.after(o) : c.before(o);
        }
        return v;
    }

    private static StringBuilder svgStart(int height, String title) {
        return new StringBuilder("<figure class=\"impact-chart\"><svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"").append(WIDTH)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" font-family=\"sans-serif\" font-size=\"12\"><title>").append(esc(title)).append("</title>\n");
    }

    private static void stacked(StringBuilder s, int y, String label, long[] values, long total) {
        stackedScaled(s, y, label, values, total, BAR);
    }

    private static void stackedScaled(StringBuilder s, int y, String label, long[] values, long max, int h) {
        int span = WIDTH - LABEL - 20;
        text(s, LABEL - 6, y + h - 4, "end", label);
        double x = LABEL;
        for (Outcome o : Outcome.values()) {
            long v = values[o.ordinal()];
            if (v == 0) {
                continue;
            }
            double w = span * (double) v / Math.max(1, max);
            rect(s, (int) Math.round(x), y, Math.max(1, (int) Math.round(x + w) - (int) Math.round(x)), h, COLOURS[o.ordinal()], "1",
                    (label.isEmpty() ? "after" : label) + ": " + label(o) + " " + ImpactText.num(v));
            x += w;
        }
    }

    private static void legend(StringBuilder s, int y) {
        int x = LABEL;
        for (Outcome o : Outcome.values()) {
            rect(s, x, y - 10, 12, 12, COLOURS[o.ordinal()], "1", label(o));
            text(s, x + 16, y, "start", label(o));
            x += 16 + 8 * label(o).length() + 20;
        }
    }

    private static void rect(StringBuilder s, int x, int y, int w, int h, String fill, String opacity, String title) {
        s.append("<rect x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"").append(w).append("\" height=\"").append(h)
                .append("\" fill=\"").append(fill).append("\" fill-opacity=\"").append(opacity).append("\"><title>").append(esc(title)).append("</title></rect>\n");
    }

    private static void text(StringBuilder s, int x, int y, String anchor, String t) {
        s.append("<text x=\"").append(x).append("\" y=\"").append(y).append("\" text-anchor=\"").append(anchor).append("\" fill=\"#222\">")
                .append(esc(t)).append("</text>\n");
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    private static String dt(String term, String value) {
        return "<dt>" + esc(term) + "</dt><dd>" + esc(value) + "</dd>";
    }

    static String label(Outcome o) {
        return o.name().replace('_', ' ');
    }

    static String cls(Outcome o) {
        return o.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Escapes text for HTML element content and quoted attribute values (also inside inline SVG). */
    public static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String r = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (r != null && b == null) {
                b = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (b != null) {
                if (r != null) {
                    b.append(r);
                } else {
                    b.append(c);
                }
            }
        }
        return b == null ? s : b.toString();
    }
}
