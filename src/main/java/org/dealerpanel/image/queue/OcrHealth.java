package org.dealerpanel.image.queue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import org.dealerpanel.common.DatabaseGate;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** /q/health/ready: whether this instance's OCR engine runs, and the queue by status. */
@Readiness
@ApplicationScoped
public class OcrHealth implements HealthCheck {
    @Inject
    OcrSettings settings;
    @Inject
    OcrEngine engine;
    @Inject
    EntityManager em;
    @Inject
    DatabaseGate database;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("ocr");
        boolean running = engine.service() != null;
        b.status(!settings.enabled() || running).withData("enabled", settings.enabled()).withData("workers", settings.workerCount());
        if (running) {
            b.withData("ppocr", engine.service().config().ppOcr());
        }
        if (!database.isOpen()) {
            return b.withData("queue", "unreadable: the database cannot be reached").build();
        }
        try {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = QuarkusTransaction.requiringNew().call(() ->
                    em.createNativeQuery("select status, count(*) from ocr_job group by status").getResultList());
            for (Object[] r : rows) {
                b.withData("jobs" + r[0], ((Number) r[1]).longValue());
            }
        } catch (RuntimeException e) {
            database.suspect(e);
            b.withData("queue", "unreadable: " + e.getMessage());
        }
        return b.build();
    }
}
