package dev.pillar.core.governance;

/** A problem verification found with the recorded act at {@code seq} (1 for the first act; 0 for the partnership document itself): what it is and what is wrong. */
public record Finding(long seq, String proposalId, String act, String problem) {
    @Override
    public String toString() {
        return "act " + seq + " (" + act + "): " + problem;
    }
}
