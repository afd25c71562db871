package org.dealerpanel.web.ops;

import org.dealerpanel.observation.service.ObservationImportService.ImportResult;

/** The result of an observations CSV upload: the import's counts, or why nothing was written. */
public record CsvOutcome(String fileName, long bytes, ImportResult result, FormError error) {
    public boolean ok() {
        return result != null;
    }
}
