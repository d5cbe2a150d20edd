package dev.pillar.app;

import dev.pillar.app.port.AuthException;
import dev.pillar.app.port.StoreException;
import dev.pillar.codec.BadInputException;

/**
 * The one way a use case says no: what kind of refusal it is, a short title, a detail for the person or program that
 * asked (what is wrong and how to fix it) and, where one field is at fault, the field's path. The HTTP adapter maps
 * the kind to a status and an RFC 9457 problem, the CLI to an exit code and an {@code error: FIELD: DETAIL} line.
 * Nothing was recorded when a refusal is thrown.
 */
public final class Refusal extends RuntimeException {
    /** What kind of refusal: each has one HTTP status and one exit code. */
    public enum Kind {
        INVALID(400, 2), UNAUTHENTICATED(401, 2), FORBIDDEN(403, 2), NOT_FOUND(404, 2), CONFLICT(409, 2), STALE(412, 2),
        UNSUPPORTED_MEDIA_TYPE(415, 2), PRECONDITION_REQUIRED(428, 2), TOO_MANY_REQUESTS(429, 2), UNAVAILABLE(503, 1);

        private final int status;
        private final int exitCode;

        Kind(int status, int exitCode) {
            this.status = status;
            this.exitCode = exitCode;
        }

        /** The HTTP status of this kind. */
        public int status() { return status; }

        /** The CLI's exit code for this kind: 2 for input the caller can fix, 1 when the store cannot answer. */
        public int exitCode() { return exitCode; }

        /** The title of a problem of this kind, as RFC 9110 names the status. */
        public String title() {
            return switch (this) {
                case INVALID -> "Bad request";
                case UNAUTHENTICATED -> "Unauthorized";
                case FORBIDDEN -> "Forbidden";
                case NOT_FOUND -> "Not found";
                case CONFLICT -> "Conflict";
                case STALE -> "Precondition failed";
                case UNSUPPORTED_MEDIA_TYPE -> "Unsupported media type";
                case PRECONDITION_REQUIRED -> "Precondition required";
                case TOO_MANY_REQUESTS -> "Too many requests";
                case UNAVAILABLE -> "Service unavailable";
            };
        }
    }

    private final Kind kind;
    private final String title;
    private final String field;
    private long retryAfter = -1;

    /** This refusal with the seconds after which to try again (a Retry-After header). */
    public Refusal retryAfter(long seconds) {
        this.retryAfter = seconds;
        return this;
    }

    /** Seconds to wait before trying again, or -1. */
    public long retryAfterSeconds() {
        return retryAfter;
    }

    public Refusal(Kind kind, String title, String detail, String field) {
        super(detail);
        if (kind == null) {
            throw new IllegalArgumentException("kind is required");
        }
        this.kind = kind;
        this.title = title == null ? kind.title() : title;
        this.field = field;
    }

    public Refusal(Kind kind, String detail, String field) {
        this(kind, null, detail, field);
    }

    public static Refusal invalid(String field, String detail) {
        return new Refusal(Kind.INVALID, detail, field);
    }

    public static Refusal notFound(String detail) {
        return new Refusal(Kind.NOT_FOUND, detail, null);
    }

    public static Refusal conflict(String detail, String field) {
        return new Refusal(Kind.CONFLICT, detail, field);
    }

    public static Refusal forbidden() {
        return new Refusal(Kind.FORBIDDEN, "your role does not allow this", null);
    }

    public static Refusal unauthenticated(String detail) {
        return new Refusal(Kind.UNAUTHENTICATED, detail, null);
    }

    public static Refusal preconditionRequired() {
        return new Refusal(Kind.PRECONDITION_REQUIRED, "send If-Match with the ETag of the version you read", "If-Match");
    }

    /**
     * The refusal that a failure of a codec, the store, sign-in or the governance core amounts to, or null if
     * {@code t} is none of those (an internal error).
     */
    public static Refusal of(Throwable t) {
        return switch (t) {
            case Refusal r -> r;
            case BadInputException e -> invalid(e.field(), e.getMessage());
            case AuthException e -> unauthenticated("sign in: send Authorization: Bearer <token>");
            case dev.pillar.core.governance.Refusal r -> new Refusal(switch (r.kind()) {
                case INVALID -> Kind.INVALID;
                case NOT_FOUND -> Kind.NOT_FOUND;
                case CONFLICT -> Kind.CONFLICT;
            }, r.getMessage(), r.field());
            case StoreException e -> switch (e.reason()) {
                case NOT_FOUND -> new Refusal(Kind.NOT_FOUND, e.getMessage(), null);
                case CONFLICT -> new Refusal(Kind.CONFLICT, e.getMessage(), null);
                case STALE -> new Refusal(Kind.STALE, e.getMessage(), "If-Match");
                case UNAVAILABLE -> (Refusal) new Refusal(Kind.UNAVAILABLE, "the store cannot record this now: nothing was decided; try again", null)
                        .initCause(e); // kept for the operator's log, never shown to the caller
            };
            case dev.pillar.app.audit.AuditLog.Broken e -> (Refusal) new Refusal(Kind.UNAVAILABLE, e.getMessage(), null).initCause(e);
            default -> null;
        };
    }

    public Kind kind() { return kind; }
    public String title() { return title; }
    public String field() { return field; }
    /** The HTTP status of this refusal. */
    public int status() { return kind.status(); }
}
