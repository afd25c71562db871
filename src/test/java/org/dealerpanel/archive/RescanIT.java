package org.dealerpanel.archive;

import static org.dealerpanel.Api.createAccount;
import static org.dealerpanel.Api.investigator;
import static org.dealerpanel.Api.unique;
import static org.dealerpanel.Api.viewer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The re-match is shared by batches claimed with SKIP LOCKED: while one batch is held by a worker that then dies
 * (its transaction rolls back), the other batches are done by the others; the held batch is done afterwards, and
 * every text is matched exactly once (no duplicate hits however many workers took part).
 */
@QuarkusTest
class RescanIT {
    @Inject
    AgroalDataSource dataSource;

    @Test
    void aBatchHeldByADeadWorkerIsSkippedByTheOthersAndDoneAfterwards() throws Exception {
        long account = createAccount("weibo", unique("rescan"), List.of());
        int texts = 6000;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement st = c.prepareStatement("""
                    with p as (insert into post (account_id, posted_at, text, created_by)
                               select ?, timestamptz '2016-01-01 00:00+00' + g * interval '1 hour', '第' || g || '件 蓝冰 料，私聊', 'RescanIT'
                                 from generate_series(1, ?) g returning id, account_id, posted_at, text)
                    insert into archive_text (kind, post_id, account_ids, day, normalised, lexicon_version, stored_at)
                    select 'POST', id, array[account_id], (posted_at at time zone 'UTC')::date, translate(text, ' ，', ''),
                           (select version from lexicon_state), now() - interval '1 day' from p""")) {
                st.setLong(1, account);
                st.setInt(2, texts);
                st.executeUpdate();
            }
            c.commit();
        }
        int before = viewer().get("/api/v1/terms/rescan").then().statusCode(200).extract().jsonPath().getInt("lexiconVersion");
        long termId = investigator().body(Map.of("term", "蓝冰料", "category", "IVORY", "source", "RescanIT"))
                .post("/api/v1/terms").then().statusCode(201).extract().jsonPath().getLong("id");

        // a worker takes the last batch and dies before committing: the others skip it and do the rest
        try (Connection held = dataSource.getConnection()) {
            held.setAutoCommit(false);
            long heldFirst;
            try (PreparedStatement st = held.prepareStatement(
                    "select first_id from rescan_batch where not done order by first_id desc limit 1 for update skip locked");
                 ResultSet rs = st.executeQuery()) {
                assertTrue(rs.next(), "a batch to hold");
                heldFirst = rs.getLong(1);
            }
            long deadline = System.nanoTime() + 60_000_000_000L;
            long notDone;
            do {
                Thread.sleep(200);
                notDone = count("select count(*) from rescan_batch where not done");
            } while (notDone > 1 && System.nanoTime() < deadline);
            assertEquals(1, notDone, "every other batch is done while one is held");
            assertEquals(1, count("select count(*) from rescan_batch where not done and first_id = " + heldFirst));
            JsonPath running = viewer().get("/api/v1/terms/rescan").then().statusCode(200).extract().jsonPath();
            assertEquals("RUNNING", running.getString("state"), "not finished while a batch is not done");
            assertTrue(running.getLong("done") < running.getLong("total"));
            held.rollback(); // the worker died
        }
        JsonPath done = ArchiveIT.awaitRescan(before + 1);
        assertEquals(done.getLong("total"), done.getLong("done"));
        assertEquals(texts, count("select count(*) from term_match m join post p on p.id = m.post_id"
                + " where p.account_id = " + account + " and m.term_id = " + termId), "one hit per text");
        assertEquals(0, count("select count(*) from (select post_id from term_match where term_id = " + termId
                + " group by post_id having count(*) > 1) x"), "no text matched twice");
        investigator().delete("/api/v1/terms/" + termId).then().statusCode(200);
        ArchiveIT.awaitRescan(before + 2);
        assertEquals(0, count("select count(*) from term_match where term_id = " + termId));
        assertEquals(texts, count("select count(*) from term_match_history where term_id = " + termId));
    }

    long count(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql);
             ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
