package org.dealerpanel.activity.sim;

import java.util.List;
import org.dealerpanel.activity.FlagType;
import org.dealerpanel.activity.Metric;

public record FlagKey(FlagType type, Metric metric) {
    public static final List<FlagKey> ALL = List.of(
            new FlagKey(FlagType.STEPPED_UP, Metric.POSTS), new FlagKey(FlagType.STEPPED_UP, Metric.IMAGES),
            new FlagKey(FlagType.STEPPED_DOWN, Metric.POSTS), new FlagKey(FlagType.STEPPED_DOWN, Metric.IMAGES),
            new FlagKey(FlagType.REACTIVATED, Metric.ACTIVITY));

    @Override
    public String toString() {
        return type + "/" + metric.jsonName();
    }
}
