package org.dealerpanel.common;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The panel's days. Instants stay UTC in the database and the API; every date (a post's day, "yesterday",
 * the default {@code asOf}, monthly buckets, date filters) is a local day of the panel's time zone
 * ({@code tracker.time-zone}, env {@code TRACKER_TIME_ZONE}, an IANA zone such as {@code Asia/Shanghai}).
 * Static so that entities, SQL builders and pure helpers can use it without injection; set once at start-up
 * by {@link PanelClockStartup}.
 */
public final class PanelClock {
    private static volatile ZoneId zone = ZoneOffset.UTC;

    private PanelClock() {
    }

    public static ZoneId zone() {
        return zone;
    }

    /** The zone's id as PostgreSQL's {@code AT TIME ZONE} takes it ({@code UTC}, {@code Asia/Shanghai}). */
    public static String sqlZone() {
        return zone.getId().equals("Z") ? "UTC" : zone.getId();
    }

    public static LocalDate today() {
        return LocalDate.now(zone);
    }

    public static LocalDate yesterday() {
        return today().minusDays(1);
    }

    /** The panel day on which an instant falls. */
    public static LocalDate dayOf(Instant at) {
        return LocalDate.ofInstant(at, zone);
    }

    public static LocalDate dayOf(Instant at, ZoneId in) {
        return LocalDate.ofInstant(at, in);
    }

    /** The first instant of a panel day (half-open ranges: [startOf(d), startOf(d + 1))). */
    public static Instant startOf(LocalDate day) {
        return day.atStartOfDay(zone).toInstant();
    }

    /** An instant as people read it on the pages: local date and time with the offset, e.g. 2016-03-01 16:00 +08:00. */
    public static String localTime(Instant at) {
        if (at == null) {
            return "";
        }
        java.time.ZonedDateTime local = at.atZone(zone);
        String time = local.format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
        return zone.equals(ZoneOffset.UTC) ? time + " UTC" : time + " " + local.getOffset().getId();
    }

    /** Parses an IANA zone id; throws IllegalArgumentException naming the setting when it is not one. */
    public static ZoneId parse(String id) {
        String trimmed = id == null ? "" : id.trim();
        if (trimmed.equals("UTC") || trimmed.equals("Etc/UTC") || trimmed.equals("Z")) {
            return ZoneOffset.UTC;
        }
        try {
            // Region ids only: PostgreSQL reads POSIX-style offsets such as "UTC+8" with the opposite sign.
            if (!trimmed.matches("[A-Za-z_]+(/[A-Za-z0-9_+-]+)+")) {
                throw new DateTimeException(trimmed);
            }
            return ZoneId.of(trimmed);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("tracker.time-zone (TRACKER_TIME_ZONE): '" + id
                    + "' is not an IANA time zone such as UTC or Asia/Shanghai");
        }
    }

    static void use(ZoneId configured) {
        zone = configured;
    }
}
