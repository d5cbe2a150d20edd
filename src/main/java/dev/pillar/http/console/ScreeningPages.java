package dev.pillar.http.console;

import dev.pillar.app.Refusal;
import dev.pillar.app.ScreeningService;
import dev.pillar.app.port.Role;
import dev.pillar.app.port.ScreeningStore;
import dev.pillar.codec.screening.ListReaders;
import dev.pillar.core.screening.Hit;
import dev.pillar.core.screening.ListVersion;
import dev.pillar.core.screening.PartyType;
import dev.pillar.core.screening.Screening;
import dev.pillar.http.console.ScreeningViews.CaseRow;
import dev.pillar.http.console.ScreeningViews.HitRow;
import dev.pillar.http.console.ScreeningViews.ScreeningPage;
import dev.pillar.http.console.ScreeningViews.VersionRow;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /screening} (docs/screening.md): the list versions stored and which is in force, screening a name by hand (its
 * hits with list, entry, matched names and score), the open screening cases that continuous screening opened, and for
 * compliance officers the import of a list file and the verdict on a match ("not the same party", with evidence).
 * Server-rendered forms; no JavaScript needed.
 */
final class ScreeningPages {
    private final Console console;
    private final ScreeningService screening;

    ScreeningPages(Console console, ScreeningService screening) {
        this.console = console;
        this.screening = screening;
    }

    void routes(RoutesConfig r) {
        r.get("/screening", console.page(this::page));
        r.post("/screening/import", console.page(this::importList));
        r.post("/screening/verdicts", console.page(this::verdict));
    }

    private void page(Context ctx, Sessions.Session s) {
        Map<String, String> values = new LinkedHashMap<>();
        ctx.queryParamMap().forEach((k, v) -> {
            if (!v.isEmpty()) {
                values.put(k, v.getFirst().strip());
            }
        });
        Map<String, String> errors = new LinkedHashMap<>();
        List<HitRow> hits = null;
        String against = null;
        boolean canCheck = s.principal().is(Role.COMPLIANCE_OFFICER, Role.SECRETARIAT, Role.ADMIN);
        if (canCheck && !values.getOrDefault("name", "").isEmpty()) {
            try {
                PartyType type = PartyType.parse(values.getOrDefault("type", "individual"));
                LocalDate day = date(values.get("asOf"), "asOf");
                Screening r = screening.check(s.principal(), values.get("name"), type == PartyType.ENTITY ? PartyType.ENTITY : PartyType.INDIVIDUAL,
                        values.getOrDefault("country", "").toUpperCase(Locale.ROOT), values.get("birthDate"), day == null ? screening.today() : day);
                hits = r.hits().stream().map(ScreeningPages::hit).toList();
                against = r.versions().isEmpty() ? "no list (none was published by that date)"
                        : String.join(", ", r.versions().stream().map(ListVersion::label).toList());
            } catch (Refusal e) {
                errors.put(e.field() == null ? "" : e.field(), e.getMessage());
            }
        }
        render(ctx, s, values, errors, null, hits, against, errors.isEmpty() ? 200 : 400);
    }

    private void render(Context ctx, Sessions.Session s, Map<String, String> values, Map<String, String> errors, String notice, List<HitRow> hits,
                        String against, int status) {
        List<ListVersion> inForce = screening.inForce(screening.today());
        List<VersionRow> versions = screening.versions().stream().map(v -> new VersionRow(v.version(), v.list(), v.published().toString(), v.entries(),
                Fmt.instant(v.importedAt()), v.importedBy(), inForce.contains(v))).toList().reversed();
        boolean officer = s.principal().is(Role.COMPLIANCE_OFFICER);
        boolean canCheck = s.principal().is(Role.COMPLIANCE_OFFICER, Role.SECRETARIAT, Role.ADMIN);
        List<CaseRow> cases = canCheck ? screening.alerts("open", 200).stream().map(ScreeningPages::caseRow).toList() : List.of();
        ctx.status(status);
        console.render(ctx, "screening.jte", console.page(s, "Screening", "screening"), "view",
                new ScreeningPage(versions, cases, officer, canCheck, values, errors, notice, hits, against));
    }

