package org.dealerpanel.image.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.dealerpanel.contact.service.ContactView;
import org.dealerpanel.term.service.MatchView;

/**
 * An image and its OCR outcome. {@code text} is the chosen OCR reading (null until DONE); {@code ocr} keeps the
 * per-line detail: engine, confidence, box, words with confidences, and the other engine's reading.
 */
public record ImageView(String sha256, String status, String mediaType, long byteSize, int width, int height,
                        String text, List<MatchView> matches, List<ContactView> contacts, String failureReason,
                        int attempts, Instant createdAt, Instant ocrFinishedAt, List<Link> links, JsonNode ocr) {

    /** Where the image was seen. */
    public record Link(long accountId, Long postId, LocalDate postedOn, String uploadedBy, Instant uploadedAt) {
    }
}
