package org.dealerpanel.common;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * /q/health/ready: DOWN at once while the {@link DatabaseGate} is closed (the database could not be reached); otherwise a
 * connection from the pool is checked. Replaces Quarkus' own datasource check, which waits for the pool's acquisition
 * timeout when the database is gone.
 */
@Readiness
@ApplicationScoped
public class DatabaseHealth implements HealthCheck {
    @Inject
    DatabaseGate gate;
    @Inject
    AgroalDataSource dataSource;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("database");
        long closedAt = gate.closedAt();
        if (closedAt != 0) {
            return b.down().withData("reachable", false).withData("since", Instant.ofEpochMilli(closedAt).toString()).build();
        }
        try (Connection c = dataSource.getConnection()) {
            boolean valid = c.isValid(2);
            return b.status(valid).withData("reachable", valid).build();
        } catch (Exception e) {
            gate.suspect(e);
            return b.down().withData("reachable", false).withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
