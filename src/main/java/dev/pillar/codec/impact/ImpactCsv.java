package dev.pillar.codec.impact;

import dev.pillar.core.impact.ImpactResult;
import dev.pillar.core.model.ExportControl;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * Every pair whose outcome changes, as CSV (RFC 4180: comma-separated, fields with a comma, quote or line break quoted,
 * CRLF line ends), one scenario after the other, streamed so that a million rows need no list in memory.
 */
public final class ImpactCsv {
    public static final String HEADER = "scenario,item,title,area,project,classification,control,recipient,organisation,before,after,why_before,why_after";

    private ImpactCsv() {}

    public static void write(List<ImpactResult> results, Writer w) throws IOException {
        w.write(HEADER);
        w.write("\r\n");
        for (ImpactResult r : results) {
            try {
                r.forEachChange(row -> {
                    try {
                        line(w, r.scenario().id(), row.item().id(), row.item().title(), row.area() == null ? "" : row.area(),
                                row.item().project() == null ? "" : row.item().project(), row.item().classification().toString(),
                                ExportControl.format(row.item().control()), row.recipient().id(), row.recipient().organisation().id(),
                                row.before().outcome().name(), row.after().outcome().name(), ImpactText.why(row.before()), ImpactText.why(row.after()));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
    }

    /** The CSV as one string (for a response body). */
    public static String text(List<ImpactResult> results) {
        StringWriter w = new StringWriter();
        try {
            write(results, w);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return w.toString();
    }

    private static void line(Writer w, String... fields) throws IOException {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                w.write(',');
            }
            w.write(field(fields[i]));
        }
        w.write("\r\n");
    }

    /** A CSV field; a value that a spreadsheet would read as a formula is prefixed with a quote mark. */
    static String field(String s) {
        String v = !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
