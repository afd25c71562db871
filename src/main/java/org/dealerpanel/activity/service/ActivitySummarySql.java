package org.dealerpanel.activity.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import org.dealerpanel.account.PlatformState;
import org.dealerpanel.activity.ActivityRules;
import org.dealerpanel.activity.ActivitySummary;
import org.dealerpanel.activity.DailyCount;
import org.dealerpanel.activity.ObservationSeries;
import org.dealerpanel.activity.PlatformStatus;

/**
 * The database half of the activity recompute: for every selected account (the panel, a cohort or a list of ids)
 * it reads only the observations that decide its status and flags as of D, by index, and hands them to the pure
 * reference {@link ActivitySummary#of}. Which rows decide: from the start of the baseline window, or from the last
 * active day before the recent window if that is earlier (so that the last active day, the observed days after
 * it and every silence that ended in the recent window are inside), up to D. Older history is never read: the
 * cost grows with the windows, not with the years of data.
 *
 * <p>Accounts go in chunks of {@value #CHUNK} ids; per account two index probes (first observed day; last
 * active day before the recent window) and one index range scan of the observation primary key. Plain JDBC, so the
 * benchmark runs exactly this code.
 */
public final class ActivitySummarySql {
    static final int CHUNK = 2000;

    private ActivitySummarySql() {
    }

    /** One account's aggregates plus what the platform says. */
    public record Row(long accountId, PlatformStatus platform, LocalDate firstObserved, ActivitySummary summary) {
    }

    /** Which accounts: all, a cohort, or ids; optionally leaving out those with a valid snapshot for D. */
    public record Filter(Collection<Long> ids, String cohort, boolean withoutSnapshot) {
        public static Filter all() {
            return new Filter(null, null, false);
        }

        public static Filter ids(Collection<Long> ids) {
            return new Filter(ids, null, false);
        }

        public static Filter cohort(String cohort) {
            return new Filter(null, cohort, false);
        }

        public Filter notInSnapshot() {
            return new Filter(ids, cohort, true);
        }
    }

    private static final String ROWS = """
            with p as (select cast(? as date) as d, cast(? as date) as rf, cast(? as date) as bf),
            la as materialized (
              select x.id,
                     (select o.day from observation o where o.account_id = x.id and o.day <= p.d
                       order by o.day limit 1) as first_observed,
                     (select o.day from observation o where o.account_id = x.id and o.day < p.rf and (o.posts > 0 or o.images > 0)
                       order by o.day desc limit 1) as active_before_recent
                from unnest(cast(? as bigint[])) as x(id) cross join p)
            select la.id, la.first_observed, o.day - p.d, o.posts, o.images
              from la cross join p
              left join lateral (
                   select o.day, o.posts, o.images from observation o
                    where o.account_id = la.id and o.day <= p.d
                      and o.day >= least(p.bf, coalesce(la.active_before_recent, p.rf))
                   offset 0) o on la.first_observed is not null
             order by la.id, o.day
            """;

