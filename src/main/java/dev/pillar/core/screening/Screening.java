package dev.pillar.core.screening;

import java.util.List;

/** What screening one party on one date found: the list versions in force that were searched and the hits on them. */
public record Screening(Party party, List<ListVersion> versions, List<Hit> hits) {
    public Screening {
        versions = List.copyOf(versions);
        hits = List.copyOf(hits);
    }
}
