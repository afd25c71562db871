package org.dealerpanel.watch.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dealerpanel.audit.service.AuditService;
import org.dealerpanel.common.TextInputModule;
import org.dealerpanel.watch.DigestItem;
import org.dealerpanel.watch.NotificationSettings;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Sends a stored digest on one channel, e-mail or webhook. Each send claims the digest row with
 * {@code FOR UPDATE SKIP LOCKED} (another thread or instance sending it meanwhile makes this one skip), sends only
 * while the channel is PENDING or FAILED under the attempt limit, and records the outcome in the same transaction: a
 * channel that is SENT is never sent again. A failure is recorded (FAILED, attempts, the reason) and retried by a later
 * run. Every send and failure is audited.
 */
@ApplicationScoped
public class DigestDelivery {
    private static final Logger LOG = Logger.getLogger(DigestDelivery.class);
    private static final TypeReference<List<DigestItem>> ITEMS = new TypeReference<>() {
    };

    @Inject
    AccountStates states;
    @Inject
    NotificationService notifications;
    @Inject
    MailSwitch mail;
    @Inject
    ReactiveMailer mailer;
    @Inject
    AuditService audit;
    @Inject
    ObjectMapper json;
    @ConfigProperty(name = "tracker.digest.max-attempts", defaultValue = "5")
    int maxAttempts;
    @ConfigProperty(name = "tracker.digest.mail.timeout", defaultValue = "30S")
    Duration mailTimeout;
    @ConfigProperty(name = "tracker.digest.webhook.timeout", defaultValue = "10S")
    Duration webhookTimeout;
    @ConfigProperty(name = "tracker.public-url", defaultValue = "")
    java.util.Optional<String> publicUrl;

    private volatile HttpClient http;

    /** What one delivery attempt did. */
    public enum Outcome {
        SENT, FAILED, SKIPPED, NOTHING_TO_DO, BUSY
    }

