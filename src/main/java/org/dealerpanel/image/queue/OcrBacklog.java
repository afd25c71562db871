package org.dealerpanel.image.queue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;

/** The OCR queue's backlog for the uploads page: how many jobs are queued, running, done and failed. */
@ApplicationScoped
public class OcrBacklog {
    @Inject
    EntityManager em;

    /** Job counts by state; {@code running} are the leased jobs (a worker holds them). */
    public record Counts(long queued, long running, long done, long failed) {
        public long total() {
            return queued + running + done + failed;
        }

        /** Jobs that will not run again (done or failed). */
        public long finished() {
            return done + failed;
        }

        /** The progress bar's maximum: the job count, at least 1 (a bar cannot have a maximum of 0). */
        public long progressMax() {
            return Math.max(1, total());
        }

        /** Whole percent of the jobs finished; 100 for an empty queue. */
        public int percentFinished() {
            return total() == 0 ? 100 : (int) (finished() * 100 / total());
        }
    }

    public Counts counts() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() ->
                em.createNativeQuery("select status, count(*) from ocr_job group by status").getResultList());
        long queued = 0, running = 0, done = 0, failed = 0;
        for (Object[] r : rows) {
            long n = ((Number) r[1]).longValue();
            switch ((String) r[0]) {
                case "QUEUED" -> queued += n;
                case "LEASED" -> running += n;
                case "DONE" -> done += n;
                case "FAILED" -> failed += n;
                default -> queued += n;
            }
        }
        return new Counts(queued, running, done, failed);
    }
}
