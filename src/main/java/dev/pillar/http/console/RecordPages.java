package dev.pillar.http.console;

import dev.pillar.app.DecisionService;
import dev.pillar.app.Refusal;
import dev.pillar.app.port.DecisionStore;
import dev.pillar.http.DecisionCsv;
import dev.pillar.http.console.OperationViews.FoundRow;
import dev.pillar.http.console.OperationViews.Form;
import dev.pillar.http.console.OperationViews.SearchPage;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decision records you can find: {@code /decisions} searches the recorded decisions as {@code GET /api/v1/decisions} does
 * (recipient, item, organisation, project, outcome, basis: a licence, citation or rule id, the days recorded, world
 * version, who asked), newest first, fifty at a time with a stable cursor, and {@code /decisions?format=csv&...} exports
 * the same search as CSV, one row per decision. A bad filter is shown on its field (400). Engineers see what the API
 * shows them.
 */
final class RecordPages {
    static final List<String> FIELDS = List.of("recipient", "item", "organisation", "project", "outcome", "basis", "from", "to",
            "worldVersion", "askedBy");

    private final Console console;
    private final DecisionService decisions;

    RecordPages(Console console, DecisionService decisions) {
        this.console = console;
        this.decisions = decisions;
    }

    void routes(RoutesConfig r) {
        r.get("/decisions", console.page(this::search));
    }

    private void search(Context ctx, Sessions.Session s) {
        Map<String, String> values = new LinkedHashMap<>();
        boolean searched = false;
        for (String f : FIELDS) {
            String v = ctx.queryParam(f);
            values.put(f, v == null ? "" : v.strip());
            searched |= v != null && !v.isBlank();
        }
        Map<String, String> errors = new LinkedHashMap<>();
        for (String f : FIELDS) {
            if (values.get(f).length() > 300) {
                errors.put(f, "give at most 300 characters");
            }
        }
        LocalDate from = day(values, "from", errors);
        LocalDate to = day(values, "to", errors);
        String cursor = ctx.queryParam("cursor");
        boolean csv = "csv".equals(ctx.queryParam("format"));
        DecisionService.Search search = new DecisionService.Search(Console.blank(values.get("recipient")), Console.blank(values.get("item")),
                Console.blank(values.get("organisation")), Console.blank(values.get("project")), Console.blank(values.get("outcome")), Console.blank(values.get("basis")),
                from, to, Console.blank(values.get("worldVersion")), Console.blank(values.get("askedBy")), Console.blank(cursor), csv ? DecisionService.MAX_PAGE : Console.PAGE_SIZE);
        List<FoundRow> rows = List.of();
        String next = null;
        if (errors.isEmpty()) {
            try {
                if (csv) {
                    DecisionCsv.Export export = DecisionCsv.export(decisions, s.principal(), search);
                    ctx.header("Content-Disposition", "attachment; filename=\"decisions.csv\"");
                    if (export.next() != null) {
                        ctx.header("Pillar-Next", export.next());
                    }
                    ctx.contentType("text/csv; charset=utf-8").result(export.text());
                    return;
                }
                DecisionService.Found found = decisions.search(s.principal(), search);
                rows = found.decisions().stream().map(RecordPages::row).toList();
                next = found.next() == null ? null : "/decisions?" + query(values) + "cursor=" + Console.enc(found.next());
            } catch (Refusal r) {
                Console.fieldError(r, errors);
            }
        }
        if (!errors.isEmpty()) {
            ctx.status(HttpStatus.BAD_REQUEST);
        }
        console.render(ctx, "decisions.jte", console.page(s, "Decision records", "decisions"), "view",
                new SearchPage(new Form(values, errors), rows, next, "/decisions?" + query(values) + "format=csv", searched || cursor != null));
    }

    private static LocalDate day(Map<String, String> values, String field, Map<String, String> errors) {
        String v = values.get(field);
        if (v.isEmpty()) {
            return null;
        }
        try {
            if (!v.matches("\\d{4}-\\d{2}-\\d{2}")) {
                throw new DateTimeParseException("", v, 0); // four-digit years only, as the API reads them
            }
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            errors.put(field, "'" + v + "' is not a date: use YYYY-MM-DD");
            return null;
        }
    }

    static String query(Map<String, String> values) {
        StringBuilder q = new StringBuilder();
        values.forEach((k, v) -> {
            if (!v.isEmpty()) {
                q.append(k).append('=').append(Console.enc(v)).append('&');
            }
        });
        return q.toString();
    }

    private static FoundRow row(DecisionStore.Found f) {
        return new FoundRow(f.id(), Fmt.instant(f.createdAt()), f.actor(), f.outcome(), f.asOf().toString(), f.item() == null ? "" : f.item(),
                f.recipient() == null ? "" : f.recipient(), f.organisation() == null ? "" : f.organisation(), f.project() == null ? "" : f.project(),
                String.join("; ", f.basis()), f.worldVersion());
    }
}
