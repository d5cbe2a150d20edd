package dev.pillar.core.model;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Something in force over an {@link Interval}. */
public interface Dated {
    Interval interval();

    default boolean inForce(LocalDate day) {
        return interval().contains(day);
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
