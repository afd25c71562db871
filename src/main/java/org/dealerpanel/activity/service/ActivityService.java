package org.dealerpanel.activity.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.dealerpanel.account.Account;
import org.dealerpanel.activity.ActivityRules;
import org.dealerpanel.activity.ActivityStatus;
import org.dealerpanel.activity.FlagType;
import org.dealerpanel.audit.service.AuditService;
import org.dealerpanel.common.ApiException;
import org.hibernate.Session;
import org.jboss.logging.Logger;
import org.dealerpanel.common.PanelClock;

/**
 * Activity status and flags as of a day. Reads the nightly snapshot for that day where one is stored
 * and still valid, and computes the other accounts on request with the same set-based SQL + pure-Java
 * rules ({@link ActivityRecompute#assess}).
 */
@ApplicationScoped
public class ActivityService {
    private static final Logger LOG = Logger.getLogger(ActivityService.class);
    private static final TypeReference<List<ActivityView.FlagView>> FLAGS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    @Inject
    EntityManager em;
    @Inject
    ActivityRules rules;
    @Inject
    ObjectMapper json;
    @Inject
    AuditService audit;
    @Inject
    ActivityConfig config;
    @Inject
    SnapshotVacuum vacuum;

    public static LocalDate yesterday() {
        return PanelClock.yesterday();
    }

    /** One flagged account for {@code GET /api/v1/flags}. */
    public record FlaggedAccount(long accountId, String platform, String handle, FlagType type, String metric,
                                 LocalDate since, Map<String, Object> evidence) {
    }

    public ActivityRules rules() {
        return rules;
    }

    @Transactional
    public ActivityView forAccount(long accountId, LocalDate asOf) {
        if (Account.findById(accountId) == null) {
            throw ApiException.notFound("account " + accountId);
        }
        return forAccounts(List.of(accountId), asOf).get(accountId);
    }

    /** Views of the given accounts (snapshot where valid, computed otherwise), by id. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<Long, ActivityView> forAccounts(Collection<Long> ids, LocalDate asOf) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return select(ActivitySummarySql.Filter.ids(ids), asOf);
    }

    /** Views of every account of the panel, or of a cohort when {@code cohort} is given, in id order. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<Long, ActivityView> forPanel(String cohort, LocalDate asOf) {
        return select(cohort == null ? ActivitySummarySql.Filter.all() : ActivitySummarySql.Filter.cohort(cohort), asOf);
    }

    @Transactional
    public List<FlaggedAccount> flags(FlagType type, String cohort, LocalDate asOf) {
        Map<Long, ActivityView> views = forPanel(cohort, asOf);
        Map<Long, Object[]> names = new HashMap<>();
        List<FlaggedAccount> out = new ArrayList<>();
        List<Long> flagged = views.values().stream().filter(v -> !v.flags().isEmpty()).map(ActivityView::accountId).toList();
        if (!flagged.isEmpty()) {
            for (Object[] row : em.createQuery("select a.id, a.platform, a.handle from Account a where a.id in :ids", Object[].class)
                    .setParameter("ids", flagged).getResultList()) {
                names.put((Long) row[0], row);
            }
        }
        for (ActivityView v : views.values()) {
            for (ActivityView.FlagView f : v.flags()) {
                if (type == null || f.type() == type) {
                    Object[] n = names.get(v.accountId());
                    out.add(new FlaggedAccount(v.accountId(), (String) n[1], (String) n[2], f.type(), f.metric(),
                            f.since(), f.evidence()));
                }
            }
        }
        return out;
    }

    /** Recomputes the whole panel as of D and stores it as D's snapshot; audited. A national panel takes minutes. */
    @Transactional
    @io.quarkus.narayana.jta.runtime.TransactionConfiguration(timeoutFromConfigProperty = "tracker.activity.recompute-timeout", timeout = 3600)
    public ActivityRecompute.Result recompute(LocalDate asOf, String trigger) {
        ActivityRecompute.Result result = work(c -> ActivityRecompute.run(c, asOf, rules, json));
        vacuum.afterCommit();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("asOf", asOf.toString());
        detail.put("trigger", trigger);
        detail.put("instance", org.dealerpanel.common.InstanceName.get()); // with several instances: which one ran it
        detail.put("accounts", result.accounts());
        detail.put("flags", result.flags());
        detail.put("millis", result.totalMillis());
        audit.record("activity.recompute", "activity_snapshot", asOf, detail);
        LOG.infof("activity snapshot as of %s (%s): %d accounts, %d flags, %d ms", asOf, trigger,
                result.accounts(), result.flags(), result.totalMillis());
        return result;
    }

