package org.dealerpanel.collection;

import static org.dealerpanel.Api.admin;
import static org.dealerpanel.Api.investigator;
import static org.dealerpanel.Api.unique;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.dealerpanel.Api;

/** Plants accounts, plans and observations for the schedule's tests (API for the panel, SQL for many days). */
public final class CollectionFixtures {
    /** The day the planted schedule is built around. */
    public static final LocalDate D = LocalDate.of(2021, 6, 30);
    private final DataSource dataSource;

    public CollectionFixtures(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Creates an enabled user with this role; returns its name. */
    public static String user(String prefix, String role) {
        String name = Api.unique(prefix);
        admin().body(Map.of("username", name, "password", Api.PASSWORD, "roles", List.of(role)))
                .post("/api/v1/users").then().statusCode(201);
        return name;
    }

    /** An account first seen on {@code firstSeen} (may be null), in these cohorts. */
    public static long account(String platform, String handle, List<String> cohorts, LocalDate firstSeen) {
        Map<String, Object> body = new HashMap<>();
        body.put("platform", platform);
        body.put("handle", handle);
        body.put("cohorts", cohorts);
        body.put("firstSeen", firstSeen == null ? null : firstSeen.toString());
        return investigator().body(body).post("/api/v1/accounts").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** Sets the account's own cadence and assignee (either may be null). */
    public static void plan(long accountId, Integer cadenceDays, String assignee) {
        Map<String, Object> body = new HashMap<>();
        body.put("cadenceDays", cadenceDays);
        body.put("assignee", assignee);
        investigator().body(body).put("/api/v1/accounts/" + accountId + "/collection").then().statusCode(200);
    }

    public static void cohortCadence(String cohort, Integer cadenceDays) {
        Map<String, Object> body = new HashMap<>();
        body.put("cadenceDays", cadenceDays);
        investigator().body(body).put("/api/v1/cohorts/" + cohort + "/collection").then().statusCode(200);
    }

    /** One observation per given day, all in one statement (the collection state's bulk path). */
    public void observe(long accountId, int posts, List<LocalDate> days) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement st = c.prepareStatement("""
                     insert into observation (account_id, day, posts, images)
                     select ?, d, ?, 0 from unnest(?::date[]) d""")) {
            st.setLong(1, accountId);
            st.setInt(2, posts);
            st.setArray(3, c.createArrayOf("date", days.toArray()));
            st.executeUpdate();
        }
    }

    /** The days from {@code from} to {@code to}, both included, every {@code step} days (to downwards). */
    public static List<LocalDate> days(LocalDate from, LocalDate to, int step) {
        List<LocalDate> out = new java.util.ArrayList<>();
        for (LocalDate d = to; !d.isBefore(from); d = d.minusDays(step)) {
            out.add(0, d);
        }
        return out;
    }

    public static List<LocalDate> days(LocalDate from, LocalDate to) {
        return days(from, to, 1);
    }

    /** The planted schedule around D: handle suffix → account id. */
    public record Schedule(String cohort, String u1, String u2, Map<String, Long> ids) {
        public long id(String key) {
            return ids.get(key);
        }
    }

