package org.dealerpanel.image.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.dealerpanel.contact.service.ContactService.ImageContact;
import org.dealerpanel.lexicon.TermCategory;
import org.dealerpanel.lexicon.matching.LexiconTerm;
import org.dealerpanel.lexicon.matching.MatchKind;
import org.dealerpanel.lexicon.matching.TermMatcher;
import org.dealerpanel.ocr.BoundingBox;
import org.dealerpanel.ocr.OcrEngineKind;
import org.dealerpanel.ocr.OcrLine;
import org.dealerpanel.ocr.OcrResult;
import org.dealerpanel.term.service.TermMatchStore.EngineMatch;
import org.junit.jupiter.api.Test;

class OcrAnalysisTest {
    static final TermMatcher MATCHER = TermMatcher.build(List.of(
            new LexiconTerm(1, "象牙", TermCategory.IVORY),
            new LexiconTerm(2, "玳瑁", TermCategory.HAWKSBILL),
            new LexiconTerm(3, "犀角", TermCategory.RHINO_HORN)));

    static OcrLine line(String text, OcrEngineKind engine, int y, OcrLine.Alternative... alternatives) {
        return new OcrLine(text, 0.9, new BoundingBox(0, y, 100, 20), engine, List.of(), List.of(alternatives));
    }

    @Test
    void hitsCarryTheEngineOfTheirLineAndAlternativesCountLess() {
        OcrResult r = new OcrResult("精品象牙\n代瑁手镯\n微信: abc_1234", List.of(
                line("精品象牙", OcrEngineKind.PPOCR, 0),
                line("代瑁手镯", OcrEngineKind.TESSERACT, 30, new OcrLine.Alternative(OcrEngineKind.PPOCR, "玳瑁手镯", 0.7)),
                line("微信: abc_1234", OcrEngineKind.TESSERACT, 60)), 200, 100, 5);
        OcrAnalysis.Result a = OcrAnalysis.analyse(r, MATCHER);
        EngineMatch ivory = a.matches().stream().filter(m -> m.match().termId() == 1).findFirst().orElseThrow();
        assertEquals("ppocr", ivory.engine());
        assertTrue(ivory.inText());
        assertEquals(2, ivory.match().start());
        assertEquals(1.0, ivory.match().confidence());
        // the chosen Tesseract reading 代瑁 is an OCR confusion of 玳瑁 (lower confidence); the exact reading only in
        // PP-OCR's alternative is not added again for the same term
        List<EngineMatch> hawksbill = a.matches().stream().filter(m -> m.match().termId() == 2).toList();
        assertEquals(1, hawksbill.size());
        assertEquals(MatchKind.OCR_CONFUSION, hawksbill.get(0).match().kind());
        assertEquals("tesseract", hawksbill.get(0).engine());
        assertTrue(hawksbill.get(0).match().confidence() < 1.0);
        assertEquals(List.of(new ImageContact("wechat", "abc_1234", "tesseract")), a.contacts());
    }

    @Test
    void aTermOnlyInTheLosingReadingIsKeptAtLowerConfidenceWithoutOffsets() {
        OcrResult r = new OcrResult("犀用杯", List.of(
                line("犀用杯", OcrEngineKind.TESSERACT, 0, new OcrLine.Alternative(OcrEngineKind.PPOCR, "犀角杯", 0.8))), 100, 30, 5);
        // 犀用 is an OCR confusion of 犀角 in the chosen text, so that one wins; take a line with no confusion instead
        OcrResult plain = new OcrResult("老货转让", List.of(
                line("老货转让", OcrEngineKind.TESSERACT, 0, new OcrLine.Alternative(OcrEngineKind.PPOCR, "老犀角转让", 0.8))), 100, 30, 5);
        OcrAnalysis.Result a = OcrAnalysis.analyse(plain, MATCHER);
        assertEquals(1, a.matches().size());
        EngineMatch m = a.matches().get(0);
        assertEquals(3, m.match().termId());
        assertEquals("ppocr", m.engine());
        assertFalse(m.inText());
        assertEquals(OcrAnalysis.ALTERNATIVE_FACTOR, m.match().confidence(), 1e-9);
        assertEquals(MatchKind.OCR_CONFUSION, OcrAnalysis.analyse(r, MATCHER).matches().get(0).match().kind());
        assertTrue(OcrAnalysis.analyse(new OcrResult("", List.of(), 1, 1, 0), MATCHER).matches().isEmpty());
    }

    @Test
    void backOffDoublesUpToTheCap() {
        Duration base = Duration.ofSeconds(30);
        Duration max = Duration.ofMinutes(5);
        assertEquals(Duration.ofSeconds(30), OcrQueue.backoff(1, base, max));
        assertEquals(Duration.ofSeconds(60), OcrQueue.backoff(2, base, max));
        assertEquals(Duration.ofSeconds(120), OcrQueue.backoff(3, base, max));
        assertEquals(max, OcrQueue.backoff(10, base, max));
        assertEquals(max, OcrQueue.backoff(1000, base, max));
    }
}