    /**
     * Makes D's snapshot complete and current, so that lists and filters can read it alone, and returns the day
     * that can be read: D itself when its snapshot exists (only the accounts whose row is stale are assessed
     * again, see {@link ActivityRecompute#refresh}) or when the panel is small enough to compute it now
     * ({@code tracker.activity.inline-build-below-accounts}); otherwise — a large panel just after local midnight,
     * before the nightly job has run, or after an import of D's counts made many of its rows stale
     * ({@code tracker.activity.inline-refresh-below-accounts}) — D's snapshot is built or refreshed in the background
     * (once in the cluster) and the latest earlier snapshot with few stale rows is returned, so that no request waits
     * for the whole panel to be read.
     */
    @Transactional
    public LocalDate ensureSnapshot(LocalDate asOf) {
        boolean complete = work(c -> ActivityRecompute.isComplete(c, asOf));
        if (complete) {
            return asOf;
        }
        long many = config.inlineRefreshBelowAccounts();
        LocalDate earlier = work(c -> ActivityRecompute.hasSnapshot(c, asOf) && ActivityRecompute.staleRows(c, asOf, many) < many
                ? null : latestUsableBefore(c, asOf, many));
        if (earlier != null && work(ActivityService::estimatedAccounts) >= config.inlineBuildBelowAccounts()) {
            // the earlier day first: a build started before would hold the lock its refresh needs (V21), and its
            // stale rows would only be computed, not stored
            refreshSnapshot(earlier);
            buildInBackground(asOf);
            return earlier;
        }
        refreshSnapshot(asOf);
        return asOf;
    }

    private void refreshSnapshot(LocalDate asOf) {
        work(c -> {
            ActivityRecompute.lockDay(c, asOf);
            if (ActivityRecompute.isComplete(c, asOf)) {
                return null;
            }
            if (!ActivityRecompute.hasSnapshot(c, asOf)) {
                ActivityRecompute.Result result = ActivityRecompute.run(c, asOf, rules, json);
                vacuum.afterCommit();
                LOG.infof("activity snapshot as of %s (on demand): %d accounts, %d ms", asOf, result.accounts(), result.totalMillis());
            } else {
                long n = ActivityRecompute.refresh(c, asOf, rules, json);
                LOG.debugf("activity snapshot as of %s: %d accounts refreshed", asOf, n);
            }
            return null;
        });
    }

