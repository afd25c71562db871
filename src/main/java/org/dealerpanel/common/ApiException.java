package org.dealerpanel.common;

import java.util.List;

/** A client error the service raises on purpose; it is rendered as problem+json with the given status. */
public class ApiException extends RuntimeException {
    private final int status;
    private final String title;
    private final List<FieldError> errors;
    private final Long totalErrors;

    public ApiException(int status, String title, String detail, List<FieldError> errors, Long totalErrors) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.errors = errors;
        this.totalErrors = totalErrors;
    }

    public static ApiException badRequest(String detail, List<FieldError> errors) {
        return new ApiException(400, "Bad Request", detail, errors, null);
    }

    public static ApiException badField(String field, String message) {
        return badRequest(field + ": " + message, List.of(FieldError.field(field, message)));
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "Not Found", what + " not found", null, null);
    }

    public static ApiException conflict(String detail) {
        return new ApiException(409, "Conflict", detail, null, null);
    }

    public int status() {
        return status;
    }

    public Problem toProblem() {
        return new Problem("about:blank", title, status, getMessage(), errors, totalErrors);
    }
}
