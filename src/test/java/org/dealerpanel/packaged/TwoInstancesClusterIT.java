package org.dealerpanel.packaged;

import static org.dealerpanel.packaged.PackagedInstance.env;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dealerpanel.image.TestImages;
import org.junit.jupiter.api.Test;

/**
 * Two packaged instances on one PostgreSQL database, as `docker/docker-compose.yml` runs them: uploads go to both, one is
 * killed with {@code kill -9} while it holds OCR leases. Shows that every instance with idle workers takes OCR work,
 * every image is OCR'd exactly once (one result, no duplicate matches or contact sightings, nothing lost), the survivor
 * finishes the dead instance's jobs once their leases have run out, and the nightly snapshot (clustered Quartz) runs
 * once across the two. Runs under failsafe after the package phase; prints its timings.
 *
 * <p>Database: {@code TRACKER_CLUSTER_JDBC_URL}, default {@code tracker_cluster} on the machine's cluster (bin/provision
 * creates it); it is emptied first.
 */
class TwoInstancesClusterIT {
    static final Duration LEASE = Duration.ofSeconds(10);
    /** Seconds from the start of the instances to the nightly job's one firing: they must both be up by then. */
    static final int NIGHTLY_DELAY = Integer.getInteger("cluster.nightlyDelaySeconds", 100);
    static final String[] TERM_LINES = {"精品象牙手镯 诚信出售", "正品犀牛角 老货转让", "穿山甲片 现货供应", "老虎骨 泡酒佳品"};

    final long t0 = System.nanoTime();

    /** Prints a step with the seconds since the test began. */
    void time(String what) {
        System.out.printf("[cluster] %6.1f s  %s%n", (System.nanoTime() - t0) / 1e9, what);
    }

    @Test
    void twoInstancesShareTheQueueSurviveAKillAndRunTheNightlyJobOnce() throws Exception {
        String url = PackagedInstance.env("TRACKER_CLUSTER_JDBC_URL",
                "jdbc:postgresql://127.0.0.1:" + PackagedInstance.env("TRACKER_DB_PORT", "5432") + "/tracker_cluster");
        try (AutoCloseable lock = PackagedInstance.machineLock()) {
            PackagedInstance.resetDatabase(url);
            Path data = PackagedInstance.WORK.resolve("cluster-data");
            PackagedInstance.deleteTree(data);
            ZonedDateTime nightlyAt = ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(NIGHTLY_DELAY).truncatedTo(ChronoUnit.SECONDS);
            String cron = nightlyAt.getSecond() + " " + nightlyAt.getMinute() + " " + nightlyAt.getHour() + " * * ?";
            Map<String, String> common = env("TRACKER_DATA_DIR", data.toString(), "TRACKER_OCR_WORKERS", "2",
                    "TRACKER_OCR_LEASE", LEASE.toSeconds() + "S", "TRACKER_OCR_POLL", "1s",
                    "TRACKER_ACTIVITY_SNAPSHOT_CRON", cron);
            System.out.printf("[cluster] database %s, lease %s, nightly cron '%s' (UTC, %s)%n", url, LEASE, cron, nightlyAt);
            try (PackagedInstance a = PackagedInstance.start("cluster-a", url, common);
                 PackagedInstance b = PackagedInstance.start("cluster-b", url, common);
                 Connection db = PackagedInstance.connect(url)) {
                run(a, b, db, nightlyAt.toInstant());
            }
        }
    }

    void run(PackagedInstance a, PackagedInstance b, Connection db, Instant nightlyAt) throws Exception {
        double readyA = a.awaitReady(Duration.ofSeconds(NIGHTLY_DELAY));
        double readyB = b.awaitReady(Duration.ofSeconds(NIGHTLY_DELAY));
        time(String.format("both ready (a %.1f s, b %.1f s after start)", readyA, readyB));
        if (Instant.now().isAfter(nightlyAt.minusSeconds(2))) {
            fail("the instances took longer than " + NIGHTLY_DELAY + " s to start, so the nightly job could not be shown"
                    + " running on a cluster of two: raise -Dcluster.nightlyDelaySeconds");
        }
        String nodeA = "/" + a.pid() + "/";
        String nodeB = "/" + b.pid() + "/";
        assertEquals(2, count(db, "select count(*) from qrtz_scheduler_state"), "both instances joined the Quartz cluster");
        // once-per-cluster jobs (the nightly snapshot, the morning digest and its retries) are the clustered
        // triggers; per-instance work (lexicon refresh, OCR queue) is not in the Quartz store
        assertEquals(1, count(db, "select count(*) from qrtz_triggers where trigger_name = 'activity-snapshot'"));
        assertEquals(0, count(db, "select count(*) from qrtz_triggers where trigger_name not in"
                        + " ('activity-snapshot', 'watch-digest', 'watch-digest-retry')"),
                "no other clustered trigger (the lexicon refresh and the OCR queue run on every instance)");

        long accountA = a.admin().body(Map.of("platform", "wechat", "handle", "cluster-a-" + a.pid(), "cohorts", List.of()))
                .post("/api/v1/accounts").then().statusCode(201).extract().jsonPath().getLong("id");
        long accountB = b.admin().body(Map.of("platform", "wechat", "handle", "cluster-b-" + b.pid(), "cohorts", List.of()))
                .post("/api/v1/accounts").then().statusCode(201).extract().jsonPath().getLong("id");

        // 1. uploads to both instances: each takes OCR work for its idle workers
        List<String> first = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            first.add(upload(a, accountA, 100 + i));
            first.add(upload(b, accountB, 200 + i));
        }
        time("20 images uploaded, 10 to each instance");
        awaitDone(db, first, Duration.ofSeconds(150));
        time("20 images OCR'd");
        Map<String, Long> byNode = ocrByInstance(db, first, a, b);
        System.out.println("[cluster] OCR jobs per instance, both alive: " + byNode);
        assertTrue(byNode.getOrDefault("a", 0L) > 0 && byNode.getOrDefault("b", 0L) > 0,
                "every instance with idle workers takes OCR work: " + byNode);

