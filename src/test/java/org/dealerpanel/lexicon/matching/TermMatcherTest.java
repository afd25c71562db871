package org.dealerpanel.lexicon.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.dealerpanel.lexicon.TermCategory;
import org.junit.jupiter.api.Test;

class TermMatcherTest {

    private static final List<LexiconTerm> TERMS = List.of(
            new LexiconTerm(1, "象牙", TermCategory.IVORY),
            new LexiconTerm(2, "象牙手镯", TermCategory.IVORY),
            new LexiconTerm(3, "ivory", TermCategory.IVORY),
            new LexiconTerm(4, "犀角", TermCategory.RHINO_HORN),
            new LexiconTerm(5, "犀牛角", TermCategory.RHINO_HORN),
            new LexiconTerm(6, "鹤顶红", TermCategory.HELMETED_HORNBILL),
            new LexiconTerm(7, "玳瑁", TermCategory.HAWKSBILL),
            new LexiconTerm(8, "穿山甲", TermCategory.PANGOLIN_SCALE),
            new LexiconTerm(9, "山甲", TermCategory.PANGOLIN_SCALE),
            new LexiconTerm(10, "rhino horn", TermCategory.RHINO_HORN),
            new LexiconTerm(11, "虎骨酒", TermCategory.TIGER_BONE),
            new LexiconTerm(12, "熊胆", TermCategory.OTHER, ConfidenceRule.EXACT_ONLY));

    private final TermMatcher matcher = TermMatcher.build(TERMS);

    private static TermMatch only(List<TermMatch> matches) {
        assertEquals(1, matches.size(), () -> "expected one match, got " + matches);
        return matches.get(0);
    }

    private static void assertMatch(TermMatch m, long termId, int start, int end, double confidence) {
        assertEquals(termId, m.termId(), () -> "term of " + m);
        assertEquals(start, m.start(), () -> "start of " + m);
        assertEquals(end, m.end(), () -> "end of " + m);
        assertEquals(confidence, m.confidence(), 1e-9, () -> "confidence of " + m);
    }

    @Test
    void plainTermWithOffsets() {
        TermMatch m = only(matcher.match("出售老象牙，欢迎咨询"));
        assertMatch(m, 1, 3, 5, 1.0);
        assertEquals(MatchKind.EXACT, m.kind());
        assertEquals(TermCategory.IVORY, m.category());
        assertEquals("象牙", m.term());
    }

    @Test
    void splitBySpacesPunctuationZeroWidthAndEmoji() {
        assertMatch(only(matcher.match("犀 角杯")), 4, 0, 3, 1.0);
        assertMatch(only(matcher.match("好货 象\u200D牙 便宜")), 1, 3, 6, 1.0);
        assertMatch(only(matcher.match("象·牙")), 1, 0, 3, 1.0);
        String emoji = "新到象🐘牙";
        assertMatch(only(matcher.match(emoji)), 1, 2, 6, 1.0);
        String laced = "鹤👍🏽顶❤\uFE0F红";
        assertMatch(only(matcher.match(laced)), 6, 0, laced.length(), 1.0);
    }

    @Test
    void traditionalAndFullWidth() {
        assertMatch(only(matcher.match("正宗鶴頂紅")), 6, 2, 5, 1.0);
        assertMatch(only(matcher.match("犀牛角")), 5, 0, 3, 1.0);
        assertMatch(only(matcher.match("ＩＶＯＲＹ carving")), 3, 0, 5, 1.0);
        assertMatch(only(matcher.match("real I v o r y!")), 3, 5, 14, 1.0);
        assertMatch(only(matcher.match("Rhino-Horn cup")), 10, 0, 10, 1.0);
    }

    @Test
    void latinTermsNeedWordBoundaries() {
        assertTrue(matcher.match("ivorybill and rhinohornet").isEmpty());
        assertMatch(only(matcher.match("老ivory手串")), 3, 1, 6, 1.0);
    }

    @Test
    void noFalseHitsOnOrdinarySentences() {
        String[] ordinary = {
            "今天天气很好，我们去公园散步吧。",
            "这款手机的屏幕很大，拍照效果也不错。",
            "周末一起去爬山，山上的风景非常漂亮。",
            "The weather is lovely today, let's go for a walk in the park.",
            "请把文件发到我的邮箱，谢谢！",
            "大象是陆地上最大的动物，它们生活在非洲和亚洲。",
            "我牙疼，明天要去看牙医。",
        };
        for (String s : ordinary) {
            assertEquals(List.of(), matcher.match(s), s);
        }
    }

    @Test
    void ocrConfusionHasLowerConfidence() {
        TermMatch m = only(matcher.match("像牙手串"));
        assertMatch(m, 1, 0, 2, 0.6);
        assertEquals(MatchKind.OCR_CONFUSION, m.kind());
        assertTrue(m.confidence() < 1.0);
        // Tesseract cannot output 玳 or 瑁; one of them read as the nearest glyph is still found
        assertMatch(only(matcher.match("代 瑁手镯")), 7, 0, 3, 0.6);
        // ...but at most max(1, length/3) characters may differ: a 2-character term never
        // matches with both characters replaced (that needs an engine that can read 玳瑁)
        assertTrue(matcher.match("代冒").isEmpty());
        // two substitutions are allowed from 6 characters on, and cost more
        TermMatcher longer = TermMatcher.build(List.of(new LexiconTerm(20, "玳瑁手镯批发", TermCategory.HAWKSBILL)));
        assertTrue(longer.match("代冒手镯批").isEmpty());
        TermMatch two = only(longer.match("代冒手镯批发"));
        assertEquals(20, two.termId());
        assertEquals(0.36, two.confidence(), 1e-9);
        // one substitution in a 3-character term
        assertMatch(only(matcher.match("犀牛用雕件")), 5, 0, 3, 0.6);
        // Latin/digit confusion
        assertMatch(only(matcher.match("1vory")), 3, 0, 5, 0.6);
    }

