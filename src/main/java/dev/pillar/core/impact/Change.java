package dev.pillar.core.impact;

import dev.pillar.core.model.Check;
import dev.pillar.core.model.Country;
import dev.pillar.core.model.ExportControl;
import dev.pillar.core.model.Interval;
import dev.pillar.core.model.Item;
import dev.pillar.core.model.Licence;
import dev.pillar.core.model.Project;
import dev.pillar.core.model.SecurityLevel;
import dev.pillar.core.model.Source;
import dev.pillar.core.rules.ExcludedTechnology;
import dev.pillar.core.rules.RulePack;
import dev.pillar.core.world.World;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * One hypothetical change of a {@link Scenario}. Each change knows the day it takes effect (null if undated) and which
 * items' decisions it can touch ({@link #mayAffect}): a conservative footprint that lets a second scenario be
 * re-evaluated on the affected items only. The property tests check the footprints against the decision engine.
 */
public sealed interface Change {
    /** The day the change takes effect, or null when it is not dated. */
    LocalDate effectiveFrom();

    /**
     * True if the change can alter a decision about {@code item} (by a recipient of any world), judged by the layers
     * that read what the change alters. {@code world} resolves the item's project.
     */
    boolean mayAffect(Item item, World world);

    /** Which organisations of a country a change names: all of them, or the ids listed (none when empty). */
    record Organisations(boolean all, List<String> ids) {
        public static final Organisations ALL = new Organisations(true, List.of());
        public static final Organisations NONE = new Organisations(false, List.of());

        public Organisations {
            ids = Check.list("organisations", ids);
            Check.that(!(all && !ids.isEmpty()), "organisations", "either 'all' or a list of organisation ids, not both");
        }
    }

    /**
     * Admit {@code country} to projects (by id) and to every Pillar II project of whole areas, over {@code interval};
     * the named organisations of the country take part in those projects over the same interval. Days on which the
     * country already takes part keep their recorded participation.
     */
    record Admit(Country country, List<String> projects, List<String> areas, Interval interval, Organisations organisations,
                 Source source) implements Change {
        public Admit {
            Check.present("country", country);
            projects = Check.list("projects", projects);
            areas = Check.list("areas", areas);
            Check.that(!projects.isEmpty() || !areas.isEmpty(), "projects", "name the projects, the areas or both to admit " + country + " to");
            Check.present("from", interval);
            organisations = organisations == null ? Organisations.ALL : organisations;
        }

        @Override
        public LocalDate effectiveFrom() {
            return interval.from().equals(LocalDate.MIN) ? null : interval.from();
        }

        @Override
        public boolean mayAffect(Item item, World world) {
            if (item.project() == null) {
                return false;
            }
            if (projects.contains(item.project())) {
                return true;
            }
            Project p = world.project(item.project());
            return p != null && p.area() != null && areas.contains(p.area());
        }
    }

    /**
     * Treat {@code country} like the core members over {@code interval}: add it to the territory of the AUKUS exemption
     * (22 CFR 126.7) if {@code itar}, to the licence-free countries of the other national regimes if
     * {@code nationalRegimes}, list the named organisations of the country as Authorized Users, and, if
     * {@code earLike} is given, give it that country's Commerce Country Chart rows.
     */
    record EquivalentTreatment(Country country, Interval interval, boolean itar, boolean nationalRegimes, Country earLike,
                               Organisations authorizedUsers, Source source) implements Change {
        public EquivalentTreatment {
            Check.present("country", country);
            Check.present("from", interval);
            authorizedUsers = authorizedUsers == null ? Organisations.ALL : authorizedUsers;
            Check.that(earLike == null || !earLike.equals(country), "ear.like", "name another country whose Country Chart rows " + country + " should get");
        }

        @Override
        public LocalDate effectiveFrom() {
            return interval.from().equals(LocalDate.MIN) ? null : interval.from();
        }

        @Override
        public boolean mayAffect(Item item, World world) {
            return item.control() instanceof ExportControl.Itar || item.control() instanceof ExportControl.National
                    || (earLike != null && item.control() instanceof ExportControl.Ear);
        }
    }

    /** Add an entry to the Excluded Technology List (it applies to ITAR items only). */
    record AddExcludedTechnology(ExcludedTechnology entry) implements Change {
        public AddExcludedTechnology {
            Check.present("entry", entry);
        }

        @Override
        public LocalDate effectiveFrom() {
            return entry.interval().from().equals(LocalDate.MIN) ? null : entry.interval().from();
        }

        @Override
        public boolean mayAffect(Item item, World world) {
            return item.control() instanceof ExportControl.Itar;
        }
    }

