package org.dealerpanel.web.ops;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.dealerpanel.common.PanelClock;
import org.dealerpanel.observation.service.ImportRunService.ImportRunView;

/**
 * The uploads page's imports card: the imports running now (on any instance) with their progress, and the latest
 * ones that finished. Polled by the page every 2 seconds.
 */
public record ImportsView(List<Row> running, List<Row> finished) {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** One import as a row: its record and what the page shows of it. */
    public record Row(ImportRunView run) {
        public String started() {
            return at(run.startedAt());
        }

        public String finishedAt() {
            return run.finishedAt() == null ? "" : at(run.finishedAt());
        }

        /** The file's name, or the source label when the file came through the API. */
        public String label() {
            return run.fileName() != null && !run.fileName().isBlank() ? run.fileName() : run.source();
        }

        public String state() {
            return run.state().name();
        }

        public String phase() {
            return run.phase().name();
        }

        public boolean hasPercent() {
            return run.percent() != null;
        }

        public int percent() {
            return run.percent() == null ? 0 : run.percent();
        }

        public String megabytesRead() {
            return megabytes(run.bytesRead());
        }

        public String megabytesTotal() {
            return run.contentLength() == null ? "" : megabytes(run.contentLength());
        }

        public boolean imported() {
            return run.rows() != null;
        }

        /** Why an import wrote nothing, as a key of the ops bundle's imports_reason (the detail goes in a tooltip). */
        public String reason() {
            Integer status = run.status();
            return switch (run.state()) {
                case LOST -> "lost";
                case FAILED -> "failed";
                case ABORTED -> status != null && status == 409 ? "conflict" : status != null && status == 503 ? "time"
                        : "interrupted";
                case REFUSED -> status != null && status == 413 ? "too_large" : run.badLines() > 0 ? "lines" : "file";
                default -> "";
            };
        }

        private static String megabytes(long bytes) {
            return String.format(java.util.Locale.ROOT, "%.1f", bytes / 1048576.0);
        }

        private static String at(Instant at) {
            return TIME.format(at.atZone(PanelClock.zone()));
        }
    }

    public static ImportsView of(List<ImportRunView> running, List<ImportRunView> recent) {
        return new ImportsView(running.stream().map(Row::new).toList(),
                recent.stream().filter(r -> !r.running()).limit(5).map(Row::new).toList());
    }

    public boolean idle() {
        return running.isEmpty();
    }
}
