package org.dealerpanel.lexicon.matching;

/** How a term was found. */
public enum MatchKind {
    /** The normalised text contains the normalised term. */
    EXACT,
    /** Found only after folding common OCR confusions (see {@link OcrConfusions}); confidence below 1. */
    OCR_CONFUSION
}
