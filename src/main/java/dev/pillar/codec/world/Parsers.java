package dev.pillar.codec.world;

import dev.pillar.codec.BadInputException;
import dev.pillar.codec.Node;
import dev.pillar.codec.label.SpifReader;
import dev.pillar.core.model.Area;
import dev.pillar.core.model.Candidate;
import dev.pillar.core.model.Clearance;
import dev.pillar.core.model.Coalition;
import dev.pillar.core.model.CoreMember;
import dev.pillar.core.model.Country;
import dev.pillar.core.model.ExportControl;
import dev.pillar.core.model.Interval;
import dev.pillar.core.model.InvalidValueException;
import dev.pillar.core.model.Item;
import dev.pillar.core.model.Determination;
import dev.pillar.core.model.Licence;
import dev.pillar.core.model.MemberKey;
import dev.pillar.core.model.Organisation;
import dev.pillar.core.model.Participation;
import dev.pillar.core.model.Partnership;
import dev.pillar.core.model.Person;
import dev.pillar.core.model.Pillar;
import dev.pillar.core.model.Project;
import dev.pillar.core.model.Releasability;
import dev.pillar.core.model.SecurityLevel;
import dev.pillar.core.model.Source;
import dev.pillar.core.model.Stage;
import dev.pillar.core.decision.DecisionLayers;
import dev.pillar.core.rules.AukusExemption;
import dev.pillar.core.rules.ClassificationScheme;
import dev.pillar.core.rules.CountryChartEntry;
import dev.pillar.core.rules.DeniedCountry;
import dev.pillar.core.rules.DualNationalRule;
import dev.pillar.core.rules.Eccn;
import dev.pillar.core.rules.Equivalence;
import dev.pillar.core.rules.ExcludedTechnology;
import dev.pillar.core.rules.NationalPolicy;
import dev.pillar.core.rules.NationalRegime;
import dev.pillar.core.rules.Obligation;
import dev.pillar.core.rules.RuleCatalog;
import dev.pillar.core.rules.RulePack;
import dev.pillar.core.screening.ListRule;
import dev.pillar.core.screening.ScreeningRules;
import dev.pillar.core.rules.ValueThreshold;
import dev.pillar.crypto.Ed25519Keys;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Reads the core's values from {@link Node}s: the one place that knows the file and request field names. */
public final class Parsers {
    private Parsers() {}

    public static Country country(Node n, String name) {
        return n.parse(name, Parsers::countryCode);
    }

    public static Country countryCode(String s) {
        return Country.of(s.toUpperCase(Locale.ROOT));
    }

    public static Source source(Node n) {
        n.fields("title", "citation", "date", "url");
        return n.build(() -> new Source(n.text("title"), n.text("citation", ""), n.dateOrNull("date"), n.text("url", null)));
    }

    public static Source sourceOf(Node parent) {
        return parent.has("source") ? source(parent.get("source")) : null;
    }

    public static Interval interval(Node n) {
        LocalDate from = n.has("from") ? n.date("from") : LocalDate.MIN;
        LocalDate until = n.dateOrNull("until");
        return n.build(() -> new Interval(from, until));
    }

    public static <E extends Enum<E>> E enumOf(Node n, String name, Class<E> type) {
        return enumValue(n.get(name).path(), n.text(name), type);
    }

