package org.dealerpanel.watchlist.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dealerpanel.account.service.AccountService;
import org.dealerpanel.activity.ActivityStatus;
import org.dealerpanel.observation.service.ObservationService;
import org.hibernate.Session;

/**
 * Reads for the account and dealer pages that the feature services do not offer: daily counts over a window
 * (unobserved days stay null, never zero) for one or several accounts, the observed range of an account, its status
 * changes in the snapshot history, and the images linked to it.
 */
@ApplicationScoped
public class AccountDetailService {
    /** The longest window a timeline may span (about ten years). */
    public static final int MAX_WINDOW_DAYS = 3660;

    @Inject
    EntityManager em;
    @Inject
    AccountService accounts;
    @Inject
    ObservationService observations;

    /** First and last observed day (null when never observed) and how many days were observed. */
    public record ObservedRange(LocalDate first, LocalDate last, long days) {
        public static final ObservedRange NONE = new ObservedRange(null, null, 0);

        public boolean isEmpty() {
            return first == null;
        }

        public ObservedRange union(ObservedRange other) {
            if (other == null || other.isEmpty()) {
                return this;
            }
            if (isEmpty()) {
                return other;
            }
            return new ObservedRange(first.isBefore(other.first) ? first : other.first,
                    last.isAfter(other.last) ? last : other.last, days + other.days);
        }
    }

    /** Posts and images per day from {@code from} to {@code to}, oldest first; null where the day was not observed. */
    public record DailySeries(LocalDate from, LocalDate to, List<Integer> posts, List<Integer> images) {
        public int length() {
            return posts.size();
        }

        public long observedDays() {
            return posts.stream().filter(v -> v != null).count();
        }
    }

    /** The snapshot history's status went from {@code from} to {@code to} on {@code day}. */
    public record StatusChange(LocalDate day, ActivityStatus from, ActivityStatus to) {
    }

    /** The images linked to an account, newest first (at most the asked number), and how many there are. */
    public record ImageList(List<String> sha256s, long total) {
    }

    @Transactional
    public ObservedRange observedRange(long accountId) {
        accounts.find(accountId);
        return observedRanges(List.of(accountId)).getOrDefault(accountId, ObservedRange.NONE);
    }

