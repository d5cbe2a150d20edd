package dev.pillar.http;

import dev.pillar.codec.impact.ImpactCsv;
import dev.pillar.codec.impact.ImpactHtml;
import dev.pillar.core.impact.ImpactResult;
import io.javalin.http.Context;
import java.util.List;

/** Impact reports as downloads, for the API and the console alike: the changed pairs as CSV, the HTML report. */
public final class ImpactDownloads {
    /** The HTML report is self-contained: its only style is inline, and it loads and runs nothing. */
    static final String REPORT_POLICY = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; form-action 'none'";

    private ImpactDownloads() {}

    /** Sends {@code results} as {@code csv} or {@code html} (listing changed pairs from {@code offset}, at most {@code limit}). */
    public static void send(Context ctx, List<ImpactResult> results, String format, int offset, int limit) {
        String file = "impact-" + String.join("-", results.stream().map(r -> r.scenario().id()).toList()).replaceAll("[^A-Za-z0-9._-]", "_");
        if (format.equals("csv")) {
            ctx.header("Content-Disposition", "attachment; filename=\"" + file + ".csv\"").contentType("text/csv; charset=utf-8")
                    .result(ImpactCsv.text(results));
        } else if (format.equals("html")) {
            ctx.header("Content-Disposition", "attachment; filename=\"" + file + ".html\"").header("Content-Security-Policy", REPORT_POLICY)
                    .contentType("text/html; charset=utf-8").result(ImpactHtml.document(results, offset, limit));
        } else {
            throw new IllegalArgumentException("no download format " + format);
        }
    }
}
