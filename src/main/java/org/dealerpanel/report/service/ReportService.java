package org.dealerpanel.report.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.dealerpanel.account.Cohort;
import org.dealerpanel.account.PlatformState;
import org.dealerpanel.archive.service.RescanService;
import org.dealerpanel.activity.ActivityRules;
import org.dealerpanel.activity.stats.PairedCounts;
import org.dealerpanel.activity.stats.RateComparison;
import org.dealerpanel.common.ApiException;
import org.dealerpanel.common.PanelClock;
import org.dealerpanel.lexicon.TermCategory;
import org.dealerpanel.report.service.CohortComparison.AccountRow;
import org.dealerpanel.report.service.CohortComparison.Outcome;
import org.dealerpanel.report.service.CohortComparison.PairedChange;
import org.dealerpanel.report.service.CohortComparison.Rates;
import org.dealerpanel.report.service.MatchReports.CategoryShares;
import org.dealerpanel.report.service.MatchReports.Comparison;
import org.dealerpanel.report.service.MatchReports.Concentration;
import org.dealerpanel.report.service.MatchReports.Holder;
import org.dealerpanel.report.service.MatchReports.Month;
import org.dealerpanel.report.service.MatchReports.MonthlyTrend;
import org.dealerpanel.report.service.MatchReports.Period;
import org.dealerpanel.report.service.MatchReports.Share;
import org.dealerpanel.report.service.MatchReports.TrendSummary;
import org.hibernate.Session;

/** The reports: all aggregation is done in SQL, one statement per figure set, never per account. */
@ApplicationScoped
public class ReportService {
    public static final String COHORT_DEFINITIONS = "monitored = members of the cohort. CEASED = platform state "
            + "CLOSED_BY_OWNER or REMOVED_BY_PLATFORM since a day on or before followupTo, or no active day (posts > 0 "
            + "or images > 0) in the follow-up window although at least minCoverage (default 1/2) of its days were "
            + "observed. ACTIVE = at least one active day in the follow-up window. UNKNOWN = no active day and fewer "
            + "than minCoverage of the follow-up days observed (a collection gap is not silence). postsPerDay = the "
            + "counted accounts' total posts per observed day (a day on which at least one of them was observed), "
            + "averaged over the window; postsPerAccountDay = postsPerDay / accounts. Paired change: quasi-Poisson "
            + "GLM with account fixed effects over the ACTIVE accounts (stats.RateComparison).";
    public static final String DOMINANT_RULE = "a post counts once, under the category with the most term matches "
            + "(in its text, or in the OCR text of images linked to it); ties go to the highest match confidence, then "
            + "to the first category in the order IVORY, RHINO_HORN, HAWKSBILL, HELMETED_HORNBILL, TIGER_BONE, "
            + "SAIGA_HORN, PANGOLIN_SCALE, LEOPARD_BONE, WHALE, OTHER";
    /** The longest window a report accepts, in days (to − from). */
    public static final long MAX_WINDOW_DAYS = 366L * 30;

    @Inject
    EntityManager em;
    @Inject
    ActivityRules rules;
    @Inject
    RescanService rescan;

    // ---------------------------------------------------------------- cohort comparison

