package org.dealerpanel.image.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import org.dealerpanel.account.service.AccountService;
import org.dealerpanel.audit.service.AuditService;
import org.dealerpanel.common.ApiException;
import org.dealerpanel.common.Params;
import org.dealerpanel.contact.service.ContactService;
import org.dealerpanel.post.Post;
import org.dealerpanel.term.service.TermMatchStore;
import org.jboss.logging.Logger;
import org.dealerpanel.common.PanelClock;

/**
 * Image intake and reads. Intake checks the account and post, inspects the upload ({@link ImageInspector}: nothing
 * refused is ever stored), hashes it, stores it content-addressed ({@link ImageStore}) and then, in one transaction,
 * registers the image (once per content), queues its OCR job (unless it is DONE or already queued; a FAILED image
 * uploaded again is queued afresh) and links it to the account and post.
 */
@ApplicationScoped
public class ImageService {
    private static final Logger LOG = Logger.getLogger(ImageService.class);

    @Inject
    EntityManager em;
    @Inject
    ImageLimits limits;
    @Inject
    ImageStore store;
    @Inject
    AccountService accounts;
    @Inject
    AuditService audit;
    @Inject
    TermMatchStore matches;
    @Inject
    ContactService contacts;
    @Inject
    ObjectMapper json;

    private volatile Semaphore checks;

    public record Intake(String sha256, String status, boolean stored, String mediaType, int width, int height,
                         long byteSize) {
    }

    /** Takes an uploaded file (a temporary file the caller deletes). */
    public Intake intake(long accountId, Path upload, String postIdParam, String postedOnParam) {
        Long postId = parsePostId(postIdParam);
        LocalDate postedOnGiven = Params.date("postedOn", postedOnParam);
        LocalDate postedOn = QuarkusTransaction.requiringNew().call(() -> {
            accounts.find(accountId);
            if (postId == null) {
                return postedOnGiven;
            }
            Post post = Post.findById(postId);
            if (post == null || post.accountId != accountId) {
                throw ApiException.badField("postId", "post " + postId + " is not a post of account " + accountId);
            }
            return postedOnGiven != null ? postedOnGiven : PanelClock.dayOf(post.postedAt);
        });
        if (upload == null) {
            throw ApiException.badField("file", "is required: a multipart part named 'file' with the image");
        }
        ImageInspector.Inspection inspection = inspect(upload);
        String sha256;
        boolean written;
        long size;
        try {
            size = Files.size(upload);
            sha256 = ImageStore.sha256(upload);
            written = store.store(upload, sha256);
        } catch (IOException e) {
            LOG.error("could not store an uploaded image", e);
            throw new IllegalStateException("could not store the image", e);
        }
        String status = QuarkusTransaction.requiringNew().call(
                () -> register(sha256, inspection, size, accountId, postId, postedOn));
        return new Intake(sha256, status, written, inspection.mediaType(), inspection.width(), inspection.height(), size);
    }

