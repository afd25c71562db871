package org.dealerpanel.activity;

/** What a flag is about. {@code ACTIVITY} = any post or image that day (used by REACTIVATED). */
public enum Metric {
    POSTS, IMAGES, ACTIVITY;

    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
