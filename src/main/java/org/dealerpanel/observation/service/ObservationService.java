package org.dealerpanel.observation.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.dealerpanel.account.service.AccountService;
import org.dealerpanel.audit.service.AuditService;
import org.dealerpanel.common.ApiException;
import org.dealerpanel.common.FieldError;
import org.dealerpanel.observation.Observation;
import org.dealerpanel.observation.ObservationBatch;
import org.dealerpanel.observation.ObservationRevision;
import org.dealerpanel.common.PanelClock;

@ApplicationScoped
public class ObservationService {
    /** Counts above this are refused as typing errors (no account posts ten million ads a day). */
    public static final int MAX_COUNT = 10_000_000;

    @Inject
    AccountService accounts;
    @Inject
    AuditService audit;
    @Inject
    EntityManager em;

    public record ObservationView(LocalDate date, int posts, int images, String source, String recordedBy,
                                  Instant recordedAt) {
        static ObservationView of(Observation o, ObservationBatch b) {
            return new ObservationView(o.day, o.posts, o.images, b.source, b.recordedBy, b.recordedAt);
        }
    }

    public record RevisionView(LocalDate date, int posts, int images, String source, String recordedBy,
                               Instant recordedAt, Instant supersededAt, String supersededBy) {
    }

    public record PutResult(boolean created, boolean changed, ObservationView observation) {
    }

    /** Observed days with their batch's provenance (source, who, when). */
    private static final String VIEW_QUERY = """
            select o.day, o.posts, o.images, b.source, b.recordedBy, b.recordedAt
              from Observation o join ObservationBatch b on b.id = o.batchId
             where o.accountId = :account""";

    /** The latest day a count may be given for: counts describe days that have (nearly) passed. */
    public static LocalDate latestAllowedDay() {
        return PanelClock.today().plusDays(1);
    }

    @Transactional
    public PutResult put(long accountId, LocalDate day, Integer posts, Integer images, String source) {
        accounts.find(accountId);
        List<FieldError> errors = new ArrayList<>();
        checkCount("posts", posts, errors);
        checkCount("images", images, errors);
        if (day.isAfter(latestAllowedDay())) {
            errors.add(FieldError.field("date", "is in the future"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("the observation is not valid", errors);
        }
        String actor = audit.currentActor();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Observation existing = Observation.find("accountId = ?1 and day = ?2", accountId, day).firstResult();
        if (existing == null) {
            ObservationBatch batch = ObservationBatch.of(ObservationBatch.Kind.PUT, source, actor, now);
            batch.persist();
            Observation created = new Observation();
            created.accountId = accountId;
            created.day = day;
            created.posts = posts;
            created.images = images;
            created.batchId = batch.id;
            created.persist();
            audit.record("observation.create", "account", accountId,
                    Map.of("date", day.toString(), "posts", posts, "images", images));
            return new PutResult(true, true, ObservationView.of(created, batch));
        }
        ObservationBatch previous = ObservationBatch.findById(existing.batchId);
        boolean sameCounts = existing.posts == posts && existing.images == images;
        if (sameCounts && (source == null || Objects.equals(source, previous.source))) {
            return new PutResult(false, false, ObservationView.of(existing, previous));
        }
        // a PUT without a source keeps the source the value had
        ObservationBatch batch = ObservationBatch.of(ObservationBatch.Kind.PUT, source != null ? source : previous.source,
                actor, now);
        batch.persist();
        ObservationRevision revision = new ObservationRevision();
        revision.accountId = accountId;
        revision.day = day;
        revision.posts = existing.posts;
        revision.images = existing.images;
        revision.batchId = existing.batchId;
        revision.supersededByBatch = batch.id;
        revision.persist();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("date", day.toString());
        detail.put("posts", Map.of("from", existing.posts, "to", posts));
        detail.put("images", Map.of("from", existing.images, "to", images));
        existing.posts = posts;
        existing.images = images;
        existing.batchId = batch.id;
        audit.record("observation.update", "account", accountId, detail);
        return new PutResult(false, true, ObservationView.of(existing, batch));
    }

    @Transactional
    public List<ObservationView> list(long accountId, LocalDate from, LocalDate to) {
        accounts.find(accountId);
        if (from != null && to != null && from.isAfter(to)) {
            throw ApiException.badField("from", "is after to");
        }
        return views(em.createQuery(VIEW_QUERY + " and o.day >= :from and o.day <= :to order by o.day", Object[].class)
                .setParameter("account", accountId)
                .setParameter("from", from == null ? LocalDate.of(1970, 1, 1) : from)
                .setParameter("to", to == null ? LocalDate.of(9999, 12, 31) : to)
                .getResultList());
    }

    /** The latest observed days of the account, the latest first. */
    @Transactional
    public List<ObservationView> latest(long accountId, int limit) {
        return views(em.createQuery(VIEW_QUERY + " order by o.day desc", Object[].class)
                .setParameter("account", accountId).setMaxResults(limit).getResultList());
    }

    @Transactional
    public List<RevisionView> revisions(long accountId, LocalDate day) {
        accounts.find(accountId);
        return em.createQuery("""
                        select r.day, r.posts, r.images, b.source, b.recordedBy, b.recordedAt, s.recordedAt, s.recordedBy
                          from ObservationRevision r join ObservationBatch b on b.id = r.batchId
                          join ObservationBatch s on s.id = r.supersededByBatch
                         where r.accountId = ?1 and r.day = ?2 order by r.id""", Object[].class)
                .setParameter(1, accountId).setParameter(2, day).getResultList().stream()
                .map(r -> new RevisionView((LocalDate) r[0], (Integer) r[1], (Integer) r[2], (String) r[3], (String) r[4],
                        (Instant) r[5], (Instant) r[6], (String) r[7])).toList();
    }

    private static List<ObservationView> views(List<Object[]> rows) {
        return rows.stream().map(r -> new ObservationView((LocalDate) r[0], (Integer) r[1], (Integer) r[2], (String) r[3],
                (String) r[4], (Instant) r[5])).toList();
    }

    private static void checkCount(String field, Integer value, List<FieldError> errors) {
        if (value == null) {
            errors.add(FieldError.field(field, "is required (a day with no count is simply not sent)"));
        } else if (value < 0) {
            errors.add(FieldError.field(field, "must not be negative"));
        } else if (value > MAX_COUNT) {
            errors.add(FieldError.field(field, "must be at most " + MAX_COUNT));
        }
    }
}
