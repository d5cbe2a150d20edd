package dev.pillar.codec;

/**
 * Input that cannot be used: a world file or a request. {@link #location()} is the file (empty for a request),
 * {@link #field()} the path within it, and the message says what is wrong and how to fix it.
 */
public final class BadInputException extends RuntimeException {
    private final String location;
    private final String field;
    private final String problem;

    public BadInputException(String location, String field, String problem) {
        super((location.isEmpty() ? "" : location + ": ") + (field.isEmpty() ? "" : field + ": ") + problem);
        this.location = location;
        this.field = field;
        this.problem = problem;
    }

    public String location() { return location; }
    public String field() { return field; }
    public String problem() { return problem; }
}
