package org.dealerpanel.web.i18n;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;
import java.time.LocalDate;
import org.dealerpanel.report.service.CohortComparison.Outcome;

/**
 * The report pages ({@code /reports/cohort}, {@code /reports/categories}, {@code /reports/trend}). Texts live in
 * {@code messages/rpt_en.properties} and {@code messages/rpt_zh-CN.properties}.
 */
@MessageBundle(value = "rpt", locale = "en")
public interface ReportMessages {
    // shared by the three pages
    @Message String subnav_label();
    @Message String field_cohort();
    @Message String field_from();
    @Message String field_to();
    @Message String field_event();
    @Message String label_event();
    @Message String field_top();
    @Message String date_placeholder();
    @Message String all_accounts();
    @Message String run();
    @Message String errors_title();
    @Message String error_required(String field);
    @Message String error_date(String field, String value);
    @Message String error_order(String field, LocalDate from);
    @Message String error_too_long(String field, long days);
    @Message String error_unknown_cohort(String cohort);
    @Message String error_no_observations(String cohort);
    @Message String error_event(String field, LocalDate from, LocalDate to);
    @Message String error_top(String field);
    @Message String pct(String value);
    @Message String period(LocalDate from, LocalDate to);
    @Message String before(LocalDate date);
    @Message String after(LocalDate date);
    @Message String matched_posts();
    @Message String matched_posts_n(String n);
    @Message String total();
    @Message String col_handle();
    @Message String col_platform();
    @Message String col_posts();
    @Message String col_images();
    @Message String col_share();
    @Message String col_rank();
    @Message String match_default_hint();
    @Message String chart_note();

    // cohort comparison
    @Message String cohort_title();
    @Message String cohort_intro();
    @Message String choose_cohort();
    @Message String cohort_members(long n);
    @Message String baseline();
    @Message String followup();
    @Message String label_baseline_from();
    @Message String label_baseline_to();
    @Message String label_followup_from();
    @Message String label_followup_to();
    @Message String cohort_default_hint();
    @Message String cohort_pick();
    @Message String cohort_heading(String cohort);
    @Message String cohort_windows(LocalDate baselineFrom, LocalDate baselineTo, long baselineDays,
                                   LocalDate followupFrom, LocalDate followupTo, long followupDays);
    @Message String monitored();
    @Message String outcome(Outcome o);
    @Message String outcome_note(Outcome o);
    @Message String rates_title();
    @Message String rates_group();
    @Message String rates_all_baseline();
    @Message String rates_survivors_baseline();
    @Message String rates_survivors_followup();
    @Message String col_accounts();
    @Message String col_observed_days();
    @Message String col_posts_per_day();
    @Message String col_images_per_day();
    @Message String col_posts_per_account_day();
    @Message String col_images_per_account_day();
    @Message String col_outcome();
    @Message String change_title();
    @Message String metric_posts_per_day();
    @Message String metric_images_per_day();
    @Message String change_text(int accounts, String ratio, String percent, String low, String high, String p);
    @Message String change_significant();
    @Message String change_not_significant();
    @Message String change_excluded(int n);
    @Message String change_unavailable();
    @Message String change_method();
    @Message String chart_cohort_title();
    @Message String chart_baseline(LocalDate from, LocalDate to);
    @Message String chart_followup(LocalDate from, LocalDate to);
    @Message String accounts_title(int n);
    @Message String definitions_title();
    @Message String cohort_definitions();

    // category shares
    @Message String categories_title();
    @Message String categories_intro();
    @Message String col_category();
    @Message String categories_empty();
    @Message String compare_title();
    @Message String share_axis();
    @Message String categories_rule();

    // monthly trend and concentration
    @Message String trend_title();
    @Message String trend_intro();
    @Message String col_month();
    @Message String col_new_posts();
    @Message String col_matched_posts();
    @Message String col_matched_share();
    @Message String posts_axis();
    @Message String event_marker(LocalDate date);
    @Message String trend_summary_title();
    @Message String col_period();
    @Message String col_months();
    @Message String col_new_per_month();
    @Message String col_matched_per_month();
    @Message String months_title();
    @Message String concentration_title();
    @Message String concentration_intro(long n);
    @Message String top_accounts();
    @Message String top_platforms();
    @Message String concentration_empty();
    @Message String download_trend_csv();
    @Message String download_concentration_csv();
}
