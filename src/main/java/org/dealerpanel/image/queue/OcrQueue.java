package org.dealerpanel.image.queue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dealerpanel.audit.service.AuditService;
import org.dealerpanel.contact.service.ContactService;
import org.dealerpanel.term.service.TermMatchStore;

/**
 * The OCR job queue in PostgreSQL (table ocr_job). Jobs are claimed with {@code FOR UPDATE SKIP LOCKED}, so any
 * number of workers in any number of instances can share it, and held under a lease: a job whose lease ran out
 * (its worker died) is claimed again; DONE and FAILED jobs never are. Every claim counts as an attempt. A worker's
 * result is only written while it still holds the lease (same node and attempt), so a worker that comes back
 * after its lease was taken over cannot write twice.
 */
@ApplicationScoped
public class OcrQueue {
    @Inject
    EntityManager em;
    @Inject
    TermMatchStore matches;
    @Inject
    ContactService contacts;
    @Inject
    AuditService audit;
    @Inject
    Event<OcrTextStored> stored;

    /** A job claimed by this node: the image and the attempt number (the lease token). */
    public record Claim(String sha256, int attempt) {
    }

    /** Claims up to {@code limit} due jobs for {@code node}. Jobs whose lease expired on their last attempt are FAILED first. */
    public List<Claim> claim(int limit, String node, Duration lease, int maxAttempts) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> dead = em.createNativeQuery("update ocr_job j set status = 'FAILED', lease_until = null, leased_by = null,"
                            + " finished_at = now(), updated_at = now(),"
                            + " last_error = 'attempt ' || j.attempts || ' of ' || ?1 || ' never finished (worker ' || j.leased_by"
                            + " || ' died or hung past its lease)'"
                            + " where j.sha256 in (select sha256 from ocr_job where status = 'LEASED' and lease_until < now()"
                            + " and attempts >= ?1 for update skip locked) returning j.sha256, j.last_error")
                    .setParameter(1, maxAttempts).getResultList();
            for (Object[] d : dead) {
                failImage((String) d[0], (String) d[1]);
            }
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("update ocr_job j set status = 'LEASED', attempts = j.attempts + 1,"
                            + " lease_until = now() + make_interval(secs => ?1), leased_by = ?2, updated_at = now()"
                            + " where j.sha256 in (select sha256 from ocr_job"
                            + "   where (status = 'QUEUED' and next_attempt_at <= now()) or (status = 'LEASED' and lease_until < now())"
                            + "   order by next_attempt_at, created_at limit ?3 for update skip locked)"
                            + " returning j.sha256, j.attempts")
                    .setParameter(1, (double) lease.toMillis() / 1000.0).setParameter(2, node).setParameter(3, limit)
                    .getResultList();
            List<Claim> claims = new ArrayList<>(rows.size());
            for (Object[] r : rows) {
                claims.add(new Claim((String) r[0], ((Number) r[1]).intValue()));
            }
            return claims;
        });
    }

    /** Extends the leases this node still holds on {@code claims} to now + {@code lease}. */
    public int renew(List<Claim> claims, String node, Duration lease) {
        return QuarkusTransaction.requiringNew().call(() -> {
            int renewed = 0;
            for (Claim c : claims) {
                renewed += em.createNativeQuery("update ocr_job set lease_until = now() + make_interval(secs => ?1), updated_at = now()"
                                + " where sha256 = ?2 and status = 'LEASED' and leased_by = ?3 and attempts = ?4")
                        .setParameter(1, (double) lease.toMillis() / 1000.0).setParameter(2, c.sha256()).setParameter(3, node)
                        .setParameter(4, c.attempt()).executeUpdate();
            }
            return renewed;
        });
    }

    /** Writes a finished OCR run; false (and nothing written) if the lease was lost meanwhile. */
    public boolean complete(Claim claim, String node, OcrOutcome outcome) {
        return QuarkusTransaction.requiringNew().call(() -> {
            if (!holdsLease(claim, node)) {
                return false;
            }
            // lock the image row: orders this against a concurrent upload linking the image to another account
            em.createNativeQuery("select 1 from image where sha256 = ?1 for update").setParameter(1, claim.sha256()).getResultList();
            em.createNativeQuery("update image set status = 'DONE', ocr_text = ?2, ocr_detail = cast(?3 as jsonb),"
                            + " failure_reason = null, ocr_finished_at = now() where sha256 = ?1")
                    .setParameter(1, claim.sha256()).setParameter(2, outcome.text()).setParameter(3, outcome.detailJson())
                    .executeUpdate();
            stored.fire(new OcrTextStored(claim.sha256(), outcome.text(), outcome.lexiconVersion()));
            matches.replaceForImage(claim.sha256(), outcome.matches(), outcome.lexiconVersion());
            contacts.replaceForImage(claim.sha256(), outcome.contacts());
            em.createNativeQuery("update ocr_job set status = 'DONE', lease_until = null, leased_by = null, last_error = null,"
                    + " finished_at = now(), updated_at = now() where sha256 = ?1").setParameter(1, claim.sha256()).executeUpdate();
            audit.record("image.ocr", "image", claim.sha256(), Map.of("attempt", claim.attempt(), "node", node,
                    "matches", outcome.matches().size(), "contacts", outcome.contacts().size(), "millis", outcome.millis()));
            return true;
        });
    }

    /**
     * Records a failed attempt: queued again after {@code backoff × 2^(attempt-1)} (at most {@code backoffMax}), or,
     * after the last attempt, FAILED with the reason kept on the image. False if the lease was lost meanwhile.
     */
    public boolean fail(Claim claim, String node, String error, int maxAttempts, Duration backoff, Duration backoffMax) {
        String reason = error == null || error.isBlank() ? "unknown error" : error.length() > 2000 ? error.substring(0, 2000) : error;
        return QuarkusTransaction.requiringNew().call(() -> {
            if (!holdsLease(claim, node)) {
                return false;
            }
            if (claim.attempt() >= maxAttempts) {
                em.createNativeQuery("update ocr_job set status = 'FAILED', lease_until = null, leased_by = null, last_error = ?2,"
                        + " finished_at = now(), updated_at = now() where sha256 = ?1")
                        .setParameter(1, claim.sha256()).setParameter(2, reason).executeUpdate();
                failImage(claim.sha256(), "OCR failed after " + claim.attempt() + " attempts: " + reason);
            } else {
                em.createNativeQuery("update ocr_job set status = 'QUEUED', lease_until = null, leased_by = null, last_error = ?2,"
                                + " next_attempt_at = now() + make_interval(secs => ?3), updated_at = now() where sha256 = ?1")
                        .setParameter(1, claim.sha256()).setParameter(2, reason)
                        .setParameter(3, (double) backoff(claim.attempt(), backoff, backoffMax).toMillis() / 1000.0).executeUpdate();
            }
            return true;
        });
    }

    /** {@code base × 2^(attempt-1)}, capped. */
    public static Duration backoff(int attempt, Duration base, Duration max) {
        int doublings = Math.max(0, Math.min(attempt - 1, 30));
        Duration d = base.multipliedBy(1L << doublings);
        return d.compareTo(max) > 0 ? max : d;
    }

    private boolean holdsLease(Claim claim, String node) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select status, leased_by, attempts from ocr_job where sha256 = ?1 for update")
                .setParameter(1, claim.sha256()).getResultList();
        if (rows.isEmpty()) {
            return false;
        }
        Object[] r = rows.get(0);
        return "LEASED".equals(r[0]) && node.equals(r[1]) && ((Number) r[2]).intValue() == claim.attempt();
    }

    private void failImage(String sha256, String reason) {
        em.createNativeQuery("update image set status = 'FAILED', failure_reason = ?2, ocr_finished_at = now() where sha256 = ?1")
                .setParameter(1, sha256).setParameter(2, reason).executeUpdate();
        audit.record("image.ocr-failed", "image", sha256, Map.of("reason", reason));
    }
}
