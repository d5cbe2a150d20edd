package dev.pillar.core.screening;

/**
 * A list entry that a party's name matches: the entry, the version of its list, the party's name and the entry's name
 * that matched, the score (0 to 1) and whether the match is exact (the same name after normalisation, with no country
 * or date of birth that disagrees). {@code verdict} is the officer's verdict that holds for this party and entry, if any.
 */
public record Hit(ListEntry entry, ListVersion version, String partyName, String entryName, double score, boolean exact, Verdict verdict) {
    public Hit withVerdict(Verdict v) {
        return new Hit(entry, version, partyName, entryName, score, exact, v);
    }

    /** Exact, or confirmed by an officer as the same party. */
    public boolean confirmed() {
        return verdict != null ? verdict.sameParty() : exact;
    }

    /** Cleared by an officer as not the same party. */
    public boolean cleared() {
        return verdict != null && !verdict.sameParty();
    }

    public String scoreText() {
        return String.format(java.util.Locale.ROOT, "%.3f", score);
    }
}
