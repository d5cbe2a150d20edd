package dev.pillar.core.world;

import dev.pillar.core.model.Area;
import dev.pillar.core.model.Clearance;
import dev.pillar.core.model.Country;
import dev.pillar.core.model.ExportControl;
import dev.pillar.core.model.Interval;
import dev.pillar.core.model.Item;
import dev.pillar.core.model.Organisation;
import dev.pillar.core.model.Person;
import dev.pillar.core.model.Project;
import dev.pillar.core.model.Releasability;
import dev.pillar.core.model.SecurityLevel;
import dev.pillar.core.rules.ClassificationScheme;
import dev.pillar.core.rules.DeniedCountry;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * A deterministic synthetic catalogue for benchmarks and impact analysis: {@code N} items and {@code P} people drawn
 * from a base world's areas, projects, organisations and rule data. The same base world, counts and seed always give
 * the same items and people, in the same order.
 *
 * <p>Items: about 80% bound to a project (spread over every project, and so every area that has one), the rest
 * unbound (most with an area drawn from every area of the partnership); originators mostly USA with GBR, AUS, JPN
 * and KOR (only those whose classification scheme the world has); classifications from the originator's scheme, about
 * half at the lowest level that needs no clearance; releasability none for most unclassified items, otherwise REL TO
 * subsets of USA/AUS/GBR/JPN or the AUKS (or AUKUS) and FVEY tetragraphs (those the world defines) and a few NOFORN; export controls
 * from ITAR paragraphs, the world's ECCNs and EAR99, GBR:ML22/AUS:ML22 for GBR/AUS originators, and some NONE;
 * technology tags by area with a few percent {@code anti-tamper}; values from 0 to 5,000,000 USD.
 *
 * <p>People: each employed by an organisation of the world; a citizen of its country in most cases, about 10% dual
 * nationals (about 1% with a country under the ITAR policy of denial, e.g. CHN) and a few foreign nationals; located
 * in the organisation's country in most cases; a clearance in the scheme of their first citizenship when the world has
 * that scheme (valid 2020-01-01 to 2035-12-31), or none.
 *
 * <p>Generated ids ({@code GEN-I-0000001}, {@code GEN-P-000001}) skip any id the base world already uses. Pure: no I/O.
 */
public final class CatalogGenerator {
    /** The largest catalogue generated at once. */
    public static final int MAX_ITEMS = 10_000_000;
    /** The largest number of people generated at once. */
    public static final int MAX_PEOPLE = 1_000_000;

    static final List<String> ITAR_PARAGRAPHS = List.of("XI(d)", "XI(a)(3)", "XX(d)", "IV(i)", "XII(f)");
    static final LocalDate CLEARANCE_FROM = LocalDate.of(2020, 1, 1);
    static final LocalDate CLEARANCE_UNTIL = LocalDate.of(2035, 12, 31);

    private static final String[] ORIGINATORS = {"USA", "GBR", "AUS", "JPN", "KOR"};
    private static final double[] ORIGINATOR_WEIGHTS = {70, 12, 10, 5, 3};
    private static final String[] REL_TO_TRIGRAPHS = {"USA", "AUS", "GBR", "JPN"};
    /** Coalition codes used in REL TO markings when the world defines them (the AUKUS code is AUKS or AUKUS). */
    private static final String[] TETRAGRAPHS = {"AUKS", "AUKUS", "FVEY"};
    private static final String[] OTHER_NATIONALITIES = {"USA", "GBR", "AUS", "JPN", "KOR", "CAN", "NZL", "IND", "FRA", "DEU"};
    private static final String[] OTHER_LOCATIONS = {"USA", "GBR", "AUS", "JPN", "KOR", "CAN", "NZL"};
    private static final Map<String, List<String>> AREA_TAGS = Map.of(
            "undersea", List.of("sonar", "acoustics", "propulsion", "uuv"),
            "quantum", List.of("quantum-sensing", "quantum-computing", "pnt"),
            "ai-autonomy", List.of("autonomy", "ai", "perception"),
            "cyber", List.of("cyber", "cryptography"),
            "hypersonic", List.of("hypersonics", "propulsion", "thermal-protection"),
            "electronic-warfare", List.of("electronic-warfare", "rf-sensing"),
            "innovation", List.of("prototyping", "test-and-evaluation"),
            "information-sharing", List.of("cross-domain", "data-labelling"));
    static final String ANTI_TAMPER = "anti-tamper";

    private CatalogGenerator() {}

    /**
     * The generated items and people, the arguments that produced them and the base world they were drawn from.
     * {@link #world()} builds the combined world.
     */
    public record Result(World base, int itemCount, int peopleCount, long seed, List<Item> items, List<Person> people) {
        public Result {
            items = List.copyOf(items);
            people = List.copyOf(people);
        }

