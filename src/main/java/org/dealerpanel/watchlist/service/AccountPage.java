package org.dealerpanel.watchlist.service;

import java.time.LocalDate;
import java.util.List;

/**
 * A page of the account list: the items, how many there are in all, and the day their status and flags are as
 * of (yesterday in the panel's time zone; on a large panel just after midnight, until yesterday's snapshot is
 * built, the day before).
 */
public record AccountPage(List<AccountView> items, long total, LocalDate asOf) {
}
