package org.dealerpanel.collection.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dealerpanel.account.Cohort;
import org.dealerpanel.account.PlatformState;
import org.dealerpanel.account.service.CohortService;
import org.dealerpanel.activity.ActivityRules;
import org.dealerpanel.activity.ActivityStatus;
import org.dealerpanel.activity.ActivitySummary;
import org.dealerpanel.activity.PlatformStatus;
import org.dealerpanel.activity.StatusClassifier;
import org.dealerpanel.activity.service.PlatformConditions;
import org.dealerpanel.collection.CadenceSource;
import org.dealerpanel.collection.Forecast;
import org.dealerpanel.common.ApiException;
import org.dealerpanel.common.PanelClock;
import org.hibernate.Session;

/**
 * The due list: the accounts due on a local day whose observation for it is still missing.
 *
 * <p>An account with cadence N is <em>due</em> on day d when it is scheduled on d and no observation exists in
 * (d − N, d]. It is <em>scheduled</em> on d from its start (the earliest of first-seen, first observed day and the
 * day it was added) unless it is closed by its owner or removed by the platform on d. One pass over the accounts with
 * their maintained {@code collection_state}; for a day before an account's last observation, one index probe on
 * observation (account_id, day) for that account. Nothing reads the observation history.
 */
@ApplicationScoped
public class DueService {
    @Inject
    EntityManager em;
    @Inject
    ActivityRules rules;
    @Inject
    CollectionConfig config;
    @Inject
    CohortService cohorts;
    @Inject
    PlanService plans;

    /** How a row relates to the assignee the list was asked for. */
    public enum Group { OWN, UNASSIGNED, OTHER }

    /** {@code accountId}: only this account (a page re-drawing one row). */
    public record Query(LocalDate date, String assignee, String assignedTo, boolean unassigned, String cohort,
                        String platform, Long accountId, int page, int size) {
    }

    public record DueRow(long accountId, String platform, String handle, String displayName, List<String> cohorts,
                         String assignee, Group group, int cadenceDays, CadenceSource cadenceFrom, String cadenceCohort,
                         LocalDate lastObserved, Integer daysSinceObserved, LocalDate dueSince,
                         ActivityStatus status, LocalDate lastActive, PlatformState platformState,
                         LocalDate unknownOn, Integer unknownInDays, boolean headingForUnknown,
                         LocalDate trendFlagsStopOn, Integer trendFlagsStopInDays) {
    }

    public record DueList(LocalDate date, String assignee, long total, long own, long unassigned, long others,
                          int warnDays, int page, int size, List<DueRow> items) {
    }

