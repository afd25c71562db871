package org.dealerpanel.collection;

import static org.dealerpanel.Api.admin;
import static org.dealerpanel.Api.investigator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.dealerpanel.Api;

/** Plants accounts, plans and observations for the schedule's tests (API for the panel, SQL for many days). */
public final class CollectionFixtures {
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
                     insert into observation (account_id, day, posts, images, recorded_by)
                     select ?, d, ?, 0, 'test' from unnest(?::date[]) d""")) {
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
}