        // 2. the nightly job fires once, on one of the two
        long deadline = System.nanoTime() + Duration.between(Instant.now(), nightlyAt).plusSeconds(45).toNanos();
        while (nightlyRuns(db).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        List<String[]> runs = nightlyRuns(db);
        assertEquals(1, runs.size(), "the nightly job ran once by " + nightlyAt.plusSeconds(45));
        time("nightly snapshot ran on " + runs.get(0)[0]);

        // 3. more uploads, then kill -9 instance b while it holds leases
        List<String> second = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            second.add(upload(a, accountA, 300 + i));
            second.add(upload(b, accountB, 400 + i));
        }
        time("24 more images uploaded");
        long waitFor = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (leasedBy(db, nodeB).size() < 2 && System.nanoTime() < waitFor) {
            Thread.sleep(20);
        }
        assertTrue(!leasedBy(db, nodeB).isEmpty(), "instance b took no job from the second batch");
        b.kill();
        Instant killedAt = Instant.now();
        time("instance b killed (kill -9)");
        Map<String, Object[]> held = leasedBy(db, nodeB); // sha -> {attempts, lease_until}
        assertTrue(!held.isEmpty(), "instance b held OCR leases when it was killed");
        System.out.println("[cluster] leases b held when killed: " + held.size());
        assertTrue(!b.process.isAlive(), "b is gone");

        awaitDone(db, second, Duration.ofSeconds(150));
        time("every image of the second batch OCR'd");

        // the survivor took the dead instance's jobs, after their leases ran out, each on a further attempt
        for (Map.Entry<String, Object[]> h : held.entrySet()) {
            Object[] done = row(db, "select j.status, j.attempts, e.detail->>'node', e.at from ocr_job j"
                    + " join audit_entry e on e.action = 'image.ocr' and e.entity_id = j.sha256 where j.sha256 = ?", h.getKey());
            assertEquals("DONE", done[0]);
            assertEquals(((Number) h.getValue()[0]).intValue() + 1, ((Number) done[1]).intValue(), "one more attempt");
            assertTrue(((String) done[2]).contains(nodeA), "finished by the survivor: " + done[2]);
            Instant leaseEnd = ((Timestamp) h.getValue()[1]).toInstant();
            Instant finished = ((Timestamp) done[3]).toInstant();
            assertTrue(!finished.isBefore(leaseEnd), "taken over only after the lease ran out: " + finished + " < " + leaseEnd);
            System.out.printf("[cluster] job %s… held by b (lease until +%.1f s after the kill) finished by a +%.1f s after the kill%n",
                    h.getKey().substring(0, 10), Duration.between(killedAt, leaseEnd).toMillis() / 1e3,
                    Duration.between(killedAt, finished).toMillis() / 1e3);
        }

        // every image OCR'd exactly once: one result, one audit entry, no duplicate matches or contacts, none left
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        assertEquals(all.size(), all.stream().distinct().count());
        int withContact = 0;
        int withMatch = 0;
        for (String sha : all) {
            assertEquals(1, count(db, "select count(*) from audit_entry where action = 'image.ocr' and entity_id = ?", sha),
                    "one OCR result for " + sha);
            assertEquals(0, count(db, "select count(*) from audit_entry where action = 'image.ocr-failed' and entity_id = ?", sha));
            assertEquals(1, count(db, "select count(*) from image where sha256 = ? and status = 'DONE' and ocr_text is not null", sha));
            assertEquals(1, count(db, "select count(*) from ocr_job where sha256 = ? and status = 'DONE' and leased_by is null", sha));
            assertEquals(count(db, "select count(distinct (term_id, start_offset, end_offset, engine)) from term_match where image_sha256 = ?", sha),
                    count(db, "select count(*) from term_match where image_sha256 = ?", sha), "no duplicate matches for " + sha);
            withMatch += count(db, "select count(*) from term_match where image_sha256 = ?", sha) > 0 ? 1 : 0;
            withContact += count(db, "select count(*) from contact_sighting where image_sha256 = ? and value like 'trader\\_%'", sha) > 0 ? 1 : 0;
        }
        assertEquals(0, count(db, "select count(*) from ocr_job where status <> 'DONE'"), "no job lost or left behind");
        System.out.printf("[cluster] %d images, each OCR'd once; a term found in %d, the ad's contact id in %d%n",
                all.size(), withMatch, withContact);
        assertTrue(withMatch >= all.size() * 9 / 10 && withContact >= all.size() * 9 / 10, "the OCR results are real readings");
        Map<String, Long> total = ocrByInstance(db, all, a, b);
        System.out.println("[cluster] OCR jobs per instance over the run: " + total);

