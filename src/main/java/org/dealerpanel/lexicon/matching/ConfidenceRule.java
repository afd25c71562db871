package org.dealerpanel.lexicon.matching;

/**
 * How sure a hit of one term is.
 *
 * @param exactConfidence      confidence of an exact (normalised) hit; 1.0 by default. A REST layer
 *                             may lower it for terms known to be noisy, never raise it above 1.
 * @param ocrConfusion         whether OCR-confusion hits are looked for at all (off for terms whose
 *                             confusion forms are ordinary words)
 * @param confusionConfidence  confidence per substituted character of an OCR-confusion hit; a hit
 *                             with k substitutions gets {@code confusionConfidence^k}. Must be
 *                             below 1 and below {@code exactConfidence}.
 */
public record ConfidenceRule(double exactConfidence, boolean ocrConfusion, double confusionConfidence) {

    /** Exact 1.0, OCR confusions allowed at 0.6 per substituted character. */
    public static final ConfidenceRule DEFAULT = new ConfidenceRule(1.0, true, 0.6);

    /** Exact 1.0, no OCR-confusion hits. */
    public static final ConfidenceRule EXACT_ONLY = new ConfidenceRule(1.0, false, 0.6);

    public ConfidenceRule {
        if (!(exactConfidence > 0.0 && exactConfidence <= 1.0)) {
            throw new IllegalArgumentException("exactConfidence must be in (0, 1]: " + exactConfidence);
        }
        if (!(confusionConfidence > 0.0 && confusionConfidence < 1.0 && confusionConfidence < exactConfidence)) {
            throw new IllegalArgumentException(
                    "confusionConfidence must be in (0, 1) and below exactConfidence: " + confusionConfidence);
        }
    }
}
