package dev.pillar.core.impact;

import dev.pillar.core.model.Check;
import dev.pillar.core.model.Source;
import java.time.LocalDate;
import java.util.List;

/**
 * A set of hypothetical changes to a world, the day to evaluate on and the recipients to evaluate for. {@code asOf}
 * may be null: then the latest day a change takes effect is used (so that every change is in force), or the caller's
 * today when no change is dated. {@code source} is what prompted the scenario (e.g. a statement); it is cited by every
 * fact the scenario adds.
 */
public record Scenario(String id, String title, String description, LocalDate asOf, Recipients recipients,
                       List<Change> changes, Source source) {
    public Scenario {
        Check.id("id", id);
        title = Check.text("title", title);
        description = description == null ? "" : description.strip();
        recipients = recipients == null ? Recipients.ALL : recipients;
        changes = Check.list("changes", changes);
    }

    /** The day the scenario is evaluated on: {@code asOf}, else the latest day a change takes effect, else {@code today}. */
    public LocalDate effectiveAsOf(LocalDate today) {
        if (asOf != null) {
            return asOf;
        }
        LocalDate latest = null;
        for (Change c : changes) {
            LocalDate from = c.effectiveFrom();
            if (from != null && (latest == null || from.isAfter(latest))) {
                latest = from;
            }
        }
        return latest != null ? latest : today;
    }

    /** The citation of facts the scenario adds: the scenario's source if it has one, else the scenario itself. */
    public Source citedSource() {
        return source != null ? source : new Source("Hypothetical scenario " + id + ": " + title, "scenario " + id + " (hypothetical)", null, null);
    }

    /** True if a change of this scenario replaces items' labels (which rules out reusing another result's classes). */
    public boolean changesItems() {
        return changes.stream().anyMatch(c -> c instanceof Change.ChangeRelTo);
    }
}