        // the nightly job still ran once, and wrote one snapshot (one transaction, one computed_at)
        runs = nightlyRuns(db);
        assertEquals(1, runs.size(), "the nightly job ran once across the two instances: " + runs.size());
        String ranOn = runs.get(0)[0];
        assertTrue(ranOn.endsWith("/" + a.pid()) || ranOn.endsWith("/" + b.pid()), ranOn);
        assertEquals(1, count(db, "select count(distinct computed_at) from activity_snapshot"));
        assertEquals(count(db, "select count(*) from account"), count(db, "select count(*) from activity_snapshot"),
                "every account in the one snapshot");
        Instant computed = ((Timestamp) row(db, "select min(computed_at) from activity_snapshot")[0]).toInstant();
        assertTrue(!computed.isBefore(nightlyAt.minusSeconds(1)) && computed.isBefore(nightlyAt.plusSeconds(30)),
                "the snapshot was computed when the cron fired: " + computed);
        System.out.printf("[cluster] nightly job: 1 run, on %s (%s), snapshot computed %s%n", ranOn,
                ranOn.endsWith("/" + a.pid()) ? "a" : "b", computed);
        time("checked");
    }

    // ---- helpers ----

    static String upload(PackagedInstance to, long account, int n) throws Exception {
        byte[] png = TestImages.ad(7000 + n, TERM_LINES[n % TERM_LINES.length], "价格面议 全国包邮", "微信: trader_" + n);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(png));
        to.admin().contentType("multipart/form-data").multiPart("file", "ad-" + n + ".png", png, "image/png")
                .post("/api/v1/accounts/" + account + "/images").then().statusCode(202);
        return sha;
    }

    static void awaitDone(Connection db, List<String> shas, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long done = 0;
            for (String sha : shas) {
                done += count(db, "select count(*) from image where sha256 = ? and status <> 'QUEUED'", sha);
            }
            if (done == shas.size()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                fail(done + " of " + shas.size() + " images OCR'd after " + timeout);
            }
            Thread.sleep(250);
        }
    }

    /** OCR results per instance ("a", "b") among {@code shas}, from the audit entries (their node names carry the pid). */
    static Map<String, Long> ocrByInstance(Connection db, List<String> shas, PackagedInstance a, PackagedInstance b) throws SQLException {
        Map<String, Long> out = new TreeMap<>();
        try (PreparedStatement st = db.prepareStatement("select split_part(detail->>'node', '/', 2), count(*) from audit_entry"
                + " where action = 'image.ocr' and entity_id = any (?) group by 1")) {
            st.setArray(1, db.createArrayOf("text", shas.toArray()));
            ResultSet rs = st.executeQuery();
            while (rs.next()) {
                String pid = rs.getString(1);
                out.put(pid.equals(String.valueOf(a.pid())) ? "a" : pid.equals(String.valueOf(b.pid())) ? "b" : pid, rs.getLong(2));
            }
        }
        return out;
    }

    /** The nightly snapshot's runs: the instance that ran each, from the audit trail. */
    static List<String[]> nightlyRuns(Connection db) throws SQLException {
        List<String[]> out = new ArrayList<>();
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("select detail->>'instance', at from audit_entry"
                + " where action = 'activity.recompute' and detail->>'trigger' = 'nightly' order by id")) {
            while (rs.next()) {
                out.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
        return out;
    }

    static Map<String, Object[]> leasedBy(Connection db, String node) throws SQLException {
        Map<String, Object[]> out = new LinkedHashMap<>();
        try (PreparedStatement st = db.prepareStatement(
                "select sha256, attempts, lease_until from ocr_job where status = 'LEASED' and leased_by like ?")) {
            st.setString(1, "%" + node + "%");
            ResultSet rs = st.executeQuery();
            while (rs.next()) {
                out.put(rs.getString(1), new Object[] {rs.getInt(2), rs.getTimestamp(3)});
            }
        }
        return out;
    }

    static long count(Connection db, String sql, Object... params) throws SQLException {
        return ((Number) row(db, sql, params)[0]).longValue();
    }

    static Object[] row(Connection db, String sql, Object... params) throws SQLException {
        try (PreparedStatement st = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            ResultSet rs = st.executeQuery();
            if (!rs.next()) {
                throw new AssertionError("no row: " + sql);
            }
            Object[] out = new Object[rs.getMetaData().getColumnCount()];
            for (int i = 0; i < out.length; i++) {
                out[i] = rs.getObject(i + 1);
            }
            return out;
        }
    }
}
