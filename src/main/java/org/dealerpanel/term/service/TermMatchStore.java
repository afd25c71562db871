package org.dealerpanel.term.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.dealerpanel.common.Page;
import org.dealerpanel.lexicon.matching.TermMatch;
import org.hibernate.Session;

/**
 * Writes and reads term_match rows: the CURRENT hits of the lexicon in post texts and in OCR texts, each with the
 * lexicon version whose matcher found it. A hit that stops being current (its term was deactivated, a re-match no
 * longer finds it, the image was read again) is moved to term_match_history with the version that superseded it,
 * never deleted.
 */
@ApplicationScoped
public class TermMatchStore {
    /** A hit plus the engine that read it; {@code inText} false = found only in an alternative reading (no offsets). */
    public record EngineMatch(TermMatch match, String engine, boolean inText) {
    }

    /** A stored current hit of a post ({@code postId}) or an image ({@code sha256}). */
    public record StoredMatch(long id, Long postId, String sha256, long termId, String category, Integer start, Integer end,
                             double confidence, String kind, String engine) {
    }

    /** A hit to store for a post or an image (exactly one of the two). */
    public record NewMatch(Long postId, String sha256, long termId, String category, Integer start, Integer end,
                           double confidence, String kind, String engine) {
        public static NewMatch ofPost(long postId, TermMatch m) {
            return new NewMatch(postId, null, m.termId(), m.category().name(), m.start(), m.end(), m.confidence(),
                    m.kind().name(), null);
        }

        public static NewMatch ofImage(String sha256, EngineMatch e) {
            TermMatch m = e.match();
            return new NewMatch(null, sha256, m.termId(), m.category().name(), e.inText() ? m.start() : null,
                    e.inText() ? m.end() : null, m.confidence(), m.kind().name(), e.engine());
        }
    }

    /** A hit of one term, current or superseded, with where it is and the lexicon versions of its life. */
    public record TermHit(long id, String kind, Long postId, String sha256, Integer start, Integer end, double confidence,
                          String matchKind, String engine, int foundInVersion, Integer supersededInVersion,
                          Instant supersededAt) {
    }

    private static final String INSERT = "insert into term_match (term_id, category, post_id, image_sha256, start_offset,"
            + " end_offset, confidence, kind, engine, lexicon_version) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String COLUMNS = "id, term_id, category, post_id, image_sha256, start_offset, end_offset,"
            + " confidence, kind, engine, lexicon_version";

    @Inject
    EntityManager em;

    @Transactional(Transactional.TxType.MANDATORY)
    public void recordForPost(long postId, List<TermMatch> matches, int lexiconVersion) {
        insert(matches.stream().map(m -> NewMatch.ofPost(postId, m)).toList(), lexiconVersion);
    }

