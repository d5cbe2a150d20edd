package dev.pillar.core.model;

import java.time.LocalDate;

/**
 * The days on which something is in force: from {@code from} (inclusive) until {@code until} (inclusive), open-ended
 * when {@code until} is null.
 */
public record Interval(LocalDate from, LocalDate until) {
    public static final Interval ALWAYS = new Interval(LocalDate.MIN, null);

    public Interval {
        Check.present("from", from);
        if (until != null && until.isBefore(from)) {
            throw new InvalidValueException("until", "must not be before from (" + from + "), was " + until);
        }
    }

    public static Interval from(LocalDate from) {
        return new Interval(from, null);
    }

    /** True if the two intervals share at least one day. */
    public boolean overlaps(Interval other) {
        return (until == null || !until.isBefore(other.from)) && (other.until == null || !other.until.isBefore(from));
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(from) && (until == null || !day.isAfter(until));
    }

    @Override
    public String toString() {
        String start = from.equals(LocalDate.MIN) ? "always" : from.toString();
        return until == null ? start + " onwards" : start + " to " + until;
    }
}
