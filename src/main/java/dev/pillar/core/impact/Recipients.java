package dev.pillar.core.impact;

import dev.pillar.core.model.Check;
import dev.pillar.core.model.Country;
import dev.pillar.core.model.InvalidValueException;
import dev.pillar.core.model.Organisation;
import dev.pillar.core.model.Person;
import dev.pillar.core.world.World;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Who the catalogue is evaluated for: every person of the world, or those matching every criterion given (each a
 * list of which any one must match): explicit people, a citizenship, the country, id or kind of their organisation,
 * and projects their organisation takes part in on the day (in the hypothetical world, so "firms in the projects
 * Korea joins" includes the firms the scenario admits).
 */
public record Recipients(List<String> people, Set<Country> citizenships, Set<Country> organisationCountries,
                         Set<String> organisations, Set<Organisation.Kind> organisationKinds, Set<String> inProjects) {
    public static final Recipients ALL = new Recipients(List.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of());

    public Recipients {
        people = Check.list("people", people);
        citizenships = Check.set("citizenships", citizenships);
        organisationCountries = Check.set("organisationCountries", organisationCountries);
        organisations = Check.set("organisations", organisations);
        organisationKinds = Check.set("organisationKinds", organisationKinds);
        inProjects = Check.set("inProjects", inProjects);
    }

    public boolean all() {
        return equals(ALL);
    }

    /**
     * The people of {@code world} selected, in the world's order (explicit people in the order given). Throws naming
     * the field (under {@code recipients}) when an id is unknown or nobody is selected.
     */
    public List<Person> select(World world, LocalDate day) {
        for (int i = 0; i < people.size(); i++) {
            if (world.person(people.get(i)) == null) {
                throw new InvalidValueException("recipients.people[" + i + "]", "unknown person '" + people.get(i) + "': use an id from people");
            }
        }
        for (String o : organisations) {
            if (world.organisation(o) == null) {
                throw new InvalidValueException("recipients.organisations", "unknown organisation '" + o + "': use an id from organisations");
            }
        }
        for (String p : inProjects) {
            world.requireProject(p, "recipients.inProjects");
        }
        List<Person> out = new ArrayList<>();
        if (!people.isEmpty()) {
            for (String id : people) {
                Person p = world.person(id);
                if (matches(p, day) && !out.contains(p)) {
                    out.add(p);
                }
            }
        } else {
            for (Person p : world.people()) {
                if (matches(p, day)) {
                    out.add(p);
                }
            }
        }
        if (out.isEmpty()) {
            throw new InvalidValueException("recipients", "selects nobody in world " + world.id() + " on " + day + ": widen the criteria");
        }
        return out;
    }

    private boolean matches(Person p, LocalDate day) {
        Organisation org = p.organisation();
        if (!citizenships.isEmpty() && p.citizenships().stream().noneMatch(citizenships::contains)) {
            return false;
        }
        if (!organisationCountries.isEmpty() && !organisationCountries.contains(org.country())) {
            return false;
        }
        if (!organisations.isEmpty() && !organisations.contains(org.id())) {
            return false;
        }
        if (!organisationKinds.isEmpty() && !organisationKinds.contains(org.kind())) {
            return false;
        }
        if (!inProjects.isEmpty()) {
            boolean any = false;
            for (String project : inProjects) {
                any |= org.role(project, day) != null;
            }
            return any;
        }
        return true;
    }
}
