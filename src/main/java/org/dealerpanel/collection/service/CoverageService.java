package org.dealerpanel.collection.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dealerpanel.account.Cohort;
import org.dealerpanel.account.service.CohortService;
import org.dealerpanel.activity.ActivityRules;
import org.dealerpanel.collection.Forecast;
import org.dealerpanel.common.ApiException;
import org.dealerpanel.common.PanelClock;
import org.hibernate.Session;

/**
 * Coverage of the schedule and the accounts heading for UNKNOWN.
 *
 * <p>Coverage over a window of local days: an account-day is <em>due</em> when the account is scheduled that day (see
 * {@link DueService}); it is <em>covered</em> when an observation exists within the account's cadence ending that
 * day, i.e. in (day − N, day]. For a daily account that is simply "observed that day"; for a weekly one, "visited
 * in the 7 days up to it", so a weekly account visited once a week is fully covered and one visited every two weeks
 * half. Coverage = covered / due account-days, summed per cohort (its current members), per assignee (the current
 * assignee) and over the panel. The cadence and assignee are today's settings (their history is not kept).
 */
@ApplicationScoped
public class CoverageService {
    public static final List<Integer> WINDOWS = List.of(30, 90);

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

    public enum Kind { TOTAL, COHORT, ASSIGNEE }

    /** One window's figures: due account-days, covered ones, and their share (null when nothing was due). */
    public record Share(long dueDays, long coveredDays, Double coverage) {
        static Share of(long due, long covered) {
            return new Share(due, covered, due == 0 ? null : (double) covered / due);
        }
    }

    /**
     * A group's coverage. {@code name}: the cohort, the assignee's user name (null: unassigned) or null for the
     * panel; {@code cadenceDays}: a cohort's own cadence (null: none).
     */
    public record CoverageRow(Kind kind, String name, Integer cadenceDays, long accounts, Share last30, Share last90) {
    }

    /** {@code computedAt}: when the figures were computed (the pages may show a cached coverage). */
    public record Coverage(LocalDate asOf, LocalDate from30, LocalDate from90, CoverageRow total,
                           List<CoverageRow> cohorts, List<CoverageRow> assignees, java.time.Instant computedAt) {
    }

