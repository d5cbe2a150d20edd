package dev.pillar.app.port;

/** A store operation that cannot be done as asked; {@link Reason} says why, for the HTTP status. */
public final class StoreException extends RuntimeException {
    /**
     * Why: the document is missing, exists already, or was changed since the version the caller read; or the store
     * cannot take the write now (failing or shutting down: try again later).
     */
    public enum Reason { NOT_FOUND, CONFLICT, STALE, UNAVAILABLE }

    private final Reason reason;

    public StoreException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public StoreException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
