package dev.pillar.http;

import dev.pillar.app.port.DecisionStore;

/**
 * Decisions found by a search as CSV (RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote or line
 * break, quotes doubled), one row per decision. A field that a spreadsheet would read as a formula (starting with
 * {@code = + - @}, a tab or a carriage return) is prefixed with a quote, as OWASP advises against CSV injection.
 */
final class DecisionCsv {
    static final String HEADER = "decisionId,createdAt,askedBy,outcome,asOf,worldVersion,item,recipient,organisation,project,basis\r\n";

    private DecisionCsv() {}

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