    private void importList(Context ctx, Sessions.Session s) throws IOException {
        Map<String, String> values = form(ctx);
        if (!s.principal().is(Role.COMPLIANCE_OFFICER)) {
            console.forbidden(ctx, s, "Only a compliance officer imports a list.");
            return;
        }
        Map<String, String> errors = new LinkedHashMap<>();
        String source = values.getOrDefault("source", "");
        UploadedFile file = ctx.uploadedFile("file");
        if (!ListReaders.LISTS.contains(source)) {
            errors.put("source", "choose the list: " + String.join(", ", ListReaders.LISTS));
        }
        if (file == null || file.size() == 0) {
            errors.put("file", "choose the list file to import");
        }
        String notice = null;
        if (errors.isEmpty()) {
            try (InputStream in = file.content()) {
                ScreeningService.Imported r = screening.importList(s.principal(), source, in.readAllBytes(), date(values.get("published"), "published"), null);
                notice = "Imported " + r.version().label() + ": " + String.format(Locale.ROOT, "%,d", r.version().entries()) + " entries ("
                        + r.format() + "); re-screened " + r.partiesScreened() + " parties, " + r.casesOpened() + " screening cases opened.";
            } catch (Refusal e) {
                errors.put(e.field() == null || e.field().isEmpty() ? "file" : e.field(), e.getMessage());
            }
        }
        render(ctx, s, values, errors, notice, null, null, errors.isEmpty() ? 200 : 422);
    }

    private void verdict(Context ctx, Sessions.Session s) {
        Map<String, String> values = form(ctx);
        if (!s.principal().is(Role.COMPLIANCE_OFFICER)) {
            console.forbidden(ctx, s, "Only a compliance officer records a verdict on a match.");
            return;
        }
        Map<String, String> errors = new LinkedHashMap<>();
        String notice = null;
        String same = values.getOrDefault("sameParty", "");
        if (!same.equals("true") && !same.equals("false")) {
            errors.put("sameParty", "say whether it is the same party (confirmed) or not (cleared)");
        } else {
            try {
                var v = screening.verdict(s.principal(), values.get("party"), values.get("entry"), same.equals("true"), values.get("evidence"), values.get("note"));
                notice = "Verdict " + v.id() + " recorded: " + v.partyId() + " is " + (v.sameParty() ? "" : "not ") + "the party of " + v.entryRef() + ".";
            } catch (Refusal e) {
                errors.put(e.field() == null ? "" : e.field(), e.getMessage());
            }
        }
        render(ctx, s, values, errors, notice, null, null, errors.isEmpty() ? 200 : 422);
    }

    private static Map<String, String> form(Context ctx) {
        Map<String, String> values = new LinkedHashMap<>();
        ctx.formParamMap().forEach((k, list) -> {
            if (!k.equals("csrf") && !list.isEmpty()) {
                values.put(k, list.getFirst().strip());
            }
        });
        return values;
    }

    private static LocalDate date(String text, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw Refusal.invalid(field, "'" + text + "' is not a date (YYYY-MM-DD)");
        }
    }

    private static HitRow hit(Hit h) {
        return new HitRow(h.scoreText(), h.exact(), h.version().label(), h.entry().source(), h.entry().id(), h.entryName(), h.partyName(),
                String.join(", ", h.entry().programs()), String.join(", ", h.entry().countries().stream().sorted().toList()));
    }

    private static CaseRow caseRow(ScreeningStore.Alert a) {
        return new CaseRow(a.id(), a.party(), a.partyRole(), a.partyName(), a.entryRef(), a.entryName(), a.listVersion(),
                String.format(Locale.ROOT, "%.3f", a.score()), a.exact(), Fmt.instant(a.openedAt()));
    }
}
