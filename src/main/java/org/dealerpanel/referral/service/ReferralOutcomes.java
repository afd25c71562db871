package org.dealerpanel.referral.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dealerpanel.account.Account;
import org.dealerpanel.account.PlatformState;
import org.dealerpanel.activity.ActivityStatus;
import org.dealerpanel.activity.service.ActivityService;
import org.dealerpanel.activity.service.ActivityView;
import org.dealerpanel.common.ApiException;
import org.dealerpanel.referral.RecipientKind;
import org.dealerpanel.referral.Referral;
import org.dealerpanel.referral.ReferralState;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What referrals achieved: for every referred account, what happened after the referral day R — removed by the
 * platform or closed by its owner (platform state and its date), went dormant or ceased (activity status, first
 * silent day), kept posting, or unknown — how many days that took, and its posting rate (posts per observed day) in
 * the W days before R against the W days from R (W = tracker.referrals.outcome-window-days, 28). After a removal or
 * closure an unobserved day counts as an observed day with zero posts: a removed account posts nothing.
 */
@ApplicationScoped
public class ReferralOutcomes {
    public static final String DEFINITIONS = "R = the referral day (referredOn). An account ceased after the referral"
            + " when its platform state is REMOVED_BY_PLATFORM or CLOSED_BY_OWNER since a day on or after R (daysToCease ="
            + " that day - R), or, otherwise, when its activity status as of yesterday is DORMANT or CEASED and its first"
            + " silent day (lastActive + 1) is on or after R (daysToCease = first silent day - R). A state or silence that"
            + " began before R is ALREADY_GONE; an ACTIVE account KEPT_POSTING; an UNKNOWN status (collection gap) is"
            + " UNKNOWN. ceased = REMOVED_BY_PLATFORM + CLOSED_BY_OWNER + DORMANT + CEASED. Posting rate: posts per observed"
            + " day in [R - W, R - 1] (before) and [R, R + W - 1] up to yesterday (after); after a removal or closure, days"
            + " without an observation count as observed days with zero posts. Pooled rates (referral, recipient) are"
            + " total posts / total observed account-days. medianDaysToCease is the median over the ceased accounts.";

    public enum Outcome {
        REMOVED_BY_PLATFORM, CLOSED_BY_OWNER, CEASED, DORMANT, KEPT_POSTING, UNKNOWN, ALREADY_GONE;

        public boolean ceased() {
            return this == REMOVED_BY_PLATFORM || this == CLOSED_BY_OWNER || this == CEASED || this == DORMANT;
        }
    }

    /** Posts per observed day of one account in a window ({@code to} is null when the window has not begun). */
    public record Rate(LocalDate from, LocalDate to, int observedDays, long posts, Double postsPerDay) {
    }

    public record AccountOutcome(long accountId, String platform, String handle, Outcome outcome, LocalDate ceasedOn,
                                 Integer daysToCease, PlatformState platformState, LocalDate platformStateSince,
                                 ActivityStatus status, LocalDate lastActive, Rate before, Rate after) {
    }

    /** Posting rate of a set of accounts: total posts / total observed account-days. */
    public record Pooled(int accounts, long observedAccountDays, long posts, Double postsPerAccountDay) {
    }

    public record ReferralOutcome(long referralId, String title, String agency, RecipientKind recipientKind,
                                  LocalDate referredOn, ReferralState state, int accounts, int ceased,
                                  int removedByPlatform, int closedByOwner, int dormantOrCeased, int keptPosting,
                                  int unknown, int alreadyGone, Double medianDaysToCease, List<Integer> daysToCease,
                                  Pooled before, Pooled after, List<AccountOutcome> accountOutcomes) {
    }

    public record RecipientOutcome(String agency, RecipientKind recipientKind, int referrals, int accounts, int ceased,
                                   int removedByPlatform, int closedByOwner, int dormantOrCeased, int keptPosting,
                                   int unknown, int alreadyGone, Double medianDaysToCease, List<Integer> daysToCease,
                                   Pooled before, Pooled after) {
    }

    public record Report(LocalDate from, LocalDate to, String agency, int windowDays, LocalDate asOf,
                         List<ReferralOutcome> referrals, List<RecipientOutcome> recipients, String definitions) {
    }

    @Inject
    EntityManager em;
    @Inject
    ActivityService activity;
    @Inject
    ReferralService referrals;
    @ConfigProperty(name = "tracker.referrals.outcome-window-days", defaultValue = "28")
    int windowDays;

    public int windowDays() {
        return windowDays;
    }

