package org.dealerpanel.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * RFC 9457 problem details, as sent with {@code application/problem+json}. {@code instance} identifies one occurrence:
 * a server fault carries {@code urn:uuid:…}, the same id as the log line, so a report can be matched with the log.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors,
                      Long totalErrors) {
    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem(String type, String title, int status, String detail, List<FieldError> errors, Long totalErrors) {
        this(type, title, status, detail, null, errors, totalErrors);
    }

    public static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail, null, null, null);
    }
}
