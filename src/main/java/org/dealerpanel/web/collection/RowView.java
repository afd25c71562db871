package org.dealerpanel.web.collection;

import java.time.LocalDate;
import org.dealerpanel.collection.service.DueService.DueRow;

/**
 * What one row of the due list needs besides the row itself: the day, the warning horizon, the number of columns,
 * the trend rule's window, and an error of the row's record form (null: none).
 */
public record RowView(LocalDate date, int warnDays, int columns, int minObservedDays, int recentWindowDays,
                      String error) {
    /** The columns after the account's. */
    public int restColumns() {
        return columns - 1;
    }

    /** The trend mark is shown when the recent window falls below its threshold within the horizon. */
    public boolean trendWarn(DueRow r) {
        return r.trendFlagsStopInDays() != null && r.trendFlagsStopInDays() <= warnDays;
    }

    public String groupName(DueRow r) {
        return r.group() == null ? "" : r.group().name();
    }
}