    /** Streams one {@link Row} per selected account, in id order. */
    public static void stream(Connection connection, LocalDate asOf, ActivityRules rules, Filter filter,
                              Consumer<Row> sink) throws SQLException {
        List<long[]> accounts = new ArrayList<>();
        List<PlatformStatus> platforms = new ArrayList<>();
        StringBuilder where = new StringBuilder("true");
        if (filter.ids() != null) {
            where.append(" and a.id = any(?)");
        }
        if (filter.cohort() != null) {
            where.append(" and a.id in (select m.account_id from cohort_member m join cohort c on c.id = m.cohort_id where c.name = ?)");
        }
        if (filter.withoutSnapshot()) {
            where.append(" and not exists (select 1 from activity_snapshot s where s.account_id = a.id and s.as_of = ? and not s.stale)");
        }
        try (PreparedStatement st = connection.prepareStatement(
                "select a.id, a.platform_state, a.platform_state_since from account a where " + where + " order by a.id")) {
            int i = 1;
            if (filter.ids() != null) {
                st.setArray(i++, connection.createArrayOf("bigint", filter.ids().toArray()));
            }
            if (filter.cohort() != null) {
                st.setString(i++, filter.cohort());
            }
            if (filter.withoutSnapshot()) {
                st.setObject(i, asOf);
            }
            st.setFetchSize(10_000);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    accounts.add(new long[] {rs.getLong(1)});
                    platforms.add(new PlatformStatus(PlatformConditions.of(PlatformState.valueOf(rs.getString(2))),
                            rs.getObject(3, LocalDate.class)));
                }
            }
        }
        if (!connection.getAutoCommit()) {
            try (java.sql.Statement set = connection.createStatement()) {
                // a chunk's rows are sorted in memory (for this transaction only)
                set.execute("set local work_mem = '64MB'");
            }
        }
        Days days = new Days();
        try (PreparedStatement st = connection.prepareStatement(ROWS)) {
            for (int from = 0; from < accounts.size(); from += CHUNK) {
                int to = Math.min(accounts.size(), from + CHUNK);
                Long[] ids = new Long[to - from];
                for (int k = from; k < to; k++) {
                    ids[k - from] = accounts.get(k)[0];
                }
                st.setObject(1, asOf);
                st.setObject(2, ActivitySummary.recentFrom(asOf, rules));
                st.setObject(3, ActivitySummary.baselineFrom(asOf, rules));
                st.setArray(4, connection.createArrayOf("bigint", ids));
                st.setFetchSize(20_000);
                int next = from;
                try (ResultSet rs = st.executeQuery()) {
                    long current = -1;
                    LocalDate first = null;
                    days.clear();
                    while (rs.next()) {
                        long id = rs.getLong(1);
                        if (id != current) {
                            if (current >= 0) {
                                sink.accept(row(current, platforms.get(next++), first, days, asOf, rules));
                            }
                            current = id;
                            first = rs.getObject(2, LocalDate.class);
                            days.clear();
                        }
                        int offset = rs.getInt(3);
                        if (!rs.wasNull()) {
                            days.add(offset, rs.getInt(4), rs.getInt(5));
                        }
                    }
                    if (current >= 0) {
                        sink.accept(row(current, platforms.get(next++), first, days, asOf, rules));
                    }
                }
                if (next != to) {
                    throw new IllegalStateException("activity rows for " + (next - from) + " of " + (to - from) + " accounts");
                }
            }
        }
    }

    private static Row row(long id, PlatformStatus platform, LocalDate firstObserved, Days days,
                           LocalDate asOf, ActivityRules rules) {
        if (firstObserved == null) {
            return new Row(id, platform, null, ActivitySummary.empty(asOf));
        }
        if (days.size == 0) {
            return new Row(id, platform, firstObserved, ActivitySummary.of(ObservationSeries.of(List.of()), asOf, rules));
        }
        return new Row(id, platform, firstObserved, days.summary(asOf, rules));
    }

    /**
     * One account's rows as read (days as offsets from D, ascending), spread into dense arrays from the first day
     * read to D for {@link ActivitySummary#ofDense}. Reused from account to account: no garbage per row.
     */
    static final class Days {
        int size;
        int[] offsets = new int[512];
        int[] posts = new int[512];
        int[] images = new int[512];
        boolean[] denseObserved = new boolean[512];
        int[] densePosts = new int[512];
        int[] denseImages = new int[512];

        void clear() {
            size = 0;
        }

        void add(int offset, int p, int i) {
            if (size == offsets.length) {
                offsets = java.util.Arrays.copyOf(offsets, size * 2);
                posts = java.util.Arrays.copyOf(posts, size * 2);
                images = java.util.Arrays.copyOf(images, size * 2);
            }
            offsets[size] = offset;
            posts[size] = p;
            images[size] = i;
            size++;
        }

        ActivitySummary summary(LocalDate asOf, ActivityRules rules) {
            int start = offsets[0]; // <= 0: rows are ordered by day and end at D
            int length = 1 - start;
            if (denseObserved.length < length) {
                int n = Math.max(length, denseObserved.length * 2);
                denseObserved = new boolean[n];
                densePosts = new int[n];
                denseImages = new int[n];
            } else {
                java.util.Arrays.fill(denseObserved, 0, length, false);
            }
            for (int k = 0; k < size; k++) {
                int i = offsets[k] - start;
                denseObserved[i] = true;
                densePosts[i] = posts[k];
                denseImages[i] = images[k];
            }
            return ActivitySummary.ofDense(asOf.plusDays(start), denseObserved, densePosts, denseImages, length, asOf, rules);
        }
    }
}
