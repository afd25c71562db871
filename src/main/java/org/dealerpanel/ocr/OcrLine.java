package org.dealerpanel.ocr;

import java.util.List;

/**
 * One text line as chosen for the result.
 *
 * @param text        the chosen reading (spaces between Han characters removed)
 * @param confidence  0..1 of the chosen reading
 * @param box         where the line is, in original-image pixels
 * @param engine      which engine's reading was chosen
 * @param words       words/characters with confidences of the chosen reading
 * @param alternatives the other engine's reading(s) of the same region, kept for audit and for lower-confidence matching
 */
public record OcrLine(String text, double confidence, BoundingBox box, OcrEngineKind engine,
                      List<OcrWord> words, List<Alternative> alternatives) {

    /** A reading that was not chosen. */
    public record Alternative(OcrEngineKind engine, String text, double confidence) {}

    public OcrLine withAlternatives(List<Alternative> alts) {
        return new OcrLine(text, confidence, box, engine, words, List.copyOf(alts));
    }
}