    private ImageInspector.Inspection inspect(Path upload) {
        Semaphore gate = checks;
        if (gate == null) {
            synchronized (this) {
                if (checks == null) {
                    checks = new Semaphore(Math.max(1, limits.concurrentChecks()), true);
                }
                gate = checks;
            }
        }
        try {
            gate.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        try {
            return ImageInspector.inspect(upload, limits.maxBytes(), limits.maxPixels());
        } catch (ImageRejected e) {
            throw e.toApiException();
        } finally {
            gate.release();
        }
    }

    private String register(String sha256, ImageInspector.Inspection inspection, long size, long accountId, Long postId,
                            LocalDate postedOn) {
        int inserted = em.createNativeQuery("insert into image (sha256, media_type, byte_size, width, height, status)"
                        + " values (?1, ?2, ?3, ?4, ?5, 'QUEUED') on conflict (sha256) do nothing")
                .setParameter(1, sha256).setParameter(2, inspection.mediaType()).setParameter(3, size)
                .setParameter(4, inspection.width()).setParameter(5, inspection.height()).executeUpdate();
        // the row lock orders this link against an OCR run finishing at the same time (see ContactService)
        String status = (String) em.createNativeQuery("select status from image where sha256 = ?1 for update")
                .setParameter(1, sha256).getSingleResult();
        boolean queued = false;
        if (inserted == 1) {
            em.createNativeQuery("insert into ocr_job (sha256) values (?1)").setParameter(1, sha256).executeUpdate();
            queued = true;
        } else if ("FAILED".equals(status)) {
            em.createNativeQuery("update image set status = 'QUEUED', failure_reason = null where sha256 = ?1")
                    .setParameter(1, sha256).executeUpdate();
            em.createNativeQuery("update ocr_job set status = 'QUEUED', attempts = 0, next_attempt_at = now(), lease_until = null,"
                    + " leased_by = null, updated_at = now(), finished_at = null where sha256 = ?1").setParameter(1, sha256).executeUpdate();
            status = "QUEUED";
            queued = true;
        }
        int linked = em.createNativeQuery("insert into image_link (sha256, account_id, post_id, posted_on, uploaded_by)"
                        + " values (?1, ?2, ?3, ?4, ?5) on conflict do nothing")
                .setParameter(1, sha256).setParameter(2, accountId).setParameter(3, postId)
                .setParameter(4, postedOn == null ? null : Date.valueOf(postedOn)).setParameter(5, audit.currentActor())
                .executeUpdate();
        if ("DONE".equals(status) && linked == 1) {
            contacts.copyImageContactsTo(sha256, accountId);
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("accountId", accountId);
        detail.put("postId", postId);
        detail.put("newImage", inserted == 1);
        detail.put("newLink", linked == 1);
        detail.put("queued", queued);
        audit.record("image.upload", "image", sha256, detail);
        return status;
    }

    private static Long parsePostId(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badField("postId", "must be a post id (a whole number), got '" + value + "'");
        }
    }

    @Transactional
    public ImageView get(String sha256) {
        Object[] r = row(sha256);
        List<ImageView.Link> links = new ArrayList<>();
        @SuppressWarnings("unchecked")
        List<Object[]> linkRows = em.createNativeQuery("select account_id, post_id, posted_on, uploaded_by, uploaded_at"
                + " from image_link where sha256 = ?1 order by id").setParameter(1, sha256).getResultList();
        for (Object[] l : linkRows) {
            links.add(new ImageView.Link(((Number) l[0]).longValue(), l[1] == null ? null : ((Number) l[1]).longValue(),
                    toDate(l[2]), (String) l[3], toInstant(l[4])));
        }
        JsonNode detail = null;
        if (r[8] != null) {
            try {
                detail = org.dealerpanel.common.TextInputModule.trustedReader(json).readTree((String) r[8]);
            } catch (IOException e) {
                LOG.warnf("unreadable ocr_detail of %s", sha256);
            }
        }
        String status = (String) r[1];
        return new ImageView(sha256, status, (String) r[2], ((Number) r[3]).longValue(), ((Number) r[4]).intValue(),
                ((Number) r[5]).intValue(), (String) r[6], matches.ofImage(sha256), contacts.ofImage(sha256),
                (String) r[7], r[11] == null ? 0 : ((Number) r[11]).intValue(), toInstant(r[9]), toInstant(r[10]), links, detail);
    }

    /** The stored file and its media type. */
    @Transactional
    public Content content(String sha256) {
        Object[] r = row(sha256);
        Path file = store.path(sha256);
        if (!Files.isRegularFile(file)) {
            LOG.errorf("image %s has a row but no file at %s", sha256, file);
            throw ApiException.notFound("the file of image " + sha256);
        }
        return new Content(file, (String) r[2]);
    }

    public record Content(Path file, String mediaType) {
    }

    private Object[] row(String sha256) {
        if (sha256 == null || !ImageStore.SHA256.matcher(sha256).matches()) {
            throw ApiException.notFound("image " + sha256);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select i.sha256, i.status, i.media_type, i.byte_size, i.width, i.height,"
                + " i.ocr_text, i.failure_reason, i.ocr_detail::text, i.created_at, i.ocr_finished_at, j.attempts"
                + " from image i left join ocr_job j on j.sha256 = i.sha256 where i.sha256 = ?1")
                .setParameter(1, sha256).getResultList();
        if (rows.isEmpty()) {
            throw ApiException.notFound("image " + sha256);
        }
        return rows.get(0);
    }

    static Instant toInstant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }

    static LocalDate toDate(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof LocalDate d) {
            return d;
        }
        if (value instanceof Date d) {
            return d.toLocalDate();
        }
        throw new IllegalStateException("unexpected date type " + value.getClass());
    }
}
