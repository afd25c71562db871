package org.dealerpanel.activity;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The daily observations of one account, indexed by day. A day with no {@link DailyCount} is
 * <em>unobserved</em> (which is not zero). Immutable; O(1) look-up by day.
 */
public final class ObservationSeries {
    private final LocalDate first;
    private final boolean[] observed;
    private final int[] posts;
    private final int[] images;
    private final List<DailyCount> days;

    private ObservationSeries(LocalDate first, int length, List<DailyCount> days) {
        this.first = first;
        this.observed = new boolean[length];
        this.posts = new int[length];
        this.images = new int[length];
        this.days = days;
        for (DailyCount d : days) {
            int i = (int) ChronoUnit.DAYS.between(first, d.day());
            observed[i] = true;
            posts[i] = d.posts();
            images[i] = d.images();
        }
    }

    /** Builds a series; order does not matter, two observations of the same day are rejected. */
    public static ObservationSeries of(Collection<DailyCount> observations) {
        List<DailyCount> sorted = new ArrayList<>(observations);
        sorted.sort(Comparator.comparing(DailyCount::day));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).day().equals(sorted.get(i - 1).day())) {
                throw new IllegalArgumentException("two observations for " + sorted.get(i).day());
            }
        }
        if (sorted.isEmpty()) {
            return new ObservationSeries(LocalDate.EPOCH, 0, List.of());
        }
        LocalDate first = sorted.get(0).day();
        long len = ChronoUnit.DAYS.between(first, sorted.get(sorted.size() - 1).day()) + 1;
        if (len > 100_000) {
            throw new IllegalArgumentException("series spans more than 100000 days");
        }
        return new ObservationSeries(first, (int) len, List.copyOf(sorted));
    }

    /** All observations, sorted by day. */
    public List<DailyCount> observations() {
        return days;
    }

    public boolean isEmpty() {
        return days.isEmpty();
    }

    private int index(LocalDate day) {
        if (days.isEmpty()) {
            return -1;
        }
        long i = ChronoUnit.DAYS.between(first, day);
        return i < 0 || i >= observed.length ? -1 : (int) i;
    }

    public boolean isObserved(LocalDate day) {
        int i = index(day);
        return i >= 0 && observed[i];
    }

    /** The count of {@code metric} on an observed day; throws for an unobserved day. */
    public int value(LocalDate day, Metric metric) {
        int i = index(day);
        if (i < 0 || !observed[i]) {
            throw new IllegalArgumentException(day + " is not observed");
        }
        return switch (metric) {
            case POSTS -> posts[i];
            case IMAGES -> images[i];
            case ACTIVITY -> posts[i] > 0 || images[i] > 0 ? 1 : 0;
        };
    }

    public boolean isActive(LocalDate day) {
        int i = index(day);
        return i >= 0 && observed[i] && (posts[i] > 0 || images[i] > 0);
    }

    /** Number of observed days in {@code from..to} inclusive. */
    public int observedDays(LocalDate from, LocalDate to) {
        int n = 0;
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            if (isObserved(d)) {
                n++;
            }
        }
        return n;
    }

    /** The counts of {@code metric} on the observed days of {@code from..to}, in day order. */
    public int[] values(LocalDate from, LocalDate to, Metric metric) {
        int[] out = new int[Math.max(0, observedDays(from, to))];
        int k = 0;
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            if (isObserved(d)) {
                out[k++] = value(d, metric);
            }
        }
        return out;
    }

    /** Last observed active day on or before {@code day}, or null. */
    public LocalDate lastActiveOnOrBefore(LocalDate day) {
        if (days.isEmpty()) {
            return null;
        }
        int i = (int) Math.min(ChronoUnit.DAYS.between(first, day), observed.length - 1L);
        for (; i >= 0; i--) {
            if (observed[i] && (posts[i] > 0 || images[i] > 0)) {
                return first.plusDays(i);
            }
        }
        return null;
    }
}