    /** A digest row, locked for this transaction. */
    record Row(long id, long userId, String username, LocalDate day, LocalDate asOf, Instant since, Instant builtAt,
               int itemCount, String itemsJson, String state, int attempts) {
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Outcome mail(long digestId) {
        Row row = lock(digestId, "mail");
        if (row == null) {
            return Outcome.BUSY;
        }
        if (!due(row)) {
            return Outcome.NOTHING_TO_DO;
        }
        NotificationSettings settings = notifications.of(row.userId());
        if (!mail.enabled()) {
            return skip(row, "mail", "e-mail is off (no SMTP host configured)");
        }
        if (settings == null || settings.email == null) {
            return skip(row, "mail", "no e-mail address");
        }
        String to = settings.email;
        String language = notifications.languageOf(settings);
        int attempt = row.attempts() + 1;
        try {
            List<DigestItem> items = items(row);
            DigestMail.Rendered rendered = DigestMail.render(new DigestMail.MailView(row.username(), row.day(), row.asOf(),
                    items.size(), DigestMail.groups(items), base()), language);
            Mail m = Mail.withText(to, rendered.subject(), rendered.text()).setHtml(rendered.html())
                    .addHeader("X-Tracker-Digest", String.valueOf(row.id()));
            mailer.send(m).await().atMost(mailTimeout);
        } catch (RuntimeException e) {
            String reason = reason(e);
            update(row.id(), "mail", "FAILED", to, null, reason);
            audit.record("digest.mail.failed", "digest", row.id(), detail(row, attempt, "to", to, "error", reason));
            LOG.warnf("digest %d: mail to user %s failed (attempt %d): %s", row.id(), row.username(), attempt, reason);
            return Outcome.FAILED;
        }
        update(row.id(), "mail", "SENT", to, null, null);
        audit.record("digest.mail.sent", "digest", row.id(), detail(row, attempt, "to", to, "language", language));
        return Outcome.SENT;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Outcome webhook(long digestId) {
        Row row = lock(digestId, "webhook");
        if (row == null) {
            return Outcome.BUSY;
        }
        if (!due(row)) {
            return Outcome.NOTHING_TO_DO;
        }
        NotificationSettings settings = notifications.of(row.userId());
        if (settings == null || settings.webhookUrl == null || settings.webhookSecret == null) {
            return skip(row, "webhook", "no webhook");
        }
        String url = settings.webhookUrl;
        int attempt = row.attempts() + 1;
        Integer status = null;
        String failure;
        try {
            byte[] body = body(row, attempt);
            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(webhookTimeout)
                    .header("Content-Type", "application/json; charset=utf-8")
                    .header("User-Agent", "dealer-panel-tracker")
                    .header("X-Tracker-Event", "digest")
                    .header("X-Tracker-Delivery", row.id() + "-" + attempt)
                    .header(WebhookSigner.HEADER, WebhookSigner.sign(settings.webhookSecret, body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            HttpResponse<Void> response = client().send(request, HttpResponse.BodyHandlers.discarding());
            status = response.statusCode();
            failure = status >= 200 && status < 300 ? null : "the receiver answered HTTP " + status;
        } catch (IOException | RuntimeException e) {
            failure = reason(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "interrupted";
        }
        if (failure != null) {
            update(row.id(), "webhook", "FAILED", url, status, failure);
            audit.record("digest.webhook.failed", "digest", row.id(),
                    detail(row, attempt, "url", url, "error", failure, "status", status));
            LOG.warnf("digest %d: webhook of user %s failed (attempt %d): %s", row.id(), row.username(), attempt, failure);
            return Outcome.FAILED;
        }
        update(row.id(), "webhook", "SENT", url, status, null);
        audit.record("digest.webhook.sent", "digest", row.id(), detail(row, attempt, "url", url, "status", status));
        return Outcome.SENT;
    }

    /**
     * The webhook's JSON body: the digest with absolute links where {@code tracker.public-url} is set. Built anew for
     * each attempt ({@code sentAt}, {@code attempt}); {@code digestId} stays the same across retries.
     */
    byte[] body(Row row, int attempt) {
        String base = base();
        List<DigestItem> items = new ArrayList<>();
        for (DigestItem i : items(row)) {
            items.add(absolute(i, base));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", "digest");
        body.put("digestId", row.id());
        body.put("user", row.username());
        body.put("day", row.day().toString());
        body.put("asOf", row.asOf().toString());
        body.put("since", row.since() == null ? null : row.since().toString());
        body.put("builtAt", row.builtAt().toString());
        body.put("sentAt", Instant.now().toString());
        body.put("attempt", attempt);
        body.put("page", base + "/digest");
        body.put("itemCount", items.size());
        body.put("items", items);
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static DigestItem absolute(DigestItem i, String base) {
        if (base.isEmpty()) {
            return i;
        }
        List<DigestItem.LinkEvidence> evidence = i.evidence() == null ? null : i.evidence().stream()
                .map(e -> new DigestItem.LinkEvidence(e.type(), e.contactKind(), e.value(), e.sha256(), prefix(base, e.url())))
                .toList();
        return new DigestItem(i.kind(), i.accountId(), i.platform(), i.handle(), i.flag(), i.metric(), i.flagSince(),
                i.ratio(), i.statusFrom(), i.statusTo(), i.platformStateFrom(), i.platformStateTo(), i.platformStateSince(),
                i.changedBy(), i.linkedAccountId(), i.linkedPlatform(), i.linkedHandle(), evidence, i.termId(), i.term(),
                i.category(), i.postId(), i.sha256(), i.hits(), i.more(), i.via(), prefix(base, i.url()),
                prefix(base, i.accountUrl()), prefix(base, i.linkedUrl()));
    }

    private static String prefix(String base, String path) {
        return path == null ? null : base + path;
    }

    private String base() {
        String b = publicUrl.orElse("").strip();
        return b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
    }

    List<DigestItem> items(Row row) {
        try {
            return TextInputModule.trustedReader(json).forType(ITEMS).readValue(row.itemsJson());
        } catch (IOException e) {
            throw new IllegalStateException("unreadable items of digest " + row.id(), e);
        }
    }

    private boolean due(Row row) {
        return ("PENDING".equals(row.state()) || "FAILED".equals(row.state())) && row.attempts() < maxAttempts;
    }

    private Row lock(long digestId, String channel) {
        return states.work(c -> {
            try (PreparedStatement st = c.prepareStatement("""
                    select d.id, d.user_id, u.username, d.day, d.as_of, d.since, d.built_at, d.item_count, d.items::text,
                           d.%1$s_state, d.%1$s_attempts
                      from digest d join app_user u on u.id = d.user_id
                     where d.id = ? for update of d skip locked""".formatted(channel))) {
                st.setLong(1, digestId);
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    Timestamp since = rs.getTimestamp(6);
                    return new Row(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getObject(4, LocalDate.class),
                            rs.getObject(5, LocalDate.class), since == null ? null : since.toInstant(),
                            rs.getTimestamp(7).toInstant(), rs.getInt(8), rs.getString(9), rs.getString(10), rs.getInt(11));
                }
            }
        });
    }

    private Outcome skip(Row row, String channel, String note) {
        states.work(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "update digest set %1$s_state = 'SKIPPED', %1$s_note = ? where id = ?".formatted(channel))) {
                st.setString(1, note);
                st.setLong(2, row.id());
                st.executeUpdate();
            }
            return null;
        });
        return Outcome.SKIPPED;
    }

    private void update(long id, String channel, String state, String target, Integer status, String note) {
        String targetColumn = channel.equals("mail") ? "mail_to" : "webhook_url";
        String sentAt = state.equals("SENT") ? ", %s_sent_at = now()".formatted(channel) : "";
        String statusColumn = channel.equals("webhook") ? ", webhook_status = ?" : "";
        states.work(c -> {
            try (PreparedStatement st = c.prepareStatement(("update digest set %1$s_state = ?, %1$s_attempts = %1$s_attempts + 1,"
                    + " " + targetColumn + " = ?, %1$s_note = ?" + sentAt + statusColumn + " where id = ?").formatted(channel))) {
                int i = 1;
                st.setString(i++, state);
                st.setString(i++, target);
                st.setString(i++, note);
                if (!statusColumn.isEmpty()) {
                    st.setObject(i++, status);
                }
                st.setLong(i, id);
                st.executeUpdate();
            }
            return null;
        });
    }

    private static Map<String, Object> detail(Row row, int attempt, Object... pairs) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("user", row.username());
        detail.put("day", row.day().toString());
        detail.put("items", row.itemCount());
        detail.put("attempt", attempt);
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                detail.put((String) pairs[i], pairs[i + 1]);
            }
        }
        return detail;
    }

    private static String reason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && (t.getMessage() == null || t instanceof java.util.concurrent.CompletionException)) {
            t = t.getCause();
        }
        String message = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
        return message.length() > 500 ? message.substring(0, 500) + "…" : message;
    }

    private HttpClient client() {
        if (http == null) {
            synchronized (this) {
                if (http == null) {
                    http = HttpClient.newBuilder().connectTimeout(webhookTimeout)
                            .followRedirects(HttpClient.Redirect.NEVER).build();
                }
            }
        }
        return http;
    }
}
