package dev.pillar.core.governance;

import dev.pillar.core.model.InvalidValueException;
import java.util.Locale;

/**
 * What a proposal does to a candidate, and the stage (an id of {@code partnership.stages}) it moves the candidate to.
 * Admission starts participation in named projects; suspension ends it in named projects (or all); withdrawal ends all.
 */
public enum Action {
    CONSENSUS("consensus", "consensus"),
    FORMAL_DISCUSSIONS("formal-discussions", "formal-discussions"),
    ADMIT("admit", "partner"),
    SUSPEND("suspend", "suspended"),
    WITHDRAW("withdraw", "withdrawn");

    private final String label;
    private final String stage;

    Action(String label, String stage) {
        this.label = label;
        this.stage = stage;
    }

    /** The word used in files and the API, e.g. {@code formal-discussions}. */
    public String label() {
        return label;
    }

    /** The stage id the candidate reaches. */
    public String stage() {
        return stage;
    }

    /** True for the actions that name projects (admit: required; suspend: optional, all when none). */
    public boolean namesProjects() {
        return this == ADMIT || this == SUSPEND;
    }

    public static Action parse(String field, String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Action a : values()) {
            if (a.label.equals(t)) {
                return a;
            }
        }
        throw new InvalidValueException(field, "'" + text + "' is not an action: use one of consensus, formal-discussions, admit, suspend, withdraw");
    }
}
