package org.dealerpanel.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class DatabaseUnavailableTest {
    @Test
    void connectionFailuresAre503WithRetryAfter() {
        Response refused = ProblemMappers.databaseUnavailable(
                new RuntimeException(new SQLException("Connection to 127.0.0.1:5432 refused", "08001")), null);
        assertEquals(503, refused.getStatus());
        assertEquals("5", refused.getHeaderString("Retry-After"));
        assertEquals(503, ProblemMappers.databaseUnavailable(new SQLException("terminating connection due to administrator command", "57P01"), null).getStatus());
        assertEquals(503, ProblemMappers.databaseUnavailable(new SQLException("Acquisition timeout while waiting for new connection"), null).getStatus());
    }

    @Test
    void whatTheGateTakesForALostDatabase() {
        assertTrue(DatabaseGate.isConnectionFailure(new RuntimeException(new SQLException("I/O error", "08006"))));
        assertTrue(DatabaseGate.isConnectionFailure(new SQLException("the database system is starting up", "57P03")));
        assertTrue(DatabaseGate.isConnectionFailure(new SQLException("Sorry, acquisition timeout!")));
        assertTrue(DatabaseGate.isConnectionFailure(new IllegalStateException(new java.net.ConnectException("Connection refused"))));
        assertFalse(DatabaseGate.isConnectionFailure(new SQLException("password authentication failed", "28P01")));
        assertFalse(DatabaseGate.isConnectionFailure(new SQLException("deadlock detected", "40P01")));
        assertFalse(DatabaseGate.isConnectionFailure(new IllegalStateException("bug")));
        assertEquals(503, DatabaseGate.unavailableProblem().status());
    }

    @Test
    void aLostConnectionClosesTheGateAtOnceAPoolTimeoutDoesNot() throws Exception {
        DatabaseGate gate = new DatabaseGate();
        gate.url = "jdbc:postgresql://127.0.0.1:1/nothing-listens-here";
        gate.username = java.util.Optional.of("tracker");
        gate.password = java.util.Optional.of("x");
        gate.probeInterval = java.time.Duration.ofMillis(100);
        gate.probeTimeout = java.time.Duration.ofSeconds(1);
        try {
            gate.suspect(new SQLException("Sorry, acquisition timeout!"));
            assertTrue(gate.isOpen(), "a busy pool is not a lost database");
            assertTrue(DatabaseGate.isPoolTimeout(new SQLException("Acquisition timeout while waiting for new connection")));
            gate.suspect(new IllegalStateException("bug"));
            assertTrue(gate.isOpen());
            gate.suspect(new RuntimeException(new SQLException("An I/O error occurred while sending to the backend.", "08006")));
            assertFalse(gate.isOpen(), "closed at once, before any check");
            Thread.sleep(600); // several checks against a port where nothing listens: still closed
            assertFalse(gate.isOpen());
            assertTrue(gate.closedAt() > 0);
        } finally {
            gate.stop(null);
        }
    }

    @Test
    void otherDatabaseErrorsAreNotUnavailability() {
        assertNull(ProblemMappers.databaseUnavailable(new SQLException("duplicate key", "23505"), null));
        assertNull(ProblemMappers.databaseUnavailable(new IllegalStateException("bug"), null));
    }
}
