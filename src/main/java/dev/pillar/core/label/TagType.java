package dev.pillar.core.label;

/**
 * The kind of a security category tag (Open XML SPIF {@code tagType}, with {@code enumType} for enumerated tags and
 * {@code tagType7} read as informative). Restrictive categories must all be held by a clearance; of the permissive
 * categories of one tag a clearance must hold at least one; informative categories carry no privilege.
 */
public enum TagType {
    RESTRICTIVE("restrictive"),
    PERMISSIVE("permissive"),
    ENUMERATED_RESTRICTIVE("enumeratedRestrictive"),
    ENUMERATED_PERMISSIVE("enumeratedPermissive"),
    INFORMATIVE("informative");

    private final String labelName;

    TagType(String labelName) {
        this.labelName = labelName;
    }

    /** The name used for the {@code type} attribute of a tag in a label or clearance, e.g. {@code enumeratedRestrictive}. */
    public String labelName() {
        return labelName;
    }

    public boolean restrictive() {
        return this == RESTRICTIVE || this == ENUMERATED_RESTRICTIVE;
    }

    public boolean permissive() {
        return this == PERMISSIVE || this == ENUMERATED_PERMISSIVE;
    }

    public boolean informative() {
        return this == INFORMATIVE;
    }

    /** The STANAG 4774 category type: PERMISSIVE, RESTRICTIVE or INFORMATIVE. */
    public String stanag4774() {
        return permissive() ? "PERMISSIVE" : restrictive() ? "RESTRICTIVE" : "INFORMATIVE";
    }

    /** The type named {@code name} in a label ({@code restrictive}, {@code enumeratedPermissive}, ...), or null. */
    public static TagType ofLabelName(String name) {
        for (TagType t : values()) {
            if (t.labelName.equals(name)) {
                return t;
            }
        }
        return null;
    }
}
