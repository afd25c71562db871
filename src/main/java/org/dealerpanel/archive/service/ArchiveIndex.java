package org.dealerpanel.archive.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.dealerpanel.image.queue.OcrTextStored;
import org.dealerpanel.lexicon.normalize.TextNormalizer;
import org.dealerpanel.post.service.PostTextStored;
import org.dealerpanel.common.PanelClock;

/**
 * Keeps archive_text (migration V11) in step with the stored texts: a post stored with a text, an image whose OCR
 * finished. Runs in the transaction that stores the text, so the archive never lacks a committed text. The normalised
 * copy is {@link TextNormalizer}'s output; the image's accounts and day follow its links (database triggers).
 */
@ApplicationScoped
public class ArchiveIndex {
    private static final TextNormalizer NORMALIZER = TextNormalizer.getInstance();

    @Inject
    EntityManager em;

    void onPost(@Observes PostTextStored stored) {
        em.createNativeQuery("insert into archive_text (kind, post_id, account_ids, day, normalised, lexicon_version)"
                        + " values ('POST', ?1, array[cast(?2 as bigint)], ?3, ?4, ?5)"
                        + " on conflict (post_id) do update set normalised = excluded.normalised,"
                        + " lexicon_version = excluded.lexicon_version, stored_at = now()")
                .setParameter(1, stored.postId()).setParameter(2, stored.accountId())
                .setParameter(3, java.sql.Date.valueOf(PanelClock.dayOf(stored.postedAt())))
                .setParameter(4, NORMALIZER.normalizeToString(stored.text())).setParameter(5, stored.lexiconVersion())
                .executeUpdate();
    }

    void onOcr(@Observes OcrTextStored stored) {
        if (stored.text() == null || stored.text().isBlank()) {
            em.createNativeQuery("delete from archive_text where image_sha256 = ?1").setParameter(1, stored.sha256())
                    .executeUpdate();
            return;
        }
        em.createNativeQuery("insert into archive_text (kind, image_sha256, account_ids, day, normalised, lexicon_version)"
                        + " select 'IMAGE', i.sha256,"
                        + "  coalesce((select array_agg(distinct l.account_id order by l.account_id) from image_link l"
                        + "            where l.sha256 = i.sha256), '{}'),"
                        + "  coalesce((select min(l.posted_on) from image_link l where l.sha256 = i.sha256),"
                        + "           (i.created_at at time zone cast(?4 as text))::date), ?2, ?3"
                        + " from image i where i.sha256 = ?1"
                        + " on conflict (image_sha256) do update set normalised = excluded.normalised,"
                        + " lexicon_version = excluded.lexicon_version, stored_at = now()")
                .setParameter(1, stored.sha256()).setParameter(2, NORMALIZER.normalizeToString(stored.text()))
                .setParameter(3, stored.lexiconVersion()).setParameter(4, PanelClock.sqlZone()).executeUpdate();
    }
}
