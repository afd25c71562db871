package org.dealerpanel.lexicon.seed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dealerpanel.lexicon.TermCategory;
import org.dealerpanel.lexicon.matching.LexiconTerm;
import org.dealerpanel.lexicon.matching.MatchKind;
import org.dealerpanel.lexicon.matching.TermMatch;
import org.dealerpanel.lexicon.matching.TermMatcher;
import org.dealerpanel.lexicon.normalize.TextNormalizer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Checks migrations/V3__lexicon.sql: parsed as SQL text, not run against PostgreSQL. */
class SeedLexiconTest {

    /** A parsed row of the insert: term, normalised, category, language, added_on, source, note, created_by. */
    record Row(String term, String normalised, String category, String language, String source, String note) {
    }

    private static String sql;
    private static List<Row> rows;

    @BeforeAll
    static void parse() throws IOException {
        sql = Files.readString(SeedLexiconSql.MIGRATION, StandardCharsets.UTF_8);
        rows = new ArrayList<>();
        boolean inInsert = false;
        for (String line : sql.split("\n")) {
            if (line.startsWith("insert into term")) {
                inInsert = true;
                continue;
            }
            if (inInsert && line.startsWith("    (")) {
                List<String> f = values(line.strip());
                assertEquals(8, f.size(), line);
                rows.add(new Row(f.get(0), f.get(1), f.get(2), f.get(3), f.get(5), f.get(6)));
            }
        }
    }

    /** Splits "('a', 'b''c', null, date '2026-01-01', ...)," into its values (dates as their literal). */
    private static List<String> values(String tuple) {
        List<String> out = new ArrayList<>();
        int i = tuple.indexOf('(') + 1;
        int end = tuple.lastIndexOf(')');
        while (i < end) {
            char c = tuple.charAt(i);
            if (c == ' ' || c == ',') {
                i++;
            } else if (c == '\'') {
                StringBuilder sb = new StringBuilder();
                i++;
                while (true) {
                    char d = tuple.charAt(i);
                    if (d == '\'' && i + 1 < end && tuple.charAt(i + 1) == '\'') {
                        sb.append('\'');
                        i += 2;
                    } else if (d == '\'') {
                        i++;
                        break;
                    } else {
                        sb.append(d);
                        i++;
                    }
                }
                out.add(sb.toString());
            } else if (tuple.startsWith("null", i)) {
                out.add(null);
                i += 4;
            } else if (tuple.startsWith("date ", i)) {
                int q1 = tuple.indexOf('\'', i);
                int q2 = tuple.indexOf('\'', q1 + 1);
                out.add(tuple.substring(q1 + 1, q2));
                i = q2 + 1;
            } else {
                throw new IllegalArgumentException("cannot parse at " + i + ": " + tuple);
            }
        }
        return out;
    }

    @Test
    void migrationIsExactlyWhatTheGeneratorWrites() throws IOException {
        assertEquals(SeedLexiconSql.render(SeedLexiconSql.readTsv()), sql,
                "regenerate migrations/V3__lexicon.sql with SeedLexiconSql (only before it was ever applied)");
    }

    @Test
    void everyCategoryHasAtLeastThreeTerms() {
        Map<TermCategory, Integer> counts = new EnumMap<>(TermCategory.class);
        for (Row r : rows) {
            counts.merge(TermCategory.valueOf(r.category()), 1, Integer::sum);
        }
        for (TermCategory c : TermCategory.values()) {
            assertTrue(counts.getOrDefault(c, 0) >= 3, c + " has " + counts.get(c));
        }
        assertTrue(rows.size() >= 60 && rows.size() <= 110, "size " + rows.size());
    }

    @Test
    void storedNormalisedFormIsTheNormalisersOutput() {
        TextNormalizer n = TextNormalizer.getInstance();
        for (Row r : rows) {
            assertEquals(n.normalizeToString(r.term()), r.normalised(), r.term());
        }
    }

    @Test
    void rowsAreValid() {
        Set<String> keys = new HashSet<>();
        Set<String> languages = Set.of("zh-Hans", "zh-Hant", "zh-Latn", "en");
        for (Row r : rows) {
            assertTrue(keys.add(r.normalised() + "|" + r.category()), "duplicate " + r);
            assertTrue(r.normalised().codePointCount(0, r.normalised().length()) >= 2, "single character: " + r);
            assertTrue(languages.contains(r.language()), "language of " + r);
            assertTrue(r.source() != null && !r.source().isBlank(), "source of " + r);
        }
        for (String required : List.of("鹤顶红", "猛犸象牙")) {
            Row r = rows.stream().filter(x -> x.term().equals(required)).findFirst().orElseThrow();
            assertTrue(r.note() != null && !r.note().isBlank(), "note of " + required);
        }
    }

    private static TermMatcher seedMatcher() {
        List<LexiconTerm> terms = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            terms.add(new LexiconTerm(i + 1, r.term(), TermCategory.valueOf(r.category())));
        }
        return TermMatcher.build(terms);
    }

    @Test
    void everySeedTermFindsItselfExactly() {
        TermMatcher matcher = seedMatcher();
        assertTrue(matcher.unmatchableTerms().isEmpty());
        for (int i = 0; i < rows.size(); i++) {
            long id = i + 1;
            String term = rows.get(i).term();
            List<TermMatch> found = matcher.match("…" + term + "。");
            assertTrue(found.stream().anyMatch(m -> m.termId() == id && m.kind() == MatchKind.EXACT
                    && m.start() == 1 && m.end() == 1 + term.length()), term + ": " + found);
        }
    }

    @Test
    void seedLexiconFindsTrickedTermsButNotOrdinaryText() {
        TermMatcher matcher = seedMatcher();
        List<TermMatch> hits = matcher.match("出 售 正 宗 鶴頂紅，犀·角杯，ＩＶＯＲＹ bangle，穿\u200B山\u200B甲片");
        Set<String> terms = new HashSet<>();
        hits.forEach(m -> terms.add(m.term()));
        assertEquals(Set.of("鹤顶红", "犀角杯", "ivory", "穿山甲片"), terms, hits::toString);
        String[] ordinary = {
            "今天天气很好，我们去公园散步吧。",
            "这款手机的屏幕很大，拍照效果也不错，电池能用两天。",
            "周末一起去爬山，山上的风景非常漂亮。",
            "请把会议纪要发到我的邮箱，谢谢！",
            "孩子们在动物园看到了大象和长颈鹿。",
            "The weather is lovely today, let's go for a walk in the park.",
            "我的猫最喜欢晒太阳，每天下午都睡在窗台上。",
        };
        for (String s : ordinary) {
            assertEquals(List.of(), matcher.match(s), s);
        }
    }
}
