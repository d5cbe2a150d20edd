package dev.pillar.http;

/**
 * A request the API refuses, with its HTTP status, a short title, a detail for the caller and, where one field is at
 * fault, the field's path. Rendered as RFC 9457 problem details.
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String title;
    private final String field;

    public ApiException(int status, String title, String detail, String field) {
        super(detail);
        this.status = status;
        this.title = title;
        this.field = field;
    }

    public static ApiException badRequest(String field, String detail) {
        return new ApiException(400, "Bad request", detail, field);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(404, "Not found", detail, null);
    }

    public static ApiException forbidden() {
        return new ApiException(403, "Forbidden", "your role does not allow this", null);
    }

    public static ApiException preconditionRequired() {
        return new ApiException(428, "Precondition required", "send If-Match with the ETag of the version you read", "If-Match");
    }

    public int status() { return status; }
    public String title() { return title; }
    public String field() { return field; }
}