    /** Of the last seven snapshots before D, the latest with fewer than {@code many} stale rows. */
    private static LocalDate latestUsableBefore(Connection c, LocalDate asOf, long many) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("""
                select d.as_of
                  from (select distinct as_of from activity_snapshot_count where as_of < ? and accounts > 0
                         order by as_of desc limit 7) d
                 where (select count(*) from (select 1 from activity_snapshot s where s.as_of = d.as_of and s.stale
                                                limit ?) x) < ?
                 order by d.as_of desc limit 1""")) {
            st.setObject(1, asOf);
            st.setLong(2, many);
            st.setLong(3, many);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getObject(1, LocalDate.class) : null;
            }
        }
    }

    /** The planner's estimate of the panel's size (free, unlike count(*)); counted only before the first ANALYZE. */
    private static long estimatedAccounts(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("""
                select case when reltuples >= 0 then reltuples::bigint else (select count(*) from account) end
                  from pg_class where oid = 'account'::regclass""");
             ResultSet rs = st.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private final java.util.concurrent.atomic.AtomicBoolean building = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * Builds D's snapshot, or refreshes its stale rows if it has one, on a thread of its own unless this instance or
     * another one is already at it.
     */
    private void buildInBackground(LocalDate asOf) {
        if (!building.compareAndSet(false, true)) {
            return;
        }
        Thread worker = new Thread(() -> {
            try {
                if (refreshInParts(asOf)) {
                    return;
                }
                io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                        .timeout(config.recomputeTimeoutSeconds()).run(() -> {
                            ActivityRecompute.Result r = work(c -> {
                                try (java.sql.Statement st = c.createStatement()) {
                                    // requests are being answered meanwhile: leave them the other cores
                                    st.execute("set local max_parallel_workers_per_gather = 0");
                                }
                                ActivityRecompute.lockDay(c, asOf);
                                // another instance may have built it meanwhile
                                return ActivityRecompute.hasSnapshot(c, asOf) ? null : ActivityRecompute.run(c, asOf, rules, json);
                            });
                            if (r != null) {
                                vacuum.afterCommit();
                                audit.record("activity.recompute", "activity_snapshot", asOf, Map.of("asOf", asOf.toString(),
                                        "trigger", "background", "accounts", r.accounts(), "millis", r.totalMillis(),
                                        "instance", org.dealerpanel.common.InstanceName.get()));
                                LOG.infof("activity snapshot as of %s (background): %d accounts, %d ms", asOf, r.accounts(), r.totalMillis());
                            }
                        });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.errorf(e, "activity snapshot as of %s (background) failed", asOf);
            } finally {
                building.set(false);
            }
        }, "activity-snapshot-" + asOf);
        worker.setDaemon(true);
        worker.start();
    }

    /**
     * If D has a snapshot, refreshes its stale rows in parts ({@code tracker.activity.refresh-part} accounts), a
     * transaction each:
     * the refresh holds the lock that every write of observations takes shared (V21), and a PUT should wait for one
     * part (under a second), not for 100 000 accounts. Returns false if D has no snapshot (it is to be built).
     */
    private boolean refreshInParts(LocalDate asOf) throws InterruptedException {
        long refreshed = 0;
        long started = System.nanoTime();
        long deadline = started + TimeUnit.SECONDS.toNanos(config.recomputeTimeoutSeconds());
        while (System.nanoTime() < deadline) {
            long n = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                    .timeout(config.recomputeTimeoutSeconds()).call(() -> work(c -> {
                        try (java.sql.Statement st = c.createStatement()) {
                            // requests are being answered meanwhile: leave them the other cores
                            st.execute("set local max_parallel_workers_per_gather = 0");
                        }
                        ActivityRecompute.lockDay(c, asOf);
                        return ActivityRecompute.hasSnapshot(c, asOf)
                                ? ActivityRecompute.refresh(c, asOf, rules, json, config.refreshPart()) : -2L;
                    }));
            if (n == -2) {
                return refreshed > 0;
            }
            if (n == 0) {
                break;
            }
            if (n < 0) {
                Thread.sleep(200); // a write of observations holds the lock: after it
            } else {
                refreshed += n;
            }
        }
        LOG.infof("activity snapshot as of %s (background): %d stale accounts refreshed in %d ms", asOf, refreshed,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return true;
    }

    private Map<Long, ActivityView> select(ActivitySummarySql.Filter filter, LocalDate asOf) {
        return work(c -> {
            Map<Long, ActivityView> views = new TreeMap<>();
            // a few accounts (a list page): read their rows first; the probe is needed only if some lack one
            if (filter.ids() != null) {
                readSnapshot(c, filter, asOf, views);
                if (views.keySet().containsAll(filter.ids())) {
                    return views;
                }
                views.clear();
            }
            boolean snapshot = ActivityRecompute.hasSnapshot(c, asOf);
            if (snapshot) {
                readSnapshot(c, filter, asOf, views);
                if (filter.ids() != null && views.keySet().containsAll(filter.ids())) {
                    return views; // every account had a current row: nothing to compute
                }
            }
            ActivityRecompute.assess(c, asOf, rules, snapshot ? filter.notInSnapshot() : filter,
                    v -> views.put(v.accountId(), v));
            return views;
        });
    }

    private void readSnapshot(Connection c, ActivitySummarySql.Filter filter, LocalDate asOf,
                              Map<Long, ActivityView> views) throws SQLException {
        String where = filter.ids() != null ? " and s.account_id = any(?)"
                : filter.cohort() != null
                ? " and s.account_id in (select m.account_id from cohort_member m join cohort c on c.id = m.cohort_id where c.name = ?)"
                : "";
        try (PreparedStatement st = c.prepareStatement("""
                select s.account_id, s.status, s.silent_days, s.last_active, s.status_since, s.flags::text, s.evidence::text
                  from activity_snapshot s where s.as_of = ? and not s.stale""" + where)) {
            st.setObject(1, asOf);
            if (filter.ids() != null) {
                st.setArray(2, c.createArrayOf("bigint", filter.ids().toArray()));
            } else if (filter.cohort() != null) {
                st.setString(2, filter.cohort());
            }
            st.setFetchSize(5000);
            // the service's own JSON: not held to the rule for request text
            com.fasterxml.jackson.databind.ObjectReader trusted = org.dealerpanel.common.TextInputModule.trustedReader(json);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    views.put(id, new ActivityView(id, asOf, ActivityStatus.valueOf(rs.getString(2)),
                            (Integer) rs.getObject(3), rs.getObject(4, LocalDate.class), rs.getObject(5, LocalDate.class),
                            trusted.forType(FLAGS).readValue(rs.getString(6)), trusted.forType(MAP).readValue(rs.getString(7)),
                            "snapshot"));
                }
            } catch (java.io.IOException e) {
                throw new IllegalStateException("unreadable activity snapshot for " + asOf, e);
            }
        }
    }

    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T work(Work<T> work) {
        return em.unwrap(Session.class).doReturningWork(work::run);
    }
}
