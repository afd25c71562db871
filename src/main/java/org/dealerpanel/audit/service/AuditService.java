package org.dealerpanel.audit.service;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dealerpanel.audit.AuditEntry;
import org.dealerpanel.common.Page;
import org.dealerpanel.common.PanelClock;

/** Appends to the audit trail inside the caller's transaction, so a write and its audit row land together. */
@ApplicationScoped
public class AuditService {
    public static final String SYSTEM = "system";

    @Inject
    Instance<SecurityIdentity> identity;

    public String currentActor() {
        try {
            SecurityIdentity current = identity.get();
            return current == null || current.isAnonymous() ? SYSTEM : current.getPrincipal().getName();
        } catch (RuntimeException noRequestContext) {
            return SYSTEM;
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String action, String entityType, Object entityId, Map<String, ?> detail) {
        AuditEntry entry = new AuditEntry();
        entry.actor = currentActor();
        entry.action = action;
        entry.entityType = entityType;
        entry.entityId = entityId == null ? null : entityId.toString();
        entry.detail = detail == null ? null : new HashMap<>(detail);
        entry.persist();
    }

    /**
     * A sign-in that was really checked (a password verified or refused; not a cached API credential, not a throttled
     * attempt), in a transaction of its own: entity {@code sign-in:<user name>}, actor the user on success and
     * {@code anonymous} on failure, with the client address, the mechanism and the outcome. Never the password.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordSignIn(String userName, boolean success, String reason, String address, String mechanism) {
        String name = printable(userName, 80);
        Map<String, Object> detail = new HashMap<>();
        detail.put("outcome", success ? "success" : "failure");
        if (reason != null) {
            detail.put("reason", reason);
        }
        detail.put("address", printable(address, 64));
        detail.put("mechanism", mechanism);
        AuditEntry entry = new AuditEntry();
        entry.actor = success ? name : "anonymous";
        entry.action = success ? "auth.sign-in" : "auth.sign-in-failed";
        entry.entityType = "sign-in";
        entry.entityId = name;
        entry.detail = detail;
        entry.persist();
    }

    /** What an unauthenticated client sent as its name, made safe to store and show: no control characters, bounded. */
    static String printable(String text, int max) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), max + 1));
        for (int i = 0; i < text.length() && out.length() < max; i++) {
            char c = text.charAt(i);
            out.append(c < 0x20 || (c >= 0x7F && c <= 0x9F) || Character.isSurrogate(c) ? '?' : c);
        }
        if (text.length() > max) {
            out.append('…');
        }
        return out.toString();
    }

    public record AuditView(Long id, Instant at, String actor, String action, String entity, String entityId,
                            Map<String, Object> detail, String prevHash, String hash) {
        public static AuditView of(AuditEntry e) {
            return new AuditView(e.id, e.at, e.actor, e.action, e.entityType, e.entityId, e.detail, e.prevHash, e.hash);
        }
    }

    /**
     * The result of walking the hash chain: {@code firstBroken} is the id of the first entry whose link to its
     * predecessor, or whose own hash, does not hold (null when the chain is intact).
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record ChainCheck(boolean ok, long entries, Long firstBroken, String reason, Instant checkedAt) {
    }

    @Inject
    jakarta.persistence.EntityManager em;

    /** Walks the whole chain in id order (SQL function {@code audit_chain_verify}, migrations/V9). */
    @Transactional
    public ChainCheck verify() {
        Object[] row = (Object[]) em.createNativeQuery("select entries, first_broken, reason from audit_chain_verify()")
                .getSingleResult();
        long entries = ((Number) row[0]).longValue();
        Long broken = row[1] == null ? null : ((Number) row[1]).longValue();
        return new ChainCheck(broken == null, entries, broken, (String) row[2], Instant.now());
    }

    /** Entries in id order (oldest first) matching a native SQL condition on audit_entry; for evidence bundles. */
    @Transactional(Transactional.TxType.MANDATORY)
    @SuppressWarnings("unchecked")
    public List<AuditView> where(String sqlCondition, Map<String, Object> params) {
        var query = em.createNativeQuery("select * from audit_entry where " + sqlCondition + " order by id", AuditEntry.class);
        params.forEach(query::setParameter);
        return ((List<AuditEntry>) query.getResultList()).stream().map(AuditView::of).toList();
    }

    @Transactional
    public Page<AuditView> search(String entity, String actor, LocalDate from, LocalDate to, int page, int size) {
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (entity != null && !entity.isBlank()) {
            String[] parts = entity.split(":", 2);
            where.append(" and entityType = :type");
            params.put("type", parts[0]);
            if (parts.length == 2) {
                where.append(" and entityId = :id");
                params.put("id", parts[1]);
            }
        }
        if (actor != null && !actor.isBlank()) {
            where.append(" and actor = :actor");
            params.put("actor", actor);
        }
        if (from != null) {
            where.append(" and at >= :from");
            params.put("from", PanelClock.startOf(from));
        }
        if (to != null) {
            where.append(" and at < :to");
            params.put("to", PanelClock.startOf(to.plusDays(1)));
        }
        var query = AuditEntry.<AuditEntry>find(where + " order by id desc", params);
        long total = query.count();
        List<AuditView> items = new ArrayList<>();
        for (AuditEntry e : query.page(page, size).list()) {
            items.add(AuditView.of(e));
        }
        return new Page<>(items, total);
    }
}
