package dev.pillar.core.model;

import java.util.List;
import java.util.Set;

/**
 * A person who may receive technical data: every citizenship and permanent residency (both count for a deemed
 * export), where they are, their employer and their clearance. {@code id} is null for a person described inline.
 */
public record Person(String id, String name, Set<Country> citizenships, Set<Country> residencies, Country location,
                     Organisation organisation, Clearance clearance, boolean fictional) {
    public Person {
        id = id == null ? null : Check.id("id", id);
        name = name == null ? (id == null ? "(inline recipient)" : id) : name;
        citizenships = Check.set("citizenships", citizenships);
        residencies = Check.set("residencies", residencies);
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
