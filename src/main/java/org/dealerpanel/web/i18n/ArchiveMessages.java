package org.dealerpanel.web.i18n;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The strings of the archive: the search box of the layout, the search page and the re-match progress fragment.
 * Texts live in {@code messages/arc_en.properties} and {@code messages/arc_zh-CN.properties} (the same keys in both).
 */
@MessageBundle(value = "arc", locale = "en")
public interface ArchiveMessages {
    // the search box in the top bar of every page
    @Message String top_search_label();
    @Message String top_search_placeholder();
    // the search page
    @Message String search_title();
    @Message String search_q();
    @Message String search_submit();
    @Message String search_hint();
    @Message String search_filter_kind();
    @Message String search_filter_account();
    @Message String search_filter_cohort();
    @Message String search_filter_platform();
    @Message String search_filter_from();
    @Message String search_filter_to();
    @Message String search_kind(String kind);
    @Message String search_total(long n);
    @Message String search_total_more(long n);
    @Message String search_read_as(String normalised);
    @Message String search_contact_ids();
    @Message String search_contact_kind(String kind);
    @Message String search_empty();
    @Message String search_error();
    @Message String search_error_q();
    @Message String search_error_date();
    @Message String search_error_account();
    @Message String search_error_kind();
    @Message String search_error_cohort();
    @Message String search_col_kind();
    @Message String search_col_accounts();
    @Message String search_col_day();
    @Message String search_col_snippet();
    @Message String search_col_open();
    @Message String search_open_post(long id);
    @Message String search_open_image();
    @Message String search_only_account();
    @Message String search_account_filtered(String label);
    // re-match progress (a fragment the lexicon page loads with htmx)
    @Message String rescan_running(int version, long done, long total);
    @Message String rescan_idle(int version);
    @Message String rescan_finished_at(String day, String time);
    @Message String rescan_changed(long texts, long added, long superseded);
}
