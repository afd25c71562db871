package org.dealerpanel.archive.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dealerpanel.image.queue.OcrAnalysis;
import org.dealerpanel.image.queue.OcrAnalysis.StoredAlternative;
import org.dealerpanel.image.queue.OcrAnalysis.StoredLine;
import org.dealerpanel.lexicon.matching.TermMatch;
import org.dealerpanel.lexicon.normalize.NormalizedText;
import org.dealerpanel.lexicon.normalize.TextNormalizer;
import org.dealerpanel.term.service.ActiveLexicon;
import org.dealerpanel.term.service.TermMatchStore;
import org.dealerpanel.term.service.TermMatchStore.EngineMatch;
import org.dealerpanel.term.service.TermMatchStore.NewMatch;
import org.dealerpanel.term.service.TermMatchStore.StoredMatch;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * Does the re-match work: one batch of archive_text ids per transaction, claimed with {@code FOR UPDATE SKIP LOCKED}
 * so any number of workers in any number of instances share the batches and a batch is never done twice at once; a
 * worker that dies leaves its batch unclaimed (its transaction rolls back), so a restart resumes with it.
 *
 * <p>Each stored text is matched again with the matcher of the target lexicon version: a post's text with the term
 * matcher, an image's stored OCR reading (chosen text and the lines' alternative readings, from ocr_detail: no new
 * OCR) by {@link OcrAnalysis#rematch}. The hits are compared with the current ones: hits found again are kept (with
 * the version that first found them), new ones are stored with the target version, and hits no longer found (a
 * deactivated term) move to the history, superseded by the target version. Texts whose matcher was already at the
 * target (stored after the change) are skipped; texts without their normalised copy (stored before migration V11)
 * get it.
 */
@ApplicationScoped
public class Rematcher {
    private static final Logger LOG = Logger.getLogger(Rematcher.class);
    private static final TextNormalizer NORMALIZER = TextNormalizer.getInstance();
    /** Texts stored this long before the re-match started by an older matcher are looked at again when it ends. */
    static final String STRAGGLER_MARGIN = "10 minutes";

    @Inject
    EntityManager em;
    @Inject
    ActiveLexicon lexicon;
    @Inject
    TermMatchStore store;
    @Inject
    ObjectMapper json;

    /** A stored text to match again. */
    record Doc(long id, String kind, Long postId, String sha256, boolean normalisedMissing, int lexiconVersion, String text,
               String linesJson) {
    }

    /** What a re-match of some texts changed. */
    record Outcome(int texts, int changed, int added, int removed) {
    }

