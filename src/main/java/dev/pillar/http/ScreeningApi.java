package dev.pillar.http;

import dev.pillar.app.Refusal;
import dev.pillar.app.ScreeningService;
import dev.pillar.app.port.Principal;
import dev.pillar.app.port.ScreeningStore;
import dev.pillar.codec.screening.ListReaders;
import dev.pillar.codec.screening.ScreeningJson;
import dev.pillar.codec.world.WorldDocuments;
import dev.pillar.core.screening.ListVersion;
import dev.pillar.core.screening.PartyType;
import dev.pillar.core.screening.Screening;
import dev.pillar.core.screening.Verdict;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Restricted-party screening (docs/screening.md): list versions and their import, screening a name by hand, officers'
 * verdicts on matches, and the screening cases that continuous screening opens.
 */
final class ScreeningApi {
    private final ScreeningService screening;

    ScreeningApi(ScreeningService screening) {
        this.screening = screening;
    }

    void routes(RoutesConfig r) {
        r.get("/api/v1/screening/lists", this::lists);
        r.post("/api/v1/screening/lists", this::importList);
        r.get("/api/v1/screening/check", this::check);
        r.post("/api/v1/screening/verdicts", this::verdict);
        r.get("/api/v1/screening/cases", this::cases);
    }

    private void lists(Context ctx) {
        Requests.principal(ctx);
        Requests.onlyParams(ctx);
        List<ListVersion> inForce = screening.inForce(screening.today());
        ObjectNode out = WorldDocuments.mapper().createObjectNode();
        ArrayNode a = out.putArray("versions");
        for (ListVersion v : screening.versions()) {
            ObjectNode x = ScreeningJson.version(v);
            x.put("inForce", inForce.contains(v));
            a.add(x);
        }
        Requests.json(ctx, out);
    }

    private void importList(Context ctx) {
        Principal p = Requests.principal(ctx);
        dev.pillar.app.Access.require(p, dev.pillar.app.port.Role.COMPLIANCE_OFFICER); // before reading the body
        Requests.onlyParams(ctx, "source", "published");
        String source = ctx.queryParam("source");
        if (source == null || !ListReaders.LISTS.contains(source)) {
            throw Refusal.invalid("source", "give the list as ?source=: one of " + String.join(", ", ListReaders.LISTS));
        }
        ScreeningService.Imported r = screening.importList(p, source, ctx.bodyAsBytes(), date("published", ctx.queryParam("published")), null);
        ObjectNode out = ScreeningJson.version(r.version());
        out.put("format", r.format());
        out.put("partiesScreened", r.partiesScreened());
        out.put("casesOpened", r.casesOpened());
        ctx.status(201);
        Requests.json(ctx, out);
    }

    private void check(Context ctx) {
        Principal p = Requests.principal(ctx);
        Requests.onlyParams(ctx, "name", "type", "country", "birthDate", "asOf");
        String t = ctx.queryParam("type");
        PartyType type = t == null ? PartyType.INDIVIDUAL : PartyType.parse(t);
        if (type == null || (type != PartyType.INDIVIDUAL && type != PartyType.ENTITY)) {
            throw Refusal.invalid("type", "'" + t + "' is not a party type: use individual or entity");
        }
        LocalDate day = date("asOf", ctx.queryParam("asOf"));
        day = day == null ? screening.today() : day;
        Screening s = screening.check(p, ctx.queryParam("name"), type, ctx.queryParam("country"), ctx.queryParam("birthDate"), day);
        Requests.json(ctx, Requests.readJson(ScreeningJson.screening(s, day, screening.threshold())));
    }

    private void verdict(Context ctx) {
        Principal p = Requests.principal(ctx);
        dev.pillar.app.Access.require(p, dev.pillar.app.port.Role.COMPLIANCE_OFFICER);
        JsonNode body = Requests.jsonBody(ctx);
        if (!body.isObject()) {
            throw Refusal.invalid("", "the body must be a JSON object");
        }
        for (String name : body.propertyNames()) {
            if (!List.of("party", "entry", "sameParty", "evidence", "note").contains(name)) {
                throw Refusal.invalid(name, "unknown field: use party, entry, sameParty, evidence or note");
            }
        }
        JsonNode same = body.get("sameParty");
        if (same == null || !same.isBoolean()) {
            throw Refusal.invalid("sameParty", "is required: false (not the same party: the match is cleared) or true (confirmed)");
        }
        Verdict v = screening.verdict(p, Requests.text(body, "party"), Requests.text(body, "entry"), same.asBoolean(), Requests.text(body, "evidence"), Requests.text(body, "note"));
        ObjectNode out = WorldDocuments.mapper().createObjectNode();
        out.put("id", v.id());
        out.put("party", v.partyId());
        out.put("entry", v.entryRef());
        out.put("entrySha256", v.entryDigest());
        out.put("sameParty", v.sameParty());
        out.put("evidence", v.evidence());
        out.put("decidedBy", v.decidedBy());
        out.put("at", v.at().toString());
        ctx.status(201);
        Requests.json(ctx, out);
    }

    private void cases(Context ctx) {
        Principal p = Requests.principal(ctx);
        dev.pillar.app.Access.require(p, dev.pillar.app.port.Role.COMPLIANCE_OFFICER, dev.pillar.app.port.Role.SECRETARIAT, dev.pillar.app.port.Role.ADMIN);
        Requests.onlyParams(ctx, "state", "limit", "offset");
        String state = ctx.queryParam("state");
        if (state != null && !state.equals("open") && !state.equals("closed")) {
            throw Refusal.invalid("state", "'" + state + "' is not a state: use open or closed");
        }
        ObjectNode out = WorldDocuments.mapper().createObjectNode();
        ArrayNode a = out.putArray("cases");
        int offset = Requests.intParam(ctx, "offset", 0, 0, 100_000);
        List<ScreeningStore.Alert> all = screening.alerts(state, offset + Requests.intParam(ctx, "limit", 100, 1, 1000));
        for (ScreeningStore.Alert x : all.subList(Math.min(offset, all.size()), all.size())) {
            a.add(alert(x));
        }
        Requests.json(ctx, out);
    }

    static ObjectNode alert(ScreeningStore.Alert x) {
        ObjectNode o = WorldDocuments.mapper().createObjectNode();
        o.put("id", "S-" + x.id());
        o.put("state", x.state());
        o.put("party", x.party());
        o.put("partyRole", x.partyRole());
        o.put("partyName", x.partyName());
        o.put("entry", x.entryRef());
        o.put("entryName", x.entryName());
        o.put("listVersion", x.listVersion());
        o.put("score", Math.round(x.score() * 1000) / 1000.0);
        o.put("exact", x.exact());
        o.put("openedAt", x.openedAt().toString());
        if (x.verdictId() != null) {
            o.put("verdict", x.verdictId());
        }
        return o;
    }

    private static LocalDate date(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw Refusal.invalid(field, "'" + text + "' is not a date (YYYY-MM-DD)");
        }
    }
}