    /** Computed coverages by as-of day, for the pages (a few days at most, each kept for the configured time). */
    private final Map<LocalDate, Coverage> cache = new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<LocalDate, Coverage> eldest) {
            return size() > 8;
        }
    };

    /**
     * The coverage as the pages show it: computed at most {@code tracker.collection.coverage-cache} ago for this
     * as-of day (at 100 000 accounts a computation reads ~9 M index entries of the 90-day window).
     */
    public Coverage cachedCoverage(LocalDate asOf) {
        java.time.Duration ttl = config.coverageCache();
        if (!ttl.isZero() && !ttl.isNegative()) {
            synchronized (cache) {
                Coverage hit = cache.get(asOf);
                if (hit != null && hit.computedAt().plus(ttl).isAfter(java.time.Instant.now())) {
                    return hit;
                }
            }
        }
        Coverage fresh = coverage(asOf);
        synchronized (cache) {
            cache.put(asOf, fresh);
        }
        return fresh;
    }

    /** Drops the cached coverages (a cadence changed). */
    public void invalidate() {
        synchronized (cache) {
            cache.clear();
        }
    }

    /** An account whose status turns UNKNOWN within the warning horizon unless it is revisited. */
    public record AtRisk(long accountId, String platform, String handle, String displayName, List<String> cohorts,
                         String assignee, int cadenceDays, LocalDate lastObserved, LocalDate lastActive,
                         int observedSinceActive, LocalDate unknownOn, int daysLeft) {
    }

    public record AtRiskList(LocalDate date, int within, List<AtRisk> items) {
    }

    /** The warning horizon in days (tracker.collection.warn-days). */
    public int warnDays() {
        return config.warnDays();
    }

    @Transactional
    public Coverage coverage(LocalDate asOfOrNull) {
        LocalDate asOf = asOfOrNull != null ? asOfOrNull : PanelClock.yesterday();
        String sql = """
                with p as (select cast(? as date) as t, cast(? as text) as zone),
                %s,
                w as (
                  select a.id, pl.assignee_id, %s as n,
                         greatest(%s, p.t - 89) as lo90, greatest(%s, p.t - 29) as lo30,
                         case when a.platform_state in ('CLOSED_BY_OWNER', 'REMOVED_BY_PLATFORM')
                              then least(p.t, a.platform_state_since - 1) else p.t end as hi
                    from account a cross join p
                    left join collection_plan pl on pl.account_id = a.id
                    left join cc on cc.account_id = a.id
                    left join collection_state st on st.account_id = a.id
                   where not (a.platform_state in ('CLOSED_BY_OWNER', 'REMOVED_BY_PLATFORM')
                              and a.platform_state_since is null)),
                cov as (
                  select w.id, w.assignee_id,
                         greatest(0, w.hi - w.lo90 + 1) as due90, greatest(0, w.hi - w.lo30 + 1) as due30,
                         coalesce(o.c90, 0) as c90, coalesce(o.c30, 0) as c30
                    from w
                    left join lateral (
                      select sum(greatest(0, least(x.day + w.n - 1, coalesce(x.next_day - 1, x.day + w.n - 1), w.hi)
                                             - greatest(x.day, w.lo90) + 1)) as c90,
                             sum(greatest(0, least(x.day + w.n - 1, coalesce(x.next_day - 1, x.day + w.n - 1), w.hi)
                                             - greatest(x.day, w.lo30) + 1)) as c30
                        from (select o.day, lead(o.day) over (order by o.day) as next_day
                                from observation o
                               where o.account_id = w.id and o.day >= w.lo90 - w.n + 1 and o.day <= w.hi) x) o on true
                   where w.hi >= w.lo90)
                select 'TOTAL', null, count(*), sum(due30), sum(c30), sum(due90), sum(c90) from cov
                union all
                select 'COHORT', c.name, count(*), sum(due30), sum(c30), sum(due90), sum(c90)
                  from cov join cohort_member m on m.account_id = cov.id join cohort c on c.id = m.cohort_id
                 group by c.name
                union all
                select 'ASSIGNEE', u.username, count(*), sum(due30), sum(c30), sum(due90), sum(c90)
                  from cov left join app_user u on u.id = cov.assignee_id
                 group by u.username
                """.formatted(ScheduleSql.COHORT_CADENCE, ScheduleSql.CADENCE, ScheduleSql.START_DAY,
                ScheduleSql.START_DAY);
        List<CoverageRow> rows = new ArrayList<>();
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement st = c.prepareStatement(sql)) {
                st.setObject(1, asOf);
                st.setString(2, PanelClock.sqlZone());
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new CoverageRow(Kind.valueOf(rs.getString(1)), rs.getString(2), null, rs.getLong(3),
                                Share.of(rs.getLong(4), rs.getLong(5)), Share.of(rs.getLong(6), rs.getLong(7))));
                    }
                }
            }
        });
        Map<String, Integer> cadences = new HashMap<>();
        for (PlanService.CohortSchedule s : plans.cohorts()) {
            if (s.cadenceDays() != null) {
                cadences.put(s.cohort(), s.cadenceDays());
            }
        }
        CoverageRow total = new CoverageRow(Kind.TOTAL, null, null, 0, Share.of(0, 0), Share.of(0, 0));
        List<CoverageRow> byCohort = new ArrayList<>();
        List<CoverageRow> byAssignee = new ArrayList<>();
        for (CoverageRow r : rows) {
            switch (r.kind()) {
                case TOTAL -> total = r;
                case COHORT -> byCohort.add(new CoverageRow(r.kind(), r.name(), cadences.get(r.name()), r.accounts(),
                        r.last30(), r.last90()));
                case ASSIGNEE -> byAssignee.add(r);
            }
        }
        byCohort.sort(Comparator.comparing(CoverageRow::name));
        // assignees by name, the unassigned accounts last
        byAssignee.sort(Comparator.comparing(CoverageRow::name, Comparator.nullsLast(Comparator.naturalOrder())));
        return new Coverage(asOf, asOf.minusDays(29), asOf.minusDays(89), total, byCohort, byAssignee,
                java.time.Instant.now());
    }

    /**
     * The accounts whose status turns UNKNOWN (by the coverage rule: silent at least dormantAfterDays with fewer than
     * minCoverage of the silent days observed) within {@code within} days after {@code date} if nothing more is
     * observed, soonest first. Closed or removed accounts, and accounts never active (UNKNOWN already), are left out.
     * Read from the maintained collection_state; for a day before an account's last observation, index probes.
     */
    @Transactional
    public AtRiskList headingForUnknown(LocalDate dateOrNull, Integer withinOrNull, String cohort, String assignedTo) {
        LocalDate date = dateOrNull != null ? dateOrNull : PanelClock.today();
        int within = withinOrNull != null ? withinOrNull : config.warnDays();
        if (cohort != null && Cohort.findByName(cohort).isEmpty()) {
            throw ApiException.badField("cohort", "there is no cohort '" + cohort + "'");
        }
        Long assignee = assignedTo == null ? null : plans.userId("assignedTo", assignedTo);
        StringBuilder where = new StringBuilder();
        List<Object> params = new ArrayList<>();
        if (cohort != null) {
            where.append(" and exists (select 1 from cohort_member m join cohort c on c.id = m.cohort_id"
                    + " where m.account_id = a.id and c.name = ?)");
            params.add(cohort);
        }
        if (assignee != null) {
            where.append(" and pl.assignee_id = ?");
            params.add(assignee);
        }
        // a first cut in SQL (silent long enough, few enough observed days), refined below with the exact rule
        String sql = """
                with p as (select cast(? as date) as d, cast(? as integer) as d0, cast(? as integer) as w,
                                  cast(? as double precision) as mc),
                %s,
                s as (
                  select a.id, a.platform, a.handle, a.display_name, u.username, %s as cadence,
                         %s as last_seen, %s as la,
                         st.last_observed_on <= p.d as state_valid, st.observed_after_active
                    from account a cross join p
                    join collection_state st on st.account_id = a.id
                    left join collection_plan pl on pl.account_id = a.id
                    left join app_user u on u.id = pl.assignee_id
                    left join cc on cc.account_id = a.id
                   where not %s %s)
                select s.id, s.platform, s.handle, s.display_name, s.username, s.cadence, s.last_seen, s.la, y.obs
                  from s cross join p
                 cross join lateral (select case when s.state_valid then s.observed_after_active
                        else (select count(*) from observation o where o.account_id = s.id and o.day <= p.d
                                 and o.day > s.la) end as obs) y
                 where s.la is not null and p.d - s.la >= p.d0 - p.w - 1
                   and y.obs < p.mc * (p.d - s.la + p.w + 1)
                """.formatted(ScheduleSql.COHORT_CADENCE, ScheduleSql.CADENCE, ScheduleSql.lastSeen("p.d"),
                ScheduleSql.lastActive("p.d"), ScheduleSql.goneOn("p.d"), where);
        List<AtRisk> found = new ArrayList<>();
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement st = c.prepareStatement(sql)) {
                int i = 1;
                st.setObject(i++, date);
                st.setInt(i++, rules.dormantAfterDays());
                st.setInt(i++, within);
                st.setDouble(i++, rules.minCoverage());
                for (Object param : params) {
                    st.setObject(i++, param);
                }
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        LocalDate lastActive = rs.getObject(8, LocalDate.class);
                        int observed = rs.getInt(9);
                        LocalDate unknownOn = Forecast.unknownOn(rules, lastActive, observed);
                        if (unknownOn == null) {
                            continue;
                        }
                        long left = ChronoUnit.DAYS.between(date, unknownOn);
                        if (left > 0 && left <= within) {
                            found.add(new AtRisk(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                    List.of(), rs.getString(5), rs.getInt(6), rs.getObject(7, LocalDate.class),
                                    lastActive, observed, unknownOn, (int) left));
                        }
                    }
                }
            }
        });
        Map<Long, List<String>> names = cohorts.namesByAccount(found.stream().map(AtRisk::accountId).toList());
        List<AtRisk> items = found.stream()
                .map(r -> new AtRisk(r.accountId(), r.platform(), r.handle(), r.displayName(),
                        names.getOrDefault(r.accountId(), List.of()), r.assignee(), r.cadenceDays(), r.lastObserved(),
                        r.lastActive(), r.observedSinceActive(), r.unknownOn(), r.daysLeft()))
                .sorted(Comparator.comparingInt(AtRisk::daysLeft).thenComparing(AtRisk::platform)
                        .thenComparing(AtRisk::handle))
                .toList();
        return new AtRiskList(date, within, items);
    }
}