        /** The suffix added to the base world's version, e.g. {@code +gen-100000-1000-1}. */
        public String versionSuffix() {
            return "+gen-" + itemCount + "-" + peopleCount + "-" + seed;
        }

        /** The base world's items followed by the generated ones. */
        public List<Item> allItems() {
            List<Item> all = new ArrayList<>(base.items().size() + items.size());
            all.addAll(base.items());
            all.addAll(items);
            return all;
        }

        /** The base world's people followed by the generated ones. */
        public List<Person> allPeople() {
            List<Person> all = new ArrayList<>(base.people().size() + people.size());
            all.addAll(base.people());
            all.addAll(people);
            return all;
        }

        /**
         * A new world with the base world's partnership, coalitions, rules, organisations and licences, its items and
         * people plus the generated ones, and the version {@code <base version>+gen-N-P-S}.
         */
        public World world() {
            return new World(base.id(), base.name(), base.version() + versionSuffix(), base.partnership(),
                    List.copyOf(base.coalitions().values()), List.copyOf(base.organisations()), allPeople(), allItems(),
                    base.licences(), base.rules());
        }
    }

    /** Generates {@code items} items and {@code people} people from {@code base} with {@code seed}. */
    public static Result generate(World base, int items, int people, long seed) {
        if (base == null) {
            throw new IllegalArgumentException("base world is required");
        }
        if (items < 0 || items > MAX_ITEMS) {
            throw new IllegalArgumentException("items must be between 0 and " + MAX_ITEMS + ", was " + items);
        }
        if (people < 0 || people > MAX_PEOPLE) {
            throw new IllegalArgumentException("people must be between 0 and " + MAX_PEOPLE + ", was " + people);
        }
        ItemMaker itemMaker = new ItemMaker(base, new SplittableRandom(seed));
        List<Item> generatedItems = new ArrayList<>(items);
        int next = 1;
        for (int i = 0; i < items; i++) {
            String id;
            do {
                id = "GEN-I-" + pad(next++, 7);
            } while (base.item(id) != null);
            generatedItems.add(itemMaker.item(id, i + 1));
        }
        // People come from their own stream, so the same seed gives the same people whatever the number of items.
        PersonMaker personMaker = new PersonMaker(base, new SplittableRandom(seed ^ 0x5DEECE66DL));
        List<Person> generatedPeople = new ArrayList<>(people);
        next = 1;
        for (int i = 0; i < people; i++) {
            String id;
            do {
                id = "GEN-P-" + pad(next++, 6);
            } while (base.person(id) != null);
            generatedPeople.add(personMaker.person(id, i + 1));
        }
        return new Result(base, items, people, seed, generatedItems, generatedPeople);
    }

    /** Shorthand for {@code generate(base, items, people, seed).world()}. */
    public static World generateWorld(World base, int items, int people, long seed) {
        return generate(base, items, people, seed).world();
    }

    static String pad(int n, int width) {
        String s = Integer.toString(n);
        return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
    }

    // ---- items ----------------------------------------------------------------------------------------------------

    private static final class ItemMaker {
        private final SplittableRandom random;
        private final List<Project> projects;
        private final List<String> areas;
        private final String[] originators;
        private final double[] originatorWeights;
        private final Map<String, ClassificationScheme> schemes = new HashMap<>();
        private final List<String> tetragraphs = new ArrayList<>();
        private final List<ExportControl> itar = new ArrayList<>();
        private final List<ExportControl> ear = new ArrayList<>();
        private final ExportControl ear99 = ExportControl.parse("control", "EAR:EAR99");
        // Shared immutable values: a million items need only a few hundred distinct labels.
        private final Map<String, SecurityLevel> levels = new HashMap<>();
        private final Map<String, Releasability> markings = new HashMap<>();
        private final Map<String, ExportControl> nationals = new HashMap<>();
        private final Map<String, Set<String>> tagSets = new HashMap<>();

