package org.dealerpanel.term.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The lexicon version: a counter in the database (table lexicon_state, migration V10) incremented in the transaction
 * of every term added or deactivated, with the change recorded in lexicon_change. Matches record the version whose
 * matcher found them; reports and exports say which version they used.
 */
@ApplicationScoped
public class LexiconVersions {
    @Inject
    EntityManager em;

    /** Increments the version in the caller's transaction (the row lock serialises concurrent changes). */
    @Transactional(Transactional.TxType.MANDATORY)
    public int bump(String action, long termId, String actor) {
        int version = ((Number) em.createNativeQuery(
                "update lexicon_state set version = version + 1, changed_at = now() returning version")
                .getSingleResult()).intValue();
        em.createNativeQuery("insert into lexicon_change (version, action, term_id, changed_by) values (?1, ?2, ?3, ?4)")
                .setParameter(1, version).setParameter(2, action).setParameter(3, termId).setParameter(4, actor)
                .executeUpdate();
        return version;
    }

    /** The current version. */
    @Transactional
    public int current() {
        return ((Number) em.createNativeQuery("select version from lexicon_state").getSingleResult()).intValue();
    }
}
