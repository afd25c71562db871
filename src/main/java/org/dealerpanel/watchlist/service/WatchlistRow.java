package org.dealerpanel.watchlist.service;

import java.util.List;

/**
 * One watchlist line: the account as the API shows it, its dealer's name, and its last 28 days.
 *
 * @param dailyPosts posts per day over the 28 days ending as-of, oldest first; null where the day was not observed
 */
public record WatchlistRow(AccountView account, String dealerName, long posts28, long images28, int observedDays28,
                           List<Integer> dailyPosts, List<Integer> dailyImages) {
}
