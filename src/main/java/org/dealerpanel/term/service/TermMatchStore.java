package org.dealerpanel.term.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import org.dealerpanel.lexicon.matching.TermMatch;

/** Writes and reads term_match rows: the hits of the lexicon in post texts and in OCR texts. */
@ApplicationScoped
public class TermMatchStore {
    /** A hit plus the engine that read it; {@code inText} false = found only in an alternative reading (no offsets). */
    public record EngineMatch(TermMatch match, String engine, boolean inText) {
    }

    @Inject
    EntityManager em;

    @Transactional(Transactional.TxType.MANDATORY)
    public void recordForPost(long postId, List<TermMatch> matches) {
        for (TermMatch m : matches) {
            em.createNativeQuery("insert into term_match (term_id, category, post_id, start_offset, end_offset, confidence, kind)"
                            + " values (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
                    .setParameter(1, m.termId()).setParameter(2, m.category().name()).setParameter(3, postId)
                    .setParameter(4, m.start()).setParameter(5, m.end()).setParameter(6, m.confidence())
                    .setParameter(7, m.kind().name()).executeUpdate();
        }
    }

    /** Replaces the hits of an image (so re-running OCR never leaves duplicates). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void replaceForImage(String sha256, List<EngineMatch> matches) {
        em.createNativeQuery("delete from term_match where image_sha256 = ?1").setParameter(1, sha256).executeUpdate();
        for (EngineMatch e : matches) {
            TermMatch m = e.match();
            em.createNativeQuery("insert into term_match (term_id, category, image_sha256, start_offset, end_offset, confidence, kind, engine)"
                            + " values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
                    .setParameter(1, m.termId()).setParameter(2, m.category().name()).setParameter(3, sha256)
                    .setParameter(4, e.inText() ? m.start() : null).setParameter(5, e.inText() ? m.end() : null)
                    .setParameter(6, m.confidence()).setParameter(7, m.kind().name()).setParameter(8, e.engine())
                    .executeUpdate();
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public List<MatchView> ofPost(long postId) {
        return read("m.post_id = ?1", postId);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public List<MatchView> ofImage(String sha256) {
        return read("m.image_sha256 = ?1", sha256);
    }

    private List<MatchView> read(String where, Object key) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select m.term_id, t.term, m.category, m.start_offset, m.end_offset,"
                        + " m.confidence, m.kind, m.engine from term_match m join term t on t.id = m.term_id where " + where
                        + " order by m.start_offset nulls last, m.end_offset desc, m.id")
                .setParameter(1, key).getResultList();
        List<MatchView> out = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            out.add(new MatchView(((Number) r[0]).longValue(), (String) r[1], (String) r[2],
                    r[3] == null ? null : ((Number) r[3]).intValue(), r[4] == null ? null : ((Number) r[4]).intValue(),
                    ((Number) r[5]).doubleValue(), (String) r[6], (String) r[7]));
        }
        return out;
    }
}
