package dev.pillar.http;

import dev.pillar.app.Access;
import dev.pillar.app.Refusal;
import dev.pillar.app.WorldService;
import dev.pillar.app.port.Principal;
import dev.pillar.app.port.Role;
import dev.pillar.codec.BadInputException;
import dev.pillar.codec.label.LabelXml;
import dev.pillar.codec.label.SpifReader;
import dev.pillar.codec.world.WorldDocuments;
import dev.pillar.core.label.Clearance;
import dev.pillar.core.label.Label;
import dev.pillar.core.label.MarkingCode;
import dev.pillar.core.label.PolicyRegistry;
import dev.pillar.core.label.SecurityPolicy;
import dev.pillar.core.model.InvalidValueException;
import dev.pillar.core.rules.NationalPolicy;
import dev.pillar.core.world.LabelReaders;
import dev.pillar.core.world.World;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The label operations under {@code /api/v1/labels}: the world's national SPIFs, and validate, mark, the access control
 * decision, translate and readers for a label (or clearance) sent as XML in a JSON body. The operations use the world's
 * national SPIFs and any SPIFs sent with the request ({@code spifs}); nothing is stored.
 */
final class LabelsApi {
    private final WorldService worlds;

    LabelsApi(WorldService worlds) {
        this.worlds = worlds;
    }

    void routes(RoutesConfig r) {
        r.get("/api/v1/labels/policies", this::policies);
        r.post("/api/v1/labels/validate", this::validate);
        r.post("/api/v1/labels/mark", this::mark);
        r.post("/api/v1/labels/acdf", this::acdf);
        r.post("/api/v1/labels/translate", this::translate);
        r.post("/api/v1/labels/readers", this::readers);
    }

    /** A label operation's body: its fields, checked against those the operation takes. */
    private record Body(JsonNode node) {
        static Body of(Context ctx, String... allowed) {
            JsonNode n = Requests.jsonBody(ctx);
            if (!n.isObject()) {
                throw Refusal.invalid("", "the body must be a JSON object with fields " + String.join(", ", allowed));
            }
            Set<String> ok = Set.of(allowed);
            for (String name : n.propertyNames()) {
                if (!ok.contains(name)) {
                    throw Refusal.invalid(name, "unknown field: remove it or use " + new TreeSet<>(ok));
                }
            }
            return new Body(n);
        }

        String text(String name, boolean required) {
            JsonNode v = node.get(name);
            if (v == null || v.isNull()) {
                if (required) {
                    throw Refusal.invalid(name, "is required");
                }
                return null;
            }
            if (!v.isString()) {
                throw Refusal.invalid(name, "must be a string");
            }
            return v.asString();
        }
    }

    /** The world's national SPIFs and the SPIFs of the request. */
    private PolicyRegistry policies(Body b, World world) {
        List<SecurityPolicy> all = new ArrayList<>(world.rules().policies().stream().map(NationalPolicy::policy).toList());
        JsonNode spifs = b.node().get("spifs");
        if (spifs != null && !spifs.isNull()) {
            if (!spifs.isArray()) {
                throw Refusal.invalid("spifs", "must be a list of Open XML SPIF documents (strings)");
            }
            for (int i = 0; i < spifs.size(); i++) {
                JsonNode s = spifs.get(i);
                if (!s.isString()) {
                    throw Refusal.invalid("spifs[" + i + "]", "must be a string holding an Open XML SPIF");
                }
                try {
                    all.add(SpifReader.read(s.asString().getBytes(StandardCharsets.UTF_8), "spifs[" + i + "]").policy());
                } catch (BadInputException e) {
                    throw Refusal.invalid("spifs[" + i + "]", e.getMessage());
                }
            }
        }
        try {
            return new PolicyRegistry(all);
        } catch (InvalidValueException e) {
            throw Refusal.invalid("spifs", e.problem());
        }
    }

