package org.dealerpanel.watch.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dealerpanel.activity.service.ActivityService;
import org.dealerpanel.audit.service.AuditService;
import org.dealerpanel.common.ApiException;
import org.dealerpanel.common.InstanceName;
import org.dealerpanel.common.Page;
import org.dealerpanel.common.PanelClock;
import org.dealerpanel.common.TextInputModule;
import org.dealerpanel.watch.DigestItem;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The morning digest: each local morning (the job, {@code tracker.digest.cron} in the panel's time zone) a digest is
 * built for every enabled user with watches and sent; the undelivered ones of the last days are retried.
 */
@ApplicationScoped
public class DigestService {
    private static final Logger LOG = Logger.getLogger(DigestService.class);
    private static final TypeReference<List<DigestItem>> ITEMS = new TypeReference<>() {
    };

    @Inject
    ActivityService activity;
    @Inject
    DigestBuilder builder;
    @Inject
    DigestDelivery delivery;
    @Inject
    AccountStates states;
    @Inject
    WatchService watches;
    @Inject
    AuditService audit;
    @Inject
    ObjectMapper json;
    @ConfigProperty(name = "tracker.digest.retry-days", defaultValue = "3")
    int retryDays;

    /** What a run did. */
    public record RunResult(LocalDate day, int users, int built, int alreadyBuilt, int failedBuilds, int mailsSent,
                            int webhooksSent, int deliveriesFailed) {
    }

    /** One channel's delivery state as the owner sees it. */
    public record Delivery(String state, String target, int attempts, Instant sentAt, Integer httpStatus, String note) {
        public boolean sent() {
            return "SENT".equals(state);
        }

        public boolean failed() {
            return "FAILED".equals(state);
        }

        public boolean pending() {
            return "PENDING".equals(state);
        }
    }

    /** A stored digest. */
    public record DigestView(long id, String user, LocalDate day, LocalDate asOf, Instant since, Instant builtAt,
                             int itemCount, List<DigestItem> items, Delivery mail, Delivery webhook) {
    }

    /**
     * Builds today's digests (the panel's day) for every enabled user with watches, then sends every digest of the last
     * {@code tracker.digest.retry-days} days that is not delivered yet. Safe to run again, on several instances at once.
     */
    public RunResult run(LocalDate day, String trigger) {
        LocalDate asOf = day.minusDays(1);
        try {
            activity.ensureSnapshot(asOf);
        } catch (RuntimeException e) {
            // the digests still compare the computed status of the accounts without a current snapshot row
            LOG.warnf(e, "the activity snapshot as of %s could not be completed before the digests", asOf);
        }
        String builtBy = trigger + "@" + InstanceName.get();
        int built = 0;
        int already = 0;
        int failed = 0;
        List<Long> users = QuarkusTransaction.requiringNew().call(this::usersWithWatches);
        for (long userId : users) {
            try {
                DigestBuilder.Built b = builder.build(userId, day, builtBy);
                if (b.created()) {
                    built++;
                } else {
                    already++;
                }
            } catch (RuntimeException e) {
                failed++;
                LOG.errorf(e, "digest of user %d for %s could not be built", userId, day);
            }
        }
        int[] sent = deliverPending(day);
        RunResult result = new RunResult(day, users.size(), built, already, failed, sent[0], sent[1], sent[2]);
        LOG.infof("digests for %s (%s): %d users, %d built, %d already built, %d failed; %d mails and %d webhooks sent, %d deliveries failed",
                day, trigger, users.size(), built, already, failed, sent[0], sent[1], sent[2]);
        return result;
    }

    /** The same, audited as asked for by a user (the API's admin trigger). */
    public RunResult runAsked(String trigger) {
        RunResult r = run(PanelClock.today(), trigger);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("day", r.day().toString());
        detail.put("users", r.users());
        detail.put("built", r.built());
        detail.put("mailsSent", r.mailsSent());
        detail.put("webhooksSent", r.webhooksSent());
        detail.put("deliveriesFailed", r.deliveriesFailed());
        QuarkusTransaction.requiringNew().run(() -> audit.record("digest.run", "digest", null, detail));
        return r;
    }

    /**
     * Sends what is due: each channel of each digest since {@code day - retry-days} that is PENDING, or FAILED under
     * the attempt limit. Returns {mails sent, webhooks sent, deliveries failed}.
     */
    public int[] deliverPending(LocalDate day) {
        int mails = 0;
        int hooks = 0;
        int failures = 0;
        for (long id : QuarkusTransaction.requiringNew().call(() -> undelivered(day.minusDays(retryDays)))) {
            try {
                DigestDelivery.Outcome m = delivery.mail(id);
                mails += m == DigestDelivery.Outcome.SENT ? 1 : 0;
                failures += m == DigestDelivery.Outcome.FAILED ? 1 : 0;
                DigestDelivery.Outcome w = delivery.webhook(id);
                hooks += w == DigestDelivery.Outcome.SENT ? 1 : 0;
                failures += w == DigestDelivery.Outcome.FAILED ? 1 : 0;
            } catch (RuntimeException e) {
                failures++;
                LOG.errorf(e, "digest %d could not be delivered", id);
            }
        }
        return new int[] {mails, hooks, failures};
    }

    List<Long> usersWithWatches() {
        return states.work(c -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("""
                    select distinct w.user_id from watch w join app_user u on u.id = w.user_id
                     where u.enabled order by w.user_id""")) {
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            return ids;
        });
    }

    List<Long> undelivered(LocalDate from) {
        int max = delivery.maxAttempts();
        return states.work(c -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("""
                    select d.id from digest d join app_user u on u.id = d.user_id
                     where u.enabled and d.day >= ?
                       and ((d.mail_state in ('PENDING', 'FAILED') and d.mail_attempts < ?)
                            or (d.webhook_state in ('PENDING', 'FAILED') and d.webhook_attempts < ?))
                     order by d.id""")) {
                st.setObject(1, from);
                st.setInt(2, max);
                st.setInt(3, max);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            return ids;
        });
    }

    /** The signed-in user's digests, newest day first. */
    @Transactional
    public Page<DigestView> list(String username, int page, int size) {
        long userId = watches.userId(username);
        List<DigestView> items = read(" where d.user_id = ? order by d.day desc limit ? offset ?", userId, size,
                (long) page * size);
        Number total = states.work(c -> {
            try (PreparedStatement st = c.prepareStatement("select count(*) from digest where user_id = ?")) {
                st.setLong(1, userId);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        return new Page<>(items, total.longValue());
    }

    /** One digest of the signed-in user's own (another user's, or none: 404). */
    @Transactional
    public DigestView get(String username, long id) {
        long userId = watches.userId(username);
        List<DigestView> found = read(" where d.id = ? and d.user_id = ?", id, userId);
        if (found.isEmpty()) {
            throw ApiException.notFound("digest " + id);
        }
        return found.get(0);
    }

    private List<DigestView> read(String where, Object... params) {
        var reader = TextInputModule.trustedReader(json).forType(ITEMS);
        return states.work(c -> {
            List<DigestView> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("""
                    select d.id, u.username, d.day, d.as_of, d.since, d.built_at, d.item_count, d.items::text,
                           d.mail_state, d.mail_to, d.mail_attempts, d.mail_sent_at, d.mail_note,
                           d.webhook_state, d.webhook_url, d.webhook_attempts, d.webhook_sent_at, d.webhook_status, d.webhook_note
                      from digest d join app_user u on u.id = d.user_id""" + where)) {
                for (int i = 0; i < params.length; i++) {
                    st.setObject(i + 1, params[i]);
                }
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        List<DigestItem> items = reader.readValue(rs.getString(8));
                        out.add(new DigestView(rs.getLong(1), rs.getString(2), rs.getObject(3, LocalDate.class),
                                rs.getObject(4, LocalDate.class), instant(rs.getTimestamp(5)), instant(rs.getTimestamp(6)),
                                rs.getInt(7), items,
                                new Delivery(rs.getString(9), rs.getString(10), rs.getInt(11), instant(rs.getTimestamp(12)),
                                        null, rs.getString(13)),
                                new Delivery(rs.getString(14), rs.getString(15), rs.getInt(16), instant(rs.getTimestamp(17)),
                                        (Integer) rs.getObject(18, Integer.class), rs.getString(19))));
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("unreadable digest items", e);
            }
            return out;
        });
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

}