    /** The observed range of each account that has observations. */
    @Transactional
    public Map<Long, ObservedRange> observedRanges(Collection<Long> accountIds) {
        Map<Long, ObservedRange> out = new LinkedHashMap<>();
        if (accountIds.isEmpty()) {
            return out;
        }
        work(c -> {
            try (PreparedStatement st = c.prepareStatement("""
                    select account_id, min(day), max(day), count(*) from observation
                     where account_id = any(?) group by account_id""")) {
                st.setArray(1, c.createArrayOf("bigint", accountIds.toArray()));
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getLong(1), new ObservedRange(rs.getObject(2, LocalDate.class),
                                rs.getObject(3, LocalDate.class), rs.getLong(4)));
                    }
                }
            }
            return null;
        });
        return out;
    }

    /** Daily series of each account over the window (every account asked for gets one, maybe all null). */
    @Transactional
    public Map<Long, DailySeries> daily(Collection<Long> accountIds, LocalDate from, LocalDate to) {
        int length = (int) ChronoUnit.DAYS.between(from, to) + 1;
        if (length < 1 || length > MAX_WINDOW_DAYS) {
            throw new IllegalArgumentException("window of " + length + " days");
        }
        Map<Long, Integer[][]> series = new LinkedHashMap<>();
        for (Long id : accountIds) {
            series.put(id, new Integer[2][length]);
        }
        if (!accountIds.isEmpty()) {
            work(c -> {
                try (PreparedStatement st = c.prepareStatement("""
                        select account_id, day, posts, images from observation
                         where account_id = any(?) and day between ? and ?""")) {
                    st.setArray(1, c.createArrayOf("bigint", accountIds.toArray()));
                    st.setObject(2, from);
                    st.setObject(3, to);
                    st.setFetchSize(5000);
                    try (ResultSet rs = st.executeQuery()) {
                        while (rs.next()) {
                            Integer[][] s = series.get(rs.getLong(1));
                            int i = (int) (rs.getObject(2, LocalDate.class).toEpochDay() - from.toEpochDay());
                            s[0][i] = rs.getInt(3);
                            s[1][i] = rs.getInt(4);
                        }
                    }
                }
                return null;
            });
        }
        Map<Long, DailySeries> out = new LinkedHashMap<>();
        series.forEach((id, s) -> out.put(id, new DailySeries(from, to, Arrays.asList(s[0]), Arrays.asList(s[1]))));
        return out;
    }

    /**
     * Where the stored nightly snapshots (current rows only) show the status changing, oldest first. The first
     * snapshot of an account is not a change: nothing earlier is known.
     */
    @Transactional
    public List<StatusChange> statusChanges(long accountId) {
        List<StatusChange> changes = new ArrayList<>();
        work(c -> {
            try (PreparedStatement st = c.prepareStatement("""
                    select as_of, status, status_since from activity_snapshot
                     where account_id = ? and not stale order by as_of""")) {
                st.setLong(1, accountId);
                try (ResultSet rs = st.executeQuery()) {
                    ActivityStatus previous = null;
                    while (rs.next()) {
                        ActivityStatus status = ActivityStatus.valueOf(rs.getString(2));
                        if (previous != null && status != previous) {
                            changes.add(new StatusChange(rs.getObject(3, LocalDate.class), previous, status));
                        }
                        previous = status;
                    }
                }
            }
            return null;
        });
        return changes;
    }

    /** The latest observed days of the account, the latest first. */
    @Transactional
    public List<ObservationService.ObservationView> latestObservations(long accountId, int limit) {
        return observations.latest(accountId, limit);
    }

    /**
     * The first day of each account's stored snapshot history (current rows only). A status "since" that day only
     * says the history begins there, not when the status began.
     */
    @Transactional
    public Map<Long, LocalDate> firstSnapshotDays(Collection<Long> accountIds) {
        Map<Long, LocalDate> out = new LinkedHashMap<>();
        if (accountIds.isEmpty()) {
            return out;
        }
        work(c -> {
            try (PreparedStatement st = c.prepareStatement("""
                    select account_id, min(as_of) from activity_snapshot
                     where account_id = any(?) and not stale group by account_id""")) {
                st.setArray(1, c.createArrayOf("bigint", accountIds.toArray()));
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getLong(1), rs.getObject(2, LocalDate.class));
                    }
                }
            }
            return null;
        });
        return out;
    }

    /** The account's images, the latest posted (then uploaded) first. */
    @Transactional
    public ImageList images(long accountId, int limit) {
        List<String> shas = new ArrayList<>();
        long[] total = {0};
        work(c -> {
            try (PreparedStatement st = c.prepareStatement("""
                    select sha256 from image_link where account_id = ?
                     group by sha256 order by max(posted_on) desc nulls last, max(uploaded_at) desc, sha256 limit ?""")) {
                st.setLong(1, accountId);
                st.setInt(2, limit);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        shas.add(rs.getString(1));
                    }
                }
            }
            try (PreparedStatement st = c.prepareStatement("select count(distinct sha256) from image_link where account_id = ?")) {
                st.setLong(1, accountId);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    total[0] = rs.getLong(1);
                }
            }
            return null;
        });
        return new ImageList(shas, total[0]);
    }

    /** True when the image was seen on the account. */
    @Transactional
    public boolean hasImage(long accountId, String sha256) {
        return work(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "select exists (select 1 from image_link where account_id = ? and sha256 = ?)")) {
                st.setLong(1, accountId);
                st.setString(2, sha256);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return rs.getBoolean(1);
                }
            }
        });
    }

    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T work(Work<T> work) {
        return em.unwrap(Session.class).doReturningWork(work::run);
    }
}