    /**
     * The planted schedule of the due-list tests around day D, in a new cohort (all accounts) and a weekly cohort:
     * see CollectionIT for what is due and in which order. Two new investigators u1 and u2 (password Api.PASSWORD).
     */
    public Schedule plantSchedule(LocalDate day) throws SQLException {
        LocalDate D = day;
        CollectionFixtures f = this;
        String cohort = unique("col-due");
        String weekly = unique("col-weekly");
        String u1 = user("col-u1", "investigator");
        String u2 = user("col-u2", "investigator");
        String prefix = unique("due");
        LocalDate seen = D.minusDays(200);
        Map<String, Long> ids = new LinkedHashMap<>();
        java.util.function.BiFunction<String, List<String>, Long> make = (key, cohorts) -> {
            long id = account("wechat", prefix + "-" + key, cohorts, seen);
            ids.put(key, id);
            return id;
        };
        // a01 daily, u1, observed on D: not due
        long a01 = make.apply("a01", List.of(cohort));
        plan(a01, null, u1);
        f.observe(a01, 3, days(D.minusDays(10), D));
        // a02 daily, u1, active every day up to D-1: due since D
        long a02 = make.apply("a02", List.of(cohort));
        plan(a02, null, u1);
        f.observe(a02, 2, days(D.minusDays(40), D.minusDays(1)));
        // a03 daily (default), unassigned, last observed D-3: due since D-2
        long a03 = make.apply("a03", List.of(cohort));
        f.observe(a03, 1, days(D.minusDays(40), D.minusDays(3)));
        // a04 weekly, u2, observed D-6: not due
        long a04 = make.apply("a04", List.of(cohort));
        plan(a04, 7, u2);
        f.observe(a04, 1, days(D.minusDays(34), D.minusDays(6), 7));
        // a05 weekly, u1, observed D-7: due since D
        long a05 = make.apply("a05", List.of(cohort));
        plan(a05, 7, u1);
        f.observe(a05, 1, days(D.minusDays(35), D.minusDays(7), 7));
        // a06 weekly through its second cohort, unassigned, observed D-10: due since D-3
        long a06 = make.apply("a06", List.of(cohort, weekly));
        f.observe(a06, 1, days(D.minusDays(24), D.minusDays(10), 7));
        // a07 in the weekly cohort but daily by its own plan, u2, observed D-2: due since D-1
        long a07 = make.apply("a07", List.of(cohort, weekly));
        plan(a07, 1, u2);
        f.observe(a07, 1, days(D.minusDays(20), D.minusDays(2)));
        // a08 never observed, first seen D-5: due since D-5
        long a08 = account("wechat", prefix + "-a08", List.of(cohort), D.minusDays(5));
        ids.put("a08", a08);
        // a09 removed by the platform since D-20: not due
        long a09 = make.apply("a09", List.of(cohort));
        f.observe(a09, 1, days(D.minusDays(60), D.minusDays(30)));
        investigator().body(Map.of("platformState", "REMOVED_BY_PLATFORM", "platformStateSince", D.minusDays(20).toString()))
                .patch("/api/v1/accounts/" + a09).then().statusCode(200);
        // a10 first seen after D: not due yet
        long a10 = account("wechat", prefix + "-a10", List.of(cohort), D.plusDays(10));
        ids.put("a10", a10);
        plan(a10, null, u2);
        // a11 daily, u1, observed up to D-4 and again on D+1 (so the state is past D): due since D-3
        long a11 = make.apply("a11", List.of(cohort));
        plan(a11, null, u1);
        f.observe(a11, 2, days(D.minusDays(10), D.minusDays(4)));
        investigator().body(Map.of("posts", 5, "images", 1)).put("/api/v1/accounts/" + a11 + "/observations/" + D.plusDays(1))
                .then().statusCode(201);
        // a12 daily, u1: active on D-25, five silent days observed after it, then nothing: due since D-19,
        // and UNKNOWN on D+5 (30 silent days with 5 < 0.5 x 30 observed)
        long a12 = make.apply("a12", List.of(cohort));
        plan(a12, null, u1);
        f.observe(a12, 4, List.of(D.minusDays(25)));
        f.observe(a12, 0, days(D.minusDays(24), D.minusDays(20)));
        // a13 unassigned: active on D-50, silent and observed every day since up to D-1: DORMANT, due since D,
        // UNKNOWN only on D-50+99 (49 < 0.5 x 99)
        long a13 = make.apply("a13", List.of(cohort));
        f.observe(a13, 6, List.of(D.minusDays(50)));
        f.observe(a13, 0, days(D.minusDays(49), D.minusDays(1)));
        // a14 weekly, u2, visited on schedule but silent since D-27: not due, yet UNKNOWN on D+3 (a weekly visit
        // cannot cover half of the silent days)
        long a14 = make.apply("a14", List.of(cohort));
        plan(a14, 7, u2);
        f.observe(a14, 3, List.of(D.minusDays(27)));
        f.observe(a14, 0, List.of(D.minusDays(20), D.minusDays(13), D.minusDays(6)));
        cohortCadence(weekly, 7);
        return new Schedule(cohort, u1, u2, ids);
    }

}
