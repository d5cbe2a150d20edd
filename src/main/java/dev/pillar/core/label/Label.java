package dev.pillar.core.label;

import dev.pillar.core.label.SecurityPolicy.Category;
import dev.pillar.core.label.SecurityPolicy.Classification;
import dev.pillar.core.model.InvalidValueException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A confidentiality label under a compiled {@link SecurityPolicy}: one classification, a set of categories (held as a
 * bit set over the policy's category ordinals) and the label's own metadata. Labels read from either XML syntax end up
 * here, so two labels are equal when they say the same thing, whatever syntax they came from.
 */
public final class Label {
    private final SecurityPolicy policy;
    private final Classification classification;
    private final long[] bits;
    private final List<Category> categories;
    private final SecurityPolicy.Tag[] permissiveTags;
    private final Metadata metadata;

    /**
     * What a STANAG 4774 label says beside its confidentiality information; every field may be null. Kept so that a
     * label survives a round trip through either syntax.
     */
    public record Metadata(String privacyMark, String creationDateTime, String originatorId, String originatorIdType,
                           String reviewDateTime) {
        public static final Metadata NONE = new Metadata(null, null, null, null, null);

        public boolean isEmpty() {
            return equals(NONE);
        }
    }

    private Label(SecurityPolicy policy, Classification classification, long[] bits, List<Category> categories, Metadata metadata) {
        this.policy = policy;
        this.classification = classification;
        this.bits = bits;
        this.categories = categories;
        this.metadata = metadata == null ? Metadata.NONE : metadata;
        List<SecurityPolicy.Tag> tags = new ArrayList<>(2);
        for (Category c : categories) {
            if (c.type().permissive() && !tags.contains(c.tag())) {
                tags.add(c.tag());
            }
        }
        this.permissiveTags = tags.toArray(new SecurityPolicy.Tag[0]);
    }

    /** A label of {@code policy}; the classification and categories must be the policy's own. */
    public static Label of(SecurityPolicy policy, Classification classification, Collection<Category> categories, Metadata metadata) {
        Objects.requireNonNull(policy, "policy");
        if (classification == null || classification.rank() >= policy.classifications().size()
                || policy.classifications().get(classification.rank()) != classification) {
            throw new InvalidValueException("label.classification", "is not a classification of policy " + policy);
        }
        long[] bits = Bits.of(policy.categoryCount());
        List<Category> sorted = new ArrayList<>(categories.size());
        for (Category c : categories) {
            if (c.ordinal() >= policy.categoryCount() || policy.category(c.ordinal()) != c) {
                throw new InvalidValueException("label.categories", "category " + c + " is not a category of policy " + policy);
            }
            if (!Bits.get(bits, c.ordinal())) {
                Bits.set(bits, c.ordinal());
                sorted.add(c);
            }
        }
        sorted.sort(ORDER);
        return new Label(policy, classification, bits, List.copyOf(sorted), metadata);
    }

    public SecurityPolicy policy() { return policy; }
    public Classification classification() { return classification; }
    /** The categories in the policy's document order. */
    public List<Category> categories() { return categories; }
    public Metadata metadata() { return metadata; }

    /** The same label with other metadata. */
    static final Comparator<Category> ORDER = Comparator.comparingInt(Category::ordinal);

    long[] bits() { return bits; }
    SecurityPolicy.Tag[] permissiveTags() { return permissiveTags; }

    @Override
    public boolean equals(Object o) {
        return o instanceof Label l && l.policy == policy && l.classification == classification && Arrays.equals(l.bits, bits)
                && l.metadata.equals(metadata);
    }

    @Override
    public int hashCode() {
        return Objects.hash(policy.id(), classification.lacv(), Arrays.hashCode(bits), metadata);
    }

    @Override
    public String toString() {
        return "Label[" + policy.name() + " " + classification.name() + " " + categories + "]";
    }
}
