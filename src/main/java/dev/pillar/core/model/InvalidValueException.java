package dev.pillar.core.model;

/**
 * A value could not be built because one of its fields is wrong. {@link #field()} names the field (a dotted path where
 * the caller knows one) and the message says what is wrong and how to fix it.
 */
public final class InvalidValueException extends IllegalArgumentException {
    private final String field;

    public InvalidValueException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    /** The field that is wrong, e.g. {@code item.classification}. */
    public String field() {
        return field;
    }

    /** The message without the field prefix. */
    public String problem() {
        return getMessage().substring(field.length() + 2);
    }

    /** The same problem, reported under a longer path (the caller's position is prepended). */
    public InvalidValueException under(String prefix) {
        String path = prefix.isEmpty() ? field : field.isEmpty() ? prefix : prefix + "." + field;
        InvalidValueException moved = new InvalidValueException(path, problem());
        moved.setStackTrace(getStackTrace());
        return moved;
    }
}
