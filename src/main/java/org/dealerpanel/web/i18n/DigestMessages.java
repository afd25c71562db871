package org.dealerpanel.web.i18n;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;
import java.time.LocalDate;
import org.dealerpanel.watch.WatchKind;

/**
 * Watches and the morning digest: the watch buttons of the account, dealer, lexicon and watchlist pages, the page
 * /digest, and the digest e-mail (rendered in the user's language). Texts: messages/dig_en.properties and
 * messages/dig_zh-CN.properties (the same keys in both).
 */
@MessageBundle(value = "dig", locale = "en")
public interface DigestMessages {
    @Message String nav_digest();
    // watch buttons
    @Message String watch();
    @Message String watching();
    @Message String unwatch();
    @Message String watch_hint();
    @Message String unwatch_hint();
    // the page
    @Message String page_title();
    @Message String page_intro(String time, String zone);
    @Message String page_intro_off();
    @Message String notice(String what);
    @Message String watches_title();
    @Message String watches_empty();
    @Message String col_kind();
    @Message String col_target();
    @Message String col_since();
    @Message String kind(WatchKind k);
    @Message String target_gone(long id);
    // delivery settings
    @Message String settings_title();
    @Message String settings_email();
    @Message String settings_webhook_url();
    @Message String settings_webhook_secret();
    @Message String settings_secret_set();
    @Message String settings_secret_hint();
    @Message String settings_remove_webhook();
    @Message String settings_language();
    @Message String settings_language_default(String lang);
    @Message String settings_save();
    @Message String settings_mail_off();
    @Message String errors_title();
    @Message String err_field(String field);
    // digests
    @Message String digests_title();
    @Message String digests_empty();
    @Message String digest_day(LocalDate day);
    @Message String digest_meta(LocalDate asOf, int count);
    @Message String digest_built(String at);
    @Message String digest_since(String at);
    @Message String digest_nothing();
    @Message String delivery_mail();
    @Message String delivery_webhook();
    @Message String delivery_state(String state);
    @Message String delivery_attempts(int n);
    @Message String skip_reason(String code);
    @Message String group(String g);
    @Message String item_flag_new();
    @Message String item_flag_cleared();
    @Message String item_since(LocalDate day);
    @Message String item_status();
    @Message String item_platform();
    @Message String item_state_since(LocalDate day);
    @Message String item_changed_by(String who);
    @Message String item_linked_to();
    @Message String evidence_contact(String kind);
    @Message String evidence_image();
    @Message String item_term_hits(int hits);
    @Message String item_in_post();
    @Message String item_in_image();
    @Message String item_term_more(int n);
    @Message String via();
    @Message String open_evidence();
    @Message String older();
    @Message String newer();
    // the e-mail
    @Message String mail_subject(LocalDate day, int count);
    @Message String mail_greeting(String user);
    @Message String mail_intro(LocalDate asOf);
    @Message String mail_footer();
}
