package dev.pillar.core.rules;

import dev.pillar.core.model.InvalidValueException;
import dev.pillar.core.model.SecurityLevel;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link SecurityPolicies} from a table of schemes and dated equivalences. A classification with no equivalent in the
 * clearance's scheme is compared through the next higher level of its own scheme that has one, which never asks for
 * less than the equivalence table would.
 */
public final class TableSecurityPolicies implements SecurityPolicies {
    private final Map<String, ClassificationScheme> schemes = new HashMap<>();
    private final Map<SecurityLevel, List<Equivalence>> byLevel = new HashMap<>();

    public TableSecurityPolicies(List<ClassificationScheme> schemes, List<Equivalence> equivalences) {
        for (ClassificationScheme s : schemes) {
            if (this.schemes.put(s.id(), s) != null) {
                throw new InvalidValueException("schemes", "duplicate scheme '" + s.id() + "'");
            }
        }
        for (int i = 0; i < equivalences.size(); i++) {
            Equivalence e = equivalences.get(i);
            for (SecurityLevel l : e.levels()) {
                if (!knows(l)) {
                    throw new InvalidValueException("equivalences[" + i + "].levels", "unknown level '" + l + "': declare it in a scheme first");
                }
                byLevel.computeIfAbsent(l, k -> new ArrayList<>()).add(e);
            }
        }
    }

    @Override
    public boolean knows(SecurityLevel level) {
        ClassificationScheme s = schemes.get(level.scheme());
        return s != null && s.rank(level.level()) >= 0;
    }

    @Override
    public List<String> levels(String scheme) {
        ClassificationScheme s = schemes.get(scheme);
        return s == null ? List.of() : s.levels().stream().map(ClassificationScheme.Level::name).toList();
    }

    @Override
    public Collection<String> schemes() {
        return schemes.keySet().stream().sorted().toList();
    }

    @Override
    public boolean requiresClearance(SecurityLevel level) {
        ClassificationScheme s = scheme(level);
        return s.levels().get(s.rank(level.level())).requiresClearance();
    }

    private ClassificationScheme scheme(SecurityLevel level) {
        ClassificationScheme s = schemes.get(level.scheme());
        if (s == null || s.rank(level.level()) < 0) {
            throw new IllegalArgumentException("unknown level " + level);
        }
        return s;
    }

    @Override
    public Comparison compare(SecurityLevel clearance, SecurityLevel classification, LocalDate day) {
        ClassificationScheme clearanceScheme = scheme(clearance);
        int held = clearanceScheme.rank(clearance.level());
        if (clearance.scheme().equals(classification.scheme())) {
            return new Comparison(held >= clearanceScheme.rank(classification.level()), classification, null);
        }
        ClassificationScheme own = scheme(classification);
        for (int r = own.rank(classification.level()); r < own.levels().size(); r++) {
            SecurityLevel candidate = new SecurityLevel(own.id(), own.levels().get(r).name());
            for (Equivalence e : byLevel.getOrDefault(candidate, List.of())) {
                SecurityLevel target = e.inForce(day) ? e.in(clearance.scheme()) : null;
                if (target != null) {
                    return new Comparison(held >= clearanceScheme.rank(target.level()), target, e);
                }
            }
        }
        return new Comparison(false, null, null);
    }
}
