package org.dealerpanel.activity.service;

import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.dealerpanel.account.PlatformState;
import org.dealerpanel.activity.ActivityRules;
import org.dealerpanel.activity.ActivitySummary;
import org.dealerpanel.activity.Metric;
import org.dealerpanel.activity.PlatformStatus;
import org.dealerpanel.activity.WindowStats;
import org.dealerpanel.activity.stats.CountSummary;

/**
 * The set-based half of the activity recompute: one SQL statement computes, for every account of
 * the panel (or of a cohort, or of a list of ids), the aggregates of {@link ActivitySummary} as of D
 * (last active day, observed days after it, per window and metric the observed days, sum, sum of
 * squares and largest day, and the silences that ended in the recent window) with aggregates,
 * {@code FILTER} clauses and window functions. Plain JDBC, so the benchmark runs exactly this code.
 *
 * <p>Stages: {@code la} finds per account, by index probes rather than by reading its history, the first
 * observed day, the last active day and the last active day before the recent window; {@code r} keeps only the rows
 * from the baseline window or that last active day on (whichever is earlier), numbered per account
 * ({@code rn}) and with each window's largest count; {@code g} pairs each active day with the
 * previous active day ({@code lag}) so that rn(A) − rn(P) − 1 is the number of observed days in
 * between; {@code agg} folds the windows.
 */
public final class ActivitySummarySql {
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

    private static final String WINDOWS = """
            , count(*) filter (where r.day %1$s) as %2$s_n
            , coalesce(sum(r.posts) filter (where r.day %1$s), 0) as %2$s_p_sum
            , coalesce(sum(r.posts::bigint * r.posts) filter (where r.day %1$s), 0) as %2$s_p_sq
            , coalesce(max(r.posts) filter (where r.day %1$s), 0) as %2$s_p_max
            , min(r.day) filter (where r.day %1$s and r.posts = r.%2$s_p_max) as %2$s_p_max_day
            , coalesce(sum(r.images) filter (where r.day %1$s), 0) as %2$s_i_sum
            , coalesce(sum(r.images::bigint * r.images) filter (where r.day %1$s), 0) as %2$s_i_sq
            , coalesce(max(r.images) filter (where r.day %1$s), 0) as %2$s_i_max
            , min(r.day) filter (where r.day %1$s and r.images = r.%2$s_i_max) as %2$s_i_max_day
            """;
    /** work_mem for the recompute's statement (transaction-local). */
    static final String WORK_MEM = System.getProperty("tracker.activity.work-mem", "256MB");
    private static final String BASE = "between p.bf and p.rf - 1";
    private static final String RECENT = ">= p.rf";

    static String sql(Filter filter) {
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
        return """
                with p as (select cast(? as date) as d, cast(? as date) as rf, cast(? as date) as bf, cast(? as integer) as ms),
                acc as (select a.id, a.platform_state, a.platform_state_since from account a where %s),
                la as (
                  select x.* from (
                    select acc.id as account_id,
                           (select min(o.day) from observation o where o.account_id = acc.id and o.day <= p.d) as first_observed,
                           (select max(o.day) from observation o
                             where o.account_id = acc.id and o.day <= p.d and (o.posts > 0 or o.images > 0)) as last_active,
                           (select max(o.day) from observation o
                             where o.account_id = acc.id and o.day < p.rf and (o.posts > 0 or o.images > 0)) as active_before_recent
                      from acc cross join p) x
                   where x.first_observed is not null),
                r as (
                  select o.account_id, o.day, o.posts, o.images, (o.posts > 0 or o.images > 0) as active, la.last_active,
                         row_number() over (partition by o.account_id order by o.day) as rn,
                         max(o.posts) filter (where o.day between p.bf and p.rf - 1) over w as b_p_max,
                         max(o.images) filter (where o.day between p.bf and p.rf - 1) over w as b_i_max,
                         max(o.posts) filter (where o.day >= p.rf) over w as r_p_max,
                         max(o.images) filter (where o.day >= p.rf) over w as r_i_max
                    from observation o join la on la.account_id = o.account_id cross join p
                   where o.day <= p.d and o.day >= least(p.bf, coalesce(la.active_before_recent, p.rf))
                  window w as (partition by o.account_id)),
                g as (
                  select x.account_id, x.prev_day, x.day, x.rn - x.prev_rn - 1 as observed_between
                    from (select r.account_id, r.day, r.rn,
                                 lag(r.day) over (partition by r.account_id order by r.day) as prev_day,
                                 lag(r.rn) over (partition by r.account_id order by r.day) as prev_rn
                            from r where r.active) x cross join p
                   where x.day >= p.rf and x.prev_day is not null and x.day - x.prev_day - 1 >= p.ms),
                ga as (
                  select g.account_id, array_agg(g.prev_day order by g.day) as prev_days,
                         array_agg(g.day order by g.day) as days, array_agg(g.observed_between order by g.day) as observed
                    from g group by g.account_id),
                agg as (
                  select r.account_id, count(*) filter (where r.day > r.last_active) as observed_after
                %s%s
                    from r cross join p group by r.account_id)
                select acc.id, acc.platform_state, acc.platform_state_since, la.first_observed, la.last_active,
                       agg.*, ga.prev_days, ga.days, ga.observed
                  from acc left join la on la.account_id = acc.id left join agg on agg.account_id = acc.id
                  left join ga on ga.account_id = acc.id
                 order by acc.id
                """.formatted(where, WINDOWS.formatted(BASE, "b"), WINDOWS.formatted(RECENT, "r"));
    }

