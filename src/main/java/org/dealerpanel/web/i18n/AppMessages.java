package org.dealerpanel.web.i18n;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;
import org.dealerpanel.account.PlatformState;
import org.dealerpanel.activity.ActivityStatus;
import org.dealerpanel.activity.FlagType;
import org.dealerpanel.lexicon.TermCategory;

/**
 * The shared page strings (layout, sign-in, enum names, watchlist). Texts live in
 * {@code messages/msg_en.properties} and {@code messages/msg_zh-CN.properties}; each page area has a bundle of
 * its own beside this one. {@code MessageBundlesTest} fails when a key lacks either language.
 */
@MessageBundle(value = "msg", locale = "en")
public interface AppMessages {
    // layout
    @Message String app_name();
    @Message String nav_watchlist();
    @Message String nav_reports();
    @Message String nav_report_cohort();
    @Message String nav_report_categories();
    @Message String nav_report_trend();
    @Message String nav_lexicon();
    @Message String nav_uploads();
    @Message String nav_admin();
    @Message String nav_signed_in_as(String user);
    @Message String nav_logout();
    @Message String nav_language();
    @Message String lang_en();
    @Message String lang_zh();
    @Message String role_viewer_note();
    @Message String common_yes();
    @Message String common_no();
    @Message String common_none();
    @Message String common_save();
    @Message String common_cancel();
    @Message String common_filter();
    @Message String common_reset();
    @Message String common_previous();
    @Message String common_next();
    @Message String common_page_of(int page, long pages);
    @Message String common_download_csv();
    @Message String common_all();
    @Message String common_days(Integer n);
    @Message String common_since(java.time.LocalDate date);
    @Message String common_not_found();
    @Message String common_loading();
    // error pages
    @Message String error_title(int status);
    @Message String error_403();
    @Message String error_404();
    @Message String error_other();
    @Message String error_back();
    // sign-in
    @Message String login_title();
    @Message String login_username();
    @Message String login_password();
    @Message String login_submit();
    @Message String login_error();
    @Message String login_throttled();
    @Message String login_logged_out();
    @Message String login_hint();
    // enum names
    @Message String status(ActivityStatus s);
    @Message String flag(FlagType f);
    @Message String platform_state(PlatformState p);
    @Message String category(TermCategory c);
    @Message String metric(String m);
    // watchlist
    @Message String watchlist_title();
    @Message String watchlist_as_of(java.time.LocalDate date);
    @Message String watchlist_previous_day(java.time.LocalDate date);
    @Message String watchlist_total(long n);
    @Message String watchlist_col_platform();
    @Message String watchlist_col_handle();
    @Message String watchlist_col_name();
    @Message String watchlist_col_dealer();
    @Message String watchlist_col_cohorts();
    @Message String watchlist_col_status();
    @Message String watchlist_col_flags();
    @Message String watchlist_col_last_active();
    @Message String watchlist_col_posts28();
    @Message String watchlist_col_images28();
    @Message String watchlist_col_trend();
    @Message String watchlist_filter_platform();
    @Message String watchlist_filter_cohort();
    @Message String watchlist_filter_status();
    @Message String watchlist_filter_flag();
    @Message String watchlist_filter_q();
    @Message String watchlist_filter_size();
    @Message String watchlist_sort();
    @Message String watchlist_empty();
    @Message String watchlist_ratio(String ratio);
    @Message String watchlist_sparkline_legend();
    @Message String watchlist_count_all();
}
