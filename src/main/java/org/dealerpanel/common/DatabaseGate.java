package org.dealerpanel.common;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Whether PostgreSQL can be reached, as this instance last saw it. A lost connection seen anywhere (a request, a worker,
 * a health check; {@link #isConnectionFailure}) closes the gate at once: every {@code /api/**} request is answered 503
 * problem+json with {@code Retry-After} right away (without waiting for the pool, whose waits add up while the database
 * is gone), readiness is DOWN and the background workers pause. The gate then checks with a connection of its own,
 * outside the pool, every {@code tracker.database.probe-interval}; when a check succeeds, the pool's idle connections
 * (dead after a restart) are dropped and the gate opens: the service recovers by itself. A false alarm (one connection
 * killed, the database still there) closes it only for the milliseconds of one check. A pool that has no connection to
 * give (acquisition timeout) does not close it, it only triggers a check: that is load, not a lost database.
 */
@ApplicationScoped
public class DatabaseGate {
    private static final Logger LOG = Logger.getLogger(DatabaseGate.class);
    /** Seconds a client is told to wait before trying again. */
    public static final String RETRY_AFTER_SECONDS = "5";

    @Inject
    AgroalDataSource dataSource;
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;
    @ConfigProperty(name = "quarkus.datasource.username")
    Optional<String> username;
    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;
    @ConfigProperty(name = "tracker.database.probe-interval", defaultValue = "500ms")
    Duration probeInterval;
    @ConfigProperty(name = "tracker.database.probe-timeout", defaultValue = "2s")
    Duration probeTimeout;

    private final java.util.concurrent.atomic.AtomicLong closedAtMillis = new java.util.concurrent.atomic.AtomicLong(); // 0 = open
    private final AtomicBoolean probeScheduled = new AtomicBoolean();
    private volatile ScheduledExecutorService prober;

    void register(@Observes Router router) {
        // Before the body is read and before authentication (which needs the database too).
        router.route("/api/*").order(Integer.MIN_VALUE + 5).handler(this::gate);
    }

    void stop(@Observes ShutdownEvent event) {
        ScheduledExecutorService p = prober;
        prober = null;
        if (p != null) {
            p.shutdownNow();
        }
    }

    /** True unless a lost connection was seen and no check of our own has found the database since. */
    public boolean isOpen() {
        return closedAtMillis.get() == 0;
    }

    /** When the gate closed (epoch millis), or 0 if it is open. */
    public long closedAt() {
        return closedAtMillis.get();
    }

    /**
     * Called with a failure seen anywhere (a request, a worker, a health check): if it is a lost connection the gate
     * closes now, and checks at once (on its own thread, so the caller is not delayed) whether the database is really gone.
     */
    public void suspect(Throwable failure) {
        if (!isConnectionFailure(failure)) {
            return;
        }
        if (!isPoolTimeout(failure) && closedAtMillis.compareAndSet(0, System.currentTimeMillis())) {
            LOG.warnf("database connection lost (%s): /api answers 503 until a check finds the database; checking every %d ms",
                    firstLine(String.valueOf(rootMessage(failure))), probeInterval.toMillis());
        }
        scheduleProbe(0);
    }

    private void gate(RoutingContext ctx) {
        if (isOpen()) {
            ctx.next();
            return;
        }
        ctx.response().setStatusCode(503).putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("Retry-After", RETRY_AFTER_SECONDS)
                .end(io.vertx.core.json.Json.encode(unavailableProblem()));
    }

    /** The problem every refused request gets while the database cannot be reached. */
    public static Problem unavailableProblem() {
        return Problem.of(503, "Service Unavailable",
                "The database cannot be reached at the moment; nothing was changed. Try again shortly.");
    }

    private void scheduleProbe(long delayMillis) {
        if (!probeScheduled.compareAndSet(false, true)) {
            return; // one check at a time
        }
        try {
            executor().schedule(this::probe, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RuntimeException shuttingDown) {
            probeScheduled.set(false);
        }
    }

    private synchronized ScheduledExecutorService executor() {
        if (prober == null) {
            prober = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "database-gate-probe");
                t.setDaemon(true);
                return t;
            });
        }
        return prober;
    }

    private void probe() {
        probeScheduled.set(false);
        long began = System.currentTimeMillis();
        SQLException failure = check();
        if (failure == null || !isConnectionFailure(failure)) {
            if (failure != null) {
                LOG.warnf("database check: reachable but refused the check (%s); the gate opens", failure.getMessage());
            }
            // The pool may hold connections to the database as it was before a restart: drop the idle ones now and
            // the busy ones when they come back, so requests get fresh connections.
            try {
                dataSource.flush(AgroalDataSource.FlushMode.GRACEFUL);
            } catch (RuntimeException e) {
                LOG.debug("flushing the pool failed", e);
            }
            long closed = closedAtMillis.get();
            // only a check that began after the gate closed may open it (a check racing a new failure may not)
            if (closed != 0 && closed <= began && closedAtMillis.compareAndSet(closed, 0)) {
                LOG.infof("database reachable: serving requests again after %d ms", System.currentTimeMillis() - closed);
            } else if (closed != 0) {
                scheduleProbe(0);
            }
            return;
        }
        if (closedAtMillis.compareAndSet(0, System.currentTimeMillis())) {
            LOG.warnf("database cannot be reached (%s): /api answers 503 until it is back; checking every %d ms",
                    firstLine(failure.getMessage()), probeInterval.toMillis());
        }
        scheduleProbe(Math.max(50, probeInterval.toMillis()));
    }

    /** No connection to be had from the pool in time: the database may be there but busy. */
    static boolean isPoolTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() == null
                    && String.valueOf(sql.getMessage()).toLowerCase(Locale.ROOT).contains("acquisition timeout")) {
                // unless the pool's own attempt to connect failed underneath
                return !(sql.getCause() != null && isConnectionFailure(sql.getCause()));
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        String message = e.getMessage();
        while (t != null) {
            if (t instanceof SQLException && t.getMessage() != null) {
                return t.getMessage();
            }
            t = t.getCause() == t ? null : t.getCause();
        }
        return message;
    }

    /** One connection of our own, outside the pool, with short timeouts; null if the database answered. */
    SQLException check() {
        Properties props = new Properties();
        username.ifPresent(u -> props.setProperty("user", u));
        password.ifPresent(p -> props.setProperty("password", p));
        int seconds = (int) Math.max(1, probeTimeout.toSeconds());
        props.setProperty("connectTimeout", String.valueOf(seconds));
        props.setProperty("loginTimeout", String.valueOf(seconds));
        props.setProperty("socketTimeout", String.valueOf(seconds + 1));
        props.setProperty("ApplicationName", "tracker-database-gate");
        try (Connection c = DriverManager.getConnection(url, props); Statement s = c.createStatement()) {
            s.execute("select 1");
            return null;
        } catch (SQLException e) {
            return e;
        }
    }

    /**
     * A failure that means the database cannot be used at all right now: SQLState class 08 (connection exception),
     * 57P01–57P03 (shut down, crash, starting up), a refused or timed-out connection, or no connection to be had from
     * the pool within its acquisition timeout.
     */
    public static boolean isConnectionFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                String message = String.valueOf(sql.getMessage()).toLowerCase(Locale.ROOT);
                if ((state != null && (state.startsWith("08") || state.startsWith("57P0")))
                        || message.contains("acquisition timeout")) {
                    return true;
                }
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException || t instanceof UnknownHostException
                    || t instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
