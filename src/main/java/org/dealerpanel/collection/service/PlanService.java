package org.dealerpanel.collection.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.dealerpanel.account.Cohort;
import org.dealerpanel.account.service.AccountService;
import org.dealerpanel.audit.service.AuditService;
import org.dealerpanel.collection.CadenceSource;
import org.dealerpanel.collection.CohortCadence;
import org.dealerpanel.collection.CollectionPlan;
import org.dealerpanel.common.ApiException;
import org.dealerpanel.security.AppUser;
import org.dealerpanel.security.Role;

/**
 * Cadences and assignees: an account's own plan (cadence overriding its cohorts', assignee) and the cohorts'
 * cadences. Every change is audited; a write that changes nothing is not one.
 */
@ApplicationScoped
public class PlanService {
    public static final int MIN_CADENCE = 1;
    public static final int MAX_CADENCE = 366;

    @Inject
    EntityManager em;
    @Inject
    AuditService audit;
    @Inject
    AccountService accounts;
    @Inject
    CoverageService coverage;
    @Inject
    jakarta.transaction.TransactionSynchronizationRegistry transactions;

    /**
     * An account's plan: its own settings, the cadence it follows (and from where), its last observed day and the
     * day it is next due (the last observed day + the cadence; null when never observed: due from its start).
     */
    public record AccountPlan(long accountId, Integer cadenceDays, String assignee, int effectiveCadenceDays,
                              CadenceSource cadenceFrom, String cadenceCohort, List<CohortSchedule> cohorts,
                              LocalDate lastObserved, LocalDate nextDue, Instant updatedAt, String updatedBy) {
        /** True when the account is due on {@code day} (its next due day has come, or it was never observed). */
        public boolean dueOn(LocalDate day) {
            return nextDue == null || !nextDue.isAfter(day);
        }
    }

    /** A cohort and its cadence (null: none set, its members follow their own or the daily default). */
    public record CohortSchedule(String cohort, Integer cadenceDays, long members, Instant updatedAt, String updatedBy) {
    }

    /** The account's handle (404 if there is no such account). */
    @Transactional
    public String handle(long accountId) {
        return accounts.find(accountId).handle;
    }

    @Transactional
    public AccountPlan plan(long accountId) {
        accounts.find(accountId);
        return view(accountId);
    }

