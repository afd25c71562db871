package org.dealerpanel.term;

import static org.dealerpanel.Api.createAccount;
import static org.dealerpanel.Api.investigator;
import static org.dealerpanel.Api.unique;
import static org.dealerpanel.Api.viewer;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TermIT {
    @Inject
    EntityManager em;

    @Test
    void listsActiveTermsByCategory() {
        viewer().queryParam("category", "HAWKSBILL").get("/api/v1/terms").then().statusCode(200)
                .body("category", everyItem(equalTo("HAWKSBILL"))).body("term", hasItem("玳瑁"))
                .body("active", everyItem(equalTo(true)));
        viewer().queryParam("category", "ELEPHANT").get("/api/v1/terms").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("category"));
        viewer().queryParam("asOf", "yesterday").get("/api/v1/terms").then().statusCode(400)
                .body("errors[0].field", equalTo("asOf"));
    }

    @Test
    void addNormalisesRefusesDuplicatesAndBadInputAndMatchesAtOnce() {
        String code = "测试码" + unique("t").replaceAll("\\D", "");
        var created = investigator().body(Map.of("term", code, "category", "IVORY", "note", "test code", "source", "TermIT"))
                .post("/api/v1/terms").then().statusCode(201)
                .body("term", equalTo(code)).body("normalised", equalTo(code)).body("category", equalTo("IVORY"))
                .body("language", equalTo("zh-Hans")).body("active", equalTo(true)).body("createdBy", equalTo("ivan"))
                .body("addedOn", equalTo(LocalDate.now(ZoneOffset.UTC).toString()))
                .extract().jsonPath();
        long id = created.getLong("id");
        // the same normalised form (spaces, traditional, full width) in the same category: 409
        investigator().body(Map.of("term", " " + String.join(" ", code.split("")) + " ", "category", "IVORY"))
                .post("/api/v1/terms").then().statusCode(409).contentType("application/problem+json");
        investigator().body(Map.of("term", "象 牙", "category", "IVORY")).post("/api/v1/terms").then().statusCode(409);
        investigator().body(Map.of("term", "鶴頂紅", "category", "HELMETED_HORNBILL")).post("/api/v1/terms").then().statusCode(409);
        investigator().body(Map.of("term", "象牙", "category", "ELEPHANT")).post("/api/v1/terms").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("category"));
        investigator().body(Map.of("term", "🐘 !!", "category", "IVORY")).post("/api/v1/terms").then().statusCode(400)
                .body("errors[0].field", equalTo("term"));
        investigator().body(Map.of("category", "IVORY")).post("/api/v1/terms").then().statusCode(400)
                .body("errors[0].field", equalTo("term"));
        viewer().body(Map.of("term", "新词", "category", "IVORY")).post("/api/v1/terms").then().statusCode(403);

        // the matcher knows the new term at once, in a post
        long account = createAccount("weibo", unique("terms"), List.of());
        String text = "出售" + code.charAt(0) + "·" + code.substring(1) + "一件";
        investigator().body(Map.of("postedAt", "2016-03-01T08:00:00Z", "text", text))
                .post("/api/v1/accounts/" + account + "/posts").then().statusCode(201)
                .body("matches.termId", hasItem((int) id));

        // deactivating keeps the row, stops matching, drops it from the active list
        investigator().delete("/api/v1/terms/" + id).then().statusCode(200).body("active", equalTo(false))
                .body("deactivatedOn", equalTo(LocalDate.now(ZoneOffset.UTC).toString()));
        viewer().get("/api/v1/terms/" + id).then().statusCode(200).body("active", equalTo(false));
        viewer().get("/api/v1/terms").then().statusCode(200).body("id", not(hasItem((int) id)));
        investigator().body(Map.of("postedAt", "2016-03-02T08:00:00Z", "text", text))
                .post("/api/v1/accounts/" + account + "/posts").then().statusCode(201)
                .body("matches.termId", not(hasItem((int) id)));
        investigator().delete("/api/v1/terms/99999999").then().statusCode(404);
        // a deactivated term may be added again, as a new row
        investigator().body(Map.of("term", code, "category", "IVORY")).post("/api/v1/terms").then().statusCode(201)
                .body("id", not(equalTo((int) id)));
    }

    @Test
    void asOfGivesTheLexiconOfThatDay() {
        String old = "旧码" + unique("h").replaceAll("\\D", "");
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "insert into term (term, normalised, category, language, added_on, active, deactivated_on, created_by)"
                                + " values (?1, ?1, 'IVORY', 'zh-Hans', date '2020-01-01', false, date '2023-06-01', 'TermIT')")
                .setParameter(1, old).executeUpdate());
        viewer().queryParam("asOf", "2019-12-31").get("/api/v1/terms").then().statusCode(200).body("term", not(hasItem(old)));
        viewer().queryParam("asOf", "2020-01-01").get("/api/v1/terms").then().statusCode(200).body("term", hasItem(old))
                .body("term", not(hasItem("象牙"))); // the seed was added later
        viewer().queryParam("asOf", "2023-05-31").queryParam("category", "IVORY").get("/api/v1/terms").then().statusCode(200)
                .body("term", hasItem(old));
        viewer().queryParam("asOf", "2023-06-01").get("/api/v1/terms").then().statusCode(200).body("term", not(hasItem(old)));
        viewer().queryParam("asOf", "2016-01-01").get("/api/v1/terms").then().statusCode(200).body("$", empty());
        viewer().get("/api/v1/terms").then().statusCode(200).body("term", not(hasItem(old))).body("term", hasItem("象牙"));
        viewer().queryParam("asOf", LocalDate.now(ZoneOffset.UTC).toString()).get("/api/v1/terms").then().statusCode(200)
                .body("term", hasItem("象牙"));
    }
}
