package dev.pillar.core.world;

import dev.pillar.core.label.Clearance;
import dev.pillar.core.label.Label;
import dev.pillar.core.label.SecurityPolicy.Classification;
import dev.pillar.core.label.SecurityPolicy;
import dev.pillar.core.model.Coalition;
import dev.pillar.core.model.Country;
import dev.pillar.core.model.InvalidValueException;
import dev.pillar.core.model.Person;
import dev.pillar.core.model.SecurityLevel;
import dev.pillar.core.rules.NationalPolicy;
import dev.pillar.core.rules.SecurityPolicies;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Who among a world's people may read data with a label of one of its national SPIFs, on a day: each person's clearance
 * becomes a clearance of the label's policy (the classifications it dominates through the equivalences in force; none
 * needing a clearance when the person holds no valid one) and each citizenship and the location hold the label's REL
 * TO categories naming it or a coalition that includes it, and the no-foreign-nationals category for a national of the
 * policy's country. The SPIF's access control decision must grant every one of them, as in the releasability layer.
 * Caveats the world has no data for (other restrictive or permissive categories) are held by nobody.
 */
public final class LabelReaders {
    /** One person's answer: granted or not, and every reason it was refused. */
    public record Reader(Person person, boolean granted, List<String> reasons) {}

    private LabelReaders() {}

    /** The national policy of {@code world} that {@code label} is under; throws naming the field when there is none. */
    public static NationalPolicy policyOf(World world, Label label) {
        for (NationalPolicy np : world.rules().security().nationalPolicies()) {
            if (np.policy() == label.policy()) {
                return np;
            }
        }
        throw new InvalidValueException("label", "the label is under policy " + label.policy() + ", which is not a national scheme of world "
                + world.id() + ": use one of " + world.rules().policies().stream().map(p -> p.policy().name()).toList());
    }

    /** Every person of the world, in the world's order, with whether they may read data labelled {@code label} on {@code day}. */
    public static List<Reader> readers(World world, Label label, LocalDate day) {
        NationalPolicy np = policyOf(world, label);
        List<Reader> out = new ArrayList<>();
        for (Person p : world.people()) {
            out.add(reader(world, np, label, p, day));
        }
        return out;
    }

    static Reader reader(World world, NationalPolicy np, Label label, Person person, LocalDate day) {
        SecurityPolicies security = world.rules().security();
        SecurityPolicy policy = np.policy();
        List<Classification> held = new ArrayList<>();
        boolean cleared = person.clearance() != null && person.clearance().inForce(day);
        for (Classification c : policy.classifications()) {
            SecurityLevel level = new SecurityLevel(np.scheme(), c.name());
            if (!security.requiresClearance(level) || cleared && security.compare(person.clearance().level(), level, day).dominates()) {
                held.add(c);
            }
        }
        if (held.isEmpty()) {
            return new Reader(person, false, List.of("holds no classification of " + policy + (cleared ? "" : ": no clearance valid on " + day)));
        }
        Country home = Country.isKnown(np.scheme()) ? Country.of(np.scheme()) : null;
        boolean national = home != null && person.citizenships().contains(home);
        Set<Country> nationalities = new LinkedHashSet<>(person.nationalities());
        nationalities.add(person.location());
        Set<String> reasons = new LinkedHashSet<>();
        SecurityLevel wanted = new SecurityLevel(np.scheme(), label.classification().name());
        if (!held.contains(label.classification())) {
            reasons.add(cleared ? "the clearance " + person.clearance().level() + " does not reach " + wanted + " through the equivalences in force on " + day
                    : "no clearance valid on " + day + ", and " + wanted + " needs one");
        }
        for (Country n : nationalities) {
            Clearance c = np.privileges(label, held, n, national, (code, country) -> {
                Coalition k = world.coalitions().get(code);
                return k != null && k.includes(country, day);
            });
            SecurityPolicy.Access a = policy.access(label, c);
            String as = person.citizenships().contains(n) ? "as a " + n + " citizen: " : "located in " + n + ": ";
            for (String r : a.reasons()) {
                if (r.startsWith("the clearance does not hold the classification")) {
                    continue; // said once above, with why
                }
                reasons.add(r.startsWith("the label is not valid") ? r : as + r);
            }
        }
        return new Reader(person, reasons.isEmpty(), List.copyOf(reasons));
    }
}
