package org.dealerpanel.watch.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.dealerpanel.audit.service.AuditService;
import org.dealerpanel.common.ApiException;
import org.dealerpanel.common.FieldError;
import org.dealerpanel.watch.NotificationSettings;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Where a user's digests go: an e-mail address, a webhook (URL + secret), the language of the mail. */
@ApplicationScoped
public class NotificationService {
    static final Pattern EMAIL = Pattern.compile("[^@\\s<>\"',;]{1,64}@[^@\\s<>\"',;]+\\.[^@\\s<>\"',;.]+");
    static final int MAX_URL = 2000;

    @Inject
    WatchService watches;
    @Inject
    AuditService audit;
    @Inject
    MailSwitch mail;
    @ConfigProperty(name = "tracker.web.default-language", defaultValue = "en")
    String defaultLanguage;

    /**
     * The settings as the API shows them (never the webhook secret). {@code language} null means the service's default
     * ({@code effectiveLanguage}); {@code mailEnabled} says whether this service sends e-mail at all.
     */
    public record SettingsView(String email, String webhookUrl, boolean webhookSecretSet, String language,
                               String effectiveLanguage, boolean mailEnabled, Instant updatedAt) {
    }

    /**
     * A change: each field is changed only when {@code *Given} (null then clears it). A blank webhook secret with a
     * URL keeps the stored secret.
     */
    public record Change(boolean emailGiven, String email, boolean webhookUrlGiven, String webhookUrl,
                         boolean webhookSecretGiven, String webhookSecret, boolean languageGiven, String language) {
    }

    @Transactional
    public SettingsView get(String username) {
        long userId = watches.userId(username);
        return view(NotificationSettings.findById(userId));
    }

    /** The stored settings of a user (null when there are none), for sending. */
    @Transactional(Transactional.TxType.MANDATORY)
    public NotificationSettings of(long userId) {
        return NotificationSettings.findById(userId);
    }

    /** The language of a user's mail: theirs, else the service's default. */
    public String languageOf(NotificationSettings settings) {
        return settings != null && settings.language != null ? settings.language : defaultLanguage();
    }

    /** Validates and stores a change; every bad field is named (400). Audited without the secret's value. */
    @Transactional
    public SettingsView update(String username, Change change) {
        long userId = watches.userId(username);
        List<FieldError> errors = new ArrayList<>();
        String email = change.emailGiven() ? email(change.email(), errors) : null;
        String url = change.webhookUrlGiven() ? webhookUrl(change.webhookUrl(), errors) : null;
        String secret = change.webhookSecretGiven() ? secret(change.webhookSecret(), errors) : null;
        String language = change.languageGiven() ? language(change.language(), errors) : null;

        NotificationSettings s = NotificationSettings.findById(userId);
        boolean isNew = s == null;
        if (isNew) {
            s = new NotificationSettings();
            s.userId = userId;
        }
        String newUrl = change.webhookUrlGiven() ? url : s.webhookUrl;
        String newSecret = change.webhookSecretGiven() && secret != null ? secret
                : change.webhookUrlGiven() && url == null ? null : s.webhookSecret;
        if (newUrl != null && newSecret == null && errors.stream().noneMatch(e -> "webhookSecret".equals(e.field()))) {
            errors.add(FieldError.field("webhookSecret", "is required with a webhook URL (16 to 200 characters)"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("the notification settings are not valid", errors);
        }
        Map<String, Object> changed = new LinkedHashMap<>();
        if (change.emailGiven() && !Objects.equals(email, s.email)) {
            changed.put("email", Map.of("from", String.valueOf(s.email), "to", String.valueOf(email)));
            s.email = email;
        }
        if (!Objects.equals(newUrl, s.webhookUrl)) {
            changed.put("webhookUrl", Map.of("from", String.valueOf(s.webhookUrl), "to", String.valueOf(newUrl)));
            s.webhookUrl = newUrl;
        }
        if (!Objects.equals(newSecret, s.webhookSecret)) {
            changed.put("webhookSecret", newSecret == null ? "removed" : "changed");
            s.webhookSecret = newSecret;
        }
        if (change.languageGiven() && !Objects.equals(language, s.language)) {
            changed.put("language", Map.of("from", String.valueOf(s.language), "to", String.valueOf(language)));
            s.language = language;
        }
        if (!changed.isEmpty()) {
            s.updatedAt = Instant.now();
            if (isNew) {
                s.persist();
            }
            changed.put("user", username);
            audit.record("notifications.update", "user", username, changed);
        }
        return view(s);
    }

    private SettingsView view(NotificationSettings s) {
        if (s == null) {
            return new SettingsView(null, null, false, null, defaultLanguage(), mail.enabled(), null);
        }
        return new SettingsView(s.email, s.webhookUrl, s.webhookSecret != null, s.language, languageOf(s),
                mail.enabled(), s.updatedAt);
    }

    private String defaultLanguage() {
        return "zh-CN".equalsIgnoreCase(defaultLanguage) || "zh".equalsIgnoreCase(defaultLanguage) ? "zh-CN" : "en";
    }

    static String email(String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.length() > 254 || !EMAIL.matcher(v).matches()) {
            errors.add(FieldError.field("email", "must be an e-mail address such as name@example.org"));
            return null;
        }
        return v;
    }

    /** Only http and https, with a host, no user name or password in it, no fragment. */
    static String webhookUrl(String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        String problem = null;
        if (v.length() > MAX_URL) {
            problem = "is longer than " + MAX_URL + " characters";
        } else {
            try {
                URI uri = new URI(v);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
                if (!scheme.equals("http") && !scheme.equals("https")) {
                    problem = "must be an http or https URL";
                } else if (uri.getHost() == null || uri.getHost().isBlank()) {
                    problem = "must name a host";
                } else if (uri.getRawUserInfo() != null) {
                    problem = "must not carry a user name or password";
                } else if (uri.getRawFragment() != null) {
                    problem = "must not have a fragment (#…)";
                }
            } catch (URISyntaxException e) {
                problem = "is not a valid URL";
            }
        }
        if (problem != null) {
            errors.add(FieldError.field("webhookUrl", problem));
            return null;
        }
        return v;
    }

    static String secret(String value, List<FieldError> errors) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.length() < 16 || value.length() > 200 || !value.strip().equals(value)) {
            errors.add(FieldError.field("webhookSecret", "must be 16 to 200 characters, without spaces around it"));
            return null;
        }
        return value;
    }

    static String language(String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (!v.equals("en") && !v.equals("zh-CN")) {
            errors.add(FieldError.field("language", "must be en or zh-CN"));
            return null;
        }
        return v;
    }
}