    private static Label label(Body b, String field, PolicyRegistry reg) {
        String xml = b.text(field, true);
        try {
            return LabelXml.readLabel(xml.getBytes(StandardCharsets.UTF_8), field, reg);
        } catch (BadInputException e) {
            throw Refusal.invalid(field, e.getMessage());
        }
    }

    private static Clearance clearance(Body b, PolicyRegistry reg) {
        String xml = b.text("clearance", true);
        try {
            return LabelXml.readClearance(xml.getBytes(StandardCharsets.UTF_8), "clearance", reg);
        } catch (BadInputException e) {
            throw Refusal.invalid("clearance", e.getMessage());
        }
    }

    /** Runs an operation; a value it refuses (another policy, no equivalence) is a 400 on {@code field}. */
    private static <T> T operation(String field, Supplier<T> f) {
        try {
            return f.get();
        } catch (InvalidValueException e) {
            throw Refusal.invalid(field, e.problem());
        }
    }

    private static ObjectNode object() {
        return WorldDocuments.mapper().createObjectNode();
    }

    private static ObjectNode policyRef(ObjectNode o, SecurityPolicy p) {
        o.put("id", p.id());
        o.put("name", p.name());
        return o;
    }

    private static void validity(ObjectNode o, SecurityPolicy.Validity v) {
        o.put("valid", v.valid());
        ArrayNode problems = o.putArray("problems");
        v.problems().forEach(problems::add);
    }

    // ---- operations ---------------------------------------------------------------------------------------------------

    private void policies(Context ctx) {
        Requests.principal(ctx);
        ArrayNode out = WorldDocuments.mapper().createArrayNode();
        for (NationalPolicy np : worlds.current().world().rules().policies()) {
            ObjectNode o = policyRef(out.addObject(), np.policy());
            o.put("scheme", np.scheme());
            o.put("illustrative", np.illustrative());
            o.put("source", np.source().toString());
            ArrayNode cls = o.putArray("classifications");
            for (SecurityPolicy.Classification c : np.policy().classifications()) {
                ObjectNode x = cls.addObject();
                x.put("name", c.name());
                x.put("lacv", c.lacv());
                x.put("colour", c.colour());
                x.put("requiresClearance", !np.withoutClearance().contains(c.name()));
            }
            ArrayNode sets = o.putArray("tagSets");
            for (SecurityPolicy.TagSet ts : np.policy().tagSets()) {
                ObjectNode x = sets.addObject();
                x.put("id", ts.id());
                x.put("name", ts.name());
                x.put("categories", ts.tags().stream().mapToInt(t -> t.categories().size()).sum());
            }
        }
        Requests.json(ctx, out);
    }

    private void validate(Context ctx) {
        Requests.principal(ctx);
        Body b = Body.of(ctx, "label", "spifs");
        Label l = label(b, "label", policies(b, worlds.current().world()));
        ObjectNode out = object();
        policyRef(out.putObject("policy"), l.policy());
        validity(out, l.policy().validate(l));
        out.put("marking", l.policy().marking(l, ""));
        Requests.json(ctx, out);
    }

    private void mark(Context ctx) {
        Requests.principal(ctx);
        Body b = Body.of(ctx, "label", "clearance", "lang", "location", "spifs");
        PolicyRegistry reg = policies(b, worlds.current().world());
        String lang = b.text("lang", false);
        String loc = b.text("location", false);
        MarkingCode location = loc == null ? MarkingCode.PAGE_BOTTOM : MarkingCode.location(loc);
        if (location == null) {
            throw Refusal.invalid("location", "'" + loc + "' is not a location: use pageBottom, pageTop, documentStart or documentEnd");
        }
        boolean hasLabel = b.node().hasNonNull("label");
        if (hasLabel == b.node().hasNonNull("clearance")) {
            throw Refusal.invalid("label", "send either a label or a clearance");
        }
        ObjectNode out = object();
        if (hasLabel) {
            Label l = label(b, "label", reg);
            policyRef(out.putObject("policy"), l.policy());
            out.put("marking", l.policy().marking(l, lang == null ? "" : lang, location));
        } else {
            Clearance c = clearance(b, reg);
            policyRef(out.putObject("policy"), c.policy());
            out.put("marking", c.policy().marking(c, lang == null ? "" : lang));
        }
        Requests.json(ctx, out);
    }

