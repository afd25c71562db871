package org.dealerpanel.web.digest;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.dealerpanel.common.FieldError;
import org.dealerpanel.common.PanelClock;
import org.dealerpanel.watch.service.DigestMail;
import org.dealerpanel.watch.service.DigestService;
import org.dealerpanel.watch.service.NotificationService;
import org.dealerpanel.watch.service.WatchService;

/**
 * The digest page: what the user watches, where the digest goes (form), and the digests, today's first.
 *
 * @param schedule the morning time ("07:00") or the cron expression; null when the job is off
 */
public record DigestPageView(List<WatchService.WatchView> watches, NotificationService.SettingsView settings,
                             SettingsForm form, List<FieldError> errors, List<Card> digests, int page, boolean older,
                             String notice, String schedule, String zone) {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** The settings form as shown: what was typed (after an error) or what is stored. */
    public record SettingsForm(String email, String webhookUrl, String language) {
        public boolean isLanguage(String l) {
            return l.equals(language == null ? "" : language);
        }
    }

    /** One digest with its items grouped. */
    public record Card(DigestService.DigestView digest, List<DigestMail.Group> groups) {
        public String builtAt() {
            return time(digest.builtAt());
        }

        public String since() {
            return digest.since() == null ? null : time(digest.since());
        }

        public String mailSentAt() {
            return time(digest.mail().sentAt());
        }

        public String webhookSentAt() {
            return time(digest.webhook().sentAt());
        }

        /** Why a channel was not sent, as a code for the bundle: NOTHING, NO_ADDRESS, MAIL_OFF, NO_WEBHOOK, OTHER. */
        public String skipReason(DigestService.Delivery d) {
            String note = d.note() == null ? "" : d.note();
            if (note.startsWith("nothing")) {
                return "NOTHING";
            }
            if (note.startsWith("no e-mail")) {
                return "NO_ADDRESS";
            }
            if (note.startsWith("e-mail is off")) {
                return "MAIL_OFF";
            }
            if (note.startsWith("no webhook")) {
                return "NO_WEBHOOK";
            }
            return "OTHER";
        }
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    /** An instant as a time of the panel's zone. */
    public String when(Instant at) {
        return time(at);
    }

    public boolean newer() {
        return page > 0;
    }

    static String time(Instant at) {
        return at == null ? "" : TIME.format(at.atZone(PanelClock.zone()));
    }
}
