package dev.pillar.http;

import dev.pillar.app.port.DecisionStore;

/**
 * Decisions found by a search as CSV (RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote or line
 * break, quotes doubled), one row per decision. A field that a spreadsheet would read as a formula (starting with
 * {@code = + - @}, a tab or a carriage return) is prefixed with a quote, as OWASP advises against CSV injection.
 */
public final class DecisionCsv {
    static final String HEADER = "decisionId,createdAt,askedBy,outcome,asOf,worldVersion,item,recipient,organisation,project,basis\r\n";

    /** Most rows in one export; beyond it the export ends with the cursor to go on from. */
    public static final int MAX_ROWS = 100_000;

    private DecisionCsv() {}

    /** An export: the CSV text and, if it stopped at {@link #MAX_ROWS}, the cursor of the rest (else null). */
    public record Export(String text, String next) {}

    /** Every decision {@code asker} may see that {@code search} finds, page after page, up to {@link #MAX_ROWS}. */
    public static Export export(dev.pillar.app.DecisionService decisions, dev.pillar.app.port.Principal asker, dev.pillar.app.DecisionService.Search search) {
        StringBuilder out = new StringBuilder(HEADER);
        dev.pillar.app.DecisionService.Found page = decisions.search(asker, search);
        int rows = 0;
        while (true) {
            for (var f : page.decisions()) {
                row(out, f);
                rows++;
            }
            if (page.next() == null || rows >= MAX_ROWS) {
                break;
            }
            page = decisions.search(asker, search.withCursor(page.next()));
        }
        return new Export(out.toString(), page.next());
    }

    static void row(StringBuilder out, DecisionStore.Found f) {
        field(out, f.id()).append(',');
        field(out, f.createdAt().toString()).append(',');
        field(out, f.actor()).append(',');
        field(out, f.outcome()).append(',');
        field(out, f.asOf().toString()).append(',');
        field(out, f.worldVersion()).append(',');
        field(out, f.item()).append(',');
        field(out, f.recipient()).append(',');
        field(out, f.organisation()).append(',');
        field(out, f.project()).append(',');
        field(out, String.join("; ", f.basis())).append("\r\n");
    }

    static StringBuilder field(StringBuilder out, String value) {
        if (value == null || value.isEmpty()) {
            return out;
        }
        String v = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return out.append('"').append(v.replace("\"", "\"\"")).append('"');
        }
        return out.append(v);
    }
}
