/**
 * Activity status and trend flags of monitored accounts, as pure Java building blocks.
 *
 * <p>Inputs are daily observations ({@link org.dealerpanel.activity.DailyCount}); a day
 * without an observation is <em>unobserved</em>, never zero. {@link
 * org.dealerpanel.activity.StatusClassifier} derives ACTIVE / DORMANT / CEASED / UNKNOWN as of
 * a date, {@link org.dealerpanel.activity.TrendDetector} the STEPPED_UP / STEPPED_DOWN /
 * REACTIVATED flags. Thresholds live in {@link org.dealerpanel.activity.ActivityRules}.
 * No REST, no database, no account package (a platform state is seen as {@link
 * org.dealerpanel.activity.PlatformCondition}): the service layer maps and feeds these classes.
 */
package org.dealerpanel.activity;