    /** Claims and does one batch; false when no batch is left to claim. */
    public boolean runBatch(String node) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> claimed = em.createNativeQuery("select first_id, last_id from rescan_batch where not done"
                    + " order by first_id limit 1 for update skip locked").getResultList();
            if (claimed.isEmpty()) {
                return false;
            }
            long first = ((Number) claimed.get(0)[0]).longValue();
            long last = ((Number) claimed.get(0)[1]).longValue();
            int target = ((Number) em.createNativeQuery("select target_version from rescan_state").getSingleResult()).intValue();
            ActiveLexicon.Snapshot lex = lexicon.fresh();
            List<Doc> docs = work(conn -> loadRange(conn, first, last));
            List<Doc> todo = docs.stream().filter(d -> d.lexiconVersion() < target || d.normalisedMissing()).toList();
            Outcome o = rematch(todo, lex, false);
            em.createNativeQuery("update rescan_batch set done = true, texts = ?2, changed = ?3, added = ?4, removed = ?5,"
                            + " done_by = ?6, done_at = now() where first_id = ?1")
                    .setParameter(1, first).setParameter(2, docs.size()).setParameter(3, o.changed())
                    .setParameter(4, o.added()).setParameter(5, o.removed()).setParameter(6, node).executeUpdate();
            return true;
        });
    }

    /**
     * When every batch is done: matches again the texts stored meanwhile by a matcher older than the target (another
     * instance had not seen the change yet) and sets the state to IDLE. False if there is nothing to finish (or
     * batches are still being done elsewhere).
     */
    public boolean finishIfDone(String node) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> state = em.createNativeQuery("select target_version, started_at from rescan_state"
                    + " where state = 'RUNNING' for update").getResultList();
            if (state.isEmpty()) {
                return false;
            }
            boolean pending = !em.createNativeQuery("select 1 from rescan_batch where not done limit 1").getResultList().isEmpty();
            if (pending) {
                return false;
            }
            int target = ((Number) state.get(0)[0]).intValue();
            @SuppressWarnings("unchecked")
            List<Number> stale = em.createNativeQuery("select id from archive_text where lexicon_version < ?1"
                            + " and stored_at >= (select started_at from rescan_state) - interval '" + STRAGGLER_MARGIN + "'"
                            + " order by id")
                    .setParameter(1, target).getResultList();
            ActiveLexicon.Snapshot lex = lexicon.fresh();
            int swept = 0;
            for (int i = 0; i < stale.size(); i += 1000) {
                List<Long> ids = stale.subList(i, Math.min(stale.size(), i + 1000)).stream().map(Number::longValue).toList();
                List<Doc> docs = work(conn -> loadIds(conn, ids));
                swept += rematch(docs, lex, true).texts();
            }
            em.createNativeQuery("update rescan_state set state = 'IDLE', finished_at = now(), swept = ?1")
                    .setParameter(1, swept).executeUpdate();
            LOG.infof("re-match for lexicon version %d finished by %s (%d texts stored meanwhile matched again)", target, node, swept);
            return true;
        });
    }

    /** Matches {@code docs} again with {@code lex} and stores what changed; {@code stamp}: record the version on them. */
    Outcome rematch(List<Doc> docs, ActiveLexicon.Snapshot lex, boolean stamp) {
        if (docs.isEmpty()) {
            return new Outcome(0, 0, 0, 0);
        }
        List<Long> postIds = new ArrayList<>();
        List<String> sha256s = new ArrayList<>();
        for (Doc d : docs) {
            if (d.postId() != null) {
                postIds.add(d.postId());
            } else {
                sha256s.add(d.sha256());
            }
        }
        Map<String, List<StoredMatch>> current = new HashMap<>();
        for (StoredMatch m : store.current(postIds, sha256s)) {
            current.computeIfAbsent(m.postId() != null ? "p" + m.postId() : "i" + m.sha256(), k -> new ArrayList<>()).add(m);
        }
        List<Long> remove = new ArrayList<>();
        List<NewMatch> add = new ArrayList<>();
        List<Object[]> normalised = new ArrayList<>();
        int changed = 0;
        for (Doc d : docs) {
            String text = d.text() == null ? "" : d.text();
            List<NewMatch> found = new ArrayList<>();
            NormalizedText nt = null;
            if (d.postId() != null) {
                nt = NORMALIZER.normalize(text);
                for (TermMatch m : lex.matcher().match(nt)) {
                    found.add(NewMatch.ofPost(d.postId(), m));
                }
            } else {
                for (EngineMatch e : OcrAnalysis.rematch(text, lines(d), lex.matcher())) {
                    found.add(NewMatch.ofImage(d.sha256(), e));
                }
            }
            List<StoredMatch> had = current.getOrDefault(d.postId() != null ? "p" + d.postId() : "i" + d.sha256(), List.of());
            int before = remove.size() + add.size();
            diff(had, found, remove, add);
            if (remove.size() + add.size() > before) {
                changed++;
            }
            if (d.normalisedMissing() || stamp) {
                normalised.add(new Object[] {d.id(), (nt != null ? nt : NORMALIZER.normalize(text)).text()});
            }
        }
        int removed = store.supersede(remove, lex.version());
        store.insert(add, lex.version());
        if (!normalised.isEmpty()) {
            work(conn -> {
                try (PreparedStatement st = conn.prepareStatement(stamp
                        ? "update archive_text set normalised = ?, lexicon_version = greatest(lexicon_version, ?) where id = ?"
                        : "update archive_text set normalised = ? where id = ?")) {
                    for (Object[] n : normalised) {
                        int i = 1;
                        st.setString(i++, (String) n[1]);
                        if (stamp) {
                            st.setInt(i++, lex.version());
                        }
                        st.setLong(i, (Long) n[0]);
                        st.addBatch();
                    }
                    st.executeBatch();
                }
                return null;
            });
        }
        return new Outcome(docs.size(), changed, add.size(), removed);
    }

    /**
     * Hits found again (same term, place, kind, engine and confidence) are kept; the stored ones not found again go to
     * {@code remove}, the new ones to {@code add}. Duplicates are compared as multisets.
     */
    static void diff(List<StoredMatch> had, List<NewMatch> found, List<Long> remove, List<NewMatch> add) {
        Map<String, List<StoredMatch>> byKey = new HashMap<>();
        for (StoredMatch m : had) {
            byKey.computeIfAbsent(key(m.termId(), m.start(), m.end(), m.kind(), m.engine(), m.confidence()), k -> new ArrayList<>())
                    .add(m);
        }
        for (NewMatch n : found) {
            List<StoredMatch> same = byKey.get(key(n.termId(), n.start(), n.end(), n.kind(), n.engine(), n.confidence()));
            if (same != null && !same.isEmpty()) {
                same.remove(same.size() - 1);
            } else {
                add.add(n);
            }
        }
        for (List<StoredMatch> left : byKey.values()) {
            for (StoredMatch m : left) {
                remove.add(m.id());
            }
        }
    }

    private static String key(long termId, Integer start, Integer end, String kind, String engine, double confidence) {
        return termId + "|" + start + "|" + end + "|" + kind + "|" + engine + "|" + Math.round(confidence * 1_000_000);
    }

    private List<StoredLine> lines(Doc d) {
        if (d.linesJson() == null) {
            return List.of();
        }
        try {
            JsonNode node = json.readTree(d.linesJson());
            List<StoredLine> out = new ArrayList<>();
            for (JsonNode l : node) {
                List<StoredAlternative> alts = new ArrayList<>();
                for (JsonNode a : l.path("alternatives")) {
                    alts.add(new StoredAlternative(text(a.get("engine")), text(a.get("text"))));
                }
                out.add(new StoredLine(text(l.get("text")), text(l.get("engine")), alts));
            }
            return out;
        } catch (IOException e) {
            LOG.warnf("image %s: stored OCR lines are not readable (%s); matching its text only", d.sha256(), e.getMessage());
            return List.of();
        }
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    private static final String SELECT_DOCS = "select a.id, a.kind, a.post_id, a.image_sha256, a.normalised is null as missing,"
            + " a.lexicon_version, coalesce(p.text, i.ocr_text) as text, (i.ocr_detail -> 'lines')::text as lines"
            + " from archive_text a left join post p on p.id = a.post_id left join image i on i.sha256 = a.image_sha256";

    private static List<Doc> loadRange(Connection conn, long first, long last) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(SELECT_DOCS + " where a.id between ? and ? order by a.id")) {
            st.setLong(1, first);
            st.setLong(2, last);
            return read(st);
        }
    }

    private static List<Doc> loadIds(Connection conn, List<Long> ids) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(SELECT_DOCS + " where a.id = any(?) order by a.id")) {
            st.setArray(1, conn.createArrayOf("bigint", ids.toArray()));
            return read(st);
        }
    }

    private static List<Doc> read(PreparedStatement st) throws SQLException {
        st.setFetchSize(2000);
        List<Doc> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.add(new Doc(rs.getLong(1), rs.getString(2), (Long) rs.getObject(3), rs.getString(4), rs.getBoolean(5),
                        rs.getInt(6), rs.getString(7), rs.getString(8)));
            }
        }
        return out;
    }

    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T work(Work<T> work) {
        return em.unwrap(Session.class).doReturningWork(work::run);
    }
}
