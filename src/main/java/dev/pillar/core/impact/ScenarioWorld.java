package dev.pillar.core.impact;

import dev.pillar.core.model.Country;
import dev.pillar.core.model.Dated;
import dev.pillar.core.model.Interval;
import dev.pillar.core.model.InvalidValueException;
import dev.pillar.core.model.Item;
import dev.pillar.core.model.Licence;
import dev.pillar.core.model.Organisation;
import dev.pillar.core.model.Participation;
import dev.pillar.core.model.Partnership;
import dev.pillar.core.model.Person;
import dev.pillar.core.model.Pillar;
import dev.pillar.core.model.Project;
import dev.pillar.core.model.Releasability;
import dev.pillar.core.model.Source;
import dev.pillar.core.rules.AukusExemption;
import dev.pillar.core.rules.CountryChartEntry;
import dev.pillar.core.rules.ExcludedTechnology;
import dev.pillar.core.rules.NationalRegime;
import dev.pillar.core.rules.RulePack;
import dev.pillar.core.world.World;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * Applies a scenario's changes, in order, to a world and gives the hypothetical world: projects with the admitted
 * participations, organisations with their new project roles and Authorized User listings, rule data with the AUKUS
 * exemption, national regimes, Country Chart rows and Excluded Technology List as changed (dated entries are split at
 * the change's dates, so every other day keeps its rule), licences, and items with their new REL TO markings. Every
 * error names the change, e.g. {@code changes[1].projects[0]}.
 */
public final class ScenarioWorld {
    private final World base;
    private final Scenario scenario;
    private final Source cited;
    private final List<Project> projects;
    private final Map<String, Organisation> organisations = new LinkedHashMap<>();
    private final List<Licence> licences;
    private final Map<String, Item> replaced = new LinkedHashMap<>();
    private List<AukusExemption> exemptions;
    private List<ExcludedTechnology> etl;
    private List<CountryChartEntry> chart;
    private List<NationalRegime> regimes;
    /** The rule data the changes start from: the base world's, or the version a {@link Change.ReplaceRules} puts in. */
    private RulePack rules;

    private ScenarioWorld(World base, Scenario scenario) {
        this.base = base;
        this.scenario = scenario;
        this.cited = scenario.citedSource();
        this.projects = new ArrayList<>(base.partnership().projects());
        base.organisations().forEach(o -> organisations.put(o.id(), o));
        this.licences = new ArrayList<>(base.licences());
        RulePack r = base.rules();
        this.rules = r;
        this.exemptions = new ArrayList<>(r.aukusExemptions());
        this.etl = new ArrayList<>(r.excludedTechnology());
        this.chart = new ArrayList<>(r.countryChart());
        this.regimes = new ArrayList<>(r.nationalRegimes());
    }

    /** The world {@code base} would be with the changes of {@code scenario}; its version is the base's plus the scenario id. */
    public static World apply(World base, Scenario scenario) {
        ScenarioWorld w = new ScenarioWorld(base, scenario);
        for (int i = 0; i < scenario.changes().size(); i++) {
            String at = "changes[" + i + "]";
            Change c = scenario.changes().get(i);
            try {
                switch (c) {
                    case Change.Admit a -> w.admit(a);
                    case Change.EquivalentTreatment t -> w.treat(t);
                    case Change.AddExcludedTechnology e -> w.addEtl(e);
                    case Change.RemoveExcludedTechnology e -> w.removeEtl(e);
                    case Change.AddLicence l -> w.addLicence(l);
                    case Change.ChangeRelTo r -> w.relTo(r);
                    case Change.ReplaceRules r -> w.replaceRules(r);
                }
            } catch (InvalidValueException e) {
                throw e.under(at);
            }
        }
        try {
            return w.build();
        } catch (InvalidValueException e) {
            throw e.under("changes");
        }
    }

    private World build() {
        Partnership p = base.partnership();
        Partnership partnership = new Partnership(p.name(), p.coreMembers(), p.areas(), projects, p.stages(), p.candidates());
        List<Person> people = new ArrayList<>(base.people().size());
        for (Person person : base.people()) {
            Organisation org = organisations.get(person.organisation().id());
            people.add(org == person.organisation() ? person : new Person(person.id(), person.name(), person.citizenships(),
                    person.residencies(), person.location(), org, person.clearance(), person.fictional(), person.formerCitizenships()));
        }
        // the classification policies (schemes, SPIFs, equivalences) are the base world's own unless the rules are replaced
        RulePack changed = rules.withExportRules(exemptions, etl, chart, regimes);
        World out = base.derive(base.version() + "+" + scenario.id(), partnership, new ArrayList<>(organisations.values()), people,
                licences, changed, replaced);
        if (rules != base.rules()) {
            for (Item it : out.items()) {
                out.checkItem(it, "items." + it.id()); // every item's labels must be known to the replacing rule data
            }
        }
        return out;
    }

    // ---- replace the rule data ------------------------------------------------------------------------------------

    private void replaceRules(Change.ReplaceRules r) {
        rules = r.rules();
        exemptions = new ArrayList<>(rules.aukusExemptions());
        etl = new ArrayList<>(rules.excludedTechnology());
        chart = new ArrayList<>(rules.countryChart());
        regimes = new ArrayList<>(rules.nationalRegimes());
    }

    // ---- admit --------------------------------------------------------------------------------------------------

    private void admit(Change.Admit a) {
        Set<String> ids = new LinkedHashSet<>();
        for (int j = 0; j < a.projects().size(); j++) {
            Project p = base.requireProject(a.projects().get(j), "projects[" + j + "]");
            if (p.pillar() == Pillar.I) {
                throw new InvalidValueException("projects[" + j + "]", "project " + p.id() + " is Pillar I, open to core members only: admit to Pillar II projects");
            }
            ids.add(p.id());
        }
        for (int j = 0; j < a.areas().size(); j++) {
            String area = a.areas().get(j);
            if (base.partnership().areas().stream().noneMatch(x -> x.id().equals(area))) {
                throw new InvalidValueException("areas[" + j + "]", "unknown area '" + area + "': use one of "
                        + base.partnership().areas().stream().map(x -> x.id()).toList());
            }
            List<String> inArea = projects.stream().filter(p -> p.pillar() == Pillar.II && area.equals(p.area())).map(Project::id).toList();
            if (inArea.isEmpty()) {
                throw new InvalidValueException("areas[" + j + "]", "area '" + area + "' has no Pillar II project to admit " + a.country() + " to");
            }
            ids.addAll(inArea);
        }
        Source source = a.source() != null ? a.source() : cited;
        for (int k = 0; k < projects.size(); k++) {
            Project p = projects.get(k);
            if (!ids.contains(p.id())) {
                continue;
            }
            List<Interval> taken = p.participants().stream().filter(q -> q.country().equals(a.country())).map(Participation::interval).toList();
            List<Participation> parts = new ArrayList<>(p.participants());
            for (Interval free : Intervals.minusAll(a.interval(), taken)) {
                parts.add(new Participation(a.country(), free, source));
            }
            projects.set(k, new Project(p.id(), p.name(), p.pillar(), p.area(), parts));
        }
        for (Organisation o : named(a.country(), a.organisations(), "organisations")) {
            if (!o.projectsDeclared()) {
                continue; // only its country's participation is checked for it
            }
            List<Organisation.ProjectRole> roles = new ArrayList<>(o.projects());
            for (String id : ids) {
                roles.add(new Organisation.ProjectRole(id, a.interval()));
            }
            organisations.put(o.id(), new Organisation(o.id(), o.name(), o.country(), o.kind(), o.fictional(), o.ddtc(), o.authorizedUser(), roles));
        }
    }

    /** The organisations a change names: all of {@code country}'s, or those listed (which must be of that country). */
    private List<Organisation> named(Country country, Change.Organisations which, String field) {
        List<Organisation> out = new ArrayList<>();
        if (which.all()) {
            for (Organisation o : organisations.values()) {
                if (o.country().equals(country)) {
                    out.add(o);
                }
            }
            return out;
        }
        for (int j = 0; j < which.ids().size(); j++) {
            String id = which.ids().get(j);
            Organisation o = organisations.get(id);
            if (o == null) {
                throw new InvalidValueException(field + "[" + j + "]", "unknown organisation '" + id + "': use an id from organisations");
            }
            if (!o.country().equals(country)) {
                throw new InvalidValueException(field + "[" + j + "]", "organisation " + id + " is of " + o.country() + ", not " + country
                        + ": name organisations of " + country + " only");
            }
            out.add(o);
        }
        return out;
    }

    // ---- exemption-equivalent treatment -------------------------------------------------------------------------

    private void treat(Change.EquivalentTreatment t) {
        Interval window = t.interval();
        String tag = "with-" + t.country();
        Source source = t.source() != null ? t.source() : cited;
        if (t.itar()) {
            exemptions = split(exemptions, e -> !e.territory().contains(t.country()), window,
                    (e, piece, suffix) -> e.with(e.id() + suffix, piece, e.territory()),
                    (e, piece) -> e.with(e.id() + "/" + tag, piece, plus(e.territory(), t.country())), tag);
        }
        if (t.nationalRegimes()) {
            regimes = split(regimes, r -> !r.country().equals(t.country()) && !r.licenceFree().contains(t.country()), window,
                    (r, piece, suffix) -> regime(r, r.id() + suffix, piece, r.licenceFree()),
                    (r, piece) -> regime(r, r.id() + "/" + tag, piece, plus(r.licenceFree(), t.country())), tag);
        }
        if (t.earLike() != null) {
            List<CountryChartEntry> next = new ArrayList<>();
            for (CountryChartEntry row : chart) {
                if (row.country().equals(t.country())) {
                    for (Interval piece : Intervals.minus(row.interval(), window)) {
                        next.add(new CountryChartEntry(row.country(), row.licenceRequired(), row.ear99Licence(), piece, row.source()));
                    }
                } else {
                    next.add(row);
                }
            }
            for (CountryChartEntry row : chart) {
                Interval piece = row.country().equals(t.earLike()) ? Intervals.intersect(row.interval(), window) : null;
                if (piece != null) {
                    next.add(new CountryChartEntry(t.country(), row.licenceRequired(), row.ear99Licence(), piece,
                            new Source("Hypothetical: " + t.country() + " given the Country Chart row of " + t.earLike() + " (" + source.title() + ")",
                                    row.source().cite(), row.source().date(), row.source().url())));
                }
            }
            chart = next;
        }
        for (Organisation o : named(t.country(), t.authorizedUsers(), "authorizedUsers")) {
            Organisation.Registration old = o.authorizedUser();
            Interval listed = old != null && old.interval().overlaps(window) ? Intervals.hull(old.interval(), window) : window;
            Organisation.Registration au = new Organisation.Registration("hypothetical listing (" + scenario.id() + ")", listed, source);
            organisations.put(o.id(), new Organisation(o.id(), o.name(), o.country(), o.kind(), o.fictional(), o.ddtc(), au, o.projects()));
        }
    }

    private static NationalRegime regime(NationalRegime r, String id, Interval interval, Set<Country> licenceFree) {
        return new NationalRegime(id, r.country(), r.name(), r.deemedExport(), licenceFree, r.partiesMustBeEligible(), r.obligations(), interval, r.source());
    }

    private static Set<Country> plus(Set<Country> set, Country c) {
        Set<Country> out = new TreeSet<>(set);
        out.add(c);
        return out;
    }

    /** Rebuilds a dated entry over a piece of its interval; {@code suffix} keeps ids unique ("" for the first piece). */
    private interface Piece<T> {
        T over(T entry, Interval piece, String suffix);
    }

    /**
     * Splits every entry that {@code applies} and overlaps {@code window}: the days outside the window keep the entry
     * as it was, the days inside get {@code changed}.
     */
    private static <T extends Dated> List<T> split(List<T> all, Predicate<T> applies, Interval window, Piece<T> keep,
                                                   BiFunction<T, Interval, T> changed, String tag) {
        List<T> out = new ArrayList<>();
        for (T e : all) {
            if (!applies.test(e) || !e.interval().overlaps(window)) {
                out.add(e);
                continue;
            }
            List<Interval> outside = Intervals.minus(e.interval(), window);
            for (Interval piece : outside) {
                boolean before = piece.from().isBefore(window.from());
                out.add(keep.over(e, piece, before ? "" : "/after-" + tag));
            }
            out.add(changed.apply(e, Intervals.intersect(e.interval(), window)));
        }
        return out;
    }

    // ---- Excluded Technology List, licences ---------------------------------------------------------------------

    private void addEtl(Change.AddExcludedTechnology a) {
        ExcludedTechnology e = a.entry();
        if (etl.stream().anyMatch(x -> x.id().equals(e.id()))) {
            throw new InvalidValueException("id", "the Excluded Technology List already has an entry '" + e.id() + "': choose a new id");
        }
        etl.add(e);
    }

    private void removeEtl(Change.RemoveExcludedTechnology r) {
        List<ExcludedTechnology> next = new ArrayList<>();
        boolean found = false;
        for (ExcludedTechnology e : etl) {
            if (!e.id().equals(r.id())) {
                next.add(e);
                continue;
            }
            found = true;
            if (r.from() != null && e.interval().from().isBefore(r.from())) {
                LocalDate end = r.from().minusDays(1);
                LocalDate until = e.interval().until() != null && e.interval().until().isBefore(end) ? e.interval().until() : end;
                next.add(new ExcludedTechnology(e.id(), e.description(), e.usml(), e.technologies(), e.illustrative(),
                        new Interval(e.interval().from(), until), e.source()));
            }
        }
        if (!found) {
            throw new InvalidValueException("id", "no Excluded Technology List entry '" + r.id() + "': use one of "
                    + etl.stream().map(ExcludedTechnology::id).toList());
        }
        etl = next;
    }

    private void addLicence(Change.AddLicence a) {
        Licence l = a.licence();
        for (int j = 0; j < l.parties().size(); j++) {
            if (!organisations.containsKey(l.parties().get(j))) {
                throw new InvalidValueException("licence.parties[" + j + "]", "unknown organisation '" + l.parties().get(j) + "': use an id from organisations");
            }
        }
        for (String p : l.projects()) {
            base.requireProject(p, "licence.projects");
        }
        if (licences.stream().anyMatch(x -> x.number().equals(l.number()))) {
            throw new InvalidValueException("licence.number", "a licence numbered '" + l.number() + "' is already on file: choose a new number");
        }
        licences.add(l);
    }

    // ---- REL TO -------------------------------------------------------------------------------------------------

    private void relTo(Change.ChangeRelTo r) {
        for (int j = 0; j < r.add().size(); j++) {
            code(r.add().get(j), "add[" + j + "]");
        }
        for (int j = 0; j < r.remove().size(); j++) {
            code(r.remove().get(j), "remove[" + j + "]");
        }
        Change.ItemGroup g = r.items();
        for (String p : g.projects()) {
            base.requireProject(p, "items.projects");
        }
        for (String id : g.ids()) {
            if (base.item(id) == null) {
                throw new InvalidValueException("items.ids", "unknown item '" + id + "': use an item id of the world");
            }
        }
        for (Item original : base.items()) {
            Item it = replaced.getOrDefault(original.id(), original);
            if (it.releasability().noforn() || it.releasability().relTo().isEmpty() || !g.matches(it, base)) {
                continue;
            }
            List<String> codes = new ArrayList<>(it.releasability().relTo());
            codes.removeAll(r.remove());
            for (String c : r.add()) {
                if (!codes.contains(c)) {
                    codes.add(c);
                }
            }
            if (codes.isEmpty()) {
                throw new InvalidValueException("remove", "removing " + r.remove() + " leaves item " + it.id()
                        + " without a REL TO list, which would lift its restriction: keep at least one code or narrow 'items'");
            }
            Releasability rel = new Releasability(false, codes);
            if (!rel.equals(it.releasability())) {
                replaced.put(it.id(), new Item(it.id(), it.title(), it.originator(), it.classification(), rel, it.control(),
                        it.technologies(), it.area(), it.project(), it.valueUsd()));
            }
        }
    }

    private void code(String code, String field) {
        if (code.length() == 3) {
            if (!Country.isKnown(code)) {
                throw new InvalidValueException(field, "'" + code + "' is not a GENC/ISO 3166-1 alpha-3 trigraph (e.g. KOR)");
            }
        } else if (!base.coalitions().containsKey(code)) {
            throw new InvalidValueException(field, "unknown coalition tetragraph '" + code + "': use a trigraph or one of " + base.coalitions().keySet());
        }
    }
}
