package org.dealerpanel.contact.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;

/** Another account linked to the asked one, with every piece of evidence. */
public record LinkView(long accountId, String platform, String handle, String displayName, List<Evidence> evidence) {

    /**
     * One shared contact id ({@code type} CONTACT, with {@code kind} and {@code value}) or one identical image
     * ({@code type} IMAGE, with {@code sha256}), and where each account showed it.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Evidence(String type, String kind, String value, String sha256, List<Sighting> here, List<Sighting> there) {
    }

    /** Where: a post, an image (for contacts read by OCR), the day an image was posted. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Sighting(Long postId, String imageSha256, LocalDate postedOn) {
    }
}
