package dev.pillar.core.label;

import java.util.EnumSet;
import java.util.Set;

/**
 * The codes of an Open XML SPIF {@code markingData} element: where a phrase is shown (page top or bottom, document
 * start or end) and how it changes the marking (suppress the category name or the whole marking, suppress the
 * classification name, replace the policy name).
 */
public enum MarkingCode {
    PAGE_TOP("pageTop"),
    PAGE_BOTTOM("pageBottom"),
    DOCUMENT_START("documentStart"),
    DOCUMENT_END("documentEnd"),
    NO_NAME_DISPLAY("noNameDisplay"),
    NO_MARKING_DISPLAY("noMarkingDisplay"),
    SUPPRESS_CLASS_NAME("suppressClassName"),
    REPLACE_POLICY("replacePolicy");

    /** The codes that name a location. */
    public static final Set<MarkingCode> LOCATIONS = EnumSet.of(PAGE_TOP, PAGE_BOTTOM, DOCUMENT_START, DOCUMENT_END);

    private final String spifName;

    MarkingCode(String spifName) {
        this.spifName = spifName;
    }

    public String spifName() {
        return spifName;
    }

    /** The codes a SPIF code names ({@code pageTopBottom} names two), or null if the name is unknown. */
    public static Set<MarkingCode> ofSpifName(String name) {
        if (name.equals("pageTopBottom")) {
            return EnumSet.of(PAGE_TOP, PAGE_BOTTOM);
        }
        for (MarkingCode c : values()) {
            if (c.spifName.equals(name)) {
                return EnumSet.of(c);
            }
        }
        return null;
    }

    /** The location named {@code name} for rendering ({@code pageBottom}, {@code pageTop}, ...), or null. */
    public static MarkingCode location(String name) {
        for (MarkingCode c : LOCATIONS) {
            if (c.spifName.equals(name)) {
                return c;
            }
        }
        return null;
    }
}
