package org.dealerpanel.web.ops;

import java.util.List;
import org.dealerpanel.account.service.AccountLookup.AccountRef;

/** The result of an image batch: the account, and per file whether it was stored and queued, a duplicate or refused. */
public record ImagesOutcome(AccountRef account, List<FileOutcome> files, FormError error) {

    /**
     * One file: {@code outcome} is {@code queued} (new content, stored and queued for OCR), {@code duplicate} (the same
     * bytes were stored before; {@code status} is that image's OCR status) or {@code refused} ({@code error} says why).
     */
    public record FileOutcome(String fileName, String outcome, String sha256, String status, String mediaType, int width,
                              int height, long bytes, FormError error) {
        public boolean queued() {
            return "queued".equals(outcome);
        }

        public boolean duplicate() {
            return "duplicate".equals(outcome);
        }

        public boolean refused() {
            return "refused".equals(outcome);
        }

        /** The first 12 hex digits of the content hash, for the table (the full hash is in its title). */
        public String shortSha() {
            return sha256 == null ? "" : sha256.substring(0, Math.min(12, sha256.length()));
        }

        /** The service's sentence for a refused file (e.g. "is not an image …"). */
        public String reason() {
            if (error == null) {
                return "";
            }
            return error.errors().isEmpty() ? error.detail() : error.errors().get(0).message();
        }
    }

    public boolean ok() {
        return error == null;
    }

    public long count(String outcome) {
        return files.stream().filter(f -> f.outcome().equals(outcome)).count();
    }

    public long queuedCount() {
        return count("queued");
    }

    public long duplicateCount() {
        return count("duplicate");
    }

    public long refusedCount() {
        return count("refused");
    }
}
