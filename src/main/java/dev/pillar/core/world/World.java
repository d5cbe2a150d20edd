package dev.pillar.core.world;

import dev.pillar.core.label.Label;
import dev.pillar.core.label.SecurityPolicy;
import dev.pillar.core.model.Check;
import dev.pillar.core.model.Coalition;
import dev.pillar.core.model.Country;
import dev.pillar.core.model.Dated;
import dev.pillar.core.model.Determination;
import dev.pillar.core.model.InvalidValueException;
import dev.pillar.core.model.Item;
import dev.pillar.core.model.Licence;
import dev.pillar.core.model.Organisation;
import dev.pillar.core.model.Partnership;
import dev.pillar.core.model.Person;
import dev.pillar.core.model.Project;
import dev.pillar.core.model.SecurityLevel;
import dev.pillar.core.rules.NationalPolicy;
import dev.pillar.core.rules.RulePack;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * An immutable, cross-checked world. Every reference (an item's project, a person's employer, a licence's parties, a
 * REL TO tetragraph, a classification level) is resolved when the world is built, so a decision never meets a
 * dangling id. {@code version} names the exact content (the loader derives it from a digest of the files).
 */
public final class World {
    private final String id;
    private final String name;
    private final String version;
    private final Partnership partnership;
    private final Map<String, Coalition> coalitions = new LinkedHashMap<>();
    private final Map<String, Project> projects = new LinkedHashMap<>();
    private final Map<String, Organisation> organisations = new LinkedHashMap<>();
    private final Map<String, Person> people = new LinkedHashMap<>();
    private final Map<String, Item> items;
    private final List<Licence> licences;
    private final Map<String, List<Licence>> licencesByParty = new HashMap<>();
    private final RulePack rules;
    private final List<Determination> determinations;

    public World(String id, String name, String version, Partnership partnership, List<Coalition> coalitions,
                 List<Organisation> organisations, List<Person> people, List<Item> items, List<Licence> licences,
                 RulePack rules) {
        this.id = id;
        this.name = name;
        this.version = version;
        this.partnership = partnership;
        this.rules = rules;
        this.items = new LinkedHashMap<>();
        for (int i = 0; i < coalitions.size(); i++) {
            put(this.coalitions, coalitions.get(i).code(), coalitions.get(i), "coalitions[" + i + "].code");
        }
        for (Project p : partnership.projects()) {
            projects.put(p.id(), p);
        }
        for (int i = 0; i < organisations.size(); i++) {
            Organisation o = organisations.get(i);
            String at = "organisations[" + i + "]";
            if (o.id() == null) {
                throw new InvalidValueException(at + ".id", "is required for an organisation of the world");
            }
            put(this.organisations, o.id(), o, at + ".id");
            if (o.projects() != null) {
                for (int j = 0; j < o.projects().size(); j++) {
                    requireProject(o.projects().get(j).project(), at + ".projects[" + j + "].project");
                }
            }
        }
        for (int i = 0; i < people.size(); i++) {
            Person p = people.get(i);
            String at = "people[" + i + "]";
            if (p.id() == null) {
                throw new InvalidValueException(at + ".id", "is required for a person of the world");
            }
            put(this.people, p.id(), p, at + ".id");
            if (p.clearance() != null) {
                requireLevel(p.clearance().level(), at + ".clearance.level");
            }
        }
        for (int i = 0; i < items.size(); i++) {
            Item it = items.get(i);
            String at = "items[" + i + "]";
            if (it.id() == null) {
                throw new InvalidValueException(at + ".id", "is required for an item of the world");
            }
            put(this.items, it.id(), it, at + ".id");
            checkItem(it, at);
        }
        this.licences = List.copyOf(licences);
        indexLicences();
        this.determinations = List.of();
    }

    private void indexLicences() {
        Dated.requireUniqueIds("licences", this.licences, Licence::number);
        for (int i = 0; i < licences.size(); i++) {
            Licence l = licences.get(i);
            for (int j = 0; j < l.parties().size(); j++) {
                String party = l.parties().get(j);
                if (!this.organisations.containsKey(party)) {
                    throw new InvalidValueException("licences[" + i + "].parties[" + j + "]", "unknown organisation '" + party + "': use an id from organisations");
                }
                licencesByParty.computeIfAbsent(party, k -> new ArrayList<>()).add(l);
            }
            for (String p : l.projects()) {
                requireProject(p, "licences[" + i + "].projects");
            }
        }
    }

    /**
     * A world derived from {@code base}: the same coalitions and items except {@code replacedItems} (by id, in the
     * same order), with the given partnership, organisations, people, licences and rules. The item map is shared with
     * the base world when no item is replaced, so deriving from a catalogue of millions costs no more than its
     * organisations, people and licences. The partnership must keep every project and area the items name; replaced
     * items, organisations, people and licences are checked as in the full constructor.
     */
    public World derive(String version, Partnership partnership, List<Organisation> organisations, List<Person> people,
                        List<Licence> licences, RulePack rules, Map<String, Item> replacedItems) {
        return new World(this, version, partnership, organisations, people, licences, rules, replacedItems);
    }

