package org.dealerpanel.watchlist.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.dealerpanel.account.PlatformState;
import org.dealerpanel.activity.ActivityStatus;
import org.dealerpanel.activity.service.ActivityView.FlagView;

/** An account as the API shows it: panel data plus its activity as of yesterday (status and flags from the activity package). */
public record AccountView(Long id, String platform, String handle, String displayName, String notes,
                          List<String> cohorts, LocalDate firstSeen, LocalDate lastActive, ActivityStatus status,
                          Integer silentDays, LocalDate statusSince, List<FlagView> flags, PlatformState platformState,
                          LocalDate platformStateSince, Long dealerId, Instant createdAt, Instant updatedAt) {
}