    /** Take an entry off the Excluded Technology List from {@code from} (null: altogether). */
    record RemoveExcludedTechnology(String id, LocalDate from) implements Change {
        public RemoveExcludedTechnology {
            Check.id("id", id);
        }

        @Override
        public LocalDate effectiveFrom() {
            return from;
        }

        @Override
        public boolean mayAffect(Item item, World world) {
            return item.control() instanceof ExportControl.Itar;
        }
    }

    /** Put a licence or agreement on file. */
    record AddLicence(Licence licence) implements Change {
        public AddLicence {
            Check.present("licence", licence);
        }

        @Override
        public LocalDate effectiveFrom() {
            return licence.interval().from().equals(LocalDate.MIN) ? null : licence.interval().from();
        }

        @Override
        public boolean mayAffect(Item item, World world) {
            ExportControl c = item.control();
            return !(c instanceof ExportControl.None) && c.regime().equals(licence.regime()) && licence.covers(c.entry());
        }
    }

    /**
     * Change the REL TO marking of a group of items: {@code add} codes to it and {@code remove} codes from it. Only
     * items that carry a REL TO list are changed; NOFORN and unmarked items keep their marking.
     */
    record ChangeRelTo(ItemGroup items, List<String> add, List<String> remove) implements Change {
        public ChangeRelTo {
            Check.present("items", items);
            add = Check.list("add", add);
            remove = Check.list("remove", remove);
            Check.that(!add.isEmpty() || !remove.isEmpty(), "add", "give the codes to add, to remove or both");
        }

        @Override
        public LocalDate effectiveFrom() {
            return null;
        }

        @Override
        public boolean mayAffect(Item item, World world) {
            return items.matches(item, world);
        }
    }

    /**
     * Replace the world's rule data by another version of it ({@code label} names it, e.g. {@code rules v4}): what a
     * rule-data diff evaluates. It can touch any item's decision.
     */
    record ReplaceRules(RulePack rules, String label) implements Change {
        public ReplaceRules {
            Check.present("rules", rules);
            label = Check.text("label", label);
        }

        @Override
        public LocalDate effectiveFrom() {
            return null;
        }

        @Override
        public boolean mayAffect(Item item, World world) {
            return true;
        }
    }

    /**
     * A group of items, by any combination of criteria (all must hold; within a list, any value): ids, projects,
     * areas (an item's own area or its project's), originators, export controls ({@code ITAR:XI} also matches
     * {@code ITAR:XI(d)}; {@code EAR} every EAR item) and classifications.
     */
    record ItemGroup(Set<String> ids, Set<String> projects, Set<String> areas, Set<Country> originators, List<String> controls,
                     Set<SecurityLevel> classifications) {
        public ItemGroup {
            ids = Check.set("ids", ids);
            projects = Check.set("projects", projects);
            areas = Check.set("areas", areas);
            originators = Check.set("originators", originators);
            controls = Check.list("controls", controls);
            classifications = Check.set("classifications", classifications);
            Check.that(!(ids.isEmpty() && projects.isEmpty() && areas.isEmpty() && originators.isEmpty() && controls.isEmpty()
                    && classifications.isEmpty()), "", "give at least one of ids, projects, areas, originators, controls, classifications");
        }

        public boolean matches(Item item, World world) {
            if (!ids.isEmpty() && !ids.contains(item.id())) {
                return false;
            }
            if (!projects.isEmpty() && (item.project() == null || !projects.contains(item.project()))) {
                return false;
            }
            if (!areas.isEmpty()) {
                String area = item.area();
                if (area == null && item.project() != null) {
                    Project p = world.project(item.project());
                    area = p == null ? null : p.area();
                }
                if (area == null || !areas.contains(area)) {
                    return false;
                }
            }
            if (!originators.isEmpty() && !originators.contains(item.originator())) {
                return false;
            }
            if (!classifications.isEmpty() && !classifications.contains(item.classification())) {
                return false;
            }
            if (!controls.isEmpty() && controls.stream().noneMatch(c -> controlMatches(c, item.control()))) {
                return false;
            }
            return true;
        }

        /** {@code ITAR} matches every ITAR item, {@code ITAR:XI} XI and its paragraphs, {@code EAR:3E001} that ECCN. */
        static boolean controlMatches(String pattern, ExportControl control) {
            String regime = control.regime();
            int colon = pattern.indexOf(':');
            String want = colon < 0 ? pattern : pattern.substring(0, colon);
            if (!want.equalsIgnoreCase(regime)) {
                return false;
            }
            if (colon < 0) {
                return true;
            }
            String entry = pattern.substring(colon + 1);
            String have = control.entry();
            return have.equals(entry) || (have.startsWith(entry) && have.length() > entry.length() && have.charAt(entry.length()) == '(');
        }
    }
}
