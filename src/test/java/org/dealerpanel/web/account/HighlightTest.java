package org.dealerpanel.web.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dealerpanel.term.service.MatchView;
import org.junit.jupiter.api.Test;

class HighlightTest {
    static MatchView match(String term, Integer start, Integer end) {
        return new MatchView(1, term, "IVORY", start, end, 1.0, "EXACT", null, 1);
    }

    static String render(List<Highlight.Segment> segments) {
        StringBuilder sb = new StringBuilder();
        for (Highlight.Segment s : segments) {
            sb.append(s.hit() ? "[" + s.text() + "]" : s.text());
        }
        return sb.toString();
    }

    @Test
    void marksTheMatchedSpansAndKeepsEveryCharacter() {
        String text = "<b>出售象牙手镯</b> 加微信";
        List<Highlight.Segment> segments = Highlight.split(text, List.of(match("象牙", 5, 7)));
        assertEquals("<b>出售[象牙]手镯</b> 加微信", render(segments));
        assertEquals(text, segments.stream().map(Highlight.Segment::text).reduce("", String::concat));
        assertEquals("象牙", segments.get(1).terms());
    }

    @Test
    void overlappingAndTouchingMatchesAreOneMark() {
        String text = "象牙手镯和犀角";
        List<Highlight.Segment> segments = Highlight.split(text,
                List.of(match("象牙手镯", 0, 4), match("象牙", 0, 2), match("犀角", 5, 7), match("手镯和", 2, 5)));
        assertEquals("[象牙手镯和犀角]", render(segments));
        assertTrue(segments.get(0).terms().contains("象牙手镯") && segments.get(0).terms().contains("犀角"));
    }

    @Test
    void missingOrOutOfRangeOffsetsAreIgnored() {
        String text = "玳瑁";
        assertEquals("玳瑁", render(Highlight.split(text, List.of(match("玳瑁", null, null), match("x", 1, 9), match("y", 2, 1)))));
        assertEquals(List.of(), Highlight.split(null, List.of(match("x", 0, 1))));
    }

    @Test
    void surrogatePairsAreNeverCut() {
        String text = "a😀象牙";
        // a match starting inside the emoji's surrogate pair starts before it instead
        assertEquals("a[😀象牙]", render(Highlight.split(text, List.of(match("象牙", 2, 5)))));
    }

    @Test
    void pValuesAreWrittenForPeople() {
        assertEquals("0.0032", Evidence.pValue(0.0032));
        assertEquals("2.0 × 10⁻¹⁰", Evidence.pValue(2.04e-10));
        assertEquals("1.0 × 10⁻³", Evidence.pValue(0.000999));
        assertEquals("", Evidence.pValue(null));
        assertEquals("83%", Evidence.percent(0.834));
    }
}
