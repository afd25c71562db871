package org.dealerpanel.web.i18n;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;
import java.time.LocalDate;
import org.dealerpanel.security.Role;

/**
 * The strings of the lexicon, uploads and users pages. Texts live in {@code messages/ops_en.properties} and
 * {@code messages/ops_zh-CN.properties} (the same keys in both).
 */
@MessageBundle(value = "ops", locale = "en")
public interface OpsMessages {
    // shared by the three pages
    @Message String error_invalid();
    @Message String error_not_found();
    @Message String field(String f);
    @Message String role(Role r);

    // lexicon
    @Message String lexicon_title();
    @Message String lexicon_total(long n);
    @Message String lexicon_intro();
    @Message String lexicon_all_categories();
    @Message String lexicon_category();
    @Message String lexicon_show_deactivated();
    @Message String lexicon_add_title();
    @Message String lexicon_add_submit();
    @Message String lexicon_add_hint();
    @Message String lexicon_choose_category();
    @Message String lexicon_col_term();
    @Message String lexicon_col_language();
    @Message String lexicon_col_added();
    @Message String lexicon_col_deactivated();
    @Message String lexicon_col_source();
    @Message String lexicon_col_note();
    @Message String lexicon_col_by();
    @Message String lexicon_active();
    @Message String lexicon_deactivated_on(LocalDate date);
    @Message String lexicon_deactivate();
    @Message String lexicon_group_count(long active, int all);
    @Message String lexicon_empty();
    @Message String lexicon_added(String term);
    @Message String lexicon_deactivated(String term);
    @Message String lexicon_error_duplicate();

    // uploads
    @Message String uploads_title();
    @Message String uploads_readonly();
    @Message String upload_failed();
    @Message String upload_too_large();
    @Message String upload_forbidden();
    @Message String upload_sending();
    @Message String upload_processing();
    @Message String csv_title();
    @Message String csv_hint();
    @Message String csv_file();
    @Message String csv_source();
    @Message String csv_source_placeholder();
    @Message String csv_submit();
    @Message String csv_choose_file();
    @Message String csv_source_too_long(int max);
    @Message String csv_imported(String file);
    @Message String csv_rows();
    @Message String csv_inserted();
    @Message String csv_updated();
    @Message String csv_unchanged();
    @Message String csv_sha256();
    @Message String csv_bad_lines(long n);
    @Message String csv_refused();
    @Message String csv_file_name(String file);
    @Message String csv_errors_truncated(int shown, long total);
    @Message String csv_col_line();
    @Message String csv_col_problem();
    @Message String images_title();
    @Message String images_hint();
    @Message String images_account();
    @Message String images_platform();
    @Message String images_handle();
    @Message String images_or();
    @Message String images_account_id();
    @Message String images_files();
    @Message String images_posted_on();
    @Message String images_submit();
    @Message String images_choose_account();
    @Message String images_choose_files();
    @Message String images_account_id_invalid();
    @Message String images_summary(long queued, long duplicates, long refused);
    @Message String images_for_account();
    @Message String images_col_file();
    @Message String images_col_result();
    @Message String images_col_details();
    @Message String images_queued();
    @Message String images_duplicate();
    @Message String images_refused();
    @Message String images_refused_bad();
    @Message String images_refused_too_large();
    @Message String images_account_not_found();
    @Message String images_not_sent();
    @Message String ocr_title();
    @Message String ocr_hint();
    @Message String ocr_percent(int percent);
    @Message String ocr_empty();
    @Message String ocr_queued();
    @Message String ocr_running();
    @Message String ocr_done();
    @Message String ocr_failed();
    @Message String ocr_total();
    @Message String ocr_status(String s);
    @Message String imports_title();
    @Message String imports_hint();
    @Message String imports_none();
    @Message String imports_recent();
    @Message String imports_col_file();
    @Message String imports_col_by();
    @Message String imports_col_started();
    @Message String imports_col_phase();
    @Message String imports_col_progress();
    @Message String imports_col_state();
    @Message String imports_col_result();
    @Message String imports_phase(String p);
    @Message String imports_state(String s);
    @Message String imports_percent(int percent);
    @Message String imports_rows_read(long rows);
    @Message String imports_megabytes(String read);
    @Message String imports_megabytes_of(String read, String total);
    @Message String imports_bad_lines(long n);
    @Message String imports_bad_lines_total(long n);
    @Message String imports_reason(String r);
    @Message String imports_result(Long rows, Long inserted, Long updated, Long unchanged);

    // users (admin)
    @Message String admin_title();
    @Message String admin_total(int users, long enabled);
    @Message String admin_intro();
    @Message String admin_create_title();
    @Message String admin_create_submit();
    @Message String admin_username();
    @Message String admin_password();
    @Message String admin_role();
    @Message String admin_form_hint();
    @Message String admin_state();
    @Message String admin_enabled();
    @Message String admin_disabled();
    @Message String admin_enable();
    @Message String admin_disable();
    @Message String admin_reset_password();
    @Message String admin_new_password();
    @Message String admin_reset_submit();
    @Message String admin_created();
    @Message String admin_you();
    @Message String admin_error_exists();
    @Message String admin_username_rule();
    @Message String admin_password_rule(int min);
    @Message String admin_role_rule();
    @Message String admin_notice_created(String user);
    @Message String admin_notice_role(String user);
    @Message String admin_notice_enabled(String user);
    @Message String admin_notice_disabled(String user);
    @Message String admin_notice_password(String user);
}