    /** An enum constant written in lower case with dashes for underscores, e.g. {@code case-by-case}. */
    static <E extends Enum<E>> E enumValue(String path, String text, Class<E> type) {
        String s = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(s)) {
                return e;
            }
        }
        throw new InvalidValueException(path, "'" + text + "' is not one of "
                + List.of(type.getEnumConstants()).toString().toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    // ---- partnership ------------------------------------------------------------------------------------------------

    public static Partnership partnership(Node n) {
        n.fields("name", "coreMembers", "stages", "areas", "projects", "candidates", "memberKeys");
        List<CoreMember> core = n.each("coreMembers", m -> {
            m.fields("country", "from", "until", "source");
            return new CoreMember(country(m, "country"), interval(m), sourceOf(m));
        });
        List<Stage> stages = n.each("stages", s -> {
            s.fields("id", "name", "order", "description");
            long order = s.whole("order", 0);
            if (order < 0 || order > 1000) {
                throw new InvalidValueException(s.get("order").path(), "must be between 0 and 1000, was " + order);
            }
            return new Stage(s.text("id"), s.text("name"), (int) order, s.text("description", ""));
        });
        List<Area> areas = n.each("areas", a -> {
            a.fields("id", "name", "kind", "source");
            return new Area(a.text("id"), a.text("name"), enumOf(a, "kind", Area.Kind.class), sourceOf(a));
        });
        List<Project> projects = n.each("projects", p -> {
            p.fields("id", "name", "pillar", "area", "participants");
            return new Project(p.text("id"), p.text("name"), p.parse("pillar", s -> Pillar.parse("pillar", s)), p.text("area", null),
                    p.each("participants", q -> {
                        q.fields("country", "from", "until", "source");
                        return new Participation(country(q, "country"), interval(q), sourceOf(q));
                    }));
        });
        List<Candidate> candidates = n.each("candidates", c -> {
            c.fields("country", "history");
            return new Candidate(country(c, "country"), c.each("history", h -> {
                h.fields("stage", "date", "source", "projects", "note");
                return new Candidate.StageEntry(h.text("stage"), h.date("date"), source(h.get("source")), h.texts("projects"), h.text("note", ""));
            }));
        });
        List<MemberKey> keys = n.each("memberKeys", Parsers::memberKey);
        return n.build(() -> new Partnership(n.text("name"), core, areas, projects, stages, candidates, keys));
    }

    /** A member's public key: {@code x} must be an Ed25519 public key and {@code kid} its RFC 7638 thumbprint. */
    public static MemberKey memberKey(Node k) {
        k.fields("country", "kid", "x", "from", "until", "source");
        String x = k.text("x");
        try {
            Ed25519Keys.publicKey(x);
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException(k.get("x").path(), e.getMessage() + ": give the key's JWK x (pillar governance keygen prints it)");
        }
        String kid = k.text("kid");
        String thumbprint = Ed25519Keys.thumbprint(x);
        if (!kid.equals(thumbprint)) {
            throw new InvalidValueException(k.get("kid").path(), "'" + kid + "' is not the thumbprint of x: use " + thumbprint);
        }
        return k.build(() -> new MemberKey(country(k, "country"), kid, x, interval(k), sourceOf(k)));
    }

    public static Coalition coalition(Node c) {
        c.fields("code", "name", "members", "source");
        return new Coalition(c.text("code"), c.text("name"), c.each("members", m -> {
            m.fields("country", "from", "until");
            return new Coalition.Membership(country(m, "country"), interval(m));
        }), sourceOf(c));
    }

    // ---- organisations, people, items, licences ---------------------------------------------------------------------

    public static final String[] ORGANISATION_FIELDS = {"id", "name", "country", "kind", "fictional", "ddtcRegistered", "authorizedUser", "projects"};

    public static Organisation organisation(Node o) {
        o.fields(ORGANISATION_FIELDS);
        Organisation.Registration ddtc = registration(o, "ddtcRegistered");
        Organisation.Registration au = registration(o, "authorizedUser");
        List<Organisation.ProjectRole> projects = o.has("projects") ? o.each("projects", r -> {
            if (r.raw().isString()) {
                return new Organisation.ProjectRole(r.raw().asString(), Interval.ALWAYS);
            }
            r.fields("project", "from", "until");
            return new Organisation.ProjectRole(r.text("project"), interval(r));
        }) : null;
        return new Organisation(o.text("id", null), o.text("name", null), country(o, "country"),
                enumOf(o, "kind", Organisation.Kind.class), o.bool("fictional", false), ddtc, au, projects);
    }

    /** A registration: {@code true}/{@code false} (inline requests: in force on every day), or an object with dates. */
    private static Organisation.Registration registration(Node o, String name) {
        if (!o.has(name)) {
            return null;
        }
        Node r = o.get(name);
        if (r.raw().isBoolean()) {
            return r.raw().booleanValue() ? new Organisation.Registration("", Interval.ALWAYS, null) : null;
        }
        r.fields("reference", "from", "until", "source");
        return r.build(() -> new Organisation.Registration(r.text("reference", ""), interval(r), sourceOf(r)));
    }

    public static final String[] PERSON_FIELDS = {"id", "name", "citizenships", "formerCitizenships", "residencies", "location", "organisation",
            "clearance", "fictional"};

    public static Person person(Node p, Function<Node, Organisation> organisation) {
        p.fields(PERSON_FIELDS);
        Clearance clearance = null;
        if (p.has("clearance")) {
            Node c = p.get("clearance");
            if (c.raw().isString()) {
                clearance = new Clearance(p.parse("clearance", s -> SecurityLevel.parse("clearance", s)), Interval.ALWAYS);
            } else {
                c.fields("level", "from", "until");
                SecurityLevel level = c.parse("level", s -> SecurityLevel.parse("level", s));
                clearance = c.build(() -> new Clearance(level, interval(c)));
            }
        }
        Clearance cl = clearance;
        Organisation org = organisation.apply(p.get("organisation"));
        return new Person(p.text("id", null), p.text("name", null), new HashSet<>(p.eachText("citizenships", Parsers::countryCode)),
                new HashSet<>(p.eachText("residencies", Parsers::countryCode)), country(p, "location"), org, cl, p.bool("fictional", false),
                new HashSet<>(p.eachText("formerCitizenships", Parsers::countryCode)));
    }

    public static final String[] ITEM_FIELDS = {"id", "title", "originator", "classification", "releasableTo", "noforn", "control",
            "technologies", "area", "project", "valueUsd"};

    public static Item item(Node i) {
        return item(i, null);
    }

    /**
     * Label values parsed once per distinct text and shared by the items of one load: a catalogue of a million items
     * has a few hundred distinct classifications, markings, controls and tag sets. A text that fails to parse is not
     * remembered, so every item with it is refused with its own path.
     */
    public static final class Labels {
        private final Map<String, Country> countries = new HashMap<>();
        private final Map<String, SecurityLevel> levels = new HashMap<>();
        private final Map<String, ExportControl> controls = new HashMap<>();
        private final Map<List<String>, Releasability> relTo = new HashMap<>();
        private final Map<List<String>, Set<String>> tags = new HashMap<>();
        private final Map<String, String> ids = new HashMap<>();
        private Releasability noforn;

        String id(String s) {
            return s == null ? null : ids.computeIfAbsent(s, k -> k);
        }
    }

    /** An item; {@code shared} (may be null) remembers parsed label values between the items of one load. */
    public static Item item(Node i, Labels shared) {
        i.fields(ITEM_FIELDS);
        boolean noforn = i.bool("noforn", false);
        List<String> rel = i.texts("releasableTo");
        Releasability marking = i.build(() -> shared == null ? new Releasability(noforn, rel)
                : noforn && rel.isEmpty() ? (shared.noforn != null ? shared.noforn : (shared.noforn = new Releasability(true, rel)))
                : noforn ? new Releasability(true, rel) : shared.relTo.computeIfAbsent(rel, k -> new Releasability(false, k)));
        Country originator = shared == null ? country(i, "originator") : i.parse("originator", s -> shared.countries.computeIfAbsent(s, Parsers::countryCode));
        SecurityLevel classification = i.parse("classification", s -> shared == null ? SecurityLevel.parse("classification", s)
                : shared.levels.computeIfAbsent(s, k -> SecurityLevel.parse("classification", k)));
        ExportControl control = i.parse("control", s -> shared == null ? ExportControl.parse("control", s)
                : shared.controls.computeIfAbsent(s, k -> ExportControl.parse("control", k)));
        List<String> tagList = i.texts("technologies");
        Set<String> technologies = shared == null ? new HashSet<>(tagList)
                : shared.tags.computeIfAbsent(tagList, k -> Set.copyOf(new HashSet<>(k)));
        String area = i.text("area", null);
        String project = i.text("project", null);
        return new Item(i.text("id", null), i.text("title", null), originator, classification, marking, control, technologies,
                shared == null ? area : shared.id(area), shared == null ? project : shared.id(project), i.whole("valueUsd", 0));
    }

    public static Licence licence(Node l) {
        l.fields("number", "type", "regime", "parties", "covers", "countries", "projects", "from", "until", "valueCapUsd",
                "classified", "provisos", "source");
        return new Licence(l.text("number"), l.text("type"), l.text("regime").toUpperCase(Locale.ROOT), l.texts("parties"), l.texts("covers"),
                new HashSet<>(l.eachText("countries", Parsers::countryCode)), new HashSet<>(l.texts("projects")), interval(l),
                l.wholeOrNull("valueCapUsd"), l.bool("classified", false), l.texts("provisos"), sourceOf(l));
    }

    /** A compliance officer's determination (see {@link Determination}); {@code recordedBy} is who recorded it. */
    public static Determination determination(Node d) {
        d.fields("id", "rule", "person", "organisation", "item", "from", "until", "checked", "evidence", "recordedBy");
        return new Determination(d.text("id"), d.text("rule"), d.text("person", null), d.text("organisation", null), d.text("item", null),
                interval(d), d.texts("checked"), d.text("evidence"), d.text("recordedBy"));
    }

    // ---- rules ----------------------------------------------------------------------------------------------------

    /**
     * Rule data whose catalogue cites every rule id the engine reports (and, with a screening section, every rule id of
     * the screening layer).
     */
    public static RulePack catalogued(Node n) {
        RulePack r = rules(n);
        r.catalog().requireAll(DecisionLayers.ruleIds());
        if (r.screening() != null) {
            r.catalog().requireAll(DecisionLayers.screeningRuleIds());
        }
        return r;
    }

    public static RulePack rules(Node r) {
        r.fields("illustrative", "note", "catalog", "classification", "itar", "ear", "nationalRegimes", "recordKeeping", "screening");
        r.bool("illustrative", false);
        r.text("note", "");
        RuleCatalog catalog = r.build(() -> new RuleCatalog(r.each("catalog", e -> {
            e.fields("id", "title", "citation", "source");
            return new RuleCatalog.Entry(e.text("id"), e.text("title"), e.text("citation"), sourceOf(e));
        })));
        Node cls = r.object("classification").fields("policies", "schemes", "equivalences");
        List<NationalPolicy> policies = cls.each("policies", Parsers::nationalPolicy);
        List<ClassificationScheme> schemes = cls.each("schemes", s -> {
            s.fields("id", "name", "levels", "source");
            return new ClassificationScheme(s.text("id"), s.text("name"), s.each("levels", l -> {
                l.fields("name", "requiresClearance");
                return new ClassificationScheme.Level(l.text("name").toUpperCase(Locale.ROOT).replace('_', ' '), l.bool("requiresClearance", true));
            }), sourceOf(s));
        });
        List<Equivalence> equivalences = cls.each("equivalences", e -> {
            e.fields("id", "levels", "from", "until", "source");
            return new Equivalence(e.text("id"), e.eachText("levels", s -> SecurityLevel.parse("levels", s)), interval(e), sourceOf(e));
        });
        Node itar = r.object("itar").fields("deniedCountries", "dualNationals", "aukusExemption", "excludedTechnology");
        List<DeniedCountry> denied = itar.each("deniedCountries", d -> {
            d.fields("country", "policy", "from", "until", "source");
            DeniedCountry.Policy policy = d.has("policy") ? enumOf(d, "policy", DeniedCountry.Policy.class) : DeniedCountry.Policy.DENIAL;
            return new DeniedCountry(country(d, "country"), policy, interval(d), sourceOf(d));
        });
        List<DualNationalRule> dual = itar.each("dualNationals", d -> {
            d.fields("id", "from", "until", "classified", "employerCountries", "employers", "thirdCountryNationals", "employerNationality", "obligations", "source");
            Set<DualNationalRule.Employer> employers = new HashSet<>(d.eachText("employers",
                    x -> enumValue(d.path() + ".employers", x, DualNationalRule.Employer.class)));
            return new DualNationalRule(d.text("id"), interval(d), d.bool("classified", false),
                    new HashSet<>(d.eachText("employerCountries", Parsers::countryCode)),
                    employers.isEmpty() ? DualNationalRule.Employer.DEFAULT : employers, d.bool("thirdCountryNationals", false),
                    d.bool("employerNationality", false), obligations(d), sourceOf(d));
        });
        List<AukusExemption> exemptions = itar.each("aukusExemption", e -> {
            e.fields("id", "from", "until", "territory", "valueThresholdUsd", "valueThresholds", "eligibleParties", "conditions", "obligations", "source");
            Set<AukusExemption.Party> parties = !e.has("eligibleParties") ? AukusExemption.UNNAMED_PARTIES
                    : new HashSet<>(e.eachText("eligibleParties", x -> enumValue(e.path() + ".eligibleParties", x, AukusExemption.Party.class)));
            Node c = e.object("conditions").fields("territory", "parties", "excludedTechnology", "value");
            AukusExemption.Conditions conditions = c.build(() -> new AukusExemption.Conditions(c.text("territory"), c.text("parties"),
                    c.text("excludedTechnology"), c.text("value")));
            if (e.has("valueThresholdUsd") == e.has("valueThresholds")) {
                throw new InvalidValueException(e.path() + ".valueThresholds", "give the 22 CFR 123.15 amounts as valueThresholds (or one amount as valueThresholdUsd), not both or neither");
            }
            Set<Country> territory = new HashSet<>(e.eachText("territory", Parsers::countryCode));
            if (e.has("valueThresholdUsd")) {
                long usd = e.whole("valueThresholdUsd");
                return e.build(() -> { AukusExemption x = new AukusExemption(e.text("id"), interval(e), territory, usd, conditions, obligations(e), sourceOf(e));
                    return new AukusExemption(x.id(), x.interval(), x.territory(), x.valueThresholds(), x.conditions(), x.obligations(), x.source(), parties); });
            }
            List<ValueThreshold> thresholds = e.each("valueThresholds", t -> {
                t.fields("id", "appliesTo", "usml", "usd", "citation");
                return new ValueThreshold(t.text("id"), enumOf(t, "appliesTo", ValueThreshold.AppliesTo.class), t.texts("usml"), t.whole("usd"), t.text("citation"));
            });
            return e.build(() -> new AukusExemption(e.text("id"), interval(e), territory, thresholds, conditions, obligations(e), sourceOf(e), parties));
        });
        List<ExcludedTechnology> etl = itar.each("excludedTechnology", Parsers::excludedTechnology);
        Node ear = r.object("ear").fields("eccns", "countryChart");
        List<Eccn> eccns = ear.each("eccns", e -> {
            e.fields("code", "description", "reasons", "source");
            return new Eccn(e.text("code"), e.text("description", ""), e.texts("reasons"), sourceOf(e));
        });
        List<CountryChartEntry> chart = ear.each("countryChart", c -> {
            c.fields("country", "licenceRequired", "ear99Licence", "from", "until", "source");
            return new CountryChartEntry(country(c, "country"), new HashSet<>(c.texts("licenceRequired")), c.bool("ear99Licence", false), interval(c), sourceOf(c));
        });
        List<NationalRegime> regimes = r.each("nationalRegimes", n -> {
            n.fields("id", "country", "name", "deemedExport", "licenceFree", "partiesMustBeEligible", "obligations", "from", "until", "source");
            return new NationalRegime(n.text("id"), country(n, "country"), n.text("name"), n.bool("deemedExport", false),
                    new HashSet<>(n.eachText("licenceFree", Parsers::countryCode)), n.bool("partiesMustBeEligible", true), obligations(n), interval(n), sourceOf(n));
        });
        List<Obligation> recordKeeping = obligations(r, "recordKeeping");
        ScreeningRules screening = r.has("screening") ? screeningRules(r.object("screening")) : null;
        return r.build(() -> new RulePack(schemes, equivalences, policies, denied, dual, exemptions, etl, eccns, chart, regimes, recordKeeping, catalog, screening));
    }

    /** The screening section: {@code requireLists} and, per list and source, the effect of a confirmed hit. */
    static ScreeningRules screeningRules(Node s) {
        s.fields("requireLists", "lists");
        List<ListRule> lists = s.each("lists", l -> {
            l.fields("list", "listSource", "effect", "title", "citation", "from", "until", "source");
            ListRule.Effect effect = ListRule.Effect.parse(l.text("effect"));
            if (effect == null) {
                throw new InvalidValueException(l.path() + ".effect", "'" + l.text("effect") + "' is not an effect of a list hit: use deny, license-required or review");
            }
            return l.build(() -> new ListRule(l.text("list"), l.text("listSource", "*"), effect, l.text("title"), l.text("citation"), interval(l), sourceOf(l)));
        });
        return s.build(() -> new ScreeningRules(lists, s.bool("requireLists", false)));
    }

    /**
     * A national scheme written as an Open XML SPIF: {@code spif} holds the SPIF itself (the world loader puts the
     * content of the file named by {@code file} there), read with Pillar's hardened XML reader.
     */
    public static NationalPolicy nationalPolicy(Node p) {
        p.fields("scheme", "file", "spif", "withoutClearance", "releasableTo", "noforn", "illustrative", "from", "until", "source");
        if (!p.has("spif")) {
            throw new InvalidValueException(p.path() + ".spif", p.has("file")
                    ? "is required: a rules document holds the SPIF itself (the world loader reads 'file' only from a world directory)"
                    : "is required: give the SPIF XML as 'spif', or in a world directory name its file with 'file'");
        }
        String name = p.has("file") ? p.text("file") : p.path() + ".spif";
        SpifReader.Result read;
        try {
            read = SpifReader.read(p.text("spif").getBytes(StandardCharsets.UTF_8), name);
        } catch (BadInputException e) {
            throw new InvalidValueException(p.get("spif").path(), e.getMessage());
        }
        String scheme = p.text("scheme").toUpperCase(Locale.ROOT);
        List<String> without = p.texts("withoutClearance");
        String relTo = p.text("releasableTo", null);
        String noforn = p.text("noforn", null);
        boolean illustrative = p.bool("illustrative", false);
        Interval in = interval(p);
        Source src = sourceOf(p);
        return p.build(() -> new NationalPolicy(scheme, read.policy(), new HashSet<>(without), relTo, noforn, illustrative, in, src));
    }

    /** An entry of the Excluded Technology List, as in the rules file (also a scenario's new entry). */
    public static ExcludedTechnology excludedTechnology(Node e) {
        e.fields("id", "description", "usml", "technologies", "illustrative", "from", "until", "source");
        return new ExcludedTechnology(e.text("id"), e.text("description"), e.texts("usml"), new HashSet<>(e.texts("technologies")),
                e.bool("illustrative", false), interval(e), sourceOf(e));
    }

    private static List<Obligation> obligations(Node n) {
        return obligations(n, "obligations");
    }

    private static List<Obligation> obligations(Node n, String name) {
        return n.each(name, o -> {
            o.fields("id", "text", "citation");
            return new Obligation(o.text("id"), o.text("text"), o.text("citation", ""));
        });
    }
}
