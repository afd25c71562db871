package org.dealerpanel.account.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.dealerpanel.account.Account;
import org.dealerpanel.account.Cohort;
import org.dealerpanel.account.CohortMember;
import org.dealerpanel.audit.service.AuditService;
import org.dealerpanel.common.ApiException;
import org.dealerpanel.common.PanelClock;

@ApplicationScoped
public class CohortService {
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,79}");

    @Inject
    AuditService audit;
    @Inject
    EntityManager em;

    public record CohortSummary(String name, String description, long members, Instant createdAt) {
    }

    public record Member(Long accountId, String platform, String handle, LocalDate joinedOn) {
    }

    public record CohortDetail(String name, String description, Instant createdAt, List<Member> members) {
    }

    @Transactional
    public List<CohortSummary> list() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createQuery("""
                select c, (select count(m) from CohortMember m where m.cohortId = c.id) from Cohort c order by c.name
                """).getResultList();
        return rows.stream().map(r -> {
            Cohort c = (Cohort) r[0];
            return new CohortSummary(c.name, c.description, (Long) r[1], c.createdAt);
        }).toList();
    }

    @Transactional
    public CohortDetail create(String name, String description) {
        checkName("name", name);
        if (Cohort.findByName(name).isPresent()) {
            throw ApiException.conflict("cohort '" + name + "' exists already");
        }
        Cohort cohort = new Cohort();
        cohort.name = name;
        cohort.description = description;
        cohort.persistAndFlush();
        audit.record("cohort.create", "cohort", name, description == null ? Map.of() : Map.of("description", description));
        em.refresh(cohort);
        return new CohortDetail(cohort.name, cohort.description, cohort.createdAt, List.of());
    }

    @Transactional
    public CohortDetail get(String name) {
        Cohort cohort = find(name);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createQuery("""
                select a.id, a.platform, a.handle, m.joinedOn from CohortMember m, Account a
                 where m.accountId = a.id and m.cohortId = :cohort order by a.platform, a.handle
                """).setParameter("cohort", cohort.id).getResultList();
        List<Member> members = rows.stream()
                .map(r -> new Member((Long) r[0], (String) r[1], (String) r[2], (LocalDate) r[3])).toList();
        return new CohortDetail(cohort.name, cohort.description, cohort.createdAt, members);
    }

    /** Adds the account; true if it was not a member before. */
    @Transactional
    public boolean addMember(String name, long accountId, LocalDate joinedOn) {
        Cohort cohort = find(name);
        if (Account.findById(accountId) == null) {
            throw ApiException.notFound("account " + accountId);
        }
        CohortMember existing = findMember(cohort.id, accountId);
        if (existing != null) {
            if (joinedOn != null && !joinedOn.equals(existing.joinedOn)) {
                audit.record("cohort.member.update", "cohort", name,
                        Map.of("accountId", accountId, "joinedOn", Map.of("from", existing.joinedOn.toString(), "to", joinedOn.toString())));
                existing.joinedOn = joinedOn;
            }
            return false;
        }
        join(cohort, accountId, joinedOn);
        return true;
    }

    @Transactional
    public void removeMember(String name, long accountId) {
        Cohort cohort = find(name);
        CohortMember member = findMember(cohort.id, accountId);
        if (member == null) {
            throw ApiException.notFound("account " + accountId + " in cohort '" + name + "'");
        }
        member.delete();
        audit.record("cohort.member.remove", "cohort", name, Map.of("accountId", accountId));
    }

    /** Makes the account a member of exactly these cohorts, creating unknown cohorts (contract rule). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void setMemberships(long accountId, Collection<String> names, String field) {
        Set<String> wanted = new LinkedHashSet<>();
        for (String name : names) {
            checkName(field, name);
            wanted.add(name);
        }
        Map<String, CohortMember> current = new HashMap<>();
        for (Object[] row : membershipsOf(accountId)) {
            current.put((String) row[0], (CohortMember) row[1]);
        }
        for (var entry : current.entrySet()) {
            if (!wanted.contains(entry.getKey())) {
                entry.getValue().delete();
                audit.record("cohort.member.remove", "cohort", entry.getKey(), Map.of("accountId", accountId));
            }
        }
        for (String name : wanted) {
            if (!current.containsKey(name)) {
                Cohort cohort = Cohort.findByName(name).orElseGet(() -> {
                    Cohort created = new Cohort();
                    created.name = name;
                    created.persist();
                    audit.record("cohort.create", "cohort", name, Map.of("reason", "named by account " + accountId));
                    return created;
                });
                join(cohort, accountId, null);
            }
        }
    }

    /** Cohort names per account, sorted. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<Long, List<String>> namesByAccount(Collection<Long> accountIds) {
        Map<Long, List<String>> names = new HashMap<>();
        if (accountIds.isEmpty()) {
            return names;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createQuery("""
                select m.accountId, c.name from CohortMember m, Cohort c
                 where c.id = m.cohortId and m.accountId in :ids order by c.name
                """).setParameter("ids", accountIds).getResultList();
        for (Object[] row : rows) {
            names.computeIfAbsent((Long) row[0], k -> new java.util.ArrayList<>()).add((String) row[1]);
        }
        return names;
    }

    private List<Object[]> membershipsOf(long accountId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createQuery("""
                select c.name, m from CohortMember m, Cohort c where c.id = m.cohortId and m.accountId = :id
                """).setParameter("id", accountId).getResultList();
        return rows;
    }

    private void join(Cohort cohort, long accountId, LocalDate joinedOn) {
        CohortMember member = new CohortMember();
        member.cohortId = cohort.id;
        member.accountId = accountId;
        member.joinedOn = joinedOn != null ? joinedOn : PanelClock.today();
        member.persist();
        audit.record("cohort.member.add", "cohort", cohort.name,
                new TreeMap<>(Map.of("accountId", accountId, "joinedOn", member.joinedOn.toString())));
    }

    private static CohortMember findMember(Long cohortId, long accountId) {
        return CohortMember.find("cohortId = ?1 and accountId = ?2", cohortId, accountId).firstResult();
    }

    private static Cohort find(String name) {
        return Cohort.findByName(name).orElseThrow(() -> ApiException.notFound("cohort '" + name + "'"));
    }

    static void checkName(String field, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw ApiException.badField(field, "a cohort name is 1-80 letters, digits or _.- and starts with a letter or digit");
        }
    }
}
