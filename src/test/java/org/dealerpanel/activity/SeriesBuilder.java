package org.dealerpanel.activity;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;

/** Test helper: days relative to D (offset 0 = D, -1 = the day before). */
final class SeriesBuilder {
    static final LocalDate D = LocalDate.of(2017, 3, 31);
    private final List<DailyCount> days = new ArrayList<>();

    SeriesBuilder put(int offset, int posts, int images) {
        days.removeIf(d -> d.day().equals(D.plusDays(offset)));
        days.add(new DailyCount(D.plusDays(offset), posts, images));
        return this;
    }

    /** Observes offsets from..to inclusive with posts = f(offset), images = 3 * posts. */
    SeriesBuilder range(int from, int to, IntUnaryOperator posts) {
        for (int o = from; o <= to; o++) {
            int p = posts.applyAsInt(o);
            put(o, p, 3 * p);
        }
        return this;
    }

    SeriesBuilder drop(int from, int to) {
        days.removeIf(d -> !d.day().isBefore(D.plusDays(from)) && !d.day().isAfter(D.plusDays(to)));
        return this;
    }

    ObservationSeries build() {
        return ObservationSeries.of(days);
    }
}
