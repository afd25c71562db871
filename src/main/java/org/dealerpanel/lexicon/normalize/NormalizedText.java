package org.dealerpanel.lexicon.normalize;

import java.util.Objects;

/**
 * The normalised form of a text plus, for every UTF-16 unit of the normalised form, the
 * {@code [start, end)} range (UTF-16 offsets) of the original text it came from.
 * Immutable.
 */
public final class NormalizedText {

    private final String original;
    private final String text;
    private final int[] starts;
    private final int[] ends;

    NormalizedText(String original, String text, int[] starts, int[] ends) {
        this.original = Objects.requireNonNull(original);
        this.text = Objects.requireNonNull(text);
        if (starts.length != text.length() || ends.length != text.length()) {
            throw new IllegalArgumentException("offset arrays do not match the normalised text");
        }
        this.starts = starts;
        this.ends = ends;
    }

    /** The text that was normalised. */
    public String original() {
        return original;
    }

    /** The normalised text. */
    public String text() {
        return text;
    }

    public int length() {
        return text.length();
    }

    /** Start (inclusive, UTF-16 offset into {@link #original()}) of normalised unit {@code i}. */
    public int originalStart(int i) {
        return starts[i];
    }

    /** End (exclusive, UTF-16 offset into {@link #original()}) of normalised unit {@code i}. */
    public int originalEnd(int i) {
        return ends[i];
    }

    /**
     * Maps the normalised range {@code [normStart, normEnd)} (non-empty) back to the original:
     * returns {@code {start, end}}, end exclusive.
     */
    public int[] toOriginal(int normStart, int normEnd) {
        if (normStart < 0 || normEnd > text.length() || normStart >= normEnd) {
            throw new IndexOutOfBoundsException("bad normalised range [" + normStart + "," + normEnd + ")");
        }
        return new int[] {starts[normStart], ends[normEnd - 1]};
    }

    @Override
    public String toString() {
        return "NormalizedText[" + text + "]";
    }
}
