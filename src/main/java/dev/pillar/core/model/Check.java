package dev.pillar.core.model;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Argument checks shared by the value constructors; each failure names the field. */
public final class Check {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,79}");

    private Check() {}

    public static <T> T present(String field, T value) {
        if (value == null) {
            throw new InvalidValueException(field, "is required");
        }
        return value;
    }

    public static String text(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidValueException(field, "is required and must not be blank");
        }
        return value.strip();
    }

    /** An identifier: letters, digits and {@code . _ : / -}, 1 to 80 characters, starting with a letter or digit. */
    public static String id(String field, String value) {
        text(field, value);
        if (!ID.matcher(value).matches()) {
            throw new InvalidValueException(field, "'" + value + "' is not a valid id: use 1-80 letters, digits, '.', '_', ':', '/' or '-'");
        }
        return value;
    }

    public static long nonNegative(String field, long value) {
        if (value < 0) {
            throw new InvalidValueException(field, "must be zero or more, was " + value);
        }
        return value;
    }

    public static <T> List<T> list(String field, Collection<T> values) {
        if (values == null) {
            return List.of();
        }
        int i = 0;
        for (T v : values) {
            if (v == null) {
                throw new InvalidValueException(field + "[" + i + "]", "must not be null");
            }
            i++;
        }
        return List.copyOf(values);
    }

    public static <T> Set<T> set(String field, Collection<T> values) {
        return Set.copyOf(list(field, values));
    }

    public static void that(boolean condition, String field, String message) {
        if (!condition) {
            throw new InvalidValueException(field, message);
        }
    }
}