    @Transactional
    public Report report(LocalDate from, LocalDate to, String agency) {
        if (from != null && to != null && from.isAfter(to)) {
            throw ApiException.badField("from", "is after to");
        }
        StringBuilder where = new StringBuilder("state <> :draft");
        Map<String, Object> params = new HashMap<>();
        params.put("draft", ReferralState.DRAFT);
        if (from != null) {
            where.append(" and referredOn >= :from");
            params.put("from", from);
        }
        if (to != null) {
            where.append(" and referredOn <= :to");
            params.put("to", to);
        }
        if (agency != null && !agency.isBlank()) {
            where.append(" and lower(agency) = :agency");
            params.put("agency", agency.strip().toLowerCase(Locale.ROOT));
        }
        List<Referral> list = Referral.<Referral>find(where + " order by referredOn, id", params).list();
        List<ReferralOutcome> out = new ArrayList<>();
        Map<String, List<ReferralOutcome>> byRecipient = new LinkedHashMap<>();
        for (Referral r : list) {
            ReferralOutcome o = outcome(r);
            out.add(o);
            byRecipient.computeIfAbsent(r.agency.toLowerCase(Locale.ROOT) + "\u0000" + r.recipientKind, k -> new ArrayList<>()).add(o);
        }
        List<RecipientOutcome> recipients = new ArrayList<>();
        for (List<ReferralOutcome> group : byRecipient.values()) {
            Tally t = new Tally();
            group.forEach(o -> o.accountOutcomes().forEach(t::add));
            recipients.add(new RecipientOutcome(group.get(0).agency(), group.get(0).recipientKind(), group.size(),
                    t.accounts, t.ceased(), t.count(Outcome.REMOVED_BY_PLATFORM), t.count(Outcome.CLOSED_BY_OWNER),
                    t.count(Outcome.DORMANT) + t.count(Outcome.CEASED), t.count(Outcome.KEPT_POSTING),
                    t.count(Outcome.UNKNOWN), t.count(Outcome.ALREADY_GONE), median(t.days), t.days, t.before(), t.after()));
        }
        recipients.sort((a, b) -> a.agency().compareToIgnoreCase(b.agency()));
        return new Report(from, to, agency == null || agency.isBlank() ? null : agency.strip(), windowDays,
                ActivityService.yesterday(), out, recipients, DEFINITIONS);
    }

    /** The outcome of one submitted referral; null for a draft. */
    @Transactional
    public ReferralOutcome forReferral(long id) {
        Referral r = Referral.findById(id);
        if (r == null) {
            throw ApiException.notFound("referral " + id);
        }
        return r.state == ReferralState.DRAFT || r.referredOn == null ? null : outcome(r);
    }

    private ReferralOutcome outcome(Referral r) {
        LocalDate asOf = ActivityService.yesterday();
        LocalDate day = r.referredOn;
        List<Long> ids = referrals.accountIdsOf(r.id);
        Map<Long, ActivityView> views = activity.forAccounts(ids, asOf);
        Map<Long, Account> accounts = new HashMap<>();
        if (!ids.isEmpty()) {
            Account.<Account>list("id in ?1", ids).forEach(a -> accounts.put(a.id, a));
        }
        LocalDate windowFrom = day.minusDays(windowDays);
        LocalDate windowTo = day.plusDays(windowDays - 1L);
        Map<Long, Map<LocalDate, Integer>> posts = new HashMap<>();
        if (!ids.isEmpty()) {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("select account_id, day, posts from observation"
                            + " where account_id = any(?1) and day between ?2 and ?3")
                    .setParameter(1, ids.toArray(new Long[0])).setParameter(2, windowFrom).setParameter(3, windowTo)
                    .getResultList();
            for (Object[] row : rows) {
                LocalDate d = row[1] instanceof LocalDate x ? x : ((java.sql.Date) row[1]).toLocalDate();
                posts.computeIfAbsent(((Number) row[0]).longValue(), k -> new HashMap<>()).put(d, ((Number) row[2]).intValue());
            }
        }
        Tally t = new Tally();
        List<AccountOutcome> list = new ArrayList<>();
        for (Long id : ids) {
            Account a = accounts.get(id);
            if (a == null) {
                continue;
            }
            ActivityView v = views.get(id);
            AccountOutcome o = account(a, v, day, asOf, posts.getOrDefault(id, Map.of()));
            list.add(o);
            t.add(o);
        }
        return new ReferralOutcome(r.id, r.title, r.agency, r.recipientKind, r.referredOn, r.state, t.accounts, t.ceased(),
                t.count(Outcome.REMOVED_BY_PLATFORM), t.count(Outcome.CLOSED_BY_OWNER),
                t.count(Outcome.DORMANT) + t.count(Outcome.CEASED), t.count(Outcome.KEPT_POSTING), t.count(Outcome.UNKNOWN),
                t.count(Outcome.ALREADY_GONE), median(t.days), t.days, t.before(), t.after(), list);
    }

