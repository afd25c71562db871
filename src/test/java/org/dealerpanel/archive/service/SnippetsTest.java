package org.dealerpanel.archive.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dealerpanel.archive.service.Snippets.Contact;
import org.dealerpanel.archive.service.Snippets.Highlight;
import org.dealerpanel.archive.service.Snippets.Piece;
import org.dealerpanel.archive.service.Snippets.Snippet;
import org.junit.jupiter.api.Test;

class SnippetsTest {
    static String marked(Snippet s) {
        StringBuilder sb = new StringBuilder();
        for (Piece p : Snippets.pieces(s.text(), s.highlights())) {
            sb.append(p.hit() ? "[" + p.text() + "]" : p.text());
        }
        return sb.toString();
    }

    @Test
    void hitsInTheOriginalTextWhateverTheWritingInside() {
        // the query 象牙 (normalised) is found in traditional, spaced, emoji-split and full-width forms
        Snippet s = Snippets.of("出售象 牙手镯，另有象🐘牙、象牙和 ＩＶＯＲＹ", "象牙", List.of());
        assertEquals("出售[象 牙]手镯，另有[象🐘牙]、[象牙]和 ＩＶＯＲＹ", marked(s));
        Snippet t = Snippets.of("正品 ＩＶＯＲＹ 手鐲", "ivory", List.of());
        assertEquals("正品 [ＩＶＯＲＹ] 手鐲", marked(t));
        // offsets are UTF-16 offsets into the snippet
        assertEquals(new Highlight(3, 8), t.highlights().get(0));
    }

    @Test
    void longTextsAreCutAroundTheFirstHitWithoutSplittingASurrogatePair() {
        String text = "前".repeat(300) + "犀角" + "后".repeat(300);
        Snippet s = Snippets.of(text, "犀角", List.of());
        assertTrue(s.text().startsWith(Snippets.ELLIPSIS) && s.text().endsWith(Snippets.ELLIPSIS), s.text());
        assertEquals(Snippets.MAX + 2, s.text().length());
        Highlight h = s.highlights().get(0);
        assertEquals("犀角", s.text().substring(h.start(), h.end()));
        assertEquals(Snippets.BEFORE + 1, h.start());
        // an emoji (surrogate pair) at the cut is kept whole
        String emoji = "😀".repeat(200) + "象牙";
        Snippet e = Snippets.of(emoji, "象牙", List.of());
        String body = e.text().substring(1);
        assertTrue(!Character.isLowSurrogate(body.charAt(0)), "starts inside a surrogate pair");
        assertTrue(marked(e).endsWith("[象牙]"), marked(e));
        // no hit in the text (e.g. found through a contact id only OCR's other reading saw): the start, unmarked
        Snippet none = Snippets.of("没有命中的文字", "象牙", List.of());
        assertEquals("没有命中的文字", none.text());
        assertTrue(none.highlights().isEmpty());
    }

    @Test
    void contactIdsOfTheQueryAreMarkedWhereTheExtractorFindsThem() {
        Snippet s = Snippets.of("精品手镯 微信: lao_zhang888 电话 138-1234-5678", "", List.of(new Contact("wechat", "lao_zhang888"),
                new Contact("phone", "13812345678")));
        assertEquals("精品手镯 微信: [lao_zhang888] 电话 [138-1234-5678]", marked(s));
    }

    @Test
    void aQueryIsReadAsAContactIdWithOrWithoutItsPrefix() {
        assertEquals(List.of(new Contact("wechat", "lao_zhang888")), SearchService.contactsOf("lao_zhang888"));
        assertEquals(List.of(new Contact("wechat", "lao_zhang888")), SearchService.contactsOf("微信：Lao_Zhang888"));
        assertEquals(List.of(new Contact("qq", "3456789012")), SearchService.contactsOf("3456789012"));
        assertEquals(List.of(new Contact("phone", "13812345678")), SearchService.contactsOf("138 1234 5678"));
        assertEquals(List.of(), SearchService.contactsOf("象牙"));
        assertEquals(List.of(), SearchService.contactsOf("ivory"));
    }
}
