package org.dealerpanel.audit;

import static org.dealerpanel.Api.createAccount;
import static org.dealerpanel.Api.investigator;
import static org.dealerpanel.Api.unique;
import static org.dealerpanel.Api.viewer;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuditIT {
    @Inject
    AgroalDataSource dataSource;

    @Test
    void everyWriteLeavesAnAuditRow() {
        long id = createAccount("wechat", unique("audit"), List.of(unique("ac")));
        investigator().body(Map.of("notes", "seen again")).patch("/api/v1/accounts/" + id).then().statusCode(200);
        investigator().body(Map.of("posts", 1, "images", 2)).put("/api/v1/accounts/" + id + "/observations/2016-05-01")
                .then().statusCode(201);
        investigator().body(Map.of("posts", 2, "images", 2)).put("/api/v1/accounts/" + id + "/observations/2016-05-01")
                .then().statusCode(200);
        investigator().queryParam("entity", "account:" + id).get("/api/v1/audit").then().statusCode(200)
                .body("total", equalTo(4))
                .body("items.action", hasItems("account.create", "account.update", "observation.create", "observation.update"))
                .body("items[0].actor", equalTo("ivan"));
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        investigator().queryParam("actor", "ivan").queryParam("from", today).queryParam("to", today).get("/api/v1/audit")
                .then().statusCode(200).body("items.action", hasItems("account.create"));
        investigator().queryParam("from", "2001-01-01").queryParam("to", "2001-12-31").get("/api/v1/audit")
                .then().statusCode(200).body("total", equalTo(0));
        investigator().queryParam("from", "last week").get("/api/v1/audit").then().statusCode(400)
                .body("errors[0].field", equalTo("from"));
        viewer().get("/api/v1/audit").then().statusCode(403);
    }

    @Test
    void theAuditTableRefusesUpdateDeleteAndTruncate() throws Exception {
        createAccount("wechat", unique("tamper"), List.of());
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            var rs = statement.executeQuery("select count(*) from audit_entry");
            rs.next();
            long before = rs.getLong(1);
            assertTrue(before > 0);
            SQLException update = assertThrows(SQLException.class,
                    () -> statement.executeUpdate("update audit_entry set actor = 'mallory'"));
            assertTrue(update.getMessage().contains("append-only"), update.getMessage());
            assertThrows(SQLException.class, () -> statement.executeUpdate("delete from audit_entry"));
            assertThrows(SQLException.class, () -> statement.executeUpdate("truncate audit_entry"));
            rs = statement.executeQuery("select count(*), count(*) filter (where actor = 'mallory') from audit_entry");
            rs.next();
            assertTrue(rs.getLong(1) >= before);
            assertEquals(0, rs.getLong(2));
        }
    }
}
