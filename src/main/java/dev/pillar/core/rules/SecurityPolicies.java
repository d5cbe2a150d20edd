package dev.pillar.core.rules;

import dev.pillar.core.model.SecurityLevel;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

/**
 * The classification schemes a world knows and how their levels compare. The implementation reads schemes and
 * equivalences from rule data: tables, and national schemes written as Open XML SPIF files ({@link NationalPolicy}),
 * whose declared equivalences it uses.
 */
public interface SecurityPolicies {
    /** True if {@code level} names a scheme and a level of it that this world knows. */
    boolean knows(SecurityLevel level);

    /** True if a person needs a clearance to receive data at {@code level}. */
    boolean requiresClearance(SecurityLevel level);

    /** How a clearance compares with a classification on a day. */
    Comparison compare(SecurityLevel clearance, SecurityLevel classification, LocalDate day);

    /** The level names of {@code scheme} from lowest to highest; empty if the scheme is unknown. */
    List<String> levels(String scheme);

    /** The schemes known, for messages. */
    Collection<String> schemes();

    /** The SPIF that defines {@code scheme}, or null for a scheme written as a table. */
    default NationalPolicy policy(String scheme) {
        return null;
    }

    /** Every national scheme written as a SPIF. */
    default Collection<NationalPolicy> nationalPolicies() {
        return List.of();
    }

    /**
     * The result of comparing a clearance with a classification: whether it dominates, the level in the clearance's
     * scheme that it had to reach ({@code required}, null when no equivalence exists) and the equivalence used.
     */
    record Comparison(boolean dominates, SecurityLevel required, Equivalence via) {}
}