    AccountOutcome account(Account a, ActivityView v, LocalDate day, LocalDate asOf, Map<LocalDate, Integer> posts) {
        Outcome outcome;
        LocalDate ceasedOn = null;
        LocalDate gone = a.platformState.isGone() ? a.platformStateSince : null;
        ActivityStatus status = v == null ? ActivityStatus.UNKNOWN : v.status();
        LocalDate lastActive = v == null ? null : v.lastActive();
        if (a.platformState.isGone()) {
            if (a.platformStateSince != null && a.platformStateSince.isBefore(day)) {
                outcome = Outcome.ALREADY_GONE;
            } else {
                outcome = a.platformState == PlatformState.REMOVED_BY_PLATFORM ? Outcome.REMOVED_BY_PLATFORM : Outcome.CLOSED_BY_OWNER;
                ceasedOn = a.platformStateSince;
            }
        } else if (status == ActivityStatus.DORMANT || status == ActivityStatus.CEASED) {
            LocalDate firstSilent = lastActive == null ? null : lastActive.plusDays(1);
            if (firstSilent == null || firstSilent.isBefore(day)) {
                outcome = Outcome.ALREADY_GONE;
            } else {
                outcome = status == ActivityStatus.DORMANT ? Outcome.DORMANT : Outcome.CEASED;
                ceasedOn = firstSilent;
            }
        } else if (status == ActivityStatus.ACTIVE) {
            outcome = Outcome.KEPT_POSTING;
        } else {
            outcome = Outcome.UNKNOWN;
        }
        Integer days = ceasedOn == null ? null : (int) ChronoUnit.DAYS.between(day, ceasedOn);
        Rate before = rate(day.minusDays(windowDays), day.minusDays(1), asOf, posts, gone);
        Rate after = rate(day, day.plusDays(windowDays - 1L), asOf, posts, gone);
        return new AccountOutcome(a.id, a.platform, a.handle, outcome, ceasedOn, days, a.platformState,
                a.platformStateSince, status, lastActive, before, after);
    }

    static Rate rate(LocalDate from, LocalDate to, LocalDate asOf, Map<LocalDate, Integer> posts, LocalDate gone) {
        LocalDate end = to.isAfter(asOf) ? asOf : to;
        if (end.isBefore(from)) {
            return new Rate(from, null, 0, 0, null);
        }
        int observed = 0;
        long total = 0;
        for (LocalDate d = from; !d.isAfter(end); d = d.plusDays(1)) {
            Integer n = posts.get(d);
            if (n != null) {
                observed++;
                total += n;
            } else if (gone != null && !d.isBefore(gone)) {
                observed++;
            }
        }
        return new Rate(from, end, observed, total, observed == 0 ? null : (double) total / observed);
    }

    static Double median(List<Integer> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Integer> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2).doubleValue() : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }

    private static final class Tally {
        int accounts;
        final Map<Outcome, Integer> counts = new HashMap<>();
        final List<Integer> days = new ArrayList<>();
        long beforeDays;
        long beforePosts;
        long afterDays;
        long afterPosts;

        void add(AccountOutcome o) {
            accounts++;
            counts.merge(o.outcome(), 1, Integer::sum);
            if (o.outcome().ceased() && o.daysToCease() != null) {
                days.add(o.daysToCease());
            }
            beforeDays += o.before().observedDays();
            beforePosts += o.before().posts();
            afterDays += o.after().observedDays();
            afterPosts += o.after().posts();
        }

        int count(Outcome o) {
            return counts.getOrDefault(o, 0);
        }

        int ceased() {
            return count(Outcome.REMOVED_BY_PLATFORM) + count(Outcome.CLOSED_BY_OWNER) + count(Outcome.DORMANT)
                    + count(Outcome.CEASED);
        }

        Pooled before() {
            return new Pooled(accounts, beforeDays, beforePosts, beforeDays == 0 ? null : (double) beforePosts / beforeDays);
        }

        Pooled after() {
            return new Pooled(accounts, afterDays, afterPosts, afterDays == 0 ? null : (double) afterPosts / afterDays);
        }
    }
}
