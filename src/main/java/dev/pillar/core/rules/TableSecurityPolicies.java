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
 * less than the equivalence table would. Levels are indexed when the table is built, so a comparison allocates
 * nothing.
 */
public final class TableSecurityPolicies implements SecurityPolicies {
    /** A level's scheme, rank, clearance need and the equivalences that name it. */
    private record LevelInfo(ClassificationScheme scheme, int rank, boolean requiresClearance, List<Equivalence> equivalences) {}

    private final Map<String, ClassificationScheme> schemes = new HashMap<>();
    private final Map<SecurityLevel, LevelInfo> levels = new HashMap<>();
    private final Map<String, SecurityLevel[]> byRank = new HashMap<>();

    public TableSecurityPolicies(List<ClassificationScheme> schemes, List<Equivalence> equivalences) {
        Map<SecurityLevel, List<Equivalence>> named = new HashMap<>();
        for (ClassificationScheme s : schemes) {
            if (this.schemes.put(s.id(), s) != null) {
                throw new InvalidValueException("schemes", "duplicate scheme '" + s.id() + "'");
            }
        }
        for (int i = 0; i < equivalences.size(); i++) {
            Equivalence e = equivalences.get(i);
            for (SecurityLevel l : e.levels()) {
                ClassificationScheme s = this.schemes.get(l.scheme());
                if (s == null || s.rank(l.level()) < 0) {
                    throw new InvalidValueException("equivalences[" + i + "].levels", "unknown level '" + l + "': declare it in a scheme first");
                }
                named.computeIfAbsent(l, k -> new ArrayList<>()).add(e);
            }
        }
        for (ClassificationScheme s : schemes) {
            SecurityLevel[] ranks = new SecurityLevel[s.levels().size()];
            for (int r = 0; r < ranks.length; r++) {
                ClassificationScheme.Level l = s.levels().get(r);
                ranks[r] = new SecurityLevel(s.id(), l.name());
                levels.put(ranks[r], new LevelInfo(s, r, l.requiresClearance(), List.copyOf(named.getOrDefault(ranks[r], List.of()))));
            }
            byRank.put(s.id(), ranks);
        }
    }

    @Override
    public boolean knows(SecurityLevel level) {
        return levels.containsKey(level);
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
        return info(level).requiresClearance();
    }

    private LevelInfo info(SecurityLevel level) {
        LevelInfo i = levels.get(level);
        if (i == null) {
            throw new IllegalArgumentException("unknown level " + level);
        }
        return i;
    }

    @Override
    public Comparison compare(SecurityLevel clearance, SecurityLevel classification, LocalDate day) {
        LevelInfo held = info(clearance);
        LevelInfo wanted = info(classification);
        if (clearance.scheme().equals(classification.scheme())) {
            return new Comparison(held.rank() >= wanted.rank(), classification, null);
        }
        SecurityLevel[] own = byRank.get(classification.scheme());
        for (int r = wanted.rank(); r < own.length; r++) {
            for (Equivalence e : levels.get(own[r]).equivalences()) {
                SecurityLevel target = e.inForce(day) ? e.in(clearance.scheme()) : null;
                if (target != null) {
                    return new Comparison(held.rank() >= levels.get(target).rank(), target, e);
                }
            }
        }
        return new Comparison(false, null, null);
    }
}