    @Transactional
    public CohortComparison cohortComparison(String cohort, LocalDate baselineFrom, LocalDate baselineTo,
                                             LocalDate followupFrom, LocalDate followupTo) {
        checkWindow("baselineTo", baselineFrom, baselineTo);
        checkWindow("followupTo", followupFrom, followupTo);
        Cohort c = cohort(cohort);
        long followupDays = ChronoUnit.DAYS.between(followupFrom, followupTo) + 1;
        return work(conn -> {
            List<AccountRow> rows = new ArrayList<>();
            try (PreparedStatement st = conn.prepareStatement("""
                    select a.id, a.platform, a.handle, a.platform_state, a.platform_state_since,
                           count(o.day) filter (where o.day between ? and ?) as b_days,
                           coalesce(sum(o.posts) filter (where o.day between ? and ?), 0) as b_posts,
                           coalesce(sum(o.images) filter (where o.day between ? and ?), 0) as b_images,
                           count(o.day) filter (where o.day between ? and ?) as f_days,
                           coalesce(sum(o.posts) filter (where o.day between ? and ?), 0) as f_posts,
                           coalesce(sum(o.images) filter (where o.day between ? and ?), 0) as f_images,
                           count(o.day) filter (where o.day between ? and ? and (o.posts > 0 or o.images > 0)) as f_active
                      from cohort_member m join account a on a.id = m.account_id
                      left join observation o on o.account_id = a.id
                           and (o.day between ? and ? or o.day between ? and ?)
                     where m.cohort_id = ?
                     group by a.id order by a.id""")) {
                int i = 1;
                for (int k = 0; k < 3; k++) {
                    st.setObject(i++, baselineFrom);
                    st.setObject(i++, baselineTo);
                }
                for (int k = 0; k < 4; k++) {
                    st.setObject(i++, followupFrom);
                    st.setObject(i++, followupTo);
                }
                st.setObject(i++, baselineFrom);
                st.setObject(i++, baselineTo);
                st.setObject(i++, followupFrom);
                st.setObject(i++, followupTo);
                st.setLong(i, c.id);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        PlatformState state = PlatformState.valueOf(rs.getString("platform_state"));
                        LocalDate since = rs.getObject("platform_state_since", LocalDate.class);
                        int bDays = rs.getInt("b_days"), fDays = rs.getInt("f_days");
                        long bPosts = rs.getLong("b_posts"), bImages = rs.getLong("b_images");
                        long fPosts = rs.getLong("f_posts"), fImages = rs.getLong("f_images");
                        Outcome outcome;
                        String reason;
                        if (state.isGone() && (since == null || !since.isAfter(followupTo))) {
                            outcome = Outcome.CEASED;
                            reason = state + (since == null ? "" : " since " + since);
                        } else if (rs.getInt("f_active") > 0) {
                            outcome = Outcome.ACTIVE;
                            reason = rs.getInt("f_active") + " active day(s) in the follow-up window";
                        } else if (fDays >= rules.minCoverage() * followupDays) {
                            outcome = Outcome.CEASED;
                            reason = "no post or image on any of " + fDays + " observed follow-up day(s)";
                        } else {
                            outcome = Outcome.UNKNOWN;
                            reason = "no post or image, but only " + fDays + " of " + followupDays
                                    + " follow-up day(s) observed";
                        }
                        rows.add(new AccountRow(rs.getLong("id"), rs.getString("platform"), rs.getString("handle"),
                                outcome, reason, bDays, bPosts, bImages, perDay(bPosts, bDays), perDay(bImages, bDays),
                                fDays, fPosts, fImages, perDay(fPosts, fDays), perDay(fImages, fDays)));
                    }
                }
            }
            List<Long> all = rows.stream().map(AccountRow::accountId).toList();
            List<AccountRow> activeRows = rows.stream().filter(r -> r.outcome() == Outcome.ACTIVE).toList();
            List<Long> active = activeRows.stream().map(AccountRow::accountId).toList();
            Rates baseline = rates(conn, all, baselineFrom, baselineTo);
            Rates baselineOfActive = rates(conn, active, baselineFrom, baselineTo);
            Rates followup = rates(conn, active, followupFrom, followupTo);
            CohortComparison.Change change = new CohortComparison.Change(
                    paired(activeRows.stream().map(r -> new PairedCounts(String.valueOf(r.accountId()), r.baselinePosts(),
                            r.baselineObservedDays(), r.followupPosts(), r.followupObservedDays())).toList()),
                    paired(activeRows.stream().map(r -> new PairedCounts(String.valueOf(r.accountId()), r.baselineImages(),
                            r.baselineObservedDays(), r.followupImages(), r.followupObservedDays())).toList()));
            int ceased = (int) rows.stream().filter(r -> r.outcome() == Outcome.CEASED).count();
            int unknown = (int) rows.stream().filter(r -> r.outcome() == Outcome.UNKNOWN).count();
            return new CohortComparison(c.name,
                    new CohortComparison.Window(baselineFrom, baselineTo, ChronoUnit.DAYS.between(baselineFrom, baselineTo) + 1),
                    new CohortComparison.Window(followupFrom, followupTo, followupDays),
                    rows.size(), ceased, active.size(), unknown, baseline, baselineOfActive, followup, change, rows,
                    COHORT_DEFINITIONS);
        });
    }

    /** Baseline and follow-up windows proposed for a cohort comparison. */
    public record Windows(LocalDate baselineFrom, LocalDate baselineTo, LocalDate followupFrom, LocalDate followupTo) {
    }

    /**
     * The windows to propose for a cohort: the first full calendar year of its members' observations as the
     * baseline, the next year as the follow-up (cut at the last observed day). When the observations do not reach
     * into a second calendar year, the observed span is cut in two halves instead. Empty without observations.
     */
    @Transactional
    public java.util.Optional<Windows> suggestedWindows(String cohort) {
        Cohort c = cohort(cohort);
        LocalDate[] span = work(conn -> {
            try (PreparedStatement st = conn.prepareStatement("""
                    select min(f.first_day), max(f.last_day) from cohort_member m
                     cross join lateral (select min(o.day) as first_day, max(o.day) as last_day
                                           from observation o where o.account_id = m.account_id) f
                     where m.cohort_id = ?""")) {
                st.setLong(1, c.id);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return new LocalDate[] {rs.getObject(1, LocalDate.class), rs.getObject(2, LocalDate.class)};
                }
            }
        });
        return java.util.Optional.ofNullable(span[0] == null ? null : windows(span[0], span[1]));
    }

    static Windows windows(LocalDate first, LocalDate last) {
        int year = first.getDayOfYear() == 1 ? first.getYear() : first.getYear() + 1;
        LocalDate followupFrom = LocalDate.of(year + 1, 1, 1);
        if (!followupFrom.isAfter(last)) {
            LocalDate followupTo = LocalDate.of(year + 1, 12, 31);
            return new Windows(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31), followupFrom,
                    followupTo.isAfter(last) ? last : followupTo);
        }
        long days = ChronoUnit.DAYS.between(first, last) + 1;
        if (days < 2) {
            return new Windows(first, first, last, last);
        }
        LocalDate middle = first.plusDays(days / 2);
        return new Windows(first, middle.minusDays(1), middle, last);
    }

    private static Rates rates(Connection conn, List<Long> ids, LocalDate from, LocalDate to) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("""
                select count(distinct day), coalesce(sum(posts), 0), coalesce(sum(images), 0)
                  from observation where account_id = any(?) and day between ? and ?""")) {
            st.setArray(1, conn.createArrayOf("bigint", ids.toArray()));
            st.setObject(2, from);
            st.setObject(3, to);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                long days = rs.getLong(1), posts = rs.getLong(2), images = rs.getLong(3);
                Double ppd = perDay(posts, days), ipd = perDay(images, days);
                return new Rates(ids.size(), days, posts, images, ppd, ipd,
                        ppd == null || ids.isEmpty() ? null : ppd / ids.size(),
                        ipd == null || ids.isEmpty() ? null : ipd / ids.size());
            }
        }
    }

    private static PairedChange paired(List<PairedCounts> counts) {
        RateComparison r = RateComparison.compare(counts);
        return new PairedChange(r.accountsUsed(), r.accountsExcluded(), finite(r.ratio()), finite(r.ciLow()),
                finite(r.ciHigh()), finite(r.pValue()), finite(r.pooledRatio()), finite(r.dispersion()), RateComparison.METHOD);
    }

    // ---------------------------------------------------------------- term matches: shares, trend, concentration

    /** Matched posts of the period with their dominant category (see {@link #DOMINANT_RULE}). */
    private static final String DOMINANT = """
            with ps as (
              select p.id, p.account_id, p.posted_at from post p
               where p.posted_at >= cast(? as timestamptz)
                 and p.posted_at < cast(? as timestamptz)
                 and (cast(? as bigint) is null
                      or p.account_id in (select m.account_id from cohort_member m where m.cohort_id = cast(? as bigint)))),
            mt as (
              select tm.post_id, tm.category, tm.confidence from term_match tm join ps on ps.id = tm.post_id
              union all
              select il.post_id, tm.category, tm.confidence
                from term_match tm join image_link il on il.sha256 = tm.image_sha256 join ps on ps.id = il.post_id),
            pc as (select post_id, category, count(*) as n, max(confidence) as conf from mt group by post_id, category),
            dom as (
              select distinct on (pc.post_id) pc.post_id, pc.category from pc
               order by pc.post_id, pc.n desc, pc.conf desc,
                        array_position(array['IVORY','RHINO_HORN','HAWKSBILL','HELMETED_HORNBILL','TIGER_BONE',
                                              'SAIGA_HORN','PANGOLIN_SCALE','LEOPARD_BONE','WHALE','OTHER'], pc.category), pc.category)
            """;

    @Transactional
    public CategoryShares categoryShares(LocalDate from, LocalDate to, String cohort, LocalDate event) {
        checkWindow("to", from, to);
        Long cohortId = cohort == null ? null : cohort(cohort).id;
        Comparison<CategoryShares> cmp = null;
        if (event != null) {
            checkEvent(from, to, event);
            cmp = new Comparison<>(event, categoryShares(from, event.minusDays(1), cohortId, cohort, null),
                    categoryShares(event, to, cohortId, cohort, null));
        }
        return categoryShares(from, to, cohortId, cohort, cmp);
    }

    private CategoryShares categoryShares(LocalDate from, LocalDate to, Long cohortId, String cohort,
                                          Comparison<CategoryShares> event) {
        Map<TermCategory, Long> counts = new LinkedHashMap<>();
        work(conn -> {
            try (PreparedStatement st = conn.prepareStatement(DOMINANT
                    + "select category, count(*) from dom group by category")) {
                bindPeriod(st, from, to, cohortId);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        counts.put(TermCategory.valueOf(rs.getString(1)), rs.getLong(2));
                    }
                }
            }
            return null;
        });
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        List<Share> shares = counts.entrySet().stream()
                .sorted(Map.Entry.<TermCategory, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(e -> new Share(e.getKey(), e.getValue(), (double) e.getValue() / total)).toList();
        RescanService.RescanStatus lexicon = rescan.status();
        return new CategoryShares(new Period(from, to), total, shares, cohort, DOMINANT_RULE, event, lexicon.lexiconVersion(),
                lexicon.running());
    }

    @Transactional
    public MonthlyTrend monthlyTrend(LocalDate from, LocalDate to, String cohort, LocalDate event) {
        checkWindow("to", from, to);
        Long cohortId = cohort == null ? null : cohort(cohort).id;
        List<Month> months = new ArrayList<>();
        work(conn -> {
            try (PreparedStatement st = conn.prepareStatement(DOMINANT + """
                    , pm as (select to_char(ps.posted_at at time zone cast(? as text), 'YYYY-MM') as month,
                                    (dom.post_id is not null) as matched
                               from ps left join dom on dom.post_id = ps.id)
                    select to_char(g, 'YYYY-MM') as month, count(pm.month) as posts, count(pm.month) filter (where pm.matched)
                      from generate_series(date_trunc('month', cast(? as date)), date_trunc('month', cast(? as date)), interval '1 month') g
                      left join pm on pm.month = to_char(g, 'YYYY-MM')
                     group by g order by g""")) {
                int i = bindPeriod(st, from, to, cohortId);
                st.setString(i++, PanelClock.sqlZone());
                st.setObject(i++, from);
                st.setObject(i, to);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        long posts = rs.getLong(2), matched = rs.getLong(3);
                        months.add(new Month(rs.getString(1), posts, matched, posts == 0 ? null : (double) matched / posts));
                    }
                }
            }
            return null;
        });
        Comparison<TrendSummary> cmp = null;
        if (event != null) {
            checkEvent(from, to, event);
            String eventMonth = YearMonth.from(event).toString();
            cmp = new Comparison<>(event,
                    summary(new Period(from, event.minusDays(1)), months.stream().filter(m -> m.month().compareTo(eventMonth) < 0).toList()),
                    summary(new Period(event, to), months.stream().filter(m -> m.month().compareTo(eventMonth) >= 0).toList()));
        }
        RescanService.RescanStatus lexicon = rescan.status();
        return new MonthlyTrend(new Period(from, to), months, cohort, cmp, lexicon.lexiconVersion(), lexicon.running());
    }

    private static TrendSummary summary(Period period, List<Month> months) {
        long posts = months.stream().mapToLong(Month::newPosts).sum();
        long matched = months.stream().mapToLong(Month::matchedPosts).sum();
        int n = months.size();
        return new TrendSummary(period, n, posts, matched, n == 0 ? 0 : (double) posts / n, n == 0 ? 0 : (double) matched / n);
    }

    @Transactional
    public Concentration concentration(LocalDate from, LocalDate to, String cohort, LocalDate event, int top) {
        checkWindow("to", from, to);
        Long cohortId = cohort == null ? null : cohort(cohort).id;
        Comparison<Concentration> cmp = null;
        if (event != null) {
            checkEvent(from, to, event);
            cmp = new Comparison<>(event, concentration(from, event.minusDays(1), cohortId, cohort, top, null),
                    concentration(event, to, cohortId, cohort, top, null));
        }
        return concentration(from, to, cohortId, cohort, top, cmp);
    }

    private Concentration concentration(LocalDate from, LocalDate to, Long cohortId, String cohort, int top,
                                        Comparison<Concentration> event) {
        List<Holder> accounts = new ArrayList<>();
        List<Holder> platforms = new ArrayList<>();
        long[] total = {0};
        work(conn -> {
            try (PreparedStatement st = conn.prepareStatement(DOMINANT + """
                    , pa as (select ps.account_id, count(*) as n from dom join ps on ps.id = dom.post_id group by ps.account_id)
                    select a.id, a.platform, a.handle, pa.n, sum(pa.n) over () as total,
                           sum(pa.n) over (partition by a.platform) as platform_n
                      from pa join account a on a.id = pa.account_id
                     order by pa.n desc, a.id""")) {
                bindPeriod(st, from, to, cohortId);
                Map<String, Long> byPlatform = new LinkedHashMap<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        total[0] = rs.getLong("total");
                        byPlatform.put(rs.getString("platform"), rs.getLong("platform_n"));
                        if (accounts.size() < top) {
                            accounts.add(new Holder(rs.getLong("id"), rs.getString("platform"), rs.getString("handle"),
                                    rs.getLong("n"), (double) rs.getLong("n") / rs.getLong("total")));
                        }
                    }
                }
                byPlatform.entrySet().stream()
                        .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                        .limit(top)
                        .forEach(e -> platforms.add(new Holder(null, e.getKey(), null, e.getValue(), (double) e.getValue() / total[0])));
            }
            return null;
        });
        RescanService.RescanStatus lexicon = rescan.status();
        return new Concentration(new Period(from, to), total[0], accounts, platforms, cohort, event, lexicon.lexiconVersion(),
                lexicon.running());
    }

    // ---------------------------------------------------------------- helpers

    /** Binds the period as the instants that begin and end its local days (the panel's time zone). */
    private static int bindPeriod(PreparedStatement st, LocalDate from, LocalDate to, Long cohortId) throws SQLException {
        st.setObject(1, java.time.OffsetDateTime.ofInstant(PanelClock.startOf(from), java.time.ZoneOffset.UTC));
        st.setObject(2, java.time.OffsetDateTime.ofInstant(PanelClock.startOf(to.plusDays(1)), java.time.ZoneOffset.UTC));
        st.setObject(3, cohortId, java.sql.Types.BIGINT);
        st.setObject(4, cohortId, java.sql.Types.BIGINT);
        return 5;
    }

    private static Cohort cohort(String name) {
        return Cohort.findByName(name).orElseThrow(() -> ApiException.notFound("cohort " + name));
    }

    private static void checkWindow(String toParam, LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw ApiException.badField(toParam, "must not be before the start of its window (" + from + ")");
        }
        if (ChronoUnit.DAYS.between(from, to) > MAX_WINDOW_DAYS) {
            throw ApiException.badField(toParam, "a window may span at most " + MAX_WINDOW_DAYS + " days");
        }
    }

    private static void checkEvent(LocalDate from, LocalDate to, LocalDate event) {
        if (!event.isAfter(from) || event.isAfter(to)) {
            throw ApiException.badField("event", "must be after 'from' and on or before 'to'");
        }
    }

    private static Double perDay(long total, long days) {
        return days == 0 ? null : (double) total / days;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T work(Work<T> work) {
        return em.unwrap(Session.class).doReturningWork(work::run);
    }

    static String categories() {
        return Arrays.stream(TermCategory.values()).map(Enum::name).collect(Collectors.joining(","));
    }
}
