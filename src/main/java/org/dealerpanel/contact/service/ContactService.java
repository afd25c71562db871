package org.dealerpanel.contact.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.dealerpanel.lexicon.contact.ContactId;

/**
 * Stores contact ids seen in posts and images (table contact_sighting) and reads them back. An image's
 * contacts are recorded once per account the image is linked to; linking a finished image to another
 * account later copies them (callers hold the image row lock, so the two cannot miss each other).
 */
@ApplicationScoped
public class ContactService {
    /** A contact id read in an image, with the OCR engine whose reading contained it. */
    public record ImageContact(String kind, String value, String engine) {
    }

    @Inject
    EntityManager em;

    @Transactional(Transactional.TxType.MANDATORY)
    public void recordForPost(long accountId, long postId, Collection<ContactId> contacts) {
        for (ContactId c : contacts) {
            em.createNativeQuery("insert into contact_sighting (kind, value, account_id, post_id) values (?1, ?2, ?3, ?4)"
                            + " on conflict do nothing")
                    .setParameter(1, c.kind().wireName()).setParameter(2, c.value()).setParameter(3, accountId)
                    .setParameter(4, postId).executeUpdate();
        }
    }

    /** Replaces an image's contacts, recording each for every account the image is linked to. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void replaceForImage(String sha256, Collection<ImageContact> contacts) {
        em.createNativeQuery("delete from contact_sighting where image_sha256 = ?1").setParameter(1, sha256).executeUpdate();
        for (ImageContact c : contacts) {
            em.createNativeQuery("insert into contact_sighting (kind, value, account_id, image_sha256, engine)"
                            + " select distinct ?1, ?2, l.account_id, l.sha256, ?3 from image_link l where l.sha256 = ?4"
                            + " on conflict do nothing")
                    .setParameter(1, c.kind()).setParameter(2, c.value()).setParameter(3, c.engine()).setParameter(4, sha256)
                    .executeUpdate();
        }
    }

    /** After linking an already OCR'd image to an account: the account has seen the image's contacts too. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void copyImageContactsTo(String sha256, long accountId) {
        em.createNativeQuery("insert into contact_sighting (kind, value, account_id, image_sha256, engine)"
                        + " select distinct kind, value, ?1, image_sha256, engine from contact_sighting where image_sha256 = ?2"
                        + " on conflict do nothing")
                .setParameter(1, accountId).setParameter(2, sha256).executeUpdate();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public List<ContactView> ofPost(long postId) {
        return read("post_id = ?1", postId);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public List<ContactView> ofImage(String sha256) {
        return read("image_sha256 = ?1", sha256);
    }

    private List<ContactView> read(String where, Object key) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select distinct kind, value from contact_sighting where " + where
                + " order by kind, value").setParameter(1, key).getResultList();
        List<ContactView> out = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            out.add(new ContactView((String) r[0], (String) r[1]));
        }
        return out;
    }
}
