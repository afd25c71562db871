package org.dealerpanel.account;

import static org.dealerpanel.Api.createAccount;
import static org.dealerpanel.Api.investigator;
import static org.dealerpanel.Api.unique;
import static org.dealerpanel.Api.viewer;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CohortAndDealerIT {

    @Test
    void cohortLifecycle() {
        String name = unique("wechat-2015");
        investigator().body(Map.of("name", name, "description", "dealers first seen in 2015")).post("/api/v1/cohorts")
                .then().statusCode(201).body("name", equalTo(name)).body("members", empty());
        investigator().body(Map.of("name", name)).post("/api/v1/cohorts").then().statusCode(409);
        investigator().body(Map.of("name", "no spaces allowed")).post("/api/v1/cohorts").then().statusCode(400)
                .body("errors[0].field", equalTo("name"));
        viewer().get("/api/v1/cohorts").then().statusCode(200).body("name", hasItem(name));

        long a = createAccount("wechat", unique("m"), List.of());
        long b = createAccount("wechat", unique("m"), List.of());
        investigator().body(Map.of("joinedOn", "2015-03-01")).put("/api/v1/cohorts/" + name + "/members/" + a)
                .then().statusCode(201);
        investigator().put("/api/v1/cohorts/" + name + "/members/" + b).then().statusCode(201);
        investigator().put("/api/v1/cohorts/" + name + "/members/" + b).then().statusCode(200);
        viewer().get("/api/v1/cohorts/" + name).then().body("members.accountId", containsInAnyOrder((int) a, (int) b))
                .body("members.find { it.accountId == " + a + " }.joinedOn", equalTo("2015-03-01"));
        viewer().get("/api/v1/cohorts").then().body("find { it.name == '" + name + "' }.members", equalTo(2));
        viewer().get("/api/v1/accounts/" + a).then().body("cohorts", containsInAnyOrder(name));

        investigator().delete("/api/v1/cohorts/" + name + "/members/" + a).then().statusCode(204);
        investigator().delete("/api/v1/cohorts/" + name + "/members/" + a).then().statusCode(404);
        investigator().put("/api/v1/cohorts/" + name + "/members/99999999").then().statusCode(404);
        viewer().get("/api/v1/cohorts/" + unique("missing")).then().statusCode(404);
        viewer().get("/api/v1/cohorts/" + name).then().body("members.accountId", containsInAnyOrder((int) b));
    }

    @Test
    void dealerOwnsAccountsAndAnAccountHasAtMostOneDealer() {
        long wechat = createAccount("wechat", unique("d"), List.of());
        long weibo = createAccount("weibo", unique("d"), List.of());
        long other = createAccount("qq", unique("d"), List.of());
        int dealer = investigator().body(Map.of("name", "Carving shop, Putian", "accountIds", List.of(wechat)))
                .post("/api/v1/dealers").then().statusCode(201).body("accounts.id", containsInAnyOrder((int) wechat))
                .extract().path("id");
        investigator().put("/api/v1/dealers/" + dealer + "/accounts/" + weibo).then().statusCode(201)
                .body("accounts.id", containsInAnyOrder((int) wechat, (int) weibo));
        investigator().put("/api/v1/dealers/" + dealer + "/accounts/" + weibo).then().statusCode(200);
        viewer().get("/api/v1/accounts/" + weibo).then().body("dealerId", equalTo(dealer));

        int rival = investigator().body(Map.of("name", "Someone else")).post("/api/v1/dealers").then().statusCode(201)
                .extract().path("id");
        investigator().put("/api/v1/dealers/" + rival + "/accounts/" + weibo).then().statusCode(409);
        investigator().body(Map.of("name", "Third", "accountIds", List.of(wechat))).post("/api/v1/dealers").then()
                .statusCode(409);
        investigator().put("/api/v1/dealers/" + rival + "/accounts/" + other).then().statusCode(201);

        investigator().body(Map.of("notes", "same WeChat id on both")).patch("/api/v1/dealers/" + dealer).then()
                .statusCode(200).body("notes", equalTo("same WeChat id on both")).body("name", equalTo("Carving shop, Putian"));
        investigator().body(Map.of("owner", "x")).patch("/api/v1/dealers/" + dealer).then().statusCode(400)
                .body("errors[0].field", equalTo("owner"));
        investigator().body(Map.of("name", "")).post("/api/v1/dealers").then().statusCode(400);

        investigator().delete("/api/v1/dealers/" + dealer + "/accounts/" + weibo).then().statusCode(204);
        investigator().delete("/api/v1/dealers/" + dealer + "/accounts/" + weibo).then().statusCode(404);
        viewer().get("/api/v1/dealers/" + dealer).then().body("accounts.id", containsInAnyOrder((int) wechat));
        viewer().get("/api/v1/dealers").then().statusCode(200).body("id", hasItem(dealer));
        viewer().get("/api/v1/dealers/99999999").then().statusCode(404);
        viewer().put("/api/v1/dealers/" + dealer + "/accounts/" + weibo).then().statusCode(403);
    }
}