    /** Streams one {@link Row} per selected account, in id order. */
    public static void stream(Connection connection, LocalDate asOf, ActivityRules rules, Filter filter,
                              Consumer<Row> sink) throws SQLException {
        LocalDate recentFrom = ActivitySummary.recentFrom(asOf, rules);
        if (!connection.getAutoCommit()) {
            try (java.sql.Statement set = connection.createStatement()) {
                // sorts and hashes of the whole panel stay in memory (for this transaction only)
                set.execute("set local work_mem = '" + WORK_MEM + "'");
                // JIT compiling this many FILTER aggregates costs more than it saves
                set.execute("set local jit = off");
            }
        }
        try (PreparedStatement st = connection.prepareStatement(sql(filter))) {
            int i = 1;
            st.setObject(i++, asOf);
            st.setObject(i++, recentFrom);
            st.setObject(i++, ActivitySummary.baselineFrom(asOf, rules));
            st.setInt(i++, rules.dormantAfterDays());
            if (filter.ids() != null) {
                st.setArray(i++, connection.createArrayOf("bigint", filter.ids().toArray()));
            }
            if (filter.cohort() != null) {
                st.setString(i++, filter.cohort());
            }
            if (filter.withoutSnapshot()) {
                st.setObject(i++, asOf);
            }
            st.setFetchSize(5000);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    sink.accept(row(rs, asOf));
                }
            }
        }
    }

    private static Row row(ResultSet rs, LocalDate asOf) throws SQLException {
        long id = rs.getLong("id");
        PlatformStatus platform = new PlatformStatus(PlatformConditions.of(PlatformState.valueOf(rs.getString("platform_state"))),
                date(rs, "platform_state_since"));
        LocalDate first = date(rs, "first_observed");
        if (first == null || rs.getObject("account_id") == null) {
            return new Row(id, platform, first, ActivitySummary.empty(asOf));
        }
        List<ActivitySummary.SilenceEnd> ends = new ArrayList<>();
        Array prev = rs.getArray("prev_days");
        if (prev != null) {
            Object[] p = (Object[]) prev.getArray();
            Object[] a = (Object[]) rs.getArray("days").getArray();
            Object[] o = (Object[]) rs.getArray("observed").getArray();
            for (int k = 0; k < p.length; k++) {
                ends.add(new ActivitySummary.SilenceEnd(toDate(p[k]), toDate(a[k]), ((Number) o[k]).intValue()));
            }
        }
        ActivitySummary summary = new ActivitySummary(asOf, date(rs, "last_active"), rs.getInt("observed_after"),
                Map.of(Metric.POSTS, window(rs, "b", "p"), Metric.IMAGES, window(rs, "b", "i")),
                Map.of(Metric.POSTS, window(rs, "r", "p"), Metric.IMAGES, window(rs, "r", "i")), ends);
        return new Row(id, platform, first, summary);
    }

    private static WindowStats window(ResultSet rs, String window, String metric) throws SQLException {
        int n = rs.getInt(window + "_n");
        if (n == 0) {
            return WindowStats.EMPTY;
        }
        String prefix = window + "_" + metric;
        return new WindowStats(new CountSummary(n, rs.getLong(prefix + "_sum"), rs.getLong(prefix + "_sq")),
                rs.getInt(prefix + "_max"), date(rs, prefix + "_max_day"));
    }

    private static LocalDate date(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, LocalDate.class);
    }

    private static LocalDate toDate(Object value) {
        return value instanceof LocalDate d ? d : ((Date) value).toLocalDate();
    }
}
