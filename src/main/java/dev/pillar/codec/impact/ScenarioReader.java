package dev.pillar.codec.impact;

import dev.pillar.codec.BadInputException;
import dev.pillar.codec.Node;
import dev.pillar.codec.world.Parsers;
import dev.pillar.codec.world.WorldLoader;
import dev.pillar.core.impact.Change;
import dev.pillar.core.impact.Recipients;
import dev.pillar.core.impact.Scenario;
import dev.pillar.core.model.Check;
import dev.pillar.core.model.Country;
import dev.pillar.core.model.Interval;
import dev.pillar.core.model.InvalidValueException;
import dev.pillar.core.model.Organisation;
import dev.pillar.core.model.SecurityLevel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads a scenario (YAML or JSON, schema {@code schema/scenario.schema.json}, documented in docs/impact.md) from a file,
 * a built-in name or a JSON body. Every error is a {@link BadInputException} naming the file, the field and the fix.
 */
public final class ScenarioReader {
    /** The scenarios shipped with Pillar, by name: {@code pillar impact korea}. */
    public static final List<String> BUILT_IN = List.of("korea", "korea-with-sharing");

    static final String[] FIELDS = {"id", "title", "description", "asOf", "source", "recipients", "changes"};
    static final String[] RECIPIENT_FIELDS = {"people", "citizenships", "organisationCountries", "organisations", "organisationKinds", "inProjects"};
    static final List<String> TYPES = List.of("admit", "equivalentTreatment", "addExcludedTechnology", "removeExcludedTechnology",
            "addLicence", "changeRelTo");

    private ScenarioReader() {}

    /** A built-in scenario name or a file path (.yaml, .yml or .json). */
    public static Scenario read(String spec) {
        if (BUILT_IN.contains(spec)) {
            return builtIn(spec);
        }
        Path p = Path.of(spec);
        if (!Files.isRegularFile(p)) {
            throw new BadInputException(spec, "", "is neither a scenario file nor a built-in scenario: give a .yaml or .json file, or one of " + BUILT_IN);
        }
        try {
            return read(spec, Files.readAllBytes(p), spec.endsWith(".json"));
        } catch (IOException e) {
            throw new BadInputException(spec, "", "cannot be read: " + e.getMessage());
        }
    }

