package org.dealerpanel.observation.service;

import java.util.List;
import org.dealerpanel.common.ApiException;
import org.dealerpanel.common.FieldError;
import org.dealerpanel.common.Problem;

/**
 * Why an import wrote nothing, as the client sees it (problem+json whose {@code instance} is the import's record,
 * {@code /api/v1/observations/imports/{id}}), and how the record ends: REFUSED (the file) or ABORTED (the transport,
 * the time limit, a concurrent write).
 */
public final class ImportRefusal extends ApiException {
    private final ImportRunService.Outcome outcome;
    private final Problem problem;

    ImportRefusal(int status, String title, String detail, List<FieldError> errors, ImportRunService.Outcome outcome) {
        super(status, title, detail, errors, null);
        this.outcome = outcome;
        this.problem = super.toProblem();
    }

    private ImportRefusal(ApiException cause, ImportRunService.Outcome outcome, String instance) {
        super(cause.status(), cause.toProblem().title(), cause.getMessage(), cause.toProblem().errors(),
                cause.toProblem().totalErrors());
        Problem p = cause.toProblem();
        this.outcome = outcome;
        this.problem = new Problem(p.type(), p.title(), p.status(), p.detail(), instance, p.errors(), p.totalErrors());
    }

    /** The client stopped, the import ran out of time, or another write got in the way: not the file's fault. */
    static ImportRefusal aborted(int status, String title, String detail, String field) {
        return new ImportRefusal(status, title, detail, field == null ? null : List.of(FieldError.field(field, detail)),
                ImportRunService.Outcome.ABORTED);
    }

    static ImportRefusal withInstance(ApiException e, long importId) {
        ImportRunService.Outcome outcome = e instanceof ImportRefusal r ? r.outcome : ImportRunService.Outcome.REFUSED;
        return new ImportRefusal(e, outcome, "/api/v1/observations/imports/" + importId);
    }

    static ImportRunService.Outcome outcomeOf(ApiException e) {
        return e instanceof ImportRefusal r ? r.outcome : ImportRunService.Outcome.REFUSED;
    }

    @Override
    public Problem toProblem() {
        return problem;
    }
}
