package org.dealerpanel.common;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One validation failure: either a JSON field or a 1-based line of an uploaded file. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldError(String field, Long line, String message) {
    public static FieldError field(String field, String message) {
        return new FieldError(field, null, message);
    }

    public static FieldError line(long line, String message) {
        return new FieldError(null, line, message);
    }
}
