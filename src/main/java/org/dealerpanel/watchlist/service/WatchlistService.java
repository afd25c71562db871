package org.dealerpanel.watchlist.service;

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
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.dealerpanel.account.Account;
import org.dealerpanel.account.service.AccountService;
import org.dealerpanel.account.service.CohortService;
import org.dealerpanel.activity.ActivityStatus;
import org.dealerpanel.activity.service.ActivityService;
import org.dealerpanel.activity.service.ActivityView;
import org.dealerpanel.common.ApiException;
import org.hibernate.Session;

/**
 * The read side of the panel: accounts with their status and flags as of yesterday, filtered, sorted and paged
 * by one indexed query over {@code account} and yesterday's {@code activity_snapshot} (kept complete and current
 * by {@link ActivityService#ensureSnapshot}), never by reading the panel's history. It sits above both
 * {@code account} and {@code activity}, so neither needs the other.
 */
@ApplicationScoped
public class WatchlistService {
    public static final int RECENT_DAYS = 28;

    @Inject
    EntityManager em;
    @Inject
    AccountService accounts;
    @Inject
    CohortService cohorts;
    @Inject
    ActivityService activity;

    @Transactional
    public AccountView get(long id) {
        return view(accounts.find(id));
    }

    @Transactional
    public AccountView view(Account account) {
        return views(List.of(account.id), ActivityService.yesterday()).get(0);
    }

    /** The API's account list. */
    @Transactional
    public AccountPage list(WatchlistQuery query) {
        LocalDate asOf = activity.ensureSnapshot(ActivityService.yesterday());
        Selection selection = Selection.of(query, asOf, true);
        List<Long> ids = work(c -> selection.ids(c, query));
        long total = work(c -> selection.count(c));
        return new AccountPage(views(ids, asOf), total, asOf);
    }

    /** A page of the watchlist with its recent counts and the counts per status. */
    @Transactional
    public WatchlistPage page(WatchlistQuery query) {
        LocalDate asOf = activity.ensureSnapshot(ActivityService.yesterday());
        Selection selection = Selection.of(query, asOf, true);
        List<Long> ids = work(c -> selection.ids(c, query));
        long total = work(c -> selection.count(c));
        Map<ActivityStatus, Long> counts = new EnumMap<>(ActivityStatus.class);
        for (ActivityStatus s : ActivityStatus.values()) {
            counts.put(s, 0L);
        }
        Selection withoutStatus = Selection.of(query.withStatus(null), asOf, true);
        work(c -> {
            withoutStatus.countByStatus(c, counts);
            return null;
        });
        long all = counts.values().stream().mapToLong(Long::longValue).sum();
        return new WatchlistPage(asOf, rows(views(ids, asOf), asOf), total, counts, all);
    }