    public static Scenario builtIn(String name) {
        String resource = "/scenarios/" + name + ".yaml";
        try (InputStream in = ScenarioReader.class.getResourceAsStream(resource)) {
            if (in == null || !BUILT_IN.contains(name)) {
                throw new BadInputException("", "scenario", "no built-in scenario '" + name + "': use one of " + BUILT_IN);
            }
            return read("built-in:" + name + ".yaml", in.readAllBytes(), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The built-in scenario's file as text, e.g. to show or download it. */
    public static String builtInText(String name) {
        try (InputStream in = ScenarioReader.class.getResourceAsStream("/scenarios/" + name + ".yaml")) {
            if (in == null || !BUILT_IN.contains(name)) {
                throw new BadInputException("", "scenario", "no built-in scenario '" + name + "': use one of " + BUILT_IN);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses the content of a scenario file; {@code location} names it in errors. */
    public static Scenario read(String location, byte[] content, boolean json) {
        JsonNode tree;
        try {
            tree = (json ? WorldLoader.json() : WorldLoader.yaml()).readTree(content);
        } catch (JacksonException e) {
            throw new BadInputException(location, "", "is not valid " + (json ? "JSON" : "YAML") + ": " + e.getOriginalMessage());
        }
        return parse(location, tree);
    }

    /** Parses a scenario held as a tree (e.g. an API body); {@code location} names it in errors ("" for a body). */
    public static Scenario parse(String location, JsonNode tree) {
        if (tree == null || !tree.isObject()) {
            throw new BadInputException(location, "", "a scenario must be an object with id, title and changes");
        }
        Node n = new Node(tree, "");
        try {
            return n.build(() -> scenario(n));
        } catch (InvalidValueException e) {
            throw new BadInputException(location, e.field(), e.problem());
        }
    }

    private static Scenario scenario(Node n) {
        n.fields(FIELDS);
        LocalDate asOf = n.dateOrNull("asOf");
        Recipients recipients = n.has("recipients") ? recipients(n.get("recipients")) : Recipients.ALL;
        List<Change> changes = n.each("changes", ScenarioReader::change);
        if (changes.isEmpty()) {
            throw new InvalidValueException("changes", "is required: a list of at least one change (" + String.join(", ", TYPES) + ")");
        }
        return new Scenario(n.text("id"), n.text("title"), n.text("description", ""), asOf, recipients, changes, Parsers.sourceOf(n));
    }

    static Recipients recipients(Node r) {
        if (r.raw().isString()) {
            if (!r.raw().asString().strip().equalsIgnoreCase("all")) {
                throw r.error("must be 'all' or an object with any of " + String.join(", ", RECIPIENT_FIELDS));
            }
            return Recipients.ALL;
        }
        r.fields(RECIPIENT_FIELDS);
        return r.build(() -> new Recipients(r.texts("people"), new HashSet<>(r.eachText("citizenships", Parsers::countryCode)),
                new HashSet<>(r.eachText("organisationCountries", Parsers::countryCode)), new HashSet<>(r.texts("organisations")),
                new HashSet<>(r.eachText("organisationKinds", ScenarioReader::kind)), new HashSet<>(r.texts("inProjects"))));
    }

    private static Organisation.Kind kind(String s) {
        for (Organisation.Kind k : Organisation.Kind.values()) {
            if (k.name().equalsIgnoreCase(s)) {
                return k;
            }
        }
        throw new InvalidValueException("organisationKinds", "'" + s + "' is not one of government, industry, academia");
    }

    private static Change change(Node c) {
        String type = c.text("type");
        switch (type) {
            case "admit" -> {
                c.fields("type", "country", "projects", "areas", "from", "until", "organisations", "source");
                Country country = Parsers.country(c, "country");
                Interval interval = dated(c);
                return new Change.Admit(country, c.texts("projects"), c.texts("areas"), interval, organisations(c, "organisations"), Parsers.sourceOf(c));
            }
            case "equivalentTreatment" -> {
                c.fields("type", "country", "from", "until", "itar", "nationalRegimes", "earLike", "authorizedUsers", "source");
                Country country = Parsers.country(c, "country");
                Interval interval = dated(c);
                Country like = c.has("earLike") ? Parsers.country(c, "earLike") : null;
                if (like != null && like.equals(country)) {
                    throw new InvalidValueException(c.get("earLike").path(), "name another country whose Country Chart rows " + country + " should get, e.g. AUS");
                }
                return new Change.EquivalentTreatment(country, interval, c.bool("itar", true), c.bool("nationalRegimes", true), like,
                        organisations(c, "authorizedUsers"), Parsers.sourceOf(c));
            }
            case "addExcludedTechnology" -> {
                c.fields("type", "entry");
                Node e = c.object("entry");
                return new Change.AddExcludedTechnology(e.build(() -> Parsers.excludedTechnology(e)));
            }
            case "removeExcludedTechnology" -> {
                c.fields("type", "id", "from");
                return new Change.RemoveExcludedTechnology(c.text("id"), c.dateOrNull("from"));
            }
            case "addLicence" -> {
                c.fields("type", "licence");
                Node l = c.object("licence");
                return new Change.AddLicence(l.build(() -> Parsers.licence(l)));
            }
            case "changeRelTo" -> {
                c.fields("type", "items", "add", "remove");
                Node g = c.object("items");
                g.fields("ids", "projects", "areas", "originators", "controls", "classifications");
                Change.ItemGroup group = g.build(() -> new Change.ItemGroup(new HashSet<>(g.texts("ids")), new HashSet<>(g.texts("projects")),
                        new HashSet<>(g.texts("areas")), new HashSet<>(g.eachText("originators", Parsers::countryCode)), controls(g),
                        new HashSet<>(g.eachText("classifications", s -> SecurityLevel.parse("classifications", s)))));
                return new Change.ChangeRelTo(group, codes(c, "add"), codes(c, "remove"));
            }
            default -> throw new InvalidValueException(c.get("type").path(), "unknown change '" + type + "': use one of " + String.join(", ", TYPES));
        }
    }

    /** A change's {@code from} (required) and {@code until}. */
    private static Interval dated(Node c) {
        LocalDate from = c.date("from");
        LocalDate until = c.dateOrNull("until");
        return c.build(() -> new Interval(from, until));
    }

    /** {@code all} (the default), {@code none} or a list of organisation ids. */
    private static Change.Organisations organisations(Node c, String name) {
        if (!c.has(name)) {
            return Change.Organisations.ALL;
        }
        Node o = c.get(name);
        if (o.raw().isString()) {
            return switch (o.raw().asString().strip().toLowerCase(Locale.ROOT)) {
                case "all" -> Change.Organisations.ALL;
                case "none" -> Change.Organisations.NONE;
                default -> throw o.error("must be 'all', 'none' or a list of organisation ids");
            };
        }
        if (!o.raw().isArray()) {
            throw o.error("must be 'all', 'none' or a list of organisation ids");
        }
        List<String> ids = c.texts(name);
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            try {
                Check.id(name, id);
            } catch (InvalidValueException e) {
                throw new InvalidValueException(o.path() + "[" + i + "]", e.problem());
            }
        }
        return new Change.Organisations(false, ids);
    }

    private static List<String> controls(Node g) {
        return g.eachText("controls", s -> {
            String t = s.toUpperCase(Locale.ROOT);
            String regime = t.contains(":") ? t.substring(0, t.indexOf(':')) : t;
            if (!List.of("ITAR", "EAR", "GBR", "AUS", "NONE").contains(regime)) {
                throw new InvalidValueException("controls", "'" + s + "' is not a control: use ITAR, ITAR:XI, ITAR:XI(d), EAR, EAR:3E001, GBR, AUS or NONE");
            }
            return regime + s.substring(regime.length());
        });
    }

    /** REL TO codes, upper-cased. */
    private static List<String> codes(Node c, String name) {
        return c.eachText(name, s -> s.toUpperCase(Locale.ROOT));
    }
}
