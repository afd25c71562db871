package org.dealerpanel.activity.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
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
 * The database half of the activity recompute: for every selected account (the panel, a cohort or a list of ids)
 * it reads only the observations that decide its status and flags as of D, by index, and hands them to the pure
 * {@link ActivitySummary#ofTimeline} (equal to the reference {@link ActivitySummary#of}). Which rows decide: the
 * windows (bf .. D) and, for an account with no active day in the baseline window, its last active day before bf and
 * how many days after it were observed (so that the silence before the recent window is inside). Older history is
 * read only through the primary key, for those accounts: the cost grows with the windows, not with the years of data.
 *
 * <p>The windows come from one scan grouped by account (the whole panel) or from a primary-key range per account in
 * chunks of {@value #CHUNK} ids; the look-backs from one probe per account, for the whole panel before its first row
 * goes to the sink (so a writer may hold the connection from then on) or per chunk. Plain JDBC, so the benchmark
 * runs exactly this code.
 */
public final class ActivitySummarySql {
    static final int CHUNK = 2000;

    private ActivitySummarySql() {
    }

    /** One account's aggregates plus what the platform says. */
    public record Row(long accountId, PlatformStatus platform, ActivitySummary summary) {
    }

    /**
     * Which accounts: all, a cohort, or ids; optionally leaving out those with a valid snapshot for D.
     * {@code panelScan} (all accounts, or ids): read the windows by one scan of the table grouped by account (true), by
     * a range per account (false), or whichever reads less (null: the scan when the table holds fewer than
     * {@value #PANEL_SCAN_BELOW} times the windows' rows, that is while little history lies outside the windows, and
     * the ids are at least a quarter of the panel).
     */
    public record Filter(Collection<Long> ids, String cohort, boolean withoutSnapshot, Boolean panelScan) {
        public static Filter all() {
            return new Filter(null, null, false, null);
        }

        public static Filter ids(Collection<Long> ids) {
            return new Filter(ids, null, false, null);
        }

        public static Filter cohort(String cohort) {
            return new Filter(null, cohort, false, null);
        }

        public Filter notInSnapshot() {
            return new Filter(ids, cohort, true, panelScan);
        }

        public Filter scanningPanel(boolean scan) {
            return new Filter(ids, cohort, withoutSnapshot, scan);
        }
    }

    /** A scan reads about five times as many rows a second as ranges per account (measured at 100 000 accounts). */
    static final int PANEL_SCAN_BELOW = 4;

    /**
     * Per account, over its rows of the windows (bf .. D, one primary-key range): per window and metric the
     * observed days, total, sum of squares and the largest count packed with its earliest day
     * ({@code count * M + (M - 1 - offset)}, M a power of two above the windows' length), and which days were
     * observed and which active, as bit masks of 63 days each (day bf + 63k + i is bit i of mask k).
     */
    static String windowAggregates(int masks) {
        return """
                with p as (select cast(? as date) as bf, cast(? as date) as rf, cast(? as date) as d, cast(? as bigint) as m)
                select x.id, g.*
                  from unnest(cast(? as bigint[])) as x(id) cross join p
                  join lateral (select
                """ + aggregates(masks) + """

                     from observation o where o.account_id = x.id and o.day between p.bf and p.d) g on true
                 order by x.id
                """;
    }

    /**
     * The same aggregates for the whole panel in one statement, grouped by account: a scan of the table that
     * PostgreSQL runs in parallel (each row read once), cheaper than a range per account when every account is read.
     * They come back as one row of arrays (account ids ascending, then each aggregate in the same order), decoded into
     * a few primitive arrays: as 100 000 rows of 23 fields they were millions of small objects alive at once, which the
     * young collections copied (pauses of 100-500 ms, felt by the requests served during a build). Accounts without
     * a row in the windows are not in the result.
     */
    static String panelAggregates(int masks, LocalDate baselineFrom, LocalDate recentFrom, LocalDate asOf, long packing) {
        List<String> aggregates = aggregateList(masks);
        StringBuilder outer = new StringBuilder("select array_agg(g.account_id)");
        StringBuilder inner = new StringBuilder();
        for (int i = 0; i < aggregates.size(); i++) {
            outer.append(", array_agg(g.a").append(i).append(')');
            inner.append(i == 0 ? "" : ",\n").append("    ").append(aggregates.get(i)).append(" as a").append(i);
        }
        // the dates as literals, not parameters: once a pooled connection has run a statement ten times, PostgreSQL
        // may plan it for any date (a generic plan), which made this scan 2.4x slower (6.5 s against 2.7 s at 100 000
        // accounts); forcing custom plans for the transaction instead re-plans the snapshot's foreign-key check per row
        return outer + "\n  from (with p as (select date '" + baselineFrom + "' as bf, date '" + recentFrom + "' as rf, date '"
                + asOf + "' as d, cast(" + packing + " as bigint) as m)" + """

                select o.account_id,
                """ + inner + """

                  from observation o cross join p
                 where o.day between p.bf and p.d
                 group by o.account_id
                 order by o.account_id) g
                """;
    }

    private static String aggregates(int masks) {
        return "    " + String.join(",\n    ", aggregateList(masks));
    }

    /** The aggregate expressions in the order {@link WindowAggregates#of} reads them. */
    private static List<String> aggregateList(int masks) {
        List<String> out = new ArrayList<>();
        for (String w : List.of("o.day < p.rf", "o.day >= p.rf")) {
            out.add("count(*) filter (where " + w + ")");
            for (String metric : List.of("o.posts", "o.images")) {
                // sum(integer) adds in a bigint, the squares in a float8 (exact while below 2^53: 112 days of 8.9
                // million posts each); sum(bigint) adds in 128 bits and answers a numeric: ~10 % of this scan
                out.add("sum(" + metric + ") filter (where " + w + ")");
                out.add("(sum(" + metric + "::float8 * " + metric + ") filter (where " + w + "))::bigint");
                out.add("max(" + metric + "::bigint * p.m + (p.m - 1 - (o.day - p.bf))) filter (where " + w + ")");
            }
        }
        for (String kind : List.of("true", "(o.posts > 0 or o.images > 0)")) {
            for (int k = 0; k < masks; k++) {
                out.add("coalesce(bit_or(1::bigint << (o.day - p.bf - " + (63 * k) + ")) filter (where o.day - p.bf between "
                        + (63 * k) + " and " + (63 * k + 62) + " and " + kind + "), 0)");
            }
        }
        return out;
    }

    /**
     * For accounts with no active day in the baseline window: the last active day before bf (as days from bf,
     * negative) and how many days between it and bf were observed; nothing for an account never active before bf.
     * That is all the rows before bf decide (every day after the last active one is inactive, so only their count
     * matters to the coverage and to a silence that ends in the recent window), so the result is one short row per
     * account however long it has been silent.
     *
     * <p>For an account silent since before bf, as every account that ceased is, both come from
     * {@code collection_state} (kept by observation's triggers and the import, in the same transactions as the
     * rows): its last active day, and its observed days after it less those from bf on (the windows' days, and any
     * after). Walking back instead reads a heap page per silent day, hundreds for an account that ceased a year ago,
     * thousands after a few years. Only an account active again since bf (or recomputed for an earlier date) walks.
     */
    private static final String EARLIER = """
            with p as (select cast(? as date) as bf)
            select x.id, l.day - p.bf,
                   case when s.last_active_on < p.bf
                        then s.observed_after_active
                             - (select count(*) from observation o where o.account_id = x.id and o.day >= p.bf)
                        else (select count(*) from observation o where o.account_id = x.id and o.day > l.day and o.day < p.bf)
                   end
              from p cross join unnest(cast(? as bigint[])) as x(id)
              left join collection_state s on s.account_id = x.id
              cross join lateral (
                    select case when s.last_active_on < p.bf then s.last_active_on
                                when s.account_id is not null and s.last_active_on is null then null
                                else (select a.day from observation a
                                       where a.account_id = x.id and a.day < p.bf and (a.posts > 0 or a.images > 0)
                                       order by a.day desc limit 1) end as day) l
             where l.day is not null
             order by x.id
            """;

    /** Streams one {@link Row} per selected account, in id order. */
    public static void stream(Connection connection, LocalDate asOf, ActivityRules rules, Filter filter,
                              Consumer<Row> sink) throws SQLException {
        stream(connection, asOf, rules, filter, () -> { }, sink);
    }

    /**
     * The same; {@code beforeQuery} runs before each statement this issues once rows have gone to the sink, for a
     * sink that keeps the connection busy between them (a COPY in progress).
     */
    static void stream(Connection connection, LocalDate asOf, ActivityRules rules, Filter filter,
                       Runnable beforeQuery, Consumer<Row> sink) throws SQLException {
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
                // JIT-compiling the panel scan's aggregates pays (3.4 s against 5.9 s without), inlining PostgreSQL's
                // functions into them does not: 0.5-0.75 s of compiling in each of the three processes, no faster run
                set.execute("set local jit_inline_above_cost = -1");
            }
        }
        LocalDate recentFrom = ActivitySummary.recentFrom(asOf, rules);
        LocalDate baselineFrom = ActivitySummary.baselineFrom(asOf, rules);
        int windowDays = (int) (asOf.toEpochDay() - baselineFrom.toEpochDay()) + 1;
        int recentOffset = (int) (recentFrom.toEpochDay() - baselineFrom.toEpochDay());
        int masks = (windowDays + 62) / 63;
        long packing = Long.highestOneBit(windowDays) * 2; // M > windowDays
        Earlier earlier = new Earlier();
        Timeline timeline = new Timeline();
        PanelAggregates panel = null;
        boolean everyAccount = filter.ids() == null && filter.cohort() == null && !filter.withoutSnapshot();
        boolean idsOnly = filter.ids() != null && filter.cohort() == null && !filter.withoutSnapshot();
        boolean scan;
        if (!everyAccount && !idsOnly) {
            scan = false;
        } else if (filter.panelScan() != null) {
            scan = filter.panelScan();
        } else {
            // a list of ids that is a large part of the panel (a refresh after a whole-panel import) is read by the
            // scan too: the other accounts' aggregates are dropped, cheaper than a primary-key range per listed one
            double panelAccounts = everyAccount ? accounts.size() : estimatedAccounts(connection);
            scan = accounts.size() > CHUNK && accounts.size() * 4.0 >= panelAccounts
                    && estimatedRows(connection) < PANEL_SCAN_BELOW * panelAccounts * windowDays;
        }
        if (scan) {
            try (PreparedStatement st = connection.prepareStatement(panelAggregates(masks, baselineFrom, recentFrom, asOf, packing))) {
                // no fetch size: PostgreSQL plans no parallel scan for a result that may be fetched in parts
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    panel = PanelAggregates.read(rs, accounts);
                }
            }
        }
        try (PreparedStatement windows = connection.prepareStatement(windowAggregates(masks));
             PreparedStatement earlierQuery = connection.prepareStatement(EARLIER)) {
            if (panel != null) {
                // the whole panel's look-backs in one statement, before any row goes to the sink: nothing to pause for
                List<Long> further = new ArrayList<>();
                for (int k = 0; k < accounts.size(); k++) {
                    if (!panel.anyActive(k, masks, recentOffset)) {
                        further.add(accounts.get(k)[0]);
                    }
                }
                earlier.read(earlierQuery, connection, further, baselineFrom);
            }
            int e = 0;
            for (int from = 0; from < accounts.size(); from += CHUNK) {
                int to = Math.min(accounts.size(), from + CHUNK);
                Long[] ids = new Long[to - from];
                for (int k = from; k < to; k++) {
                    ids[k - from] = accounts.get(k)[0];
                }
                List<WindowAggregates> chunk = new ArrayList<>(ids.length);
                if (panel != null) {
                    for (int k = from; k < to; k++) {
                        chunk.add(panel.at(k, ids[k - from], masks, baselineFrom, packing));
                    }
                } else {
                    beforeQuery.run();
                    windows.setObject(1, baselineFrom);
                    windows.setObject(2, recentFrom);
                    windows.setObject(3, asOf);
                    windows.setLong(4, packing);
                    windows.setArray(5, connection.createArrayOf("bigint", ids));
                    windows.setFetchSize(CHUNK + 1);
                    try (ResultSet rs = windows.executeQuery()) {
                        while (rs.next()) {
                            chunk.add(WindowAggregates.read(rs, masks, baselineFrom, packing));
                        }
                    }
                }
                if (panel == null) {
                    // accounts with no active day in the baseline window: look further back
                    List<Long> further = new ArrayList<>();
                    for (WindowAggregates a : chunk) {
                        if (!a.anyActive(0, recentOffset)) {
                            further.add(a.id);
                        }
                    }
                    if (!further.isEmpty()) {
                        beforeQuery.run();
                    }
                    earlier.read(earlierQuery, connection, further, baselineFrom);
                    e = 0;
                }
                if (chunk.size() != ids.length) {
                    throw new IllegalStateException("activity aggregates for " + chunk.size() + " of " + ids.length + " accounts");
                }
                for (int k = from; k < to; k++) {
                    WindowAggregates a = chunk.get(k - from);
                    if (a.id != ids[k - from]) {
                        throw new IllegalStateException("activity aggregates out of account order");
                    }
                    int found = e < earlier.size && earlier.ids[e] == a.id ? e++ : -1;
                    ActivitySummary summary = a.observedDays() == 0 && found < 0 ? ActivitySummary.empty(asOf)
                            : timeline.summary(a, earlier, found, asOf, baselineFrom, windowDays, rules);
                    sink.accept(new Row(a.id, platforms.get(k), summary));
                }
                if (panel == null && e != earlier.size) {
                    throw new IllegalStateException("earlier activity out of account order");
                }
            }
            if (e != earlier.size) {
                throw new IllegalStateException("earlier activity out of account order");
            }
        }
    }

    /** The planner's estimate of the observation table's rows (free, unlike count(*)). */
    private static double estimatedAccounts(Connection connection) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("select reltuples from pg_class where oid = 'account'::regclass");
             ResultSet rs = st.executeQuery()) {
            return rs.next() && rs.getDouble(1) >= 0 ? rs.getDouble(1) : Double.MAX_VALUE;
        }
    }

    private static double estimatedRows(Connection connection) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("select reltuples from pg_class where oid = 'observation'::regclass");
             ResultSet rs = st.executeQuery()) {
            return rs.next() ? rs.getDouble(1) : Double.MAX_VALUE;
        }
    }

    /** One account's aggregates over the windows, as read. */
    record WindowAggregates(long id, Map<Metric, WindowStats> baseline, Map<Metric, WindowStats> recent,
                            long[] observed, long[] active) {
        /** How many aggregates a row has after the account id. */
        static int width(int masks) {
            return 14 + 2 * masks;
        }

        static WindowAggregates read(ResultSet rs, int masks, LocalDate baselineFrom, long packing) throws SQLException {
            long[] values = new long[width(masks)];
            for (int i = 0; i < values.length; i++) {
                values[i] = rs.getLong(i + 2);
            }
            return of(rs.getLong(1), values, masks, baselineFrom, packing);
        }

        /** From the aggregates in {@link #aggregateList} order (a SQL NULL as 0). */
        static WindowAggregates of(long id, long[] values, int masks, LocalDate baselineFrom, long packing) {
            int c = 0;
            List<Map<Metric, WindowStats>> windows = new ArrayList<>(2);
            for (int w = 0; w < 2; w++) {
                Map<Metric, WindowStats> stats = new EnumMap<>(Metric.class);
                int n = (int) values[c++];
                for (Metric metric : List.of(Metric.POSTS, Metric.IMAGES)) {
                    long total = values[c++];
                    long squares = values[c++];
                    long packed = values[c++];
                    stats.put(metric, n == 0 ? WindowStats.EMPTY : new WindowStats(new CountSummary(n, total, squares),
                            (int) (packed / packing), baselineFrom.plusDays(packing - 1 - packed % packing)));
                }
                windows.add(stats);
            }
            long[] observed = new long[masks];
            long[] active = new long[masks];
            for (int k = 0; k < masks; k++) {
                observed[k] = values[c++];
            }
            for (int k = 0; k < masks; k++) {
                active[k] = values[c++];
            }
            return new WindowAggregates(id, windows.get(0), windows.get(1), observed, active);
        }

        static WindowAggregates none(long id, int masks) {
            Map<Metric, WindowStats> empty = Map.of(Metric.POSTS, WindowStats.EMPTY, Metric.IMAGES, WindowStats.EMPTY);
            return new WindowAggregates(id, empty, empty, new long[masks], new long[masks]);
        }

        static boolean bit(long[] masks, int offset) {
            return (masks[offset / 63] >>> (offset % 63) & 1) != 0;
        }

        boolean anyActive(int fromOffset, int toOffsetExclusive) {
            for (int i = fromOffset; i < toOffsetExclusive; i++) {
                if (bit(active, i)) {
                    return true;
                }
            }
            return false;
        }

        int observedDays() {
            int n = 0;
            for (long m : observed) {
                n += Long.bitCount(m);
            }
            return n;
        }
    }

    /**
     * The whole panel's aggregates as columns of primitives, aligned to the selected accounts (row -1: no row in the
     * windows). {@link WindowAggregates} objects are made one account at a time, as they are assessed.
     */
    static final class PanelAggregates {
        final long[][] columns; // columns[c][row]
        final int[] rowOf; // by position in the selected accounts

        private PanelAggregates(long[][] columns, int[] rowOf) {
            this.columns = columns;
            this.rowOf = rowOf;
        }

        /** Reads the one row of {@link #panelAggregates}; {@code accounts} in ascending id order. */
        static PanelAggregates read(ResultSet rs, List<long[]> accounts) throws SQLException {
            int count = rs.getMetaData().getColumnCount();
            long[] ids = parseArray(rs.getString(1));
            long[][] columns = new long[count - 1][];
            for (int c = 2; c <= count; c++) {
                columns[c - 2] = parseArray(rs.getString(c));
                if (columns[c - 2].length != ids.length) {
                    throw new IllegalStateException("activity aggregates: arrays of unequal length");
                }
            }
            for (int r = 1; r < ids.length; r++) {
                if (ids[r] <= ids[r - 1]) {
                    throw new IllegalStateException("activity aggregates out of account order");
                }
            }
            int[] rowOf = new int[accounts.size()];
            int row = 0;
            for (int k = 0; k < accounts.size(); k++) {
                long id = accounts.get(k)[0];
                while (row < ids.length && ids[row] < id) {
                    row++; // rows of an account added after the accounts were listed
                }
                rowOf[k] = row < ids.length && ids[row] == id ? row : -1;
            }
            return new PanelAggregates(columns, rowOf);
        }

        WindowAggregates at(int account, long id, int masks, LocalDate baselineFrom, long packing) {
            int row = rowOf[account];
            if (row < 0) {
                return WindowAggregates.none(id, masks);
            }
            long[] values = new long[columns.length];
            for (int c = 0; c < values.length; c++) {
                values[c] = columns[c][row];
            }
            return WindowAggregates.of(id, values, masks, baselineFrom, packing);
        }

        /** Whether the account has an active day at offsets 0 .. toOffsetExclusive - 1 (the active masks close the row). */
        boolean anyActive(int account, int masks, int toOffsetExclusive) {
            int row = rowOf[account];
            if (row < 0) {
                return false;
            }
            int first = columns.length - masks;
            for (int i = 0; i < toOffsetExclusive; i++) {
                if ((columns[first + i / 63][row] >>> (i % 63) & 1) != 0) {
                    return true;
                }
            }
            return false;
        }

        /** A bigint[] in PostgreSQL's text form, {1,-2,NULL}; NULL (an empty aggregate) as 0. */
        static long[] parseArray(String text) {
            if (text == null) {
                return new long[0]; // no row in the windows at all: array_agg of nothing
            }
            if (text.length() < 2 || text.charAt(0) != '{') {
                throw new IllegalStateException("activity aggregates: not an array");
            }
            int n = 0;
            if (text.length() > 2) {
                n = 1;
                for (int i = 1; i < text.length() - 1; i++) {
                    if (text.charAt(i) == ',') {
                        n++;
                    }
                }
            }
            long[] out = new long[n];
            int k = 0;
            int i = 1;
            while (k < n) {
                if (text.startsWith("NULL", i)) {
                    i += 4;
                } else {
                    boolean negative = text.charAt(i) == '-';
                    if (negative) {
                        i++;
                    }
                    long v = 0;
                    for (char ch; (ch = text.charAt(i)) >= '0' && ch <= '9'; i++) {
                        v = v * 10 + (ch - '0');
                    }
                    out[k] = negative ? -v : v;
                }
                k++;
                i++; // the comma or the closing brace
            }
            return out;
        }
    }

    /** Spreads an account's look-back and window masks into the day arrays of {@link ActivitySummary#ofTimeline}. */
    static final class Timeline {
        boolean[] observed = new boolean[1024];
        boolean[] active = new boolean[1024];

        /** {@code e}: the account's entry in {@code earlier}, or -1 if it has none. */
        ActivitySummary summary(WindowAggregates a, Earlier earlier, int e, LocalDate asOf, LocalDate baselineFrom,
                                int windowDays, ActivityRules rules) {
            int start = e >= 0 ? earlier.lastActive[e] : 0; // days from bf, negative
            int length = windowDays - start;
            if (observed.length < length) {
                observed = new boolean[Math.max(length, observed.length * 2)];
                active = new boolean[observed.length];
            }
            java.util.Arrays.fill(observed, 0, length, false);
            java.util.Arrays.fill(active, 0, length, false);
            if (e >= 0) {
                observed[0] = true;
                active[0] = true;
                // which of the silent days before bf were observed does not matter, only how many
                java.util.Arrays.fill(observed, 1, 1 + earlier.observedAfter[e], true);
            }
            for (int offset = 0; offset < windowDays; offset++) {
                observed[offset - start] = WindowAggregates.bit(a.observed, offset);
                active[offset - start] = WindowAggregates.bit(a.active, offset);
            }
            return ActivitySummary.ofTimeline(baselineFrom.plusDays(start), observed, active, length, asOf, rules,
                    a.baseline, a.recent);
        }
    }

    /** Per account looked back for, in account order: its last active day before bf and the observed days after it. */
    static final class Earlier {
        int size;
        long[] ids = new long[1024];
        int[] lastActive = new int[1024];
        int[] observedAfter = new int[1024];

        void read(PreparedStatement st, Connection connection, List<Long> accounts, LocalDate baselineFrom)
                throws SQLException {
            size = 0;
            if (accounts.isEmpty()) {
                return;
            }
            st.setObject(1, baselineFrom);
            st.setArray(2, connection.createArrayOf("bigint", accounts.toArray()));
            st.setFetchSize(50_000);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    if (size == ids.length) {
                        ids = java.util.Arrays.copyOf(ids, size * 2);
                        lastActive = java.util.Arrays.copyOf(lastActive, size * 2);
                        observedAfter = java.util.Arrays.copyOf(observedAfter, size * 2);
                    }
                    ids[size] = rs.getLong(1);
                    lastActive[size] = rs.getInt(2);
                    observedAfter[size] = rs.getInt(3);
                    size++;
                }
            }
        }
    }

}