    /** Sets the account's own cadence and assignee (null clears either). */
    @Transactional
    public AccountPlan setPlan(long accountId, Integer cadenceDays, String assignee) {
        accounts.find(accountId);
        checkCadence(cadenceDays);
        AppUser user = assignee == null ? null : assignable(assignee);
        CollectionPlan plan = CollectionPlan.findById(accountId);
        Integer oldCadence = plan == null ? null : plan.cadenceDays;
        Long oldAssignee = plan == null ? null : plan.assigneeId;
        Long newAssignee = user == null ? null : user.id;
        if (Objects.equals(oldCadence, cadenceDays) && Objects.equals(oldAssignee, newAssignee)) {
            return view(accountId);
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("cadenceDays", change(oldCadence, cadenceDays));
        detail.put("assignee", change(usernameOf(oldAssignee), user == null ? null : user.username));
        if (cadenceDays == null && newAssignee == null) {
            plan.delete();
        } else {
            if (plan == null) {
                plan = new CollectionPlan();
                plan.accountId = accountId;
            }
            plan.cadenceDays = cadenceDays;
            plan.assigneeId = newAssignee;
            plan.updatedAt = Instant.now();
            plan.updatedBy = audit.currentActor();
            plan.persist();
        }
        audit.record("collection.plan.update", "account", accountId, detail);
        em.flush();
        invalidateCoverageAfterCommit();
        return view(accountId);
    }

    @Transactional
    public CohortSchedule cohort(String name) {
        Cohort cohort = findCohort(name);
        return cohortView(cohort);
    }

    /** Sets the cohort's cadence (null removes it). */
    @Transactional
    public CohortSchedule setCohortCadence(String name, Integer cadenceDays) {
        Cohort cohort = findCohort(name);
        checkCadence(cadenceDays);
        CohortCadence current = CohortCadence.findById(cohort.id);
        Integer old = current == null ? null : current.cadenceDays;
        if (Objects.equals(old, cadenceDays)) {
            return cohortView(cohort);
        }
        if (cadenceDays == null) {
            current.delete();
        } else {
            if (current == null) {
                current = new CohortCadence();
                current.cohortId = cohort.id;
            }
            current.cadenceDays = cadenceDays;
            current.updatedAt = Instant.now();
            current.updatedBy = audit.currentActor();
            current.persist();
        }
        audit.record("collection.cohort.update", "cohort", cohort.name, Map.of("cadenceDays", change(old, cadenceDays)));
        em.flush();
        invalidateCoverageAfterCommit();
        return cohortView(cohort);
    }

    /** Every cohort with its cadence, by name. */
    @Transactional
    public List<CohortSchedule> cohorts() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select c.name, cc.cadence_days, (select count(*) from cohort_member m where m.cohort_id = c.id),
                       cc.updated_at, cc.updated_by
                  from cohort c left join cohort_collection cc on cc.cohort_id = c.id order by c.name
                """).getResultList();
        List<CohortSchedule> out = new ArrayList<>();
        for (Object[] r : rows) {
            out.add(new CohortSchedule((String) r[0], r[1] == null ? null : ((Number) r[1]).intValue(),
                    ((Number) r[2]).longValue(), r[3] == null ? null : toInstant(r[3]), (String) r[4]));
        }
        return out;
    }

    /** The users an account may be assigned to (enabled, with the investigator role), by name. */
    @Transactional
    public List<String> assignableUsers() {
        return AppUser.<AppUser>listAll().stream().filter(PlanService::canCollect).map(u -> u.username)
                .sorted(Comparator.naturalOrder()).toList();
    }

    /** The user of this name if it may be assigned accounts; a 400 naming {@code assignee} otherwise. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public AppUser assignable(String username) {
        if (username == null || username.isBlank()) {
            throw ApiException.badField("assignee", "must be a user name, or null for none");
        }
        AppUser user = AppUser.findByUsername(username.strip()).orElseThrow(() ->
                ApiException.badField("assignee", "there is no user '" + username.strip() + "'"));
        if (!user.enabled) {
            throw ApiException.badField("assignee", "user '" + user.username + "' is disabled");
        }
        if (!canCollect(user)) {
            throw ApiException.badField("assignee", "user '" + user.username
                    + "' cannot record observations (needs the investigator role)");
        }
        return user;
    }

    /** The user of this name, for ordering and filtering the due list; a 400 naming {@code field} if none. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public long userId(String field, String username) {
        return AppUser.findByUsername(username.strip()).map(u -> u.id)
                .orElseThrow(() -> ApiException.badField(field, "there is no user '" + username.strip() + "'"));
    }

    /** The pages' cached coverage is dropped once the change is committed (not before: a reader could cache it). */
    private void invalidateCoverageAfterCommit() {
        transactions.registerInterposedSynchronization(new jakarta.transaction.Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                coverage.invalidate();
            }
        });
    }

    private static boolean canCollect(AppUser user) {
        return user.enabled && Role.effective(user.grantedRoles()).contains(Role.investigator);
    }

    private AccountPlan view(long accountId) {
        CollectionPlan plan = CollectionPlan.findById(accountId);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select c.name, cc.cadence_days, cc.updated_at, cc.updated_by,
                       (select count(*) from cohort_member x where x.cohort_id = c.id)
                  from cohort_member m join cohort c on c.id = m.cohort_id
                  left join cohort_collection cc on cc.cohort_id = c.id
                 where m.account_id = ?1 order by c.name
                """).setParameter(1, accountId).getResultList();
        List<CohortSchedule> cohorts = new ArrayList<>();
        CohortSchedule shortest = null;
        for (Object[] r : rows) {
            CohortSchedule c = new CohortSchedule((String) r[0], r[1] == null ? null : ((Number) r[1]).intValue(),
                    ((Number) r[4]).longValue(), r[2] == null ? null : toInstant(r[2]), (String) r[3]);
            cohorts.add(c);
            if (c.cadenceDays() != null && (shortest == null || c.cadenceDays() < shortest.cadenceDays())) {
                shortest = c;
            }
        }
        int effective;
        CadenceSource from;
        String fromCohort = null;
        if (plan != null && plan.cadenceDays != null) {
            effective = plan.cadenceDays;
            from = CadenceSource.ACCOUNT;
        } else if (shortest != null) {
            effective = shortest.cadenceDays();
            from = CadenceSource.COHORT;
            fromCohort = shortest.cohort();
        } else {
            effective = 1;
            from = CadenceSource.DEFAULT;
        }
        @SuppressWarnings("unchecked")
        List<Object> last = em.createNativeQuery("select last_observed_on from collection_state where account_id = ?1")
                .setParameter(1, accountId).getResultList();
        LocalDate lastObserved = last.isEmpty() ? null : toDate(last.get(0));
        return new AccountPlan(accountId, plan == null ? null : plan.cadenceDays,
                plan == null ? null : usernameOf(plan.assigneeId), effective, from, fromCohort, cohorts,
                lastObserved, lastObserved == null ? null : lastObserved.plusDays(effective),
                plan == null ? null : plan.updatedAt, plan == null ? null : plan.updatedBy);
    }

    private CohortSchedule cohortView(Cohort cohort) {
        CohortCadence cadence = CohortCadence.findById(cohort.id);
        long members = ((Number) em.createNativeQuery("select count(*) from cohort_member where cohort_id = ?1")
                .setParameter(1, cohort.id).getSingleResult()).longValue();
        return new CohortSchedule(cohort.name, cadence == null ? null : cadence.cadenceDays, members,
                cadence == null ? null : cadence.updatedAt, cadence == null ? null : cadence.updatedBy);
    }

    private static String usernameOf(Long userId) {
        if (userId == null) {
            return null;
        }
        AppUser user = AppUser.findById(userId);
        return user == null ? null : user.username;
    }

    private static Cohort findCohort(String name) {
        return Cohort.findByName(name).orElseThrow(() -> ApiException.notFound("cohort '" + name + "'"));
    }

    static void checkCadence(Integer cadenceDays) {
        if (cadenceDays != null && (cadenceDays < MIN_CADENCE || cadenceDays > MAX_CADENCE)) {
            throw ApiException.badField("cadenceDays", "must be a whole number of days from " + MIN_CADENCE + " to "
                    + MAX_CADENCE + ", or null for none");
        }
    }

    private static Map<String, Object> change(Object from, Object to) {
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("from", from);
        change.put("to", to);
        return change;
    }

    private static LocalDate toDate(Object value) {
        if (value instanceof LocalDate d) {
            return d;
        }
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        throw new IllegalStateException("not a date: " + value);
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalStateException("not a timestamp: " + value);
    }
}
