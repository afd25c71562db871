package org.dealerpanel.term.service;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A stored term hit. {@code start}/{@code end} are UTF-16 offsets into the post text or the image's OCR text
 * (null for a hit found only in an engine's alternative reading); {@code engine} is the OCR engine whose
 * reading contained it (null for post text); {@code lexiconVersion} is the lexicon version whose matcher found it.
 */
public record MatchView(long termId, String term, String category, Integer start, Integer end, double confidence,
                        String kind, @JsonInclude(JsonInclude.Include.NON_NULL) String engine, int lexiconVersion) {
}
