package org.dealerpanel.lexicon.matching;

import java.util.List;

/**
 * A small, curated table of characters that OCR engines confuse, as groups of look-alikes.
 * Matching folds every character of a group onto the group's first character, in both the
 * lexicon and the text, so "像牙" (OCR of 象牙) is found as a low-confidence hit of 象牙.
 *
 * <p>Why these: the groups are visually close glyphs (a shared or nearly identical component,
 * or a missing stroke) for the characters of the seed lexicon, plus the classic Latin/digit
 * confusions. 玳 and 瑁 are in on purpose: the Tesseract chi_sim/chi_tra "fast" models cannot
 * output them at all (see shared NOTES.md), so an engine without them answers the nearest glyph
 * in its character set (代/岱, 冒/帽). The table is curated by eye, not measured; extend it from
 * benchmark misses. Groups are disjoint, characters are single BMP code points (after
 * {@link org.dealerpanel.lexicon.normalize.TextNormalizer normalisation}, so lower case and
 * simplified), and the mapping is 1:1 so offsets are unchanged. Multi-character confusions
 * ("rn"→"m") are not covered.
 */
public final class OcrConfusions {

    /** Look-alike groups; the first character of each group is the canonical one. */
    static final List<String> GROUPS = List.of(
            "象像",        // 象 vs 像: same right-hand part, the person radical is easily lost/added
            "牙芽",        // 牙 vs 芽: grass radical on top
            "犀屖",        // 犀 vs 屖: 屖 is 犀 without 牛 under the roof-like 尸
            "角用甬",      // 角 read as 用/甬 (top strokes dropped at low resolution)
            "玳代岱",      // 玳 missing from Tesseract fast models; 代 is its phonetic part
            "瑁冒帽",      // 瑁 missing from Tesseract fast models; 冒 is its phonetic part
            "鹤鸖",        // 鹤 vs the variant 鸖
            "骨冎",        // 骨 vs 冎 (lower part lost)
            "甲申由",      // 甲/申/由/田-like shapes: one stroke through or not
            "羚玲铃",      // 羚 vs 玲/铃: same phonetic part 令, left radical misread
            "鲸惊",        // 鲸 vs 惊 (same phonetic part 京)
            "0o",          // digit zero vs letter o (after case folding O→o)
            "1li",         // digit one vs l vs i (I folds to i)
            "5s",          // 5 vs s
            "8b");         // 8 vs b

    /** canonical look-alike per BMP char; 0 = the char itself. */
    private static final char[] CANONICAL = new char[0x10000];

    static {
        for (String group : GROUPS) {
            char canonical = group.charAt(0);
            for (int i = 0; i < group.length(); i++) {
                char c = group.charAt(i);
                if (Character.isSurrogate(c) || CANONICAL[c] != 0) {
                    throw new IllegalStateException("OCR confusion groups must be disjoint BMP characters: " + c);
                }
                CANONICAL[c] = canonical;
            }
        }
    }

    private OcrConfusions() {
    }

    /** The canonical look-alike of {@code c} ({@code c} itself if it is in no group). */
    public static char canonical(char c) {
        char m = CANONICAL[c];
        return m == 0 ? c : m;
    }

    /** {@code s} with every character folded to its canonical look-alike; same length as {@code s}. */
    public static String fold(CharSequence s) {
        char[] out = new char[s.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = canonical(s.charAt(i));
        }
        return new String(out);
    }
}
