package org.dealerpanel.web.report;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.dealerpanel.report.service.ReportService;
import org.dealerpanel.web.i18n.ReportMessages;

/** Reads a report form's fields and collects what is wrong with them, in the page's language. */
final class FormCheck {
    private final ReportMessages m;
    final List<String> errors = new ArrayList<>();

    FormCheck(ReportMessages m) {
        this.m = m;
    }

    ReportMessages messages() {
        return m;
    }

    boolean ok() {
        return errors.isEmpty();
    }

    LocalDate date(String label, String value, boolean required) {
        if (value == null) {
            if (required) {
                errors.add(m.error_required(label));
            }
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(m.error_date(label, value));
            return null;
        }
    }

    /** A window from .. to: to not before from, and not longer than the services accept. */
    void window(String toLabel, LocalDate from, LocalDate to) {
        if (from == null || to == null) {
            return;
        }
        if (to.isBefore(from)) {
            errors.add(m.error_order(toLabel, from));
        } else if (ChronoUnit.DAYS.between(from, to) > ReportService.MAX_WINDOW_DAYS) {
            errors.add(m.error_too_long(toLabel, ReportService.MAX_WINDOW_DAYS));
        }
    }

    /** An event date strictly after from and on or before to (the services' rule). */
    void event(String label, LocalDate event, LocalDate from, LocalDate to) {
        if (event != null && from != null && to != null && (!event.isAfter(from) || event.isAfter(to))) {
            errors.add(m.error_event(label, from, to));
        }
    }

    int top(String label, String value, int fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= 1000) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(m.error_top(label));
        return fallback;
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
