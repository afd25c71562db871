package org.dealerpanel.web.i18n;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;
import java.time.LocalDate;

/**
 * The strings of the account and dealer pages. Texts live in {@code messages/acct_en.properties} and
 * {@code messages/acct_zh-CN.properties} (the same keys in both). Enum names come from {@link AppMessages}.
 */
@MessageBundle(value = "acct", locale = "en")
public interface AccountMessages {
    // account page: header and facts
    @Message String account_title();
    @Message String account_platform();
    @Message String account_handle();
    @Message String account_display_name();
    @Message String account_status();
    @Message String account_status_as_of(LocalDate date);
    @Message String account_last_active();
    @Message String account_never_active();
    @Message String account_silent_days(Integer n);
    @Message String account_first_seen();
    @Message String account_platform_state();
    @Message String account_cohorts();
    @Message String account_dealer();
    @Message String account_dealer_other();
    @Message String account_no_dealer();
    @Message String account_no_other();
    @Message String account_notes();
    @Message String account_no_notes();
    @Message String account_facts();
    @Message String account_not_found(long id);
    @Message String account_back();

    // timeline
    @Message String timeline_title();
    @Message String timeline_from();
    @Message String timeline_to();
    @Message String timeline_show();
    @Message String timeline_last_90();
    @Message String timeline_last_365();
    @Message String timeline_all();
    @Message String timeline_observed(long observed, int days);
    @Message String timeline_never_observed();
    @Message String timeline_nothing_in_window();
    @Message String timeline_help();
    @Message String chart_posts();
    @Message String chart_images();
    @Message String chart_unobserved();
    @Message String chart_axis();
    @Message String chart_last_active();
    @Message String chart_silent(int days);
    @Message String chart_platform(String state);
    @Message String chart_status_change(String status);
    @Message String chart_flag(String flag, String metric);

    // status evidence
    @Message String status_evidence_title();
    @Message String st_never(String date);
    @Message String st_active_today(String last);
    @Message String st_recent(String last, String silent, String dormant);
    @Message String st_not_covered(String last, String silent, String observed, String coverage, String min);
    @Message String st_silent(String last, String silent, String observed, String coverage, String dormant, String ceased);
    @Message String st_silent_long(String last, String silent, String observed, String coverage, String ceased);
    @Message String st_platform_state();
    @Message String st_platform_since(String since);
    @Message String st_platform_gone();
    @Message String st_counts_alone();
    @Message String st_thresholds(String dormant, String ceased, String coverage);
    @Message String st_source(boolean snapshot);

    // flag evidence
    @Message String flags_title();
    @Message String flags_none(LocalDate date);
    @Message String flag_since(String since);
    @Message String ev_recent(String from, String to, String rate, String total, String days);
    @Message String ev_baseline(String from, String to, String rate, String total, String days);
    @Message String ev_ratio(String ratio, String low, String high);
    @Message String ev_ratio_infinite();
    @Message String ev_not_tested();
    @Message String ev_p(String p);
    @Message String ev_rule_up(String ratio, String alpha);
    @Message String ev_rule_down(String ratio, String alpha);
    @Message String ev_robust_up(String day, String count, String ratio, String p);
    @Message String ev_robust_down(String day, String count, String ratio, String p);
    @Message String ev_reactivated(String on, String silent, String before, String observed, String coverage);
    @Message String ev_test();

    // linked accounts
    @Message String links_title();
    @Message String links_help();
    @Message String links_none();
    @Message String links_col_account();
    @Message String links_col_evidence();
    @Message String link_contact();
    @Message String link_image();
    @Message String link_here();
    @Message String link_there();
    @Message String sighting_post(Long id);
    @Message String sighting_image();
    @Message String sighting_posted_on(LocalDate date);
    @Message String contact_kind(String kind);

    // images
    @Message String gallery_title(long n);
    @Message String gallery_showing(int shown, long total);
    @Message String gallery_none();
    @Message String ocr_status(String status);
    @Message String ocr_text();
    @Message String ocr_no_text();
    @Message String ocr_pending();
    @Message String ocr_failed(String reason);
    @Message String image_terms();
    @Message String image_contacts();
    @Message String image_posted_on(LocalDate date);
    @Message String image_open();
    @Message String image_alt(String sha);

    // posts
    @Message String posts_title(long n);
    @Message String posts_none();
    @Message String post_external(String id);
    @Message String post_no_text();
    @Message String post_terms();
    @Message String post_contacts();

    // observations
    @Message String obs_title();
    @Message String obs_none();
    @Message String obs_col_date();
    @Message String obs_col_posts();
    @Message String obs_col_images();
    @Message String obs_col_source();
    @Message String obs_col_by();

    // forms (investigators)
    @Message String form_title();
    @Message String form_obs_title();
    @Message String form_obs_help();
    @Message String form_date();
    @Message String form_posts();
    @Message String form_images();
    @Message String form_obs_submit();
    @Message String form_details_title();
    @Message String form_display_name();
    @Message String form_notes();
    @Message String form_details_submit();
    @Message String form_state_title();
    @Message String form_state();
    @Message String form_state_since();
    @Message String form_state_help();
    @Message String form_state_submit();
    @Message String form_errors();
    @Message String field(String field);
    @Message String err_required();
    @Message String err_date();
    @Message String err_future();
    @Message String err_whole();
    @Message String err_negative();
    @Message String err_too_large(int max);
    @Message String err_too_long(int max);
    @Message String err_window(int max);
    @Message String notice(String notice);
    @Message String notice_counts(LocalDate day, int posts, int images);
    @Message String colon();

    // dealer page
    @Message String dealer_title();
    @Message String dealer_notes();
    @Message String dealer_no_notes();
    @Message String dealer_accounts(int n);
    @Message String dealer_no_accounts();
    @Message String dealer_chart_title();
    @Message String dealer_chart_posts();
    @Message String dealer_chart_images();
    @Message String dealer_window(LocalDate from, LocalDate to);
    @Message String dealer_not_found(long id);
    @Message String dealer_recent_help();
}
