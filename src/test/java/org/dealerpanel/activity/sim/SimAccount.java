package org.dealerpanel.activity.sim;

import java.util.Map;
import org.dealerpanel.activity.ActivityStatus;
import org.dealerpanel.activity.ObservationSeries;
import org.dealerpanel.activity.PlatformStatus;

/**
 * A generated account with its planted truth.
 *
 * @param id             "acc-0001" ...
 * @param regime         the planted regime
 * @param series         the observations (unobserved days have no row)
 * @param platform       platform state (LIVE unless the regime says otherwise)
 * @param expectedStatus the regime's status as of D
 * @param expectedFlags  truth for each {@link FlagKey#ALL}
 * @param plantedRatio   planted recent/baseline rate ratio per metric (POSTS, IMAGES), from the
 *                       intensities on observed days, catalogue dumps excluded
 * @param description    parameters, for diagnostics
 */
public record SimAccount(String id, Regime regime, ObservationSeries series, PlatformStatus platform,
                         ActivityStatus expectedStatus, Map<FlagKey, Truth> expectedFlags,
                         Map<String, Double> plantedRatio, String description) {
}
