package dev.pillar.core.screening;

import dev.pillar.core.model.Check;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One imported version of a list: which list ({@code us-csl}, {@code uk-sanctions}, {@code au-dfat}), its publication
 * date (the version is in force for decisions from that date until the next version's), when and by whom it was
 * imported, the SHA-256 of the file and how many entries it holds.
 */
public record ListVersion(long version, String list, LocalDate published, Instant importedAt, String importedBy, String fileDigest, int entries) {
    public ListVersion {
        Check.text("list", list);
        Check.present("published", published);
        Check.present("importedAt", importedAt);
    }

    /** How a reason names it, e.g. "us-csl v3 (published 2026-11-28)". */
    public String label() {
        return list + " v" + version + " (published " + published + ")";
    }
}
