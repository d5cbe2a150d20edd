package dev.pillar.core.model;

import java.util.List;
import java.util.Set;

/**
 * A person who may receive technical data: every citizenship and permanent residency (both count for a deemed
 * export), where they are, their employer and their clearance, and the citizenships they held before
 * ({@code formerCitizenships}: a release of ITAR technical data to a foreign person is an export to every country of
 * which the person "has held or holds citizenship", 22 CFR 120.50(b), 120.51(b)). {@code id} is null for a person
 * described inline.
 */
public record Person(String id, String name, Set<Country> citizenships, Set<Country> residencies, Country location,
                     Organisation organisation, Clearance clearance, boolean fictional, Set<Country> formerCitizenships) {
    /** A person who held no other citizenship before. */
    public Person(String id, String name, Set<Country> citizenships, Set<Country> residencies, Country location,
                  Organisation organisation, Clearance clearance, boolean fictional) {
        this(id, name, citizenships, residencies, location, organisation, clearance, fictional, Set.of());
    }

    public Person {
        id = id == null ? null : Check.id("id", id);
        name = name == null ? (id == null ? "(inline recipient)" : id) : name;
        citizenships = Check.set("citizenships", citizenships);
        residencies = Check.set("residencies", residencies);
        formerCitizenships = Check.set("formerCitizenships", formerCitizenships == null ? Set.of() : formerCitizenships);
        for (Country c : formerCitizenships) {
            Check.that(!citizenships.contains(c), "formerCitizenships", c + " is also a current citizenship: list it under citizenships only");
        }
        Check.that(!citizenships.isEmpty(), "citizenships", "at least one citizenship is required (a deemed export goes to every one)");
        Check.present("location", location);
        Check.present("organisation", organisation);
    }

    public String label() {
        return id != null ? id : name;
    }

    /** Citizenships then residencies, sorted, for messages. */
    public List<Country> nationalities() {
        return citizenships.stream().sorted().toList();
    }
}
