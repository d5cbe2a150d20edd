package dev.pillar.core.model;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/** Something in force over an {@link Interval}. */
public interface Dated {
    Interval interval();

    default boolean inForce(LocalDate day) {
        return interval().contains(day);
    }

    /**
     * Refuses two entries with the same key in force on the same day: for dated rule data the answer must not depend
     * on the order of the file. {@code field} is the list's path, used in the error.
     */
    static <T extends Dated> void requireNoOverlap(String field, List<T> all, Function<T, Object> key) {
        for (int j = 1; j < all.size(); j++) {
            for (int i = 0; i < j; i++) {
                T a = all.get(i);
                T b = all.get(j);
                if (Objects.equals(key.apply(a), key.apply(b)) && a.interval().overlaps(b.interval())) {
                    throw new InvalidValueException(field + "[" + j + "]", "is in force " + b.interval() + ", overlapping entry [" + i + "] ("
                            + a.interval() + ") for " + key.apply(a) + ": end the earlier entry with 'until' the day before the later one starts");
                }
            }
        }
    }

    /** Refuses two entries with the same id. */
    static <T> void requireUniqueIds(String field, List<T> all, Function<T, String> id) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < all.size(); i++) {
            if (!seen.add(id.apply(all.get(i)))) {
                throw new InvalidValueException(field + "[" + i + "]", "duplicate id '" + id.apply(all.get(i)) + "'");
            }
        }
    }

    /** The entries of {@code all} in force on {@code day}, in their order. */
    static <T extends Dated> List<T> inForce(List<T> all, LocalDate day) {
        List<T> out = new ArrayList<>(all.size());
        for (T t : all) {
            if (t.inForce(day)) {
                out.add(t);
            }
        }
        return out;
    }
}