    @Test
    void confusionIsNeverReportedWhenTheExactTermIsThere() {
        for (TermMatch m : matcher.match("象牙 犀牛角 ivory 玳瑁")) {
            assertEquals(MatchKind.EXACT, m.kind(), m::toString);
            assertEquals(1.0, m.confidence());
        }
    }

    @Test
    void exactMatchOfTheSameSpanWinsOverConfusion() {
        TermMatcher withVariant = TermMatcher.build(List.of(
                new LexiconTerm(1, "象牙", TermCategory.IVORY),
                new LexiconTerm(2, "像牙", TermCategory.OTHER)));
        TermMatch m = only(withVariant.match("像牙"));
        assertMatch(m, 2, 0, 2, 1.0);
    }

    @Test
    void exactOnlyRuleGivesNoConfusionHits() {
        assertMatch(only(matcher.match("熊胆粉")), 12, 0, 2, 1.0);
        TermMatcher t = TermMatcher.build(List.of(
                new LexiconTerm(1, "鲸牙", TermCategory.WHALE, ConfidenceRule.EXACT_ONLY)));
        assertTrue(t.match("惊牙").isEmpty());
        assertFalse(TermMatcher.build(List.of(new LexiconTerm(1, "鲸牙", TermCategory.WHALE))).match("惊牙").isEmpty());
    }

    @Test
    void containedTermOfTheSameCategoryIsDroppedOthersKept() {
        String s = "象牙手镯 穿山甲片";
        List<TermMatch> matches = matcher.match(s);
        assertEquals(2, matches.size(), matches::toString);
        assertMatch(matches.get(0), 2, 0, 4, 1.0);
        assertMatch(matches.get(1), 8, 5, 8, 1.0);
        // matchAll keeps the contained ones
        List<TermMatch> all = matcher.matchAll(s);
        assertEquals(4, all.size(), all::toString);
        assertMatch(all.get(0), 2, 0, 4, 1.0);
        assertMatch(all.get(1), 1, 0, 2, 1.0);
        assertMatch(all.get(2), 8, 5, 8, 1.0);
        assertMatch(all.get(3), 9, 6, 8, 1.0);
    }

    @Test
    void overlappingTermsOfDifferentCategoriesAreAllReported() {
        TermMatcher t = TermMatcher.build(List.of(
                new LexiconTerm(1, "象牙", TermCategory.IVORY),
                new LexiconTerm(2, "牙雕", TermCategory.IVORY),
                new LexiconTerm(3, "象皮", TermCategory.OTHER),
                new LexiconTerm(4, "皮象", TermCategory.OTHER)));
        List<TermMatch> m = t.match("象牙雕");
        assertEquals(2, m.size(), m::toString);
        assertMatch(m.get(0), 1, 0, 2, 1.0);
        assertMatch(m.get(1), 2, 1, 3, 1.0);
    }

    @Test
    void severalHitsOfTheSameTerm() {
        List<TermMatch> m = matcher.match("象牙，象 牙，象牙");
        assertEquals(3, m.size());
        assertMatch(m.get(0), 1, 0, 2, 1.0);
        assertMatch(m.get(1), 1, 3, 6, 1.0);
        assertMatch(m.get(2), 1, 7, 9, 1.0);
    }

    @Test
    void termsThatNormaliseToNothingAreSetAside() {
        TermMatcher t = TermMatcher.build(List.of(
                new LexiconTerm(1, " 🐘 ", TermCategory.IVORY),
                new LexiconTerm(2, "象牙", TermCategory.IVORY)));
        assertEquals(1, t.terms().size());
        assertEquals(1, t.unmatchableTerms().size());
        assertTrue(TermMatcher.empty().match("象牙").isEmpty());
    }

    @Test
    void confidenceRuleIsValidated() {
        assertThrows(IllegalArgumentException.class, () -> new ConfidenceRule(1.0, true, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new ConfidenceRule(0.5, true, 0.6));
        assertThrows(IllegalArgumentException.class, () -> new ConfidenceRule(1.1, true, 0.6));
    }

    @Test
    void oneMegabyteTextIsMatched() {
        String filler = "今天天气很好，我们去公园散步吧。The weather is fine. 😀 ";
        StringBuilder sb = new StringBuilder(1 << 20);
        List<Integer> expectedStarts = new ArrayList<>();
        int i = 0;
        while (sb.length() < (1 << 20)) {
            sb.append(filler);
            if (i++ % 100 == 0) {
                expectedStarts.add(sb.length());
                sb.append("象\u200B牙");
            }
        }
        String text = sb.toString();
        List<TermMatch> matches = matcher.match(text);
        assertEquals(expectedStarts.size(), matches.size());
        for (int k = 0; k < matches.size(); k++) {
            assertMatch(matches.get(k), 1, expectedStarts.get(k), expectedStarts.get(k) + 3, 1.0);
        }
    }

    @Test
    void sharedMatcherIsSafeAcrossThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<TermMatch>>> futures = new ArrayList<>();
            for (int k = 0; k < 200; k++) {
                futures.add(pool.submit(() -> matcher.match("賣犀 角和象🐘牙")));
            }
            for (Future<List<TermMatch>> f : futures) {
                assertEquals(2, f.get().size());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
