package org.dealerpanel.image.queue;

/**
 * CDI event fired in the transaction that stores an image's OCR result, before its matches are written:
 * {@code lexiconVersion} is the version of the matcher its matches were found with. The archive (search, re-match
 * after lexicon changes) observes it.
 */
public record OcrTextStored(String sha256, String text, int lexiconVersion) {
}