    /**
     * Replaces the hits of an image (so re-running OCR never leaves duplicates): the earlier hits go to the history,
     * superseded by {@code lexiconVersion}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void replaceForImage(String sha256, List<EngineMatch> matches, int lexiconVersion) {
        @SuppressWarnings("unchecked")
        List<Number> old = em.createNativeQuery("select id from term_match where image_sha256 = ?1").setParameter(1, sha256)
                .getResultList();
        supersede(old.stream().map(Number::longValue).toList(), lexiconVersion);
        insert(matches.stream().map(e -> NewMatch.ofImage(sha256, e)).toList(), lexiconVersion);
    }

    /** The current hits of these posts and images. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<StoredMatch> current(Collection<Long> postIds, Collection<String> sha256s) {
        List<StoredMatch> out = new ArrayList<>();
        work(conn -> {
            if (!postIds.isEmpty()) {
                try (PreparedStatement st = conn.prepareStatement("select " + COLUMNS + " from term_match where post_id = any(?)")) {
                    st.setArray(1, conn.createArrayOf("bigint", postIds.toArray()));
                    readStored(st, out);
                }
            }
            if (!sha256s.isEmpty()) {
                try (PreparedStatement st = conn.prepareStatement("select " + COLUMNS + " from term_match where image_sha256 = any(?)")) {
                    st.setArray(1, conn.createArrayOf("text", sha256s.toArray()));
                    readStored(st, out);
                }
            }
            return null;
        });
        return out;
    }

    /** Moves these current hits to the history, superseded by {@code lexiconVersion}; returns how many moved. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int supersede(Collection<Long> ids, int lexiconVersion) {
        if (ids.isEmpty()) {
            return 0;
        }
        return work(conn -> {
            try (PreparedStatement st = conn.prepareStatement("""
                    with gone as (delete from term_match where id = any(?) returning *)
                    insert into term_match_history (id, term_id, category, post_id, image_sha256, start_offset, end_offset,
                                                    confidence, kind, engine, lexicon_version, superseded_version)
                    select id, term_id, category, post_id, image_sha256, start_offset, end_offset, confidence, kind, engine,
                           lexicon_version, greatest(?, lexicon_version) from gone""")) {
                st.setArray(1, conn.createArrayOf("bigint", ids.toArray()));
                st.setInt(2, lexiconVersion);
                return st.executeUpdate();
            }
        });
    }

    /** Stores new current hits found by the matcher of {@code lexiconVersion} (one batch). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void insert(List<NewMatch> matches, int lexiconVersion) {
        if (matches.isEmpty()) {
            return;
        }
        work(conn -> {
            try (PreparedStatement st = conn.prepareStatement(INSERT)) {
                for (NewMatch m : matches) {
                    st.setLong(1, m.termId());
                    st.setString(2, m.category());
                    st.setObject(3, m.postId(), Types.BIGINT);
                    st.setString(4, m.sha256());
                    st.setObject(5, m.start(), Types.INTEGER);
                    st.setObject(6, m.end(), Types.INTEGER);
                    st.setDouble(7, m.confidence());
                    st.setString(8, m.kind());
                    st.setString(9, m.engine());
                    st.setInt(10, lexiconVersion);
                    st.addBatch();
                }
                st.executeBatch();
            }
            return null;
        });
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public List<MatchView> ofPost(long postId) {
        return read("m.post_id = ?1", postId);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public List<MatchView> ofImage(String sha256) {
        return read("m.image_sha256 = ?1", sha256);
    }

    /**
     * The hits of one term, newest first: the current ones, and with {@code history} the superseded ones too ("who
     * used it before, and since when").
     */
    @Transactional
    public Page<TermHit> ofTerm(long termId, boolean history, int page, int size) {
        String current = "select id, case when post_id is null then 'IMAGE' else 'POST' end as kind, post_id, image_sha256,"
                + " start_offset, end_offset, confidence, kind as match_kind, engine, lexicon_version,"
                + " null::integer as superseded_version, null::timestamptz as superseded_at from term_match where term_id = ?1";
        String superseded = "select id, case when post_id is null then 'IMAGE' else 'POST' end, post_id, image_sha256,"
                + " start_offset, end_offset, confidence, kind, engine, lexicon_version, superseded_version, superseded_at"
                + " from term_match_history where term_id = ?1";
        String all = history ? current + " union all " + superseded : current;
        long total = ((Number) em.createNativeQuery("select count(*) from (" + all + ") x").setParameter(1, termId)
                .getSingleResult()).longValue();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(all + " order by id desc limit ?2 offset ?3").setParameter(1, termId)
                .setParameter(2, size).setParameter(3, (long) page * size).getResultList();
        List<TermHit> out = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            out.add(new TermHit(((Number) r[0]).longValue(), (String) r[1], r[2] == null ? null : ((Number) r[2]).longValue(),
                    (String) r[3], r[4] == null ? null : ((Number) r[4]).intValue(), r[5] == null ? null : ((Number) r[5]).intValue(),
                    ((Number) r[6]).doubleValue(), (String) r[7], (String) r[8], ((Number) r[9]).intValue(),
                    r[10] == null ? null : ((Number) r[10]).intValue(), toInstant(r[11])));
        }
        return new Page<>(out, total);
    }

    private List<MatchView> read(String where, Object key) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select m.term_id, t.term, m.category, m.start_offset, m.end_offset,"
                        + " m.confidence, m.kind, m.engine, m.lexicon_version from term_match m join term t on t.id = m.term_id where "
                        + where + " order by m.start_offset nulls last, m.end_offset desc, m.id")
                .setParameter(1, key).getResultList();
        List<MatchView> out = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            out.add(new MatchView(((Number) r[0]).longValue(), (String) r[1], (String) r[2],
                    r[3] == null ? null : ((Number) r[3]).intValue(), r[4] == null ? null : ((Number) r[4]).intValue(),
                    ((Number) r[5]).doubleValue(), (String) r[6], (String) r[7], ((Number) r[8]).intValue()));
        }
        return out;
    }

    private static void readStored(PreparedStatement st, List<StoredMatch> out) throws SQLException {
        try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.add(new StoredMatch(rs.getLong("id"), (Long) rs.getObject("post_id"), rs.getString("image_sha256"),
                        rs.getLong("term_id"), rs.getString("category"), (Integer) rs.getObject("start_offset"),
                        (Integer) rs.getObject("end_offset"), rs.getDouble("confidence"), rs.getString("kind"),
                        rs.getString("engine")));
            }
        }
    }

    private static Instant toInstant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }

    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T work(Work<T> work) {
        return em.unwrap(Session.class).doReturningWork(work::run);
    }
}
