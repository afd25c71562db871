package org.dealerpanel.activity;

import java.time.LocalDate;
import java.util.Map;

/**
 * A trend flag as of a date.
 *
 * @param type     STEPPED_UP / STEPPED_DOWN / REACTIVATED
 * @param metric   POSTS or IMAGES for the step flags, ACTIVITY (any post or image) for REACTIVATED
 * @param since    first day of the recent window for step flags; the first active day after the
 *                 silence for REACTIVATED
 * @param evidence rates, ratio with 95% interval, p-value, windows, observed-day counts, dispersion
 *                 (JSON-friendly: dates, numbers, strings, nested maps; non-finite numbers are null)
 */
public record TrendFlag(FlagType type, Metric metric, LocalDate since, Map<String, Object> evidence) {
}
