package dev.pillar.core.rules;

import dev.pillar.core.model.SecurityLevel;
import java.time.LocalDate;

/**
 * The classification schemes a world knows and how their levels compare. The table-driven implementation reads
 * schemes and equivalences from rule data; a policy defined by an XML-SPIF file can implement the same interface.
 */
public interface SecurityPolicies {
    /** True if {@code level} names a scheme and a level of it that this world knows. */
    boolean knows(SecurityLevel level);

    /** True if a person needs a clearance to receive data at {@code level}. */
    boolean requiresClearance(SecurityLevel level);

    /** How a clearance compares with a classification on a day. */
    Comparison compare(SecurityLevel clearance, SecurityLevel classification, LocalDate day);

    /** The level names of {@code scheme} from lowest to highest; empty if the scheme is unknown. */
    java.util.List<String> levels(String scheme);

    /** The schemes known, for messages. */
    java.util.Collection<String> schemes();

    /**
     * The result of comparing a clearance with a classification: whether it dominates, the level in the clearance's
     * scheme that it had to reach ({@code required}, null when no equivalence exists) and the equivalence used.
     */
    record Comparison(boolean dominates, SecurityLevel required, Equivalence via) {}
}
