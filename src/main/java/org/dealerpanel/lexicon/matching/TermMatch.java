package org.dealerpanel.lexicon.matching;

import org.dealerpanel.lexicon.TermCategory;

/**
 * One term found in a text.
 *
 * @param termId     id of the lexicon term
 * @param term       the term as entered in the lexicon
 * @param category   its category
 * @param start      start (inclusive) in the ORIGINAL text, UTF-16 offset
 * @param end        end (exclusive) in the ORIGINAL text, UTF-16 offset
 * @param confidence 1.0 for exact hits (unless the term's rule says less), below 1 for OCR confusions
 * @param kind       exact or OCR confusion
 */
public record TermMatch(long termId, String term, TermCategory category, int start, int end,
                        double confidence, MatchKind kind) {
}
