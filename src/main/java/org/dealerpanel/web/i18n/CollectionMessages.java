package org.dealerpanel.web.i18n;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;
import java.time.LocalDate;

/**
 * The revisit schedule: the {@code /today} page and the schedule card of the account page. Texts live in
 * {@code messages/col_en.properties} and {@code messages/col_zh-CN.properties} (the same keys in both).
 */
@MessageBundle(value = "col", locale = "en")
public interface CollectionMessages {
    @Message String nav_today();
    @Message String title();
    @Message String intro();
    @Message String for_day(LocalDate date);
    @Message String is_today();
    // filters
    @Message String f_date();
    @Message String f_who();
    @Message String f_cohort();
    @Message String who_all();
    @Message String who_mine();
    @Message String who_none();
    // counts
    @Message String count_due();
    @Message String count_own();
    @Message String count_unassigned();
    @Message String count_others();
    @Message String count_risk(int days);
    // the due list
    @Message String due_title(LocalDate date);
    @Message String due_help(LocalDate date);
    @Message String due_empty();
    @Message String group(String group);
    @Message String col_account();
    @Message String col_cohorts();
    @Message String col_assignee();
    @Message String col_cadence();
    @Message String col_last_observed();
    @Message String col_last_active();
    @Message String col_status();
    @Message String col_marks();
    @Message String col_record();
    @Message String col_observed_since();
    @Message String col_unknown_on();
    @Message String unassigned();
    @Message String cadence(int days);
    @Message String cadence_from(String from, String cohort);
    @Message String never_observed();
    @Message String days_ago(int days);
    @Message String due_since(LocalDate date);
    @Message String unknown_in(int days);
    @Message String unknown_in_title(LocalDate date);
    @Message String trend_stops_in(int days);
    @Message String trend_stops_title(LocalDate date, int min, int window);
    // recording from a row
    @Message String rec_posts();
    @Message String rec_images();
    @Message String rec_submit();
    @Message String recorded(int posts, int images, LocalDate date);
    @Message String recorded_gone();
    // heading for UNKNOWN
    @Message String risk_title();
    @Message String risk_intro(int dormantDays, String minCoverage, int days);
    @Message String risk_none(int days);
    // coverage
    @Message String coverage_title();
    @Message String coverage_intro(LocalDate asOf, LocalDate from30, LocalDate from90);
    @Message String coverage_help();
    @Message String computed_at(String time);
    @Message String by_cohort();
    @Message String by_assignee();
    @Message String col_group_cohort();
    @Message String col_group_assignee();
    @Message String col_accounts();
    @Message String col_last30();
    @Message String col_last90();
    @Message String whole_panel();
    @Message String covered_of(long covered, long due);
    @Message String coverage_none();
    @Message String chart_30();
    @Message String chart_90();
    @Message String chart_axis();
    // the cohorts' cadence form
    @Message String cad_title();
    @Message String cad_days();
    @Message String cad_help();
    @Message String cadence_opt(Integer days);
    // the account page's card
    @Message String plan_title();
    @Message String plan_cadence();
    @Message String plan_own_cadence();
    @Message String plan_own_cadence_help();
    @Message String plan_assignee();
    @Message String plan_next_due(LocalDate date);
    @Message String plan_due_now(LocalDate date);
    @Message String plan_last_observed();
    @Message String plan_save();
    @Message String plan_today_link();
    // notices and errors
    @Message String notice(String key);
    @Message String errors_title();
    @Message String err_date(String value);
    @Message String err_cadence(int min, int max);
    @Message String err_count(String field);
    @Message String err_assignee(String name);
    @Message String err_cohort(String name);
    @Message String err_future();
}