        ItemMaker(World base, SplittableRandom random) {
            this.random = random;
            this.projects = List.copyOf(base.partnership().projects());
            this.areas = base.partnership().areas().stream().map(Area::id).toList();
            for (ClassificationScheme s : base.rules().schemes()) {
                schemes.put(s.id(), s);
            }
            List<String> os = new ArrayList<>();
            List<Double> ws = new ArrayList<>();
            for (int i = 0; i < ORIGINATORS.length; i++) {
                if (schemes.containsKey(ORIGINATORS[i])) {
                    os.add(ORIGINATORS[i]);
                    ws.add(ORIGINATOR_WEIGHTS[i]);
                }
            }
            if (os.isEmpty()) {
                for (ClassificationScheme s : base.rules().schemes()) {
                    if (Country.isKnown(s.id())) {
                        os.add(s.id());
                        ws.add(1.0);
                        break;
                    }
                }
            }
            if (os.isEmpty()) {
                throw new IllegalArgumentException("world " + base.id() + " has no classification scheme named after a country (e.g. USA): items cannot be classified");
            }
            this.originators = os.toArray(String[]::new);
            this.originatorWeights = ws.stream().mapToDouble(Double::doubleValue).toArray();
            for (String t : TETRAGRAPHS) {
                if (base.coalitions().containsKey(t)) {
                    tetragraphs.add(t);
                }
            }
            for (String p : ITAR_PARAGRAPHS) {
                itar.add(ExportControl.parse("control", "ITAR:" + p));
            }
            for (String eccn : new TreeSet<>(base.rules().eccns().keySet())) {
                try {
                    ear.add(ExportControl.parse("control", "EAR:" + eccn));
                } catch (IllegalArgumentException e) {
                    // an ECCN the model does not accept cannot label an item; leave it out
                }
            }
            ear.add(ear99);
        }

        Item item(String id, int n) {
            Project project = null;
            String area;
            if (random.nextInt(100) < 80 && !projects.isEmpty()) {
                project = projects.get(random.nextInt(projects.size()));
                area = project.area();
            } else {
                area = !areas.isEmpty() && random.nextInt(4) != 0 ? areas.get(random.nextInt(areas.size())) : null;
            }
            String originator = originators[weighted(originatorWeights)];
            ClassificationScheme scheme = schemes.get(originator);
            SecurityLevel classification = classification(scheme);
            boolean classified = scheme.levels().get(scheme.rank(classification.level())).requiresClearance();
            Releasability releasability = releasability(originator, classified);
            ExportControl control = control(originator);
            Set<String> technologies = technologies(area, project);
            long value = random.nextInt(4) == 0 ? 0 : 1 + random.nextLong(5_000_000L);
            String title = "Synthetic " + (area != null ? area : project != null ? project.id() : "general") + " technical data " + n;
            return new Item(id, title, Country.of(originator), classification, releasability, control, technologies, area,
                    project == null ? null : project.id(), value);
        }

        private SecurityLevel classification(ClassificationScheme scheme) {
            List<ClassificationScheme.Level> open = new ArrayList<>();
            List<ClassificationScheme.Level> cleared = new ArrayList<>();
            for (ClassificationScheme.Level l : scheme.levels()) {
                (l.requiresClearance() ? cleared : open).add(l);
            }
            ClassificationScheme.Level chosen;
            if (cleared.isEmpty() || (!open.isEmpty() && random.nextBoolean())) {
                chosen = open.get(0);
            } else {
                // lower levels are more common: weights k, k-1, ..., 1
                double[] w = new double[cleared.size()];
                for (int i = 0; i < w.length; i++) {
                    w[i] = w.length - i;
                }
                chosen = cleared.get(weighted(w));
            }
            return levels.computeIfAbsent(scheme.id() + ":" + chosen.name(), k -> new SecurityLevel(scheme.id(), chosen.name()));
        }

        private Releasability releasability(String originator, boolean classified) {
            int r = random.nextInt(100);
            if (!classified) {
                if (r < 85) {
                    return Releasability.NONE;
                }
                return relTo(originator);
            }
            if (r < 6) {
                return markings.computeIfAbsent("NOFORN", k -> new Releasability(true, List.of()));
            }
            if (r < 80) {
                return relTo(originator);
            }
            return Releasability.NONE;
        }

        private Releasability relTo(String originator) {
            TreeSet<String> codes = new TreeSet<>();
            codes.add(originator);
            if (!tetragraphs.isEmpty() && random.nextInt(10) < 3) {
                codes.add(tetragraphs.get(random.nextInt(tetragraphs.size())));
            } else {
                for (String c : REL_TO_TRIGRAPHS) {
                    if (random.nextInt(100) < 55) {
                        codes.add(c);
                    }
                }
                if (codes.size() == 1) {
                    String other;
                    do {
                        other = REL_TO_TRIGRAPHS[random.nextInt(REL_TO_TRIGRAPHS.length)];
                    } while (other.equals(originator));
                    codes.add(other);
                }
            }
            return markings.computeIfAbsent(String.join(",", codes), k -> new Releasability(false, List.copyOf(codes)));
        }

