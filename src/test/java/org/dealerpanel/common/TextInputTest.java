package org.dealerpanel.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextInputTest {
    private static final TextInput.Rule LINE = TextInput.Rule.line(10);
    private static final TextInput.Rule LINES = TextInput.Rule.lines(10);

    @Test
    void controlCharactersAreRefusedAndLineBreaksOnlyWhereAFieldHasLines() {
        assertNull(TextInput.problem("象牙 ivory", LINE));
        assertNull(TextInput.problem("玳瑁😀", LINE), "a surrogate pair is one valid character");
        assertTrue(TextInput.problem("a\u0000b", LINE).contains("U+0000 NUL at position 2"));
        assertNotNull(TextInput.problem("a\u001Fb", LINES));
        assertNotNull(TextInput.problem("a\u007Fb", LINES));
        assertNotNull(TextInput.problem("a\u0085b", LINES), "C1 controls too");
        assertNotNull(TextInput.problem("a\tb", LINE));
        assertNull(TextInput.problem("a\tb\r\nc", LINES));
        assertTrue(TextInput.problem("a\ud800", LINE).contains("unpaired surrogate"));
        assertTrue(TextInput.problem("\udc00a", LINE).contains("unpaired surrogate"));
        assertTrue(TextInput.problem("x".repeat(11), LINE).contains("at most 10"));
        assertNull(TextInput.problem(null, LINE));
    }

    @Test
    void fieldsHaveTheirRuleByName() {
        assertTrue(TextInput.ruleFor("notes").multiline());
        assertTrue(TextInput.ruleFor("text").maxLength() >= 100_000);
        assertEquals(TextInput.DEFAULT, TextInput.ruleFor("handle"));
        assertEquals(TextInput.DEFAULT, TextInput.ruleFor("cohorts[1]"));
        assertTrue(TextInput.ruleFor("x.notes").multiline());
    }

    @Test
    void percentDecodingIsStrict() {
        assertEquals("a b", TextInput.decode("a%20b", false));
        assertEquals("a+b", TextInput.decode("a+b", false));
        assertEquals("a b", TextInput.decode("a+b", true));
        assertEquals("象", TextInput.decode("%E8%B1%A1", false));
        assertEquals("a\u0000b", TextInput.decode("a%00b", false), "decoding keeps the NUL for the rule to refuse");
        assertThrows(IllegalArgumentException.class, () -> TextInput.decode("%zz", false));
        assertThrows(IllegalArgumentException.class, () -> TextInput.decode("%4", false));
        assertThrows(IllegalArgumentException.class, () -> TextInput.decode("%C3%28", false));
        assertThrows(IllegalArgumentException.class, () -> TextInput.decode("%ED%A0%80", false), "an encoded surrogate");
    }

    @Test
    void queryStringsAreSplitAndABadValueNamesItsParameter() {
        assertEquals(List.of(Map.entry("q", "a b"), Map.entry("page", ""), Map.entry("x", "")),
                TextInput.queryParameters("q=a+b&page=&x"));
        ApiException bad = assertThrows(ApiException.class, () -> TextInput.queryParameters("q=ok&from=%FF"));
        assertEquals("from", bad.toProblem().errors().get(0).field());
        assertThrows(ApiException.class, () -> TextInput.queryParameters("a%00=1"));
    }
}
