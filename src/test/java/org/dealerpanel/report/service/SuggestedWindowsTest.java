package org.dealerpanel.report.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class SuggestedWindowsTest {
    static LocalDate d(String s) {
        return LocalDate.parse(s);
    }

    @Test
    void firstFullCalendarYearAndTheNext() {
        // the demo cohort: observed from 2015-01-01 to recently
        assertEquals(new ReportService.Windows(d("2015-01-01"), d("2015-12-31"), d("2016-01-01"), d("2016-12-31")),
                ReportService.windows(d("2015-01-01"), d("2026-11-27")));
        // starting in March: 2016 is the first full year
        assertEquals(new ReportService.Windows(d("2016-01-01"), d("2016-12-31"), d("2017-01-01"), d("2017-12-31")),
                ReportService.windows(d("2015-03-14"), d("2019-02-01")));
    }

    @Test
    void followupIsCutAtTheLastObservedDay() {
        assertEquals(new ReportService.Windows(d("2015-01-01"), d("2015-12-31"), d("2016-01-01"), d("2016-06-30")),
                ReportService.windows(d("2015-01-01"), d("2016-06-30")));
    }

    @Test
    void withoutASecondCalendarYearTheObservedSpanIsHalved() {
        assertEquals(new ReportService.Windows(d("2016-03-01"), d("2016-03-30"), d("2016-03-31"), d("2016-04-29")),
                ReportService.windows(d("2016-03-01"), d("2016-04-29")));
        assertEquals(new ReportService.Windows(d("2016-03-01"), d("2016-03-01"), d("2016-03-01"), d("2016-03-01")),
                ReportService.windows(d("2016-03-01"), d("2016-03-01")));
    }
}
