package dev.pillar.core.governance;

import dev.pillar.core.model.InvalidValueException;
import java.util.List;
import java.util.Locale;

/**
 * What a proposal does to a candidate, and the stage (an id of {@code partnership.stages}) it moves the candidate to.
 * Admission starts participation in named projects; suspension ends it in named projects (or all); withdrawal ends all.
 */
public enum Action {
    CONSENSUS("consensus", "consensus", List.of("considered")),
    FORMAL_DISCUSSIONS("formal-discussions", "formal-discussions", List.of("consensus")),
    ADMIT("admit", "partner", List.of("formal-discussions", "partner", "suspended")),
    SUSPEND("suspend", "suspended", List.of("partner")),
    WITHDRAW("withdraw", "withdrawn", List.of("considered", "consensus", "formal-discussions", "partner", "suspended"));

    private final String label;
    private final String stage;
    private final List<String> from;

    Action(String label, String stage, List<String> from) {
        this.label = label;
        this.stage = stage;
        this.from = from;
    }

    /**
     * The stages a candidate must be at for this action (the path of the seeds: considered, consensus of the core
     * members, formal discussions, partner in named projects): consensus follows consideration, formal discussions
     * follow consensus, admission follows formal discussions (or extends or restores a partnership), suspension needs
     * a partnership, and withdrawal may end any candidacy still open. A stage never goes backwards.
     */
    public List<String> from() {
        return from;
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
