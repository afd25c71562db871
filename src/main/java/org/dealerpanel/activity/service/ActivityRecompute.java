package org.dealerpanel.activity.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.dealerpanel.activity.ActivityAssessment;
import org.dealerpanel.activity.ActivityRules;
import org.dealerpanel.activity.ActivityStatus;

/**
 * Recomputes the whole panel as of D and stores it as the snapshot for D (replacing any earlier one
 * for D): {@link ActivitySummarySql} (set-based SQL) + the pure-Java decisions
 * ({@link ActivityAssessment}) + a COPY of the rows ({@link SnapshotCopy}), sent while the next accounts are
 * assessed. Plain JDBC on the caller's connection and transaction, so the service and the benchmark run the same code.
 */
public final class ActivityRecompute {

    private ActivityRecompute() {
    }

    /**
     * @param accounts      accounts assessed and stored
     * @param flags         flags raised
     * @param byStatus      accounts per status
     * @param computeMillis SQL aggregates + decisions (the set-based recompute proper)
     * @param totalMillis   including deleting the old snapshot for D and inserting the new one
     */
    public record Result(LocalDate asOf, long accounts, long flags, Map<ActivityStatus, Long> byStatus,
                         long computeMillis, long totalMillis) {
    }

    /** Assesses every selected account; the callback gets each account's view. */
    public static void assess(Connection connection, LocalDate asOf, ActivityRules rules,
                              ActivitySummarySql.Filter filter, Consumer<ActivityView> sink) throws SQLException {
        ActivitySummarySql.stream(connection, asOf, rules, filter, row -> sink.accept(assessed(rules, row)));
    }

    private static ActivityView assessed(ActivityRules rules, ActivitySummarySql.Row row) {
        return ActivityView.computed(row.accountId(), ActivityAssessment.assess(rules, row.summary(), row.platform()));
    }

    public static Result run(Connection connection, LocalDate asOf, ActivityRules rules, ObjectMapper json)
            throws SQLException {
        long start = System.nanoTime();
        try (java.sql.Statement lock = connection.createStatement()) {
            // accounts added meanwhile wait for this run (V17 trigger takes it shared), so none is missed; so do
            // changes to observations and platform states (V21), which then mark the rows written here stale
            lock.execute("select pg_advisory_xact_lock(7307003)");
        }
        lockDay(connection, asOf);
        try (PreparedStatement delete = connection.prepareStatement("delete from activity_snapshot where as_of = ?")) {
            delete.setObject(1, asOf);
            delete.executeUpdate();
        }
        Map<Long, Object[]> previous = previousStatuses(connection, asOf);
        long[] counts = new long[2];
        long[] computeNanos = new long[1];
        Map<ActivityStatus, Long> byStatus = new java.util.EnumMap<>(ActivityStatus.class);
        try (SnapshotCopy rows = new SnapshotCopy(connection, asOf, json)) {
            ActivitySummarySql.stream(connection, asOf, rules, ActivitySummarySql.Filter.all(), rows::pause, row -> {
                ActivityView view = assessed(rules, row);
                long t0 = System.nanoTime();
                Object[] prev = previous.get(view.accountId());
                LocalDate since = prev != null ? (view.status().name().equals(prev[0]) ? (LocalDate) prev[1] : asOf)
                        : firstSince(view, rules, asOf);
                rows.add(view, since);
                counts[0]++;
                counts[1] += view.flags().size();
                byStatus.merge(view.status(), 1L, Long::sum);
                computeNanos[0] -= System.nanoTime() - t0; // writing is not computing
            });
        }
        if (accountCount(connection) != counts[0]) {
            try (PreparedStatement missing = connection.prepareStatement("""
                    insert into activity_snapshot (as_of, account_id, status, status_since, evidence, stale)
                    select ?, a.id, 'UNKNOWN', ?, '{}', true from account a
                     where not exists (select 1 from activity_snapshot s where s.as_of = ? and s.account_id = a.id)""")) {
                missing.setObject(1, asOf);
                missing.setObject(2, asOf);
                missing.setObject(3, asOf);
                missing.executeUpdate();
            }
        }
        long total = System.nanoTime() - start;
        long compute = total + computeNanos[0];
        return new Result(asOf, counts[0], counts[1], byStatus, compute / 1_000_000, total / 1_000_000);
    }

    /** Accounts now: when the run assessed as many, none lacks a row and the anti-join for placeholders is skipped. */
    private static long accountCount(Connection connection) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("select count(*) from account");
             ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Brings D's snapshot up to date without recomputing the whole panel: only the accounts whose row for D is
     * stale or missing (changed observations or platform state, accounts added since) are assessed again and
     * upserted. Returns how many were.
     */
    public static long refresh(Connection connection, LocalDate asOf, ActivityRules rules, ObjectMapper json)
            throws SQLException {
        return Math.max(0, refresh(connection, asOf, rules, json, Long.MAX_VALUE));
    }

