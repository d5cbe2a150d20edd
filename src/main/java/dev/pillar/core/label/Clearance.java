package dev.pillar.core.label;

import dev.pillar.core.label.SecurityPolicy.Category;
import dev.pillar.core.label.SecurityPolicy.Classification;
import dev.pillar.core.model.InvalidValueException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A clearance under a compiled {@link SecurityPolicy}: the classifications it holds (explicitly: holding SECRET does not
 * imply CONFIDENTIAL unless the clearance lists it) and the restrictive and permissive categories it holds, as bit
 * sets. Informative categories carry no privilege and are refused.
 */
public final class Clearance {
    private final SecurityPolicy policy;
    private final long[] classBits;
    private final long[] bits;
    /** Built on first use from the bit sets (a decision needs only the bits). */
    private List<Classification> classifications;
    private List<Category> categories;

    private Clearance(SecurityPolicy policy, long[] classBits, long[] bits) {
        this.policy = policy;
        this.classBits = classBits;
        this.bits = bits;
    }

    /** A clearance of {@code policy}; it holds at least one classification, and only the policy's own. */
    public static Clearance of(SecurityPolicy policy, Collection<Classification> classifications, Collection<Category> categories) {
        Objects.requireNonNull(policy, "policy");
        if (classifications.isEmpty()) {
            throw new InvalidValueException("clearance.classifications", "a clearance holds at least one classification: add one");
        }
        long[] classBits = Bits.of(policy.classifications().size());
        List<Classification> own = policy.classifications();
        for (Classification c : classifications) {
            if (c.rank() >= own.size() || own.get(c.rank()) != c) {
                throw new InvalidValueException("clearance.classifications", "'" + c.name() + "' is not a classification of policy " + policy);
            }
            Bits.set(classBits, c.rank());
        }
        long[] bits = Bits.of(policy.categoryCount());
        for (Category c : categories) {
            if (c.ordinal() >= policy.categoryCount() || policy.category(c.ordinal()) != c) {
                throw new InvalidValueException("clearance.categories", "category " + c + " is not a category of policy " + policy);
            }
            if (c.type().informative()) {
                throw new InvalidValueException("clearance.categories", "the informative category " + c
                        + " carries no privilege: remove it from the clearance");
            }
            Bits.set(bits, c.ordinal());
        }
        return new Clearance(policy, classBits, bits);
    }

    public SecurityPolicy policy() { return policy; }
    /** The classifications held, from lowest to highest. */
    public List<Classification> classifications() {
        List<Classification> c = classifications;
        if (c == null) {
            List<Classification> out = new ArrayList<>();
            for (Classification x : policy.classifications()) {
                if (Bits.get(classBits, x.rank())) {
                    out.add(x);
                }
            }
            classifications = c = List.copyOf(out);
        }
        return c;
    }

    /** The categories held, in the policy's document order. */
    public List<Category> categories() {
        List<Category> c = categories;
        if (c == null) {
            List<Category> out = new ArrayList<>();
            for (int i = 0; i < policy.categoryCount(); i++) {
                if (Bits.get(bits, i)) {
                    out.add(policy.category(i));
                }
            }
            categories = c = List.copyOf(out);
        }
        return c;
    }

    public boolean holds(Classification c) {
        return c.rank() < policy.classifications().size() && policy.classifications().get(c.rank()) == c && Bits.get(classBits, c.rank());
    }

    public boolean holds(Category c) {
        return policy.category(c.ordinal()) == c && Bits.get(bits, c.ordinal());
    }

    long[] classBits() { return classBits; }
    long[] bits() { return bits; }

    @Override
    public boolean equals(Object o) {
        return o instanceof Clearance c && c.policy == policy && Arrays.equals(c.classBits, classBits) && Arrays.equals(c.bits, bits);
    }

    @Override
    public int hashCode() {
        return Objects.hash(policy.id(), Arrays.hashCode(classBits), Arrays.hashCode(bits));
    }

    @Override
    public String toString() {
        return "Clearance[" + policy.name() + " " + classifications + " " + categories + "]";
    }
}