    /** Every row the filters select (no paging), in the query's order, for the CSV download. */
    @Transactional
    public void forEachRow(WatchlistQuery query, Consumer<WatchlistRow> sink) {
        LocalDate asOf = activity.ensureSnapshot(ActivityService.yesterday());
        Selection selection = Selection.of(query, asOf, true);
        List<Long> ids = work(c -> selection.ids(c, new WatchlistQuery(query.platform(), query.cohort(), query.status(),
                query.flag(), query.q(), 0, Integer.MAX_VALUE, query.sort())));
        for (int from = 0; from < ids.size(); from += 500) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            rows(views(chunk, asOf), asOf).forEach(sink);
            em.clear();
        }
    }

    /** Watchlist rows (status and flags as of yesterday, dealer, last 28 days) of the given accounts, in that order. */
    @Transactional
    public List<WatchlistRow> rowsOf(List<Long> ids) {
        LocalDate asOf = ActivityService.yesterday();
        return rows(views(ids, asOf), asOf);
    }

    private List<WatchlistRow> rows(List<AccountView> views, LocalDate asOf) {
        if (views.isEmpty()) {
            return List.of();
        }
        List<Long> ids = views.stream().map(AccountView::id).toList();
        LocalDate from = asOf.minusDays(RECENT_DAYS - 1);
        Map<Long, Integer[][]> series = new HashMap<>();
        Map<Long, String> dealerNames = new HashMap<>();
        work(c -> {
            try (PreparedStatement st = c.prepareStatement("""
                    select account_id, day, posts, images from observation
                     where account_id = any(?) and day between ? and ?""")) {
                st.setArray(1, c.createArrayOf("bigint", ids.toArray()));
                st.setObject(2, from);
                st.setObject(3, asOf);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        Integer[][] s = series.computeIfAbsent(rs.getLong(1), k -> new Integer[2][RECENT_DAYS]);
                        int i = (int) (rs.getObject(2, LocalDate.class).toEpochDay() - from.toEpochDay());
                        s[0][i] = rs.getInt(3);
                        s[1][i] = rs.getInt(4);
                    }
                }
            }
            try (PreparedStatement st = c.prepareStatement("""
                    select a.id, d.name from account a join dealer d on d.id = a.dealer_id where a.id = any(?)""")) {
                st.setArray(1, c.createArrayOf("bigint", ids.toArray()));
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        dealerNames.put(rs.getLong(1), rs.getString(2));
                    }
                }
            }
            return null;
        });
        List<WatchlistRow> rows = new ArrayList<>(views.size());
        for (AccountView v : views) {
            Integer[][] s = series.getOrDefault(v.id(), new Integer[2][RECENT_DAYS]);
            long posts = 0;
            long images = 0;
            int observed = 0;
            for (int i = 0; i < RECENT_DAYS; i++) {
                if (s[0][i] != null) {
                    posts += s[0][i];
                    images += s[1][i];
                    observed++;
                }
            }
            rows.add(new WatchlistRow(v, dealerNames.get(v.id()), posts, images, observed,
                    Arrays.asList(s[0]), Arrays.asList(s[1])));
        }
        return rows;
    }

    /**
     * The accounts' views in the given order: the account, its cohorts and (where first_seen is not set) its first
     * observed day in one statement, then the activity facts as of D. Plain JDBC: a list page is read on every
     * visit and needs no managed entities (changes made earlier in the transaction are flushed first).
     */
    private List<AccountView> views(List<Long> ids, LocalDate asOf) {
        if (ids.isEmpty()) {
            return List.of();
        }
        em.flush();
        Map<Long, Object[]> byId = new HashMap<>();
        work(c -> {
            try (PreparedStatement st = c.prepareStatement("""
                    select a.id, a.platform, a.handle, a.display_name, a.notes,
                           coalesce(a.first_seen, (select o.day from observation o where o.account_id = a.id order by o.day limit 1)),
                           a.platform_state, a.platform_state_since, a.dealer_id, a.created_at, a.updated_at,
                           array(select c.name from cohort_member m join cohort c on c.id = m.cohort_id
                                  where m.account_id = a.id order by c.name)
                      from account a where a.id = any(?)""")) {
                st.setArray(1, c.createArrayOf("bigint", ids.toArray()));
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        byId.put(rs.getLong(1), new Object[] {rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getObject(6, LocalDate.class), rs.getString(7),
                                rs.getObject(8, LocalDate.class), (Long) rs.getObject(9),
                                rs.getObject(10, java.time.OffsetDateTime.class).toInstant(),
                                rs.getObject(11, java.time.OffsetDateTime.class).toInstant(),
                                List.of((String[]) rs.getArray(12).getArray())});
                    }
                }
            }
            return null;
        });
        Map<Long, ActivityView> facts = activity.forAccounts(ids, asOf);
        List<AccountView> views = new ArrayList<>(ids.size());
        for (Long id : ids) {
            Object[] a = byId.get(id);
            ActivityView f = facts.get(id);
            @SuppressWarnings("unchecked")
            List<String> cohortNames = (List<String>) a[10];
            views.add(new AccountView(id, (String) a[0], (String) a[1], (String) a[2], (String) a[3], cohortNames,
                    (LocalDate) a[4], f.lastActive(), f.status(), f.silentDays(), f.statusSince(), f.flags(),
                    org.dealerpanel.account.PlatformState.valueOf((String) a[5]), (LocalDate) a[6], (Long) a[7],
                    (java.time.Instant) a[8], (java.time.Instant) a[9]));
        }
        return views;
    }

    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T work(Work<T> work) {
        return em.unwrap(Session.class).doReturningWork(work::run);
    }

    /**
     * The WHERE clause and ORDER BY of a query over account ⋈ the as-of snapshot. {@code statusOnly}: no filter
     * but the status, so counts come from the per-day status counts kept with the snapshot (V18).
     */
    record Selection(String where, List<Object> params, String order, boolean statusOnly, LocalDate asOf, ActivityStatus status) {
        private static final String FROM = " from account a join activity_snapshot s on s.account_id = a.id and s.as_of = ? ";

        static Selection of(WatchlistQuery query, LocalDate asOf, boolean withOrder) {
            StringBuilder where = new StringBuilder(" where true");
            List<Object> params = new ArrayList<>();
            params.add(asOf);
            if (query.platform() != null && !query.platform().isBlank()) {
                where.append(" and a.platform = ?");
                params.add(query.platform());
            }
            if (query.cohort() != null && !query.cohort().isBlank()) {
                where.append(" and exists (select 1 from cohort_member m join cohort c on c.id = m.cohort_id where m.account_id = a.id and c.name = ?)");
                params.add(query.cohort());
            }
            if (query.status() != null) {
                where.append(" and s.status = ?");
                params.add(query.status().name());
            }
            if (query.flag() != null) {
                where.append(" and s.flag_types @> array[?]::text[]");
                params.add(query.flag().name());
            }
            if (query.q() != null && !query.q().isBlank()) {
                where.append(" and (lower(a.handle) like ? escape '\\' or lower(coalesce(a.display_name, '')) like ? escape '\\' or lower(coalesce(a.notes, '')) like ? escape '\\')");
                String like = "%" + query.q().toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
                params.add(like);
                params.add(like);
                params.add(like);
            }
            boolean statusOnly = query.platform() == null || query.platform().isBlank();
            statusOnly &= query.cohort() == null || query.cohort().isBlank();
            statusOnly &= query.flag() == null && (query.q() == null || query.q().isBlank());
            return new Selection(where.toString(), params, withOrder ? order(query.sort()) : "", statusOnly, asOf, query.status());
        }

        static String order(String sort) {
            String field = sort == null || sort.isBlank() ? "id" : sort.strip();
            boolean descending = field.startsWith("-");
            field = descending ? field.substring(1) : field;
            String dir = descending ? " desc" : " asc";
            return switch (field) {
                case "id" -> " order by a.id" + dir;
                case "platform" -> " order by a.platform" + dir + ", a.id";
                case "handle" -> " order by a.handle" + dir + ", a.id";
                case "displayName" -> " order by a.display_name" + dir + " nulls " + (descending ? "first" : "last") + ", a.id";
                case "firstSeen" -> " order by a.first_seen" + dir + " nulls " + (descending ? "first" : "last") + ", a.id";
                // ties in the sort's direction, so that the (as_of, [status,] last_active, account_id) indexes give the order
                case "lastActive" -> " order by s.last_active" + dir + " nulls " + (descending ? "last" : "first") + ", s.account_id" + dir;
                case "status" -> " order by array_position(array['ACTIVE','DORMANT','CEASED','UNKNOWN'], s.status)" + dir + ", a.id";
                default -> throw ApiException.badField("sort",
                        "sort by id, platform, handle, displayName, firstSeen, lastActive or status; prefix - for descending");
            };
        }

        List<Long> ids(Connection c, WatchlistQuery query) throws SQLException {
            String sql = "select a.id" + FROM + where + order + " limit ? offset ?";
            try (PreparedStatement st = c.prepareStatement(sql)) {
                int i = bind(st);
                st.setLong(i++, query.size());
                st.setLong(i, (long) query.page() * query.size());
                List<Long> ids = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
                return ids;
            }
        }

        long count(Connection c) throws SQLException {
            if (statusOnly) {
                try (PreparedStatement st = c.prepareStatement("select coalesce(sum(accounts), 0) from activity_snapshot_count"
                        + " where as_of = ?" + (status == null ? "" : " and status = ?"))) {
                    st.setObject(1, asOf);
                    if (status != null) {
                        st.setString(2, status.name());
                    }
                    try (ResultSet rs = st.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                }
            }
            try (PreparedStatement st = c.prepareStatement("select count(*)" + FROM + where)) {
                bind(st);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }

        void countByStatus(Connection c, Map<ActivityStatus, Long> counts) throws SQLException {
            String sql = statusOnly && status == null
                    ? "select status, accounts from activity_snapshot_count where as_of = ? and accounts > 0"
                    : "select s.status, count(*)" + FROM + where + " group by s.status";
            try (PreparedStatement st = c.prepareStatement(sql)) {
                bind(st);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        counts.put(ActivityStatus.valueOf(rs.getString(1)), rs.getLong(2));
                    }
                }
            }
        }

        private int bind(PreparedStatement st) throws SQLException {
            int i = 1;
            for (Object p : params) {
                st.setObject(i++, p);
            }
            return i;
        }
    }
}
