package org.dealerpanel.watch.service;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dealerpanel.watch.DigestItem;

/**
 * The digest as an e-mail: subject, plain text and HTML (Qute; the HTML escapes everything dealers or users wrote),
 * in the user's language, with the texts of the {@code dig} and {@code msg} message bundles.
 */
public final class DigestMail {
    private DigestMail() {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance mailSubject(MailView view);

        static native TemplateInstance mailText(MailView view);

        static native TemplateInstance mailHtml(MailView view);
    }

    /** One group of items (flags, status, platform, links, terms). */
    public record Group(String name, List<DigestItem> items) {
    }

    /**
     * What the mail shows. {@code base} is {@code tracker.public-url} (may be empty: the links are then paths of the
     * service).
     */
    public record MailView(String user, LocalDate day, LocalDate asOf, int count, List<Group> groups, String base) {
        public String link(String path) {
            return path == null ? "" : base + path;
        }

        public String pageUrl() {
            return base + "/digest";
        }

        public boolean hasBase() {
            return !base.isEmpty();
        }
    }

    /** Items by group, in the order they come (the builder sorts them by group first). */
    public static List<Group> groups(List<DigestItem> items) {
        Map<String, List<DigestItem>> byGroup = new LinkedHashMap<>();
        for (DigestItem i : items) {
            byGroup.computeIfAbsent(i.group(), k -> new ArrayList<>()).add(i);
        }
        List<Group> out = new ArrayList<>();
        byGroup.forEach((name, list) -> out.add(new Group(name, list)));
        return out;
    }

    public record Rendered(String subject, String text, String html) {
    }

    static Rendered render(MailView view, String language) {
        Locale locale = Locale.forLanguageTag(language);
        String subject = Templates.mailSubject(view).setLocale(locale).render().strip().replaceAll("\\s+", " ");
        String text = Templates.mailText(view).setLocale(locale).render();
        String html = Templates.mailHtml(view).setLocale(locale).render();
        return new Rendered(subject, text, html);
    }
}
