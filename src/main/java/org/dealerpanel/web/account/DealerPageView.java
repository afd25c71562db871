package org.dealerpanel.web.account;

import java.text.DecimalFormat;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.dealerpanel.account.service.DealerService.DealerView;
import org.dealerpanel.activity.service.ActivityView.FlagView;
import org.dealerpanel.watchlist.service.WatchlistRow;

/** What the dealer page shows: the dealer, its accounts as watchlist rows, and their daily counts side by side. */
public record DealerPageView(DealerView dealer, List<WatchlistRow> rows, LocalDate asOf, LocalDate from, LocalDate to,
                             String chartJson, Map<Long, LocalDate> firstSnapshots) {
    /** The day the account's status began, when the snapshot history shows it (see AccountPageView.knownSince). */
    public LocalDate since(WatchlistRow row) {
        return AccountPageView.knownSince(row.account().statusSince(), firstSnapshots.get(row.account().id()));
    }

    public String ratio(FlagView flag) {
        Object ratio = flag.evidence() == null ? null : flag.evidence().get("ratio");
        if (ratio instanceof Number n && Double.isFinite(n.doubleValue())) {
            return new DecimalFormat("0.0#").format(n.doubleValue());
        }
        return null;
    }
}
