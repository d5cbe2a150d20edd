package dev.pillar.core.governance;

import dev.pillar.core.model.Check;
import dev.pillar.core.model.Country;
import dev.pillar.core.model.InvalidValueException;
import dev.pillar.core.model.Source;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A proposal to move {@code candidate} by {@code action} from {@code effective} (a day), citing its sources, open for
 * votes until {@code deadline}. The voting deadline falls before the effective day, so an adopted act never changes
 * the answer for a day that had already begun when it was adopted.
 */
public record Proposal(String id, Country candidate, Action action, List<String> projects, LocalDate effective,
                       Instant deadline, List<Source> sources, String note, String proposedBy, Instant proposedAt, int rules) {
    /**
     * The governance rules a proposal is made under, part of its signed content. Version 1 (proposals recorded before
     * the stage-order checks, without the field) is replayed as it was checked then; version 2 adds the path of stages
     * ({@link Action#from()}) and is the only version recorded now.
     */
    public static final int RULES = 2;

    /** A proposal under the current rules. */
    public Proposal(String id, Country candidate, Action action, List<String> projects, LocalDate effective,
                    Instant deadline, List<Source> sources, String note, String proposedBy, Instant proposedAt) {
        this(id, candidate, action, projects, effective, deadline, sources, note, proposedBy, proposedAt, RULES);
    }

    public Proposal {
        Check.that(rules == 1 || rules == RULES, "rules", "unknown governance rules version " + rules + ": use " + RULES);
        Check.id("id", id);
        Check.present("candidate", candidate);
        Check.present("action", action);
        projects = Check.list("projects", projects);
        for (int i = 0; i < projects.size(); i++) {
            Check.id("projects[" + i + "]", projects.get(i));
            if (projects.indexOf(projects.get(i)) != i) {
                throw new InvalidValueException("projects[" + i + "]", "'" + projects.get(i) + "' is named twice");
            }
        }
        if (action == Action.ADMIT && projects.isEmpty()) {
            throw new InvalidValueException("projects", "is required to admit: name the Pillar II projects, e.g. [MAS-1]");
        }
        if (!action.namesProjects() && !projects.isEmpty()) {
            throw new InvalidValueException("projects", "only admit and suspend name projects; leave it out for " + action.label());
        }
        Check.present("effective", effective);
        Check.present("deadline", deadline);
        sources = Check.list("sources", sources);
        Check.that(!sources.isEmpty(), "sources", "cite at least one source: the statement, its date and reference");
        for (int i = 0; i < sources.size(); i++) {
            Check.that(sources.get(i).date() != null, "sources[" + i + "].date", "is required: the date of the statement or minutes");
        }
        note = note == null ? "" : note.strip();
        Check.text("proposedBy", proposedBy);
        Check.present("proposedAt", proposedAt);
        if (!deadline.isAfter(proposedAt)) {
            throw new InvalidValueException("deadline", "must be after the proposal is made (" + proposedAt + "), was " + deadline);
        }
        LocalDate deadlineDay = deadline.atOffset(ZoneOffset.UTC).toLocalDate();
        if (!effective.isAfter(deadlineDay)) {
            throw new InvalidValueException("effective", "must be after the day of the voting deadline (" + deadlineDay
                    + ", UTC), was " + effective + ": an act takes effect only once the vote is over");
        }
    }

    /** The day (UTC) the proposal was made; core membership on this day decides who votes. */
    public LocalDate day() {
        return proposedAt.atOffset(ZoneOffset.UTC).toLocalDate();
    }
}