    private void acdf(Context ctx) {
        Requests.principal(ctx);
        Body b = Body.of(ctx, "label", "clearance", "spifs");
        PolicyRegistry reg = policies(b, worlds.current().world());
        Label l = label(b, "label", reg);
        Clearance c = clearance(b, reg);
        ObjectNode out = object();
        if (l.policy() != c.policy()) {
            out.put("translatedFrom", l.policy().id());
            Label source = l;
            l = operation("label", () -> reg.translate(source, c.policy().id()));
        }
        SecurityPolicy.Access a = c.policy().access(l, c);
        out.put("granted", a.granted());
        ArrayNode reasons = out.putArray("reasons");
        a.reasons().forEach(reasons::add);
        policyRef(out.putObject("policy"), c.policy());
        out.put("labelMarking", l.policy().marking(l, ""));
        out.put("clearanceMarking", c.policy().marking(c, ""));
        Requests.json(ctx, out);
    }

    private void translate(Context ctx) {
        Requests.principal(ctx);
        Body b = Body.of(ctx, "label", "to", "syntax", "lang", "spifs");
        PolicyRegistry reg = policies(b, worlds.current().world());
        String to = b.text("to", true);
        String s = b.text("syntax", false);
        LabelXml.Syntax syntax = s == null ? LabelXml.Syntax.SIMPLE : LabelXml.Syntax.named(s);
        if (syntax == null) {
            throw Refusal.invalid("syntax", "'" + s + "' is not a syntax: use simple or 4774");
        }
        String lang = b.text("lang", false);
        Label l = label(b, "label", reg);
        Label t = operation("to", () -> reg.translate(l, to));
        ObjectNode out = object();
        policyRef(out.putObject("from"), l.policy());
        policyRef(out.putObject("policy"), t.policy());
        out.put("marking", t.policy().marking(t, lang == null ? "" : lang));
        validity(out, t.policy().validate(t));
        out.put("label", operation("syntax", () -> LabelXml.write(t, syntax)));
        Requests.json(ctx, out);
    }

    private void readers(Context ctx) {
        Principal p = Requests.principal(ctx);
        Access.require(p, Role.ADMIN, Role.SECRETARIAT, Role.COMPLIANCE_OFFICER, Role.DELEGATE);
        Body b = Body.of(ctx, "label", "asOf");
        World world = worlds.current().world();
        String asOf = b.text("asOf", false);
        LocalDate day;
        try {
            day = asOf == null ? worlds.clock().today() : LocalDate.parse(asOf);
        } catch (DateTimeParseException e) {
            throw Refusal.invalid("asOf", "'" + asOf + "' is not a date: write YYYY-MM-DD");
        }
        Label l = label(b, "label", policies(b, world));
        ObjectNode out = readersJson(world, l, day);
        Requests.json(ctx, out);
    }

    /** The answer of {@code readers}: the label's policy, validity and marking, and every person with their answer. */
    static ObjectNode readersJson(World world, Label l, LocalDate day) {
        List<LabelReaders.Reader> readers = operation("label", () -> LabelReaders.readers(world, l, day));
        ObjectNode out = object();
        policyRef(out.putObject("policy"), l.policy());
        out.put("marking", l.policy().marking(l, ""));
        validity(out, l.policy().validate(l));
        out.put("asOf", day.toString());
        ArrayNode people = out.putArray("readers");
        for (LabelReaders.Reader r : readers) {
            ObjectNode o = people.addObject();
            o.put("person", r.person().id());
            o.put("name", r.person().name());
            o.put("granted", r.granted());
            ArrayNode reasons = o.putArray("reasons");
            r.reasons().forEach(reasons::add);
        }
        return out;
    }
}
