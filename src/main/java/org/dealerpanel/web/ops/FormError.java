package org.dealerpanel.web.ops;

import java.util.List;
import org.dealerpanel.common.ApiException;
import org.dealerpanel.common.FieldError;
import org.dealerpanel.common.Problem;

/**
 * A refused form, as a page shows it: the status says which heading (invalid, conflict, not found), the field or line
 * errors are listed one by one, and the service's own sentence is kept for the cases without field errors.
 */
public record FormError(int status, String detail, List<FieldError> errors, long totalErrors) {

    public static FormError of(ApiException e) {
        Problem p = e.toProblem();
        List<FieldError> errors = p.errors() == null ? List.of() : p.errors();
        return new FormError(p.status(), p.detail(), errors, p.totalErrors() == null ? errors.size() : p.totalErrors());
    }

    /** An error the page found itself (before calling a service): one field, a message from the bundle. */
    public static FormError field(String field, String message) {
        return new FormError(400, message, List.of(FieldError.field(field, message)), 1);
    }

    public boolean conflict() {
        return status == 409;
    }

    public boolean notFound() {
        return status == 404;
    }

    public boolean tooLarge() {
        return status == 413;
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    /** The errors name lines of a file (a CSV with bad lines), not form fields. */
    public boolean hasLineErrors() {
        return errors.stream().anyMatch(e -> e.line() != null);
    }

    /** More bad lines than are listed (the import keeps the first 100). */
    public boolean truncated() {
        return totalErrors > errors.size();
    }
}
