package dev.pillar.core.impact;

import dev.pillar.core.model.Clearance;
import dev.pillar.core.model.Country;
import dev.pillar.core.model.Organisation;
import dev.pillar.core.model.Person;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The recipients of an evaluation, grouped into classes of people with the same decision-relevant facts (every
 * citizenship and residency, location, organisation, clearance): the engine never reads a person's id or name except
 * in messages, so one person of each class is asked for.
 */
final class People {
    private record Key(Set<Country> citizenships, Set<Country> residencies, Country location, Organisation organisation, Clearance clearance) {}

    final Person[] persons;
    final Person[] representatives;
    final int[] classOf;

    private People(Person[] persons, Person[] representatives, int[] classOf) {
        this.persons = persons;
        this.representatives = representatives;
        this.classOf = classOf;
    }

    static People of(List<Person> people, boolean grouped) {
        Person[] ps = people.toArray(Person[]::new);
        int[] classOf = new int[ps.length];
        if (!grouped) {
            for (int i = 0; i < ps.length; i++) {
                classOf[i] = i;
            }
            return new People(ps, ps, classOf);
        }
        Map<Key, Integer> ids = new HashMap<>();
        Person[] reps = new Person[ps.length];
        int n = 0;
        for (int i = 0; i < ps.length; i++) {
            Person p = ps[i];
            Key k = new Key(p.citizenships(), p.residencies(), p.location(), p.organisation(), p.clearance());
            Integer c = ids.putIfAbsent(k, n);
            if (c == null) {
                reps[n] = p;
                c = n++;
            }
            classOf[i] = c;
        }
        return new People(ps, Arrays.copyOf(reps, n), classOf);
    }

    int classes() {
        return representatives.length;
    }

    /** True if both group the same people (by id, in the same order) the same way. */
    boolean samePartition(People other) {
        if (persons.length != other.persons.length || !Arrays.equals(classOf, other.classOf)) {
            return false;
        }
        for (int i = 0; i < persons.length; i++) {
            if (!persons[i].id().equals(other.persons[i].id())) {
                return false;
            }
        }
        return true;
    }
}
