package dev.pillar.core.model;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/** A prospective partner country and its dated stage history, each step citing its source. */
public record Candidate(Country country, List<StageEntry> history) {
    /** One step on the path: the stage reached on a date, the source that records it and, optionally, projects. */
    public record StageEntry(String stage, LocalDate date, Source source, List<String> projects, String note) {
        public StageEntry {
            Check.id("stage", stage);
            Check.present("date", date);
            Check.present("source", source);
            projects = Check.list("projects", projects);
            note = note == null ? "" : note;
        }
    }

    public Candidate {
        Check.present("country", country);
        history = Check.list("history", history).stream().sorted(Comparator.comparing(StageEntry::date)).toList();
        Check.that(!history.isEmpty(), "history", "a candidate needs at least one stage entry");
    }

    /** The latest stage entry on or before {@code day}, or null if the candidate was not yet considered. */
    public StageEntry stageOn(LocalDate day) {
        StageEntry current = null;
        for (StageEntry e : history) {
            if (!e.date().isAfter(day)) {
                current = e;
            }
        }
        return current;
    }
}
