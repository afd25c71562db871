package org.dealerpanel.observation.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
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

    public record ObservationView(LocalDate date, int posts, int images, String source, String recordedBy,
                                  Instant recordedAt) {
        static ObservationView of(Observation o) {
            return new ObservationView(o.day, o.posts, o.images, o.source, o.recordedBy, o.recordedAt);
        }
    }

    public record RevisionView(LocalDate date, int posts, int images, String source, String recordedBy,
                               Instant recordedAt, Instant supersededAt, String supersededBy) {
    }

    public record PutResult(boolean created, boolean changed, ObservationView observation) {
    }

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
        Observation existing = Observation.find("accountId = ?1 and day = ?2", accountId, day).firstResult();
        if (existing == null) {
            Observation created = new Observation();
            created.accountId = accountId;
            created.day = day;
            created.posts = posts;
            created.images = images;
            created.source = source;
            created.recordedBy = actor;
            created.recordedAt = Instant.now();
            created.persist();
            audit.record("observation.create", "account", accountId,
                    Map.of("date", day.toString(), "posts", posts, "images", images));
            return new PutResult(true, true, ObservationView.of(created));
        }
        boolean sameCounts = existing.posts == posts && existing.images == images;
        if (sameCounts && (source == null || Objects.equals(source, existing.source))) {
            return new PutResult(false, false, ObservationView.of(existing));
        }
        ObservationRevision revision = new ObservationRevision();
        revision.accountId = accountId;
        revision.day = day;
        revision.posts = existing.posts;
        revision.images = existing.images;
        revision.source = existing.source;
        revision.recordedBy = existing.recordedBy;
        revision.recordedAt = existing.recordedAt;
        revision.supersededAt = Instant.now();
        revision.supersededBy = actor;
        revision.persist();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("date", day.toString());
        detail.put("posts", Map.of("from", existing.posts, "to", posts));
        detail.put("images", Map.of("from", existing.images, "to", images));
        existing.posts = posts;
        existing.images = images;
        if (source != null) {
            existing.source = source;
        }
        existing.recordedBy = actor;
        existing.recordedAt = Instant.now();
        audit.record("observation.update", "account", accountId, detail);
        return new PutResult(false, true, ObservationView.of(existing));
    }

    @Transactional
    public List<ObservationView> list(long accountId, LocalDate from, LocalDate to) {
        accounts.find(accountId);
        if (from != null && to != null && from.isAfter(to)) {
            throw ApiException.badField("from", "is after to");
        }
        return Observation.<Observation>find("accountId = ?1 and day >= ?2 and day <= ?3 order by day", accountId,
                        from == null ? LocalDate.of(1970, 1, 1) : from, to == null ? LocalDate.of(9999, 12, 31) : to)
                .stream().map(ObservationView::of).toList();
    }

    @Transactional
    public List<RevisionView> revisions(long accountId, LocalDate day) {
        accounts.find(accountId);
        return ObservationRevision.<ObservationRevision>find("accountId = ?1 and day = ?2 order by id", accountId, day)
                .stream().map(r -> new RevisionView(r.day, r.posts, r.images, r.source, r.recordedBy, r.recordedAt,
                        r.supersededAt, r.supersededBy)).toList();
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
