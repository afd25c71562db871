package org.dealerpanel.watch.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dealerpanel.audit.service.AuditService;
import org.dealerpanel.common.ApiException;
import org.dealerpanel.common.PanelClock;
import org.dealerpanel.security.AppUser;
import org.dealerpanel.watch.Watch;
import org.dealerpanel.watch.WatchKind;

/**
 * A user's watches: accounts, dealers, cohorts and lexicon terms. Starting a watch records what its accounts look like
 * now (and, for a term, which matches exist), so the user's next digest reports what changed since.
 */
@ApplicationScoped
public class WatchService {
    @Inject
    EntityManager em;
    @Inject
    AuditService audit;
    @Inject
    AccountStates states;

    /**
     * A watch as the API shows it: what is watched ({@code label}: "platform / handle", the dealer's or cohort's name,
     * the term), where its page is, and whether the target still exists.
     */
    public record WatchView(long id, WatchKind kind, long targetId, String label, String url, boolean exists,
                            Instant createdAt) {
    }

    /** The watch and whether this call created it (false: the user already watched it). */
    public record Added(WatchView watch, boolean created) {
    }

    /** The signed-in user's id; an unknown name (a user deleted meanwhile) is a 404. */
    @Transactional
    public long userId(String username) {
        return AppUser.findByUsername(username).map(u -> u.id)
                .orElseThrow(() -> ApiException.notFound("user " + username));
    }

    @Transactional
    public List<WatchView> list(String username) {
        long userId = userId(username);
        List<Watch> watches = Watch.list("userId = ?1 order by id", userId);
        return views(watches);
    }

    /** The user's watches by kind and target id (watch id as value), for the pages' watch buttons. */
    @Transactional
    public Map<WatchKind, Map<Long, Long>> watchedTargets(String username) {
        Optional<AppUser> user = AppUser.findByUsername(username);
        Map<WatchKind, Map<Long, Long>> out = new HashMap<>();
        if (user.isEmpty()) {
            return out;
        }
        List<Watch> watches = Watch.list("userId", user.get().id);
        for (Watch w : watches) {
            out.computeIfAbsent(w.kind, k -> new HashMap<>()).put(w.targetId, w.id);
        }
        return out;
    }

    /** The id of a cohort by name, if there is one. */
    @Transactional
    public Optional<Long> cohortId(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("select id from cohort where name = ?1").setParameter(1, name.strip())
                .getResultList();
        return ids.isEmpty() ? Optional.empty() : Optional.of(ids.get(0).longValue());
    }

    /**
     * Starts watching (idempotent: watching again answers the existing watch). {@code cohortName} may name a cohort
     * instead of {@code targetId}. Bad input is a 400 naming the field; an unknown target a 400 naming
     * {@code targetId} (or {@code name}). Audited.
     */
    @Transactional
    public Added add(String username, WatchKind kind, Long targetId, String cohortName) {
        long userId = userId(username);
        if (kind == null) {
            throw ApiException.badField("kind", "is required: one of ACCOUNT, DEALER, COHORT, TERM");
        }
        long target;
        if (cohortName != null && !cohortName.isBlank()) {
            if (kind != WatchKind.COHORT) {
                throw ApiException.badField("name", "only names a cohort (kind COHORT); use targetId for a " + kind);
            }
            if (targetId != null) {
                throw ApiException.badField("name", "give either targetId or name, not both");
            }
            target = cohortId(cohortName).orElseThrow(() -> ApiException.badField("name", "no cohort named '"
                    + cohortName.strip() + "'"));
        } else {
            if (targetId == null) {
                throw ApiException.badField("targetId", kind == WatchKind.COHORT ? "is required (or name, the cohort's name)"
                        : "is required");
            }
            if (targetId <= 0) {
                throw ApiException.badField("targetId", "must be a positive id");
            }
            if (label(kind, targetId) == null) {
                throw ApiException.badField("targetId", "no " + kind.name().toLowerCase() + " with id " + targetId);
            }
            target = targetId;
        }
        Optional<Watch> existing = Watch.find("userId = ?1 and kind = ?2 and targetId = ?3", userId, kind, target)
                .firstResultOptional();
        if (existing.isPresent()) {
            return new Added(views(List.of(existing.get())).get(0), false);
        }
        Watch watch = new Watch();
        watch.userId = userId;
        watch.kind = kind;
        watch.targetId = target;
        if (kind == WatchKind.TERM) {
            watch.matchCursor = maxMatchId();
        }
        watch.persist();
        em.flush();
        // the baseline: what the accounts look like now, for those the user's digests have not seen yet
        List<Long> accounts = states.accountsOf(kind, target);
        if (!accounts.isEmpty()) {
            LocalDate asOf = PanelClock.yesterday();
            states.remember(userId, states.current(accounts, asOf).values(), true);
        }
        em.refresh(watch);
        WatchView view = views(List.of(watch)).get(0);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("user", username);
        detail.put("kind", kind.name());
        detail.put("targetId", target);
        detail.put("label", view.label());
        detail.put("accounts", accounts.size());
        audit.record("watch.add", "watch", watch.id, detail);
        return new Added(view, true);
    }

    /** Stops a watch of the user's own (someone else's, or none: 404). Audited. */
    @Transactional
    public void remove(String username, long id) {
        long userId = userId(username);
        Watch watch = Watch.findById(id);
        if (watch == null || !watch.userId.equals(userId)) {
            throw ApiException.notFound("watch " + id);
        }
        WatchView view = views(List.of(watch)).get(0);
        watch.delete();
        em.flush();
        states.forgetOutside(userId, states.scope(userId).stream().map(AccountStates.Covered::accountId).toList());
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("user", username);
        detail.put("kind", view.kind().name());
        detail.put("targetId", view.targetId());
        detail.put("label", view.label());
        audit.record("watch.remove", "watch", id, detail);
    }

    /** The highest term_match id so far (0 when there is none): a term watch reports matches above it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long maxMatchId() {
        Number max = (Number) em.createNativeQuery("select coalesce(max(id), 0) from term_match").getSingleResult();
        return max.longValue();
    }

    /** Labels and pages of the targets. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<WatchView> views(Collection<Watch> watches) {
        List<WatchView> out = new ArrayList<>();
        for (Watch w : watches) {
            String label = label(w.kind, w.targetId);
            out.add(new WatchView(w.id, w.kind, w.targetId, label == null ? "#" + w.targetId : label,
                    label == null ? null : url(w.kind, w.targetId, label), label != null, w.createdAt));
        }
        return out;
    }

    /** "platform / handle", the dealer's or the cohort's name, the term; null when there is no such target. */
    @Transactional(Transactional.TxType.MANDATORY)
    public String label(WatchKind kind, long id) {
        String sql = switch (kind) {
            case ACCOUNT -> "select platform || ' / ' || handle from account where id = ?1";
            case DEALER -> "select name from dealer where id = ?1";
            case COHORT -> "select name from cohort where id = ?1";
            case TERM -> "select term from term where id = ?1";
        };
        @SuppressWarnings("unchecked")
        List<String> found = em.createNativeQuery(sql).setParameter(1, id).getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    /** The page of a target. */
    public static String url(WatchKind kind, long id, String label) {
        return switch (kind) {
            case ACCOUNT -> "/accounts/" + id;
            case DEALER -> "/dealers/" + id;
            case COHORT -> "/?cohort=" + URLEncoder.encode(label, StandardCharsets.UTF_8);
            case TERM -> "/lexicon#term-" + id;
        };
    }
}