    private World(World base, String version, Partnership partnership, List<Organisation> organisations, List<Person> people,
                  List<Licence> licences, RulePack rules, Map<String, Item> replacedItems) {
        this.id = base.id;
        this.name = base.name;
        this.version = version;
        this.partnership = partnership;
        this.rules = rules;
        this.coalitions.putAll(base.coalitions);
        for (Project p : partnership.projects()) {
            projects.put(p.id(), p);
        }
        for (String project : base.projects.keySet()) {
            requireProject(project, "partnership.projects");
        }
        for (int i = 0; i < organisations.size(); i++) {
            Organisation o = organisations.get(i);
            String at = "organisations[" + i + "]";
            put(this.organisations, Check.present(at + ".id", o.id()), o, at + ".id");
            if (o.projects() != null) {
                for (int j = 0; j < o.projects().size(); j++) {
                    requireProject(o.projects().get(j).project(), at + ".projects[" + j + "].project");
                }
            }
        }
        for (int i = 0; i < people.size(); i++) {
            Person p = people.get(i);
            String at = "people[" + i + "]";
            put(this.people, Check.present(at + ".id", p.id()), p, at + ".id");
            if (p.clearance() != null) {
                requireLevel(p.clearance().level(), at + ".clearance.level");
            }
        }
        if (replacedItems.isEmpty()) {
            this.items = base.items;
        } else {
            this.items = new LinkedHashMap<>(base.items);
            for (Map.Entry<String, Item> e : replacedItems.entrySet()) {
                if (!items.containsKey(e.getKey()) || !e.getKey().equals(e.getValue().id())) {
                    throw new InvalidValueException("items", "'" + e.getKey() + "' is not an item of the world to replace");
                }
                checkItem(e.getValue(), "items." + e.getKey());
                items.put(e.getKey(), e.getValue());
            }
        }
        this.licences = List.copyOf(licences);
        indexLicences();
        this.determinations = base.determinations;
    }

    /** This world with the compliance officers' {@code determinations}, each checked against it. */
    public World withDeterminations(List<Determination> determinations) {
        return new World(this, List.copyOf(determinations));
    }

    private World(World base, List<Determination> determinations) {
        this.id = base.id;
        this.name = base.name;
        this.version = base.version;
        this.partnership = base.partnership;
        this.rules = base.rules;
        this.coalitions.putAll(base.coalitions);
        this.projects.putAll(base.projects);
        this.organisations.putAll(base.organisations);
        this.people.putAll(base.people);
        this.items = base.items;
        this.licences = base.licences;
        this.licencesByParty.putAll(base.licencesByParty);
        Dated.requireUniqueIds("determinations", determinations, Determination::id);
        for (int i = 0; i < determinations.size(); i++) {
            Determination d = determinations.get(i);
            String at = "determinations[" + i + "]";
            if (d.person() != null && !people.containsKey(d.person())) {
                throw new InvalidValueException(at + ".person", "unknown person '" + d.person() + "': use an id from people");
            }
            if (d.organisation() != null && !organisations.containsKey(d.organisation())) {
                throw new InvalidValueException(at + ".organisation", "unknown organisation '" + d.organisation() + "': use an id from organisations");
            }
            if (d.item() != null && !items.containsKey(d.item())) {
                throw new InvalidValueException(at + ".item", "unknown item '" + d.item() + "': use an id from items");
            }
        }
        this.determinations = determinations;
    }

    /** Checks an item's references against this world; {@code at} is the path used in errors. */
    public void checkItem(Item it, String at) {
        requireLevel(it.classification(), path(at, "classification"));
        if (it.project() != null) {
            Project p = requireProject(it.project(), path(at, "project"));
            if (it.area() != null && p.area() != null && !it.area().equals(p.area())) {
                throw new InvalidValueException(path(at, "area"), "'" + it.area() + "' differs from the area of project " + p.id() + " ('" + p.area() + "'): leave area out or use '" + p.area() + "'");
            }
        }
        if (it.area() != null && partnership.areas().stream().noneMatch(a -> a.id().equals(it.area()))) {
            throw new InvalidValueException(path(at, "area"), "unknown area '" + it.area() + "': use one of " + partnership.areas().stream().map(a -> a.id()).toList());
        }
        List<String> rel = it.releasability().relTo();
        for (int j = 0; j < rel.size(); j++) {
            String code = rel.get(j);
            if (code.length() != 3 && !coalitions.containsKey(code)) {
                throw new InvalidValueException(path(at, "releasableTo[" + j + "]"), "unknown coalition tetragraph '" + code + "': use one of " + coalitions.keySet());
            }
        }
        NationalPolicy np = rules.security().policy(it.classification().scheme());
        if (np != null) {
            Label l;
            try {
                l = np.label(it.classification(), it.releasability());
            } catch (InvalidValueException e) {
                throw new InvalidValueException(path(at, e.field()), e.problem());
            }
            SecurityPolicy.Validity v = np.policy().validate(l);
            if (!v.valid()) {
                throw new InvalidValueException(path(at, it.releasability().noforn() ? "noforn" : "releasableTo"), "the item's label "
                        + np.marking(l) + " is not valid under the " + np.scheme() + " SPIF " + np.policy() + ": " + String.join("; ", v.problems()));
            }
        }
    }

