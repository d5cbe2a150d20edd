package dev.pillar.http.console;

import dev.pillar.app.Access;
import dev.pillar.app.Refusal;
import dev.pillar.app.WorldService;
import dev.pillar.app.port.RuleVersion;
import dev.pillar.codec.world.WorldLoader;
import dev.pillar.core.impact.RulesDiff;
import dev.pillar.core.rules.RulePack;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The console's rule data page for compliance officers, {@code /rules}: the stored rule data versions, and what a
 * version would change before it is put in force: the diff ({@link RulesDiff}) of one stored version against another, or
 * of a candidate (rule data pasted into the form, as {@code GET /api/v1/rules/{version}} gives it) against the one in
 * force, over the current catalogue and people. See docs/console.md and docs/rule-cases.md.
 */
public final class RulePages {
    static final int MAX_CANDIDATE_TEXT = 2_000_000;
    static final int ROWS_PER_GROUP = 50;

    /** One stored version for the list and the selects. */
    public record VersionRow(long version, String note, String createdAt, String createdBy, boolean inForce) {}

    /** The page: versions, the form as sent, a problem naming its field, and the diff when there is one. */
    public record RulesView(List<VersionRow> versions, long from, long to, String candidate, String days, String errorField, String error,
                     RulesDiff.Result diff, int rowsPerGroup) {}

    private final Console console;
    private final WorldService worlds;

    RulePages(Console console, WorldService worlds) {
        this.console = console;
        this.worlds = worlds;
    }

    void routes(RoutesConfig r) {
        r.get("/rules", console.page(this::page));
        r.post("/rules", console.page(this::page));
    }

    private void page(Context ctx, Sessions.Session s) {
        try {
            Access.writeLicencesAndRules(s.principal());
        } catch (Refusal e) {
            console.forbidden(ctx, s, "Rule data and its diffs are kept by compliance officers.");
            return;
        }
        boolean post = ctx.method() == HandlerType.POST;
        long current = worlds.current().rules().version();
        List<VersionRow> versions = new ArrayList<>();
        for (RuleVersion v : worlds.ruleVersions()) {
            versions.add(new VersionRow(v.version(), v.note() == null ? "" : v.note(), v.createdAt() == null ? "" : v.createdAt().toString(),
                    v.createdBy() == null ? "" : v.createdBy(), v.version() == current));
        }
        String fromText = post ? ctx.formParam("from") : ctx.queryParam("from");
        String toText = post ? ctx.formParam("to") : ctx.queryParam("to");
        String candidate = post && ctx.formParam("candidate") != null ? ctx.formParam("candidate") : "";
        String daysText = (post ? ctx.formParam("days") : ctx.queryParam("days"));
        daysText = daysText == null ? "" : daysText.strip();
        long from = current;
        long to = current;
        String errorField = null;
        String error = null;
        RulesDiff.Result diff = null;
        boolean asked = post || fromText != null || toText != null;
        try {
            from = version(fromText, "from", current);
            to = version(toText, "to", current);
            List<LocalDate> days = days(daysText);
            if (asked) {
                RulePack a = worlds.rules(from, "from");
                RulePack b;
                String bLabel;
                if (!candidate.isBlank()) {
                    b = WorldService.rules(candidate(candidate), "candidate");
                    bLabel = "candidate";
                } else {
                    b = worlds.rules(to, "to");
                    bLabel = "v" + to;
                }
                diff = worlds.diffRules(a, "v" + from, "from", b, bLabel, candidate.isBlank() ? "to" : "candidate", days);
            }
        } catch (Refusal e) {
            ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
            errorField = e.field() == null ? "" : e.field();
            error = e.getMessage();
        }
        console.render(ctx, "rules.jte", console.page(s, "Rule data", "rules"), "view",
                new RulesView(versions, from, to, candidate, daysText, errorField, error, diff, ROWS_PER_GROUP));
    }

    private static long version(String text, String field, long current) {
        if (text == null || text.isBlank()) {
            return current;
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw Refusal.invalid(field, "'" + text + "' is not a rule data version: choose one of the list");
        }
    }

    private static List<LocalDate> days(String text) {
        List<LocalDate> out = new ArrayList<>();
        for (String d : text.split("[,\\s]+")) {
            if (d.isBlank()) {
                continue;
            }
            try {
                out.add(LocalDate.parse(d));
            } catch (DateTimeParseException e) {
                throw Refusal.invalid("days", "'" + d + "' is not a date: use YYYY-MM-DD, separated by commas");
            }
        }
        return out;
    }

    private static JsonNode candidate(String text) {
        if (text.length() > MAX_CANDIDATE_TEXT) {
            throw Refusal.invalid("candidate", "is longer than " + MAX_CANDIDATE_TEXT + " characters");
        }
        try {
            JsonNode tree = WorldLoader.yaml().readTree(text);
            if (tree == null || !tree.isObject()) {
                throw Refusal.invalid("candidate", "must be rule data: an object with catalog, classification, itar, ear, ...");
            }
            return tree;
        } catch (JacksonException e) {
            throw Refusal.invalid("candidate", "is not valid YAML or JSON: " + e.getOriginalMessage());
        }
    }
}
