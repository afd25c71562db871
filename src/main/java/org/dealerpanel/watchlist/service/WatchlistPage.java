package org.dealerpanel.watchlist.service;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.dealerpanel.activity.ActivityStatus;

/** A page of the watchlist, with how many accounts of the filtered panel have each status. */
public record WatchlistPage(LocalDate asOf, List<WatchlistRow> rows, long total, Map<ActivityStatus, Long> countsByStatus,
                            long countAllStatuses) {
}
