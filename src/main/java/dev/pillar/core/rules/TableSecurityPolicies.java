package dev.pillar.core.rules;

import dev.pillar.core.label.PolicyDefinition;
import dev.pillar.core.label.SecurityPolicy;
import dev.pillar.core.model.InvalidValueException;
import dev.pillar.core.model.SecurityLevel;
import dev.pillar.core.model.Source;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link SecurityPolicies} from a table of schemes and dated equivalences, and from national schemes written as Open
 * XML SPIFs ({@link NationalPolicy}): a SPIF's classifications become a scheme's levels and its
 * {@code equivalentClassification}s to the other national SPIFs become equivalences, which take precedence over the
 * table's. A classification with no equivalent in the clearance's scheme is compared through the next higher level of
 * its own scheme that has one, which never asks for less than the equivalence table would. Levels are indexed when the
 * table is built, so a comparison allocates nothing.
 */
public final class TableSecurityPolicies implements SecurityPolicies {
    /** A level's scheme, rank, clearance need and the equivalences that name it. */
    private record LevelInfo(ClassificationScheme scheme, int rank, boolean requiresClearance, List<Equivalence> equivalences) {}

    private final Map<String, ClassificationScheme> schemes = new HashMap<>();
    private final Map<SecurityLevel, LevelInfo> levels = new HashMap<>();
    private final Map<String, SecurityLevel[]> byRank = new HashMap<>();
    private final Map<String, NationalPolicy> policies = new LinkedHashMap<>();
    private final List<ClassificationScheme> allSchemes = new ArrayList<>();
    private final List<Equivalence> allEquivalences = new ArrayList<>();

    public TableSecurityPolicies(List<ClassificationScheme> schemes, List<Equivalence> equivalences) {
        this(schemes, equivalences, List.of());
    }

    /** Schemes and equivalences of the table, and the national schemes written as SPIFs (which come first). */
    public TableSecurityPolicies(List<ClassificationScheme> schemes, List<Equivalence> equivalences, List<NationalPolicy> nationalPolicies) {
        Map<SecurityLevel, List<Equivalence>> named = new HashMap<>();
        Map<String, NationalPolicy> byOid = new HashMap<>();
        for (int i = 0; i < nationalPolicies.size(); i++) {
            NationalPolicy p = nationalPolicies.get(i);
            if (policies.put(p.scheme(), p) != null) {
                throw new InvalidValueException("policies[" + i + "].scheme", "duplicate scheme '" + p.scheme() + "'");
            }
            if (byOid.put(p.policy().id(), p) != null) {
                throw new InvalidValueException("policies[" + i + "].spif", "the SPIF of " + p.scheme() + " has the policy OID " + p.policy().id()
                        + " of another scheme's SPIF: each scheme needs its own policy");
            }
            allSchemes.add(p.asScheme());
        }
        allSchemes.addAll(schemes);
        for (ClassificationScheme s : allSchemes) {
            if (this.schemes.put(s.id(), s) != null) {
                throw new InvalidValueException("schemes", "duplicate scheme '" + s.id() + "'" + (policies.containsKey(s.id())
                        ? ": it is already defined by its SPIF in policies; remove it from schemes" : ""));
            }
        }
        List<Equivalence> declared = spifEquivalences(nationalPolicies, byOid);
        allEquivalences.addAll(declared);
        allEquivalences.addAll(equivalences);
        for (Equivalence e : declared) {
            for (SecurityLevel l : e.levels()) {
                named.computeIfAbsent(l, k -> new ArrayList<>()).add(e);
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
        for (ClassificationScheme s : allSchemes) {
            SecurityLevel[] ranks = new SecurityLevel[s.levels().size()];
            for (int r = 0; r < ranks.length; r++) {
                ClassificationScheme.Level l = s.levels().get(r);
                ranks[r] = new SecurityLevel(s.id(), l.name());
                levels.put(ranks[r], new LevelInfo(s, r, l.requiresClearance(), List.copyOf(named.getOrDefault(ranks[r], List.of()))));
            }
            byRank.put(s.id(), ranks);
        }
    }

    /**
     * The equivalences the national SPIFs declare among themselves: one per {@code equivalentClassification} whose
     * policy is another national SPIF of the world (equivalences to other policies serve label translation only),
     * one-way unless applied {@code both}, in force while the declaring SPIF's entry is, citing it.
     */
    private static List<Equivalence> spifEquivalences(List<NationalPolicy> all, Map<String, NationalPolicy> byOid) {
        List<Equivalence> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            NationalPolicy p = all.get(i);
            for (SecurityPolicy.Classification c : p.policy().classifications()) {
                for (PolicyDefinition.ClassEquivalentDef e : c.equivalents()) {
                    NationalPolicy t = byOid.get(p.policy().equivalentPolicyId(e.policyRef()));
                    if (t == null || t == p) {
                        continue;
                    }
                    SecurityPolicy.Classification tc = t.policy().classification(e.lacv());
                    if (tc == null) {
                        throw new InvalidValueException("policies[" + i + "].spif", "the " + p.scheme() + " SPIF maps '" + c.name() + "' to lacv "
                                + e.lacv() + " of the " + t.scheme() + " SPIF, which has no such classification (" + e.at() + ")");
                    }
                    SecurityLevel a = new SecurityLevel(p.scheme(), c.name());
                    SecurityLevel b = new SecurityLevel(t.scheme(), tc.name());
                    SecurityLevel from = e.encrypt() && e.decrypt() ? null : e.encrypt() ? a : b;
                    String id = "spif/" + p.scheme() + "/" + NationalPolicy.idPart(c.name()) + "/" + t.scheme()
                            + (from == null ? "" : from == a ? "/encrypt" : "/decrypt");
                    Source s = p.source();
                    Source cited = new Source(s.title() + ": equivalentClassification " + a + (from == null ? " <-> " : from == a ? " -> " : " <- ") + b,
                            s.citation(), s.date(), s.url());
                    out.add(new Equivalence(id, List.of(a, b), p.interval(), cited, from));
                }
            }
        }
        return out;
    }

    /** Every scheme known: the national SPIFs' first, then the table's. */
    public List<ClassificationScheme> allSchemes() {
        return List.copyOf(allSchemes);
    }

    /** Every equivalence: those the SPIFs declare first (they take precedence), then the table's. */
    public List<Equivalence> allEquivalences() {
        return List.copyOf(allEquivalences);
    }

    @Override
    public NationalPolicy policy(String scheme) {
        return policies.get(scheme);
    }

    @Override
    public Collection<NationalPolicy> nationalPolicies() {
        return policies.values();
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
                SecurityLevel target = e.inForce(day) ? e.mapping(own[r], clearance.scheme()) : null;
                if (target != null) {
                    return new Comparison(held.rank() >= levels.get(target).rank(), target, e);
                }
            }
        }
        return new Comparison(false, null, null);
    }
}
