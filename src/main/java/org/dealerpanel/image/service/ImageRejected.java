package org.dealerpanel.image.service;

import java.util.List;
import org.dealerpanel.common.ApiException;
import org.dealerpanel.common.FieldError;

/** Why an upload is refused: 400 (not an image, truncated, corrupt) or 413 (over the byte or pixel limit). */
public final class ImageRejected extends Exception {
    private final int status;

    public ImageRejected(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** The problem+json answer, naming the {@code file} field. */
    public ApiException toApiException() {
        String title = status == 413 ? "Payload Too Large" : "Bad Request";
        return new ApiException(status, title, "file: " + getMessage(), List.of(FieldError.field("file", getMessage())), null);
    }
}
