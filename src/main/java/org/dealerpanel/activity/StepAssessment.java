package org.dealerpanel.activity;

import java.time.LocalDate;
import org.dealerpanel.activity.stats.RateTestResult;

/**
 * The step test of one metric as of a date, whether or not it raised a flag (for evidence and
 * diagnostics).
 *
 * @param metric       POSTS or IMAGES
 * @param recentFrom   first day of the recent window (D − recentWindowDays + 1)
 * @param recentTo     D
 * @param baselineFrom first day of the baseline window
 * @param baselineTo   the day before recentFrom
 * @param eligible     both windows have at least minObservedDays observed days
 * @param test         the quasi-Poisson test on the full windows (null if not eligible)
 * @param robustUp     the test with the recent window's largest day left out (null if not needed)
 * @param robustUpDay  the day left out for robustUp
 * @param robustDown   the test with the baseline window's largest day left out (null if not needed)
 * @param robustDownDay the day left out for robustDown
 * @param steppedUp    STEPPED_UP raised
 * @param steppedDown  STEPPED_DOWN raised
 */
public record StepAssessment(Metric metric, LocalDate recentFrom, LocalDate recentTo,
                             LocalDate baselineFrom, LocalDate baselineTo, boolean eligible,
                             RateTestResult test, RateTestResult robustUp, LocalDate robustUpDay,
                             RateTestResult robustDown, LocalDate robustDownDay,
                             boolean steppedUp, boolean steppedDown) {
}
