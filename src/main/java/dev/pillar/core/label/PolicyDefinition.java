package dev.pillar.core.label;

import dev.pillar.core.model.Check;
import java.util.List;

/**
 * A security policy as written in an Open XML SPIF, before it is checked and compiled into a {@link SecurityPolicy}.
 * Every part carries {@code at}, where it was written (element path and line), so that an error names the element.
 * The readers in {@code dev.pillar.io.label} build these records; nothing here parses XML.
 */
public record PolicyDefinition(String id, String name, List<ClassificationDef> classifications, List<TagSetDef> tagSets,
                               Markings markings, List<EquivalentPolicyDef> equivalentPolicies, String at) {
    public PolicyDefinition {
        classifications = Check.list("classifications", classifications);
        tagSets = Check.list("tagSets", tagSets);
        equivalentPolicies = Check.list("equivalentPolicies", equivalentPolicies);
        markings = markings == null ? Markings.NONE : markings;
    }

    /** How the members of a {@code requiredCategory} group combine. */
    public enum Operation {
        ONLY_ONE("onlyOne"), ONE_OR_MORE("oneOrMore"), ALL("all");

        private final String spifName;

        Operation(String spifName) {
            this.spifName = spifName;
        }

        public String spifName() {
            return spifName;
        }

        public static Operation ofSpifName(String name) {
            for (Operation o : values()) {
                if (o.spifName.equals(name)) {
                    return o;
                }
            }
            return null;
        }
    }

    /** A {@code securityClassification}. */
    public record ClassificationDef(String name, long lacv, int hierarchy, boolean obsolete, String colour, Markings markings,
                                    List<RequirementDef> required, List<ClassEquivalentDef> equivalents, String at) {
        public ClassificationDef {
            required = List.copyOf(required);
            equivalents = List.copyOf(equivalents);
            markings = markings == null ? Markings.NONE : markings;
        }
    }

    /** A {@code securityCategoryTagSet}: its OID, name and tags. */
    public record TagSetDef(String id, String name, Markings markings, List<TagDef> tags, String at) {
        public TagSetDef {
            tags = List.copyOf(tags);
            markings = markings == null ? Markings.NONE : markings;
        }
    }

    /** A {@code securityCategoryTag}; {@code singleSelection} allows at most one of its categories in a label. */
    public record TagDef(String name, TagType type, boolean singleSelection, Markings markings, List<CategoryDef> categories, String at) {
        public TagDef {
            categories = List.copyOf(categories);
            markings = markings == null ? Markings.NONE : markings;
        }
    }

    /** A {@code tagCategory} with its exclusions, requirements and equivalences. */
    public record CategoryDef(String name, long lacv, boolean obsolete, Markings markings, List<Named> excludedClasses,
                              List<CategoryRefDef> excludedCategories, List<RequirementDef> required,
                              List<CategoryEquivalentDef> equivalents, String at) {
        public CategoryDef {
            excludedClasses = List.copyOf(excludedClasses);
            excludedCategories = List.copyOf(excludedCategories);
            required = List.copyOf(required);
            equivalents = List.copyOf(equivalents);
            markings = markings == null ? Markings.NONE : markings;
        }
    }

    /** A name written at a place, e.g. an {@code excludedClass}. */
    public record Named(String name, String at) {}

    /**
     * A reference to categories of this policy ({@code excludedCategory} or {@code categoryGroup}): a tag set by name, a
     * tag type and one LACV, or every category of that type in the tag set when {@code lacv} is null.
     */
    public record CategoryRefDef(String tagSetRef, TagType type, Long lacv, String at) {}

    /** A {@code requiredCategory} group. */
    public record RequirementDef(Operation operation, List<CategoryRefDef> members, String at) {
        public RequirementDef {
            members = List.copyOf(members);
        }
    }

    /**
     * An {@code equivalentClassification}: the classification {@code lacv} of the policy named {@code policyRef} (in the
     * equivalent policies); {@code encrypt} when a label of this policy translates into it, {@code decrypt} when a label
     * of the other policy translates into this one. {@code required} names categories of the other policy to add.
     */
    public record ClassEquivalentDef(String policyRef, long lacv, boolean encrypt, boolean decrypt, List<RequirementDef> required, String at) {
        public ClassEquivalentDef {
            required = List.copyOf(required);
        }
    }

    /**
     * An {@code equivalentSecCategoryTag}: the category of the other policy (tag set OID, type, LACV) that this category
     * becomes, or nothing when {@code discard}.
     */
    public record CategoryEquivalentDef(String policyRef, String tagSetId, TagType type, Long lacv, boolean encrypt,
                                        boolean decrypt, boolean discard, String at) {}

    /** An {@code equivalentPolicy}: the local name and OID of another policy, and categories of it a translation must add. */
    public record EquivalentPolicyDef(String name, String id, List<RequirementDef> required, String at) {
        public EquivalentPolicyDef {
            required = List.copyOf(required);
        }
    }
}
