package org.dealerpanel.account.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Date;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dealerpanel.account.PlatformState;

/** Computes {@link ActivityFacts} for many accounts in one query. */
@ApplicationScoped
public class ActivityFactsQuery {
    @Inject
    EntityManager em;
    @Inject
    ActivityRules rules;

    public static LocalDate yesterday() {
        return LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1);
    }

    public Map<Long, ActivityFacts> forAccounts(Collection<Long> accountIds, LocalDate asOf) {
        Map<Long, ActivityFacts> facts = new HashMap<>();
        if (accountIds.isEmpty()) {
            return facts;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select a.id, fo.first_observed, la.last_active,
                       (select count(*) from observation o
                         where o.account_id = a.id and o.day > la.last_active and o.day <= :asOf) as observed_since,
                       a.platform_state, a.platform_state_since
                  from account a
                  left join lateral (select max(o.day) as last_active from observation o
                                      where o.account_id = a.id and o.day <= :asOf
                                        and (o.posts > 0 or o.images > 0)) la on true
                  left join lateral (select min(o.day) as first_observed from observation o
                                      where o.account_id = a.id) fo on true
                 where a.id in (:ids)
                """).setParameter("asOf", asOf).setParameter("ids", accountIds).getResultList();
        for (Object[] row : rows) {
            long id = ((Number) row[0]).longValue();
            facts.put(id, ActivityFacts.classify(id, asOf, toDate(row[1]), toDate(row[2]),
                    row[3] == null ? 0 : ((Number) row[3]).longValue(),
                    PlatformState.valueOf((String) row[4]), toDate(row[5]), rules));
        }
        return facts;
    }

    private static LocalDate toDate(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof LocalDate date) {
            return date;
        }
        return ((Date) value).toLocalDate();
    }
}
