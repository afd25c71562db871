package org.dealerpanel.watchlist.service;

import org.dealerpanel.activity.ActivityStatus;
import org.dealerpanel.activity.FlagType;

/** Filters, sort and page of the panel list (API and watchlist page alike). */
public record WatchlistQuery(String platform, String cohort, ActivityStatus status, FlagType flag, String q,
                             int page, int size, String sort) {

    public WatchlistQuery withStatus(ActivityStatus newStatus) {
        return new WatchlistQuery(platform, cohort, newStatus, flag, q, page, size, sort);
    }
}