    /**
     * The item's banner marking, e.g. {@code SECRET//REL TO USA, AUS, GBR}: rendered by the SPIF of its classification's
     * scheme when the world has one, else the level and the REL TO or NOFORN marking.
     */
    public String marking(Item it) {
        NationalPolicy np = rules.security().policy(it.classification().scheme());
        if (np != null) {
            return np.marking(np.label(it.classification(), it.releasability()));
        }
        String marking = it.releasability().marking();
        return it.classification().level() + (marking.isEmpty() ? "" : "//" + marking);
    }

    private static String path(String at, String field) {
        return at.isEmpty() ? field : at + "." + field;
    }

    /** Checks that {@code level} is a level of a scheme this world knows. */
    public void requireLevel(SecurityLevel level, String at) {
        if (!rules.security().knows(level)) {
            List<String> levels = rules.security().levels(level.scheme());
            throw new InvalidValueException(at, levels.isEmpty()
                    ? "unknown classification scheme '" + level.scheme() + "' in '" + level + "': use one of " + rules.security().schemes()
                    : "unknown level '" + level.level() + "' in scheme " + level.scheme() + ": use one of " + levels);
        }
    }

    /** The project with id {@code id}; throws naming {@code at} if there is none. */
    public Project requireProject(String id, String at) {
        Project p = projects.get(id);
        if (p == null) {
            throw new InvalidValueException(at, "unknown project '" + id + "': use one of " + projects.keySet());
        }
        return p;
    }

    private static <T> void put(Map<String, T> map, String key, T value, String at) {
        if (map.putIfAbsent(key, value) != null) {
            throw new InvalidValueException(at, "duplicate id '" + key + "'");
        }
    }

    /** True if the REL TO list names {@code country} on {@code day}, directly or through a coalition; allocates nothing. */
    public boolean relToCovers(List<String> relTo, Country country, LocalDate day) {
        String code = country.code();
        for (int i = 0; i < relTo.size(); i++) {
            String entry = relTo.get(i);
            if (entry.length() == 3) {
                if (entry.equals(code)) {
                    return true;
                }
            } else {
                Coalition c = coalitions.get(entry);
                if (c != null && c.includes(country, day)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The countries named by a REL TO list on {@code day}, tetragraphs expanded. */
    public Set<Country> expandRelTo(List<String> relTo, LocalDate day) {
        Set<Country> out = new TreeSet<>();
        for (String code : relTo) {
            if (code.length() == 3) {
                out.add(Country.of(code));
            } else {
                Coalition c = coalitions.get(code);
                if (c != null) {
                    out.addAll(c.expand(day));
                }
            }
        }
        return out;
    }

    public String id() { return id; }
    public String name() { return name; }
    public String version() { return version; }
    public Partnership partnership() { return partnership; }
    public RulePack rules() { return rules; }
    public Map<String, Coalition> coalitions() { return coalitions; }
    public Project project(String id) { return projects.get(id); }
    public Organisation organisation(String id) { return organisations.get(id); }
    public Person person(String id) { return people.get(id); }
    public Item item(String id) { return items.get(id); }
    public Collection<Organisation> organisations() { return organisations.values(); }
    public Collection<Person> people() { return people.values(); }
    public Collection<Item> items() { return items.values(); }
    public List<Licence> licences() { return licences; }
    public List<Determination> determinations() { return determinations; }

    /** A determination answering {@code rule} for the person employed by the organisation on {@code day}, or null. */
    public Determination determination(String rule, String personId, String organisationId, LocalDate day) {
        for (Determination d : determinations) {
            if (d.answers(rule, personId, organisationId, day)) {
                return d;
            }
        }
        return null;
    }

    /** A determination answering {@code rule} for the item on {@code day}, or null. */
    public Determination determinationOfItem(String rule, String itemId, LocalDate day) {
        for (Determination d : determinations) {
            if (d.answersItem(rule, itemId, day)) {
                return d;
            }
        }
        return null;
    }

    /** Licences naming {@code organisationId} as a party. */
    public List<Licence> licencesOf(String organisationId) {
        return organisationId == null ? List.of() : licencesByParty.getOrDefault(organisationId, List.of());
    }
}
