package org.dealerpanel.demo;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dealerpanel.account.Account;
import org.dealerpanel.account.Cohort;
import org.dealerpanel.account.CohortMember;
import org.dealerpanel.account.Dealer;
import org.dealerpanel.activity.service.ActivityService;
import org.dealerpanel.audit.service.AuditService;
import org.dealerpanel.observation.ObservationBatch;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/** Loads the synthetic demo panel at start when TRACKER_DEMO_DATA is true and the panel is empty. */
@ApplicationScoped
public class DemoDataLoader {
    private static final Logger LOG = Logger.getLogger(DemoDataLoader.class);

    @ConfigProperty(name = "tracker.demo-data", defaultValue = "false")
    boolean enabled;

    @Inject
    EntityManager em;
    @Inject
    AuditService audit;

    void onStart(@Observes @Priority(20) StartupEvent event) {
        if (enabled) {
            loadIfEmpty();
        }
    }

    /**
     * @return the number of observations loaded, or -1 when the panel was not empty. One instance at a time (instances
     * starting together on a new database would each load it, and all but one fail on the duplicates).
     */
    @Transactional
    public long loadIfEmpty() {
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext('tracker.demo-data'))").getResultList();
        if (Account.count() > 0) {
            LOG.info("Demo data: the panel is not empty, nothing loaded");
            return -1;
        }
        return load();
    }

    /** Loads the demo panel beside other accounts unless its first account exists already (tests). */
    @Transactional
    public long loadUnlessPresent() {
        if (Account.findByKey("wechat", "demo-wx-001").isPresent()) {
            return -1;
        }
        return load();
    }

    private long load() {
        DemoPanelGenerator generator = new DemoPanelGenerator(ActivityService.yesterday());
        StringBuilder copyText = new StringBuilder(4 * 1024 * 1024);
        Map<String, Long> ids = new HashMap<>();
        long[] rows = {0};
        generator.generate(observation -> {
            rows[0]++;
            copyText.append(observation.accountKey()).append(',').append(observation.day()).append(',')
                    .append(observation.posts()).append(',').append(observation.images()).append('\n');
        });
        Map<String, Cohort> cohorts = new HashMap<>();
        Map<String, Dealer> dealers = new LinkedHashMap<>();
        for (DemoPanelGenerator.DemoAccount demo : generator.accounts()) {
            Account account = new Account();
            account.platform = demo.platform();
            account.handle = demo.handle();
            account.displayName = demo.displayName();
            account.notes = demo.notes();
            account.platformState = demo.state();
            account.platformStateSince = demo.stateSince();
            account.updatedAt = Instant.now();
            if (demo.dealer() != null) {
                account.dealerId = dealers.computeIfAbsent(demo.dealer(), name -> {
                    Dealer dealer = new Dealer();
                    dealer.name = name;
                    dealer.notes = DemoPanelGenerator.LABEL;
                    dealer.updatedAt = Instant.now();
                    dealer.persist();
                    return dealer;
                }).id;
            }
            account.persist();
            ids.put(demo.key(), account.id);
            Cohort cohort = cohorts.computeIfAbsent(demo.cohort(), name -> {
                Cohort created = new Cohort();
                created.name = name;
                created.description = name.equals(DemoPanelGenerator.COHORT)
                        ? "[DEMO] 58 WeChat dealers first monitored in 2015 (synthetic)"
                        : "[DEMO] accounts on other platforms followed over the last year (synthetic)";
                created.persist();
                return created;
            });
            CohortMember member = new CohortMember();
            member.cohortId = cohort.id;
            member.accountId = account.id;
            member.joinedOn = demo.cohort().equals(DemoPanelGenerator.COHORT) ? DemoPanelGenerator.BASELINE_FROM
                    : ActivityService.yesterday().minusDays(364);
            member.persist();
        }
        em.flush();
        ObservationBatch batch = ObservationBatch.of(ObservationBatch.Kind.DEMO, "demo", AuditService.SYSTEM, Instant.now());
        batch.persist();
        String text = resolveKeys(copyText, ids, batch.id);
        em.unwrap(Session.class).doWork(connection -> {
            try {
                CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
                        "copy observation (account_id, day, posts, images, batch_id) from stdin (format csv)");
                byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                copy.writeToCopy(bytes, 0, bytes.length);
                copy.endCopy();
            } catch (SQLException e) {
                throw e;
            }
        });
        audit.record("demo.load", "panel", null, Map.of("accounts", ids.size(), "observations", rows[0],
                "seed", DemoPanelGenerator.SEED));
        LOG.infof("Demo data: loaded %d synthetic accounts and %d observations (cohorts %s, %s)", ids.size(), rows[0],
                DemoPanelGenerator.COHORT, DemoPanelGenerator.OTHER_COHORT);
        return rows[0];
    }

    private static String resolveKeys(StringBuilder rows, Map<String, Long> ids, int batchId) {
        StringBuilder out = new StringBuilder(rows.length() + rows.length() / 4);
        int start = 0;
        while (start < rows.length()) {
            int comma = rows.indexOf(",", start);
            int end = rows.indexOf("\n", comma);
            out.append(ids.get(rows.substring(start, comma))).append(rows, comma, end).append(',').append(batchId).append('\n');
            start = end + 1;
        }
        return out.toString();
    }

}
