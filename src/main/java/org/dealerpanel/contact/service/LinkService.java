package org.dealerpanel.contact.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dealerpanel.account.service.AccountService;

/** Accounts that share a contact id or an identical image (same SHA-256) with an account, with the evidence. */
@ApplicationScoped
public class LinkService {
    @Inject
    EntityManager em;
    @Inject
    AccountService accounts;

    private static final class Builder {
        final long accountId;
        final Map<String, Set<LinkView.Sighting>[]> evidence = new LinkedHashMap<>();

        Builder(long accountId) {
            this.accountId = accountId;
        }

        @SuppressWarnings("unchecked")
        void add(String key, LinkView.Sighting here, LinkView.Sighting there) {
            Set<LinkView.Sighting>[] sides = evidence.computeIfAbsent(key, k -> new Set[] {new LinkedHashSet<>(), new LinkedHashSet<>()});
            sides[0].add(here);
            sides[1].add(there);
        }
    }

    @Transactional
    public List<LinkView> links(long accountId) {
        accounts.find(accountId);
        Map<Long, Builder> byAccount = new LinkedHashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> contactRows = em.createNativeQuery("select b.account_id, a.kind, a.value, a.post_id, a.image_sha256,"
                        + " b.post_id, b.image_sha256 from contact_sighting a join contact_sighting b"
                        + " on b.kind = a.kind and b.value = a.value and b.account_id <> a.account_id"
                        + " where a.account_id = ?1 order by b.account_id, a.kind, a.value, a.id, b.id")
                .setParameter(1, accountId).getResultList();
        for (Object[] r : contactRows) {
            byAccount.computeIfAbsent(((Number) r[0]).longValue(), Builder::new)
                    .add("CONTACT\u0000" + r[1] + "\u0000" + r[2],
                            new LinkView.Sighting(toLong(r[3]), (String) r[4], null),
                            new LinkView.Sighting(toLong(r[5]), (String) r[6], null));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> imageRows = em.createNativeQuery("select b.account_id, a.sha256, a.post_id, a.posted_on, b.post_id, b.posted_on"
                        + " from image_link a join image_link b on b.sha256 = a.sha256 and b.account_id <> a.account_id"
                        + " where a.account_id = ?1 order by b.account_id, a.sha256, a.id, b.id")
                .setParameter(1, accountId).getResultList();
        for (Object[] r : imageRows) {
            byAccount.computeIfAbsent(((Number) r[0]).longValue(), Builder::new)
                    .add("IMAGE\u0000" + r[1],
                            new LinkView.Sighting(toLong(r[2]), null, toDate(r[3])),
                            new LinkView.Sighting(toLong(r[4]), null, toDate(r[5])));
        }
        if (byAccount.isEmpty()) {
            return List.of();
        }
        Map<Long, Object[]> info = new LinkedHashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> accountRows = em.createNativeQuery("select id, platform, handle, display_name from account where id = any(?1)")
                .setParameter(1, byAccount.keySet().toArray(new Long[0])).getResultList();
        accountRows.forEach(r -> info.put(((Number) r[0]).longValue(), r));
        List<LinkView> out = new ArrayList<>();
        for (Builder b : byAccount.values()) {
            Object[] a = info.get(b.accountId);
            List<LinkView.Evidence> evidence = new ArrayList<>();
            b.evidence.forEach((key, sides) -> {
                String[] parts = key.split("\u0000");
                evidence.add("CONTACT".equals(parts[0])
                        ? new LinkView.Evidence("CONTACT", parts[1], parts[2], null, List.copyOf(sides[0]), List.copyOf(sides[1]))
                        : new LinkView.Evidence("IMAGE", null, null, parts[1], List.copyOf(sides[0]), List.copyOf(sides[1])));
            });
            out.add(new LinkView(b.accountId, (String) a[1], (String) a[2], (String) a[3], evidence));
        }
        out.sort(Comparator.comparingInt((LinkView l) -> -l.evidence().size()).thenComparingLong(LinkView::accountId));
        return out;
    }

    private static Long toLong(Object o) {
        return o == null ? null : ((Number) o).longValue();
    }

    private static LocalDate toDate(Object o) {
        if (o == null) {
            return null;
        }
        return o instanceof LocalDate d ? d : ((Date) o).toLocalDate();
    }
}
