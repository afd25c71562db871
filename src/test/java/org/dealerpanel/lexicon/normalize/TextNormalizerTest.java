package org.dealerpanel.lexicon.normalize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TextNormalizerTest {

    private final TextNormalizer normalizer = TextNormalizer.getInstance();

    private static void assertSpan(NormalizedText nt, int normIndex, int start, int end) {
        assertEquals(start, nt.originalStart(normIndex), "start of unit " + normIndex);
        assertEquals(end, nt.originalEnd(normIndex), "end of unit " + normIndex);
    }

    @Test
    void plainChineseIsUnchangedAndMapsOneToOne() {
        NormalizedText nt = normalizer.normalize("出售象牙");
        assertEquals("出售象牙", nt.text());
        assertArrayEquals(new int[] {2, 4}, nt.toOriginal(2, 4));
    }

    @Test
    void traditionalBecomesSimplifiedWithOffsets() {
        NormalizedText nt = normalizer.normalize("賣犀牛角和鶴頂紅");
        assertEquals("卖犀牛角和鹤顶红", nt.text());
        assertArrayEquals(new int[] {5, 8}, nt.toOriginal(5, 8));
        // 象牙 is the same in both scripts
        assertEquals("象牙", normalizer.normalizeToString("象牙"));
        assertEquals("玳瑁手镯", normalizer.normalizeToString("玳瑁手鐲"));
    }

    @Test
    void fullWidthAndCaseFold() {
        NormalizedText nt = normalizer.normalize("ＩＶＯＲＹ");
        assertEquals("ivory", nt.text());
        for (int i = 0; i < 5; i++) {
            assertSpan(nt, i, i, i + 1);
        }
    }

    @Test
    void spacesBetweenLettersAreDropped() {
        NormalizedText nt = normalizer.normalize("I v o r y");
        assertEquals("ivory", nt.text());
        assertSpan(nt, 0, 0, 1);
        assertSpan(nt, 4, 8, 9);
        NormalizedText rhino = normalizer.normalize("犀 角");
        assertEquals("犀角", rhino.text());
        assertArrayEquals(new int[] {0, 3}, rhino.toOriginal(0, 2));
        NormalizedText ideographicSpace = normalizer.normalize("犀\u3000角");
        assertEquals("犀角", ideographicSpace.text());
    }

    @Test
    void zeroWidthCharactersAreDropped() {
        for (String zw : new String[] {"\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", "\u00AD"}) {
            NormalizedText nt = normalizer.normalize("象" + zw + "牙");
            assertEquals("象牙", nt.text(), "with U+" + Integer.toHexString(zw.charAt(0)));
            assertArrayEquals(new int[] {0, 3}, nt.toOriginal(0, 2));
            assertSpan(nt, 1, 2, 3);
        }
    }

    @Test
    void punctuationAndSymbolsAreDropped() {
        assertEquals("象牙", normalizer.normalizeToString("象·牙"));
        assertEquals("象牙", normalizer.normalizeToString("象-牙。"));
        assertEquals("象牙", normalizer.normalizeToString("【象】★牙★"));
        assertEquals("犀角", normalizer.normalizeToString("犀*角"));
    }

    @Test
    void surrogatePairEmojiIsDroppedAndOffsetsStayRight() {
        String s = "象🐘牙"; // 🐘 is a surrogate pair: 象=0, 🐘=1..3, 牙=3
        NormalizedText nt = normalizer.normalize(s);
        assertEquals("象牙", nt.text());
        assertSpan(nt, 0, 0, 1);
        assertSpan(nt, 1, 3, 4);
    }

    @Test
    void emojiSequencesAreDropped() {
        // skin tone, ZWJ family, variation selector, keycap, flag
        String s = "象👍🏽牙👨\u200D👩\u200D👧犀❤\uFE0F角🇨🇳";
        NormalizedText nt = normalizer.normalize(s);
        assertEquals("象牙犀角", nt.text());
        int xi = s.indexOf('犀');
        assertSpan(nt, 2, xi, xi + 1);
        assertEquals(s.indexOf('角'), nt.originalStart(3));
    }

    @Test
    void supplementaryHanKeepsBothSurrogates() {
        String s = "a𠀀b"; // U+20000, CJK Ext. B
        NormalizedText nt = normalizer.normalize(s);
        assertEquals(s, nt.text());
        assertSpan(nt, 1, 1, 3);
        assertSpan(nt, 2, 1, 3);
        assertSpan(nt, 3, 3, 4);
    }

    @Test
    void expandingAndContractingNfkc() {
        // ﬁ (one char) expands to "fi": both map to the ligature
        NormalizedText lig = normalizer.normalize("xﬁy");
        assertEquals("xfiy", lig.text());
        assertSpan(lig, 1, 1, 2);
        assertSpan(lig, 2, 1, 2);
        // e + combining acute contracts to é: maps to both original chars
        NormalizedText comp = normalizer.normalize("ae\u0301b");
        assertEquals("aéb", comp.text());
        assertSpan(comp, 1, 1, 3);
        assertSpan(comp, 2, 3, 4);
        // ß case-folds to ss
        NormalizedText ss = normalizer.normalize("ẞa");
        assertEquals("ssa", ss.text());
        assertSpan(ss, 0, 0, 1);
        assertSpan(ss, 1, 0, 1);
        // circled digit and compatibility ideograph
        assertEquals("1", normalizer.normalizeToString("①"));
    }

    @Test
    void emptyAndNothingKept() {
        assertEquals("", normalizer.normalize("").text());
        assertEquals("", normalizer.normalize(" ,。🐘\u200D").text());
    }
}