    /**
     * The same for at most {@code limit} stale accounts (the lowest ids): -1 if some are stale but a change in
     * progress holds the lock (V21), so that a caller refreshing a whole day in parts knows to come back.
     */
    public static long refresh(Connection connection, LocalDate asOf, ActivityRules rules, ObjectMapper json, long limit)
            throws SQLException {
        List<Long> pending = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement(
                "select account_id from activity_snapshot where as_of = ? and stale order by account_id limit ?")) {
            st.setObject(1, asOf);
            st.setLong(2, limit);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    pending.add(rs.getLong(1));
                }
            }
        }
        if (pending.isEmpty()) {
            return 0;
        }
        try (PreparedStatement st = connection.prepareStatement("select pg_try_advisory_xact_lock(7307003)");
             ResultSet rs = st.executeQuery()) {
            // a change in progress holds it shared (V21) and would be lost under a row written from the data before
            // it; the rows stay stale meanwhile and readers compute them live
            if (!rs.next() || !rs.getBoolean(1)) {
                return -1;
            }
        }
        Map<Long, Object[]> previous = new HashMap<>();
        latestEarlierStatus(connection, asOf, pending, previous);
        long[] count = {0};
        try (SnapshotRows rows = new SnapshotRows(connection, asOf, json)) {
            assess(connection, asOf, rules, ActivitySummarySql.Filter.ids(pending), view -> {
                Object[] prev = previous.get(view.accountId());
                LocalDate since = prev != null ? (view.status().name().equals(prev[0]) ? (LocalDate) prev[1] : asOf)
                        : firstSince(view, rules, asOf);
                rows.add(view, since);
                count[0]++;
            });
        }
        return count[0];
    }

    /** Serialises the writers of one day's snapshot (full run, refresh), across instances. */
    public static void lockDay(Connection connection, LocalDate asOf) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("select pg_advisory_xact_lock(7307001, ?)")) {
            st.setInt(1, (int) asOf.toEpochDay());
            st.execute();
        }
    }

    /**
     * Each account's status and since-day in the latest earlier snapshot, for carrying "since" over: the latest
     * earlier day is read whole (one index range); only accounts whose row there is stale or missing look further
     * back. Never reads the whole snapshot history.
     */
    static Map<Long, Object[]> previousStatuses(Connection connection, LocalDate asOf) throws SQLException {
        Map<Long, Object[]> previous = new HashMap<>();
        LocalDate latest = null;
        try (PreparedStatement st = connection.prepareStatement(
                "select as_of from activity_snapshot where as_of < ? order by as_of desc limit 1")) {
            st.setObject(1, asOf);
            try (ResultSet rs = st.executeQuery()) {
                if (rs.next()) {
                    latest = rs.getObject(1, LocalDate.class);
                }
            }
        }
        if (latest == null) {
            return previous;
        }
        List<Long> stale = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement(
                "select account_id, status, status_since, stale from activity_snapshot where as_of = ?")) {
            st.setObject(1, latest);
            st.setFetchSize(5000);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    if (rs.getBoolean(4)) {
                        stale.add(rs.getLong(1));
                    } else {
                        previous.put(rs.getLong(1), new Object[] {rs.getString(2), rs.getObject(3, LocalDate.class)});
                    }
                }
            }
        }
        latestEarlierStatus(connection, latest, stale, previous);
        return previous;
    }

    /** For the given accounts, the status and since-day of their latest valid snapshot before {@code before}. */
    private static void latestEarlierStatus(Connection connection, LocalDate before, List<Long> accounts,
                                            Map<Long, Object[]> into) throws SQLException {
        if (accounts.isEmpty()) {
            return;
        }
        try (PreparedStatement st = connection.prepareStatement("""
                select distinct on (account_id) account_id, status, status_since from activity_snapshot
                 where account_id = any(?) and as_of < ? and not stale order by account_id, as_of desc""")) {
            st.setArray(1, connection.createArrayOf("bigint", accounts.toArray()));
            st.setObject(2, before);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    into.put(rs.getLong(1), new Object[] {rs.getString(2), rs.getObject(3, LocalDate.class)});
                }
            }
        }
    }

    /**
     * Whether D's snapshot holds a current row for every account: two index probes, because accounts added after
     * the latest snapshot get a stale placeholder row there (V17) and changed data marks rows stale (V7).
     */
    public static boolean isComplete(Connection connection, LocalDate asOf) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("""
                select exists (select 1 from activity_snapshot_count where as_of = ? and accounts > 0)
                   and not exists (select 1 from activity_snapshot s where s.as_of = ? and s.stale)""")) {
            st.setObject(1, asOf);
            st.setObject(2, asOf);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /**
     * "Since when" for an account with no earlier snapshot: the day the rule's threshold was crossed where the
     * status follows from the data (dormant: last active + the dormant threshold; ceased: the platform state's day,
     * or last active + the ceased threshold), else D itself.
     */
    static LocalDate firstSince(ActivityView view, ActivityRules rules, LocalDate asOf) {
        LocalDate since = null;
        Object platformSince = view.evidence() == null ? null : view.evidence().get("platformStateSince");
        boolean byPlatform = view.evidence() != null && "PLATFORM_STATE".equals(view.evidence().get("rule"));
        if (view.status() == ActivityStatus.CEASED && byPlatform && platformSince != null) {
            since = LocalDate.parse(platformSince.toString());
        } else if (view.status() == ActivityStatus.CEASED && view.lastActive() != null) {
            since = view.lastActive().plusDays(rules.ceasedAfterDays());
        } else if (view.status() == ActivityStatus.DORMANT && view.lastActive() != null) {
            since = view.lastActive().plusDays(rules.dormantAfterDays());
        }
        return since == null || since.isAfter(asOf) ? asOf : since;
    }

    /** How many of D's snapshot rows are stale, counted up to {@code limit} (an index range of the stale rows). */
    public static long staleRows(Connection connection, LocalDate asOf, long limit) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("""
                select count(*) from (select 1 from activity_snapshot where as_of = ? and stale limit ?) s""")) {
            st.setObject(1, asOf);
            st.setLong(2, limit);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * True if D has a snapshot (some of its rows may be stale). Probes the per-day status counts (V18), not the
     * snapshot's rows: while a build of D is in progress, a probe of D's index entries would step over every row
     * the build has written so far and not yet committed.
     */
    public static boolean hasSnapshot(Connection connection, LocalDate asOf) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(
                "select exists (select 1 from activity_snapshot_count where as_of = ? and accounts > 0)")) {
            st.setObject(1, asOf);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

}
