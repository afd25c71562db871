package org.dealerpanel.activity;

import java.time.LocalDate;
import java.util.Objects;

/** One observed day of one account: the posts and images counted that day (both &ge; 0). */
public record DailyCount(LocalDate day, int posts, int images) {
    public DailyCount {
        Objects.requireNonNull(day, "day");
        if (posts < 0 || images < 0) {
            throw new IllegalArgumentException("negative count on " + day);
        }
    }

    /** A day with any activity: posts &gt; 0 or images &gt; 0. */
    public boolean active() {
        return posts > 0 || images > 0;
    }

    public int get(Metric metric) {
        return switch (metric) {
            case POSTS -> posts;
            case IMAGES -> images;
            case ACTIVITY -> active() ? 1 : 0;
        };
    }
}
