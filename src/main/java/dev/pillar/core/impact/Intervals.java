package dev.pillar.core.impact;

import dev.pillar.core.model.Interval;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Set arithmetic on day intervals (inclusive ends; a null {@code until} is open-ended, {@code from} MIN unbounded). */
final class Intervals {
    private Intervals() {}

    /** The days of {@code a} that are also in {@code b}, or null if none. */
    static Interval intersect(Interval a, Interval b) {
        if (!a.overlaps(b)) {
            return null;
        }
        LocalDate from = a.from().isAfter(b.from()) ? a.from() : b.from();
        LocalDate until = a.until() == null ? b.until() : b.until() == null ? a.until() : a.until().isBefore(b.until()) ? a.until() : b.until();
        return new Interval(from, until);
    }

    /** The days of {@code a} that are not in {@code b}: none, one or two intervals, in order. */
    static List<Interval> minus(Interval a, Interval b) {
        List<Interval> out = new ArrayList<>(2);
        if (!a.overlaps(b)) {
            out.add(a);
            return out;
        }
        if (a.from().isBefore(b.from())) {
            out.add(new Interval(a.from(), b.from().minusDays(1)));
        }
        if (b.until() != null && (a.until() == null || a.until().isAfter(b.until()))) {
            out.add(new Interval(b.until().plusDays(1), a.until()));
        }
        return out;
    }

    /** The days of {@code a} not covered by any of {@code taken}, in order. */
    static List<Interval> minusAll(Interval a, List<Interval> taken) {
        List<Interval> rest = new ArrayList<>(List.of(a));
        for (Interval t : taken) {
            List<Interval> next = new ArrayList<>();
            for (Interval r : rest) {
                next.addAll(minus(r, t));
            }
            rest = next;
        }
        return rest;
    }

    /** The smallest interval holding both. */
    static Interval hull(Interval a, Interval b) {
        LocalDate from = a.from().isBefore(b.from()) ? a.from() : b.from();
        LocalDate until = a.until() == null || b.until() == null ? null : a.until().isAfter(b.until()) ? a.until() : b.until();
        return new Interval(from, until);
    }
}
