package dev.pillar.core.governance;

/**
 * A governance act that cannot be recorded: {@link Kind} says whether the input is invalid, names nothing that exists,
 * or conflicts with what is recorded; {@link #field()} names the field at fault.
 */
public final class Refusal extends RuntimeException {
    public enum Kind { INVALID, NOT_FOUND, CONFLICT }

    private final Kind kind;
    private final String field;

    public Refusal(Kind kind, String field, String message) {
        super(message);
        this.kind = kind;
        this.field = field;
    }

    public Kind kind() { return kind; }
    public String field() { return field; }
}