    @Transactional
    public DueList due(Query q) {
        LocalDate date = q.date() != null ? q.date() : PanelClock.today();
        Long me = q.assignee() == null ? null : plans.userId("assignee", q.assignee());
        Long assignedTo = q.assignedTo() == null ? null : plans.userId("assignedTo", q.assignedTo());
        if (assignedTo != null && q.unassigned()) {
            throw ApiException.badField("unassigned", "cannot be combined with assignedTo");
        }
        if (q.cohort() != null && Cohort.findByName(q.cohort()).isEmpty()) {
            throw ApiException.badField("cohort", "there is no cohort '" + q.cohort() + "'");
        }
        StringBuilder where = new StringBuilder();
        List<Object> params = new ArrayList<>();
        if (q.cohort() != null) {
            where.append(" and exists (select 1 from cohort_member m join cohort c on c.id = m.cohort_id"
                    + " where m.account_id = a.id and c.name = ?)");
            params.add(q.cohort());
        }
        if (q.platform() != null) {
            where.append(" and a.platform = ?");
            params.add(q.platform());
        }
        if (assignedTo != null) {
            where.append(" and pl.assignee_id = ?");
            params.add(assignedTo);
        }
        if (q.unassigned()) {
            where.append(" and pl.assignee_id is null");
        }
        if (q.accountId() != null) {
            where.append(" and a.id = ?");
            params.add(q.accountId());
        }
        String sql = """
                with p as (select cast(? as date) as d, cast(? as text) as zone, cast(? as bigint) as me),
                %s,
                s as (
                  select a.id, a.platform, a.handle, a.display_name, a.platform_state, a.platform_state_since,
                         %s as cadence, %s as cadence_from,
                         case when pl.cadence_days is null then cc.cohort end as cadence_cohort,
                         pl.assignee_id, u.username,
                         %s as start_day,
                         %s as last_seen,
                         st.account_id is not null and st.last_observed_on <= p.d as state_valid,
                         st.last_active_on, st.observed_after_active
                    from account a cross join p
                    left join collection_plan pl on pl.account_id = a.id
                    left join app_user u on u.id = pl.assignee_id
                    left join cc on cc.account_id = a.id
                    left join collection_state st on st.account_id = a.id
                   where not %s %s),
                due as (
                  select s.*,
                         case when p.me is null then 0 when s.assignee_id = p.me then 0
                              when s.assignee_id is null then 1 else 2 end as grp,
                         coalesce(s.last_seen + s.cadence, s.start_day) as due_since
                    from s cross join p
                   where s.start_day <= p.d and (s.last_seen is null or s.last_seen <= p.d - s.cadence)),
                pg as (
                  select due.*, count(*) over () as total,
                         count(*) filter (where grp = 0) over () as n0,
                         count(*) filter (where grp = 1) over () as n1
                    from due
                   order by grp, due_since, platform, handle, id
                   limit ? offset ?)
                select pg.id, pg.platform, pg.handle, pg.display_name, pg.platform_state, pg.platform_state_since,
                       pg.cadence, pg.cadence_from, pg.cadence_cohort, pg.username, pg.grp, pg.last_seen, pg.due_since,
                       x.la, y.obs, pg.total, pg.n0, pg.n1
                  from pg cross join p
                 cross join lateral (select case when pg.state_valid then pg.last_active_on
                        else (select max(o.day) from observation o where o.account_id = pg.id and o.day <= p.d
                                 and (o.posts > 0 or o.images > 0)) end as la) x
                 cross join lateral (select case when pg.state_valid then pg.observed_after_active
                        else (select count(*) from observation o where o.account_id = pg.id and o.day <= p.d
                                 and o.day > coalesce(x.la, '-infinity'::date)) end as obs) y
                 order by pg.grp, pg.due_since, pg.platform, pg.handle, pg.id
                """.formatted(ScheduleSql.COHORT_CADENCE, ScheduleSql.CADENCE, ScheduleSql.CADENCE_FROM,
                ScheduleSql.START_DAY, ScheduleSql.lastSeen("p.d"), ScheduleSql.goneOn("p.d"), where);
        List<Object[]> rows = new ArrayList<>();
        long[] counts = new long[3];
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement st = c.prepareStatement(sql)) {
                int i = bindDayAndFilters(st, date, me, params);
                st.setInt(i++, q.size());
                st.setLong(i, (long) q.page() * q.size());
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getObject(6, LocalDate.class), rs.getInt(7), rs.getString(8),
                                rs.getString(9), rs.getString(10), rs.getInt(11), rs.getObject(12, LocalDate.class),
                                rs.getObject(13, LocalDate.class), rs.getObject(14, LocalDate.class), rs.getInt(15)});
                        counts[0] = rs.getLong(16);
                        counts[1] = rs.getLong(17);
                        counts[2] = rs.getLong(18);
                    }
                }
            }
        });
        if (rows.isEmpty() && q.page() > 0) {
            System.arraycopy(count(date, me, where.toString(), params), 0, counts, 0, 3);
        }
        long total = counts[0];
        List<Long> ids = rows.stream().map(r -> (Long) r[0]).toList();
        Map<Long, List<String>> names = cohorts.namesByAccount(ids);
        Map<Long, List<LocalDate>> recent = recentDays(ids, date);
        StatusClassifier classifier = new StatusClassifier(rules);
        ActivitySummary empty = ActivitySummary.empty(date);
        List<DueRow> items = new ArrayList<>();
        for (Object[] r : rows) {
            long id = (Long) r[0];
            PlatformState state = PlatformState.valueOf((String) r[4]);
            LocalDate lastSeen = (LocalDate) r[11];
            LocalDate lastActive = (LocalDate) r[13];
            int observedAfter = (Integer) r[14];
            ActivityStatus status = classifier.classify(new ActivitySummary(date, lastActive, observedAfter,
                    empty.baseline(), empty.recent(), List.of()),
                    new PlatformStatus(PlatformConditions.of(state), (LocalDate) r[5])).status();
            LocalDate unknownOn = Forecast.unknownOn(rules, lastActive, observedAfter);
            Integer unknownIn = unknownOn == null ? null : (int) ChronoUnit.DAYS.between(date, unknownOn);
            LocalDate trendStops = Forecast.trendStopsOn(rules, date, recent.getOrDefault(id, List.of()));
            Integer trendIn = trendStops == null ? null : (int) ChronoUnit.DAYS.between(date, trendStops);
            int grp = (Integer) r[10];
            Group group = me == null ? null : grp == 0 ? Group.OWN : grp == 1 ? Group.UNASSIGNED : Group.OTHER;
            items.add(new DueRow(id, (String) r[1], (String) r[2], (String) r[3], names.getOrDefault(id, List.of()),
                    (String) r[9], group, (Integer) r[6], CadenceSource.valueOf((String) r[7]), (String) r[8],
                    lastSeen, lastSeen == null ? null : (int) ChronoUnit.DAYS.between(lastSeen, date),
                    (LocalDate) r[12], status, lastActive, state, unknownOn, unknownIn,
                    unknownIn != null && unknownIn > 0 && unknownIn <= config.warnDays(),
                    trendStops, trendIn));
        }
        long own = me == null ? 0 : counts[1];
        long unassigned = me == null ? 0 : counts[2];
        return new DueList(date, q.assignee(), total, own, unassigned, me == null ? 0 : total - own - unassigned,
                config.warnDays(), q.page(), q.size(), items);
    }

    /** The observed days of each account in the recent window ending {@code date} (for the trend forecast). */
    private Map<Long, List<LocalDate>> recentDays(List<Long> ids, LocalDate date) {
        Map<Long, List<LocalDate>> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        LocalDate from = ActivitySummary.recentFrom(date, rules);
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement st = c.prepareStatement("""
                    select account_id, day from observation where account_id = any (?) and day between ? and ?
                     order by account_id, day""")) {
                st.setArray(1, c.createArrayOf("bigint", ids.toArray()));
                st.setObject(2, from);
                st.setObject(3, date);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getObject(2, LocalDate.class));
                    }
                }
            }
        });
        return out;
    }

    /** The due accounts counted alone (for a page past the end, where the paged query returns no row). */
    private long[] count(LocalDate date, Long me, String where, List<Object> params) {
        String sql = """
                with p as (select cast(? as date) as d, cast(? as text) as zone, cast(? as bigint) as me),
                %s,
                s as (
                  select pl.assignee_id, %s as last_seen, %s as cadence, %s as start_day
                    from account a cross join p
                    left join collection_plan pl on pl.account_id = a.id
                    left join cc on cc.account_id = a.id
                    left join collection_state st on st.account_id = a.id
                   where not %s %s)
                select count(*),
                       count(*) filter (where p.me is null or s.assignee_id = p.me),
                       count(*) filter (where p.me is not null and s.assignee_id is null)
                  from s cross join p
                 where s.start_day <= p.d and (s.last_seen is null or s.last_seen <= p.d - s.cadence)
                """.formatted(ScheduleSql.COHORT_CADENCE, ScheduleSql.lastSeen("p.d"), ScheduleSql.CADENCE,
                ScheduleSql.START_DAY, ScheduleSql.goneOn("p.d"), where);
        long[] counts = new long[3];
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement st = c.prepareStatement(sql)) {
                int i = bindDayAndFilters(st, date, me, params);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    for (int k = 0; k < 3; k++) {
                        counts[k] = rs.getLong(k + 1);
                    }
                }
            }
        });
        return counts;
    }

    /** Binds the parameters every due-list statement starts with: the day, the zone, the signed-in user, the filters. */
    private static int bindDayAndFilters(PreparedStatement st, LocalDate date, Long me, List<Object> params) throws SQLException {
        int i = 1;
        st.setObject(i++, date);
        st.setString(i++, PanelClock.sqlZone());
        st.setObject(i++, me, java.sql.Types.BIGINT);
        for (Object param : params) {
            st.setObject(i++, param);
        }
        return i;
    }
}