        private ExportControl control(String originator) {
            int r = random.nextInt(100);
            switch (originator) {
                case "USA" -> {
                    if (r < 45) {
                        return itar.get(random.nextInt(itar.size()));
                    } else if (r < 70) {
                        return ear.get(random.nextInt(ear.size()));
                    } else if (r < 85) {
                        return ear99;
                    }
                    return ExportControl.NONE;
                }
                case "GBR", "AUS" -> {
                    if (r < 70) {
                        return nationals.computeIfAbsent(originator, k -> ExportControl.parse("control", k + ":ML22"));
                    } else if (r < 80) {
                        return itar.get(random.nextInt(itar.size()));
                    }
                    return ExportControl.NONE;
                }
                default -> {
                    if (r < 20) {
                        return itar.get(random.nextInt(itar.size()));
                    } else if (r < 40) {
                        return ear.get(random.nextInt(ear.size()));
                    }
                    return ExportControl.NONE;
                }
            }
        }

        private Set<String> technologies(String area, Project project) {
            List<String> pool = area != null ? AREA_TAGS.getOrDefault(area, List.of(area))
                    : project != null ? List.of("submarine", "propulsion") : List.of("general");
            TreeSet<String> tags = new TreeSet<>();
            tags.add(pool.get(random.nextInt(pool.size())));
            if (random.nextInt(10) < 3) {
                tags.add(pool.get(random.nextInt(pool.size())));
            }
            if (random.nextInt(100) < 3) {
                tags.add(ANTI_TAMPER);
            }
            return tagSets.computeIfAbsent(String.join(",", tags), k -> Set.copyOf(tags));
        }

        private int weighted(double[] weights) {
            double total = 0;
            for (double w : weights) {
                total += w;
            }
            double x = random.nextDouble() * total;
            for (int i = 0; i < weights.length; i++) {
                x -= weights[i];
                if (x < 0) {
                    return i;
                }
            }
            return weights.length - 1;
        }
    }

    // ---- people ---------------------------------------------------------------------------------------------------

    private static final class PersonMaker {
        private final SplittableRandom random;
        private final List<Organisation> organisations;
        private final Map<String, ClassificationScheme> schemes = new HashMap<>();
        private final List<Country> denied;
        private final Interval validity = new Interval(CLEARANCE_FROM, CLEARANCE_UNTIL);
        private final Map<String, Clearance> clearances = new HashMap<>();

        PersonMaker(World base, SplittableRandom random) {
            this.random = random;
            this.organisations = List.copyOf(base.organisations());
            for (ClassificationScheme s : base.rules().schemes()) {
                schemes.put(s.id(), s);
            }
            Set<Country> d = new TreeSet<>();
            for (DeniedCountry dc : base.rules().deniedCountries()) {
                d.add(dc.country());
            }
            this.denied = List.copyOf(d);
        }

        Person person(String id, int n) {
            if (organisations.isEmpty()) {
                throw new IllegalArgumentException("the world has no organisations: generated people need an employer");
            }
            Organisation org = organisations.get(random.nextInt(organisations.size()));
            Country home = org.country();
            List<Country> citizenships = new ArrayList<>(2);
            Set<Country> residencies = new HashSet<>();
            int r = random.nextInt(1000);
            if (r < 10 && !denied.isEmpty()) {
                citizenships.add(home);
                citizenships.add(denied.get(random.nextInt(denied.size())));
            } else if (r < 100) {
                citizenships.add(home);
                citizenships.add(other(OTHER_NATIONALITIES, home));
            } else if (r < 150) {
                citizenships.add(other(OTHER_NATIONALITIES, home));
            } else {
                citizenships.add(home);
            }
            Country location = random.nextInt(100) < 92 ? home : other(OTHER_LOCATIONS, home);
            if (!citizenships.contains(home) && location.equals(home) && random.nextBoolean()) {
                residencies.add(home);
            }
            Clearance clearance = clearance(citizenships.get(0));
            String name = "Synthetic person " + n;
            return new Person(id, name, new HashSet<>(citizenships), residencies, location, org, clearance, true);
        }

        private Country other(String[] pool, Country not) {
            String c;
            do {
                c = pool[random.nextInt(pool.length)];
            } while (c.equals(not.code()));
            return Country.of(c);
        }

        private Clearance clearance(Country citizenship) {
            ClassificationScheme scheme = schemes.get(citizenship.code());
            if (scheme == null) {
                return null;
            }
            List<String> cleared = new ArrayList<>();
            for (ClassificationScheme.Level l : scheme.levels()) {
                if (l.requiresClearance()) {
                    cleared.add(l.name());
                }
            }
            if (cleared.isEmpty() || random.nextInt(4) == 0) {
                return null;
            }
            String level = cleared.get(random.nextInt(cleared.size()));
            return clearances.computeIfAbsent(scheme.id() + ":" + level,
                    k -> new Clearance(new SecurityLevel(scheme.id(), level), validity));
        }
    }
}
