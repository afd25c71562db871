package org.dealerpanel.lexicon.normalize;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UCharacterCategory;
import com.ibm.icu.lang.UScript;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.Transliterator;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Normalises text for term matching while keeping offsets into the original text.
 *
 * <p>Steps, applied to each normalisation segment of the original (a segment is a run of code
 * points that NFKC must see together, e.g. a letter and its combining marks):
 * <ol>
 *   <li>NFKC with case folding (ICU {@code NFKC_Casefold}): full-width forms become half-width,
 *       compatibility characters are unfolded (①→1, ﬁ→fi, CJK compatibility ideographs→unified),
 *       letters are case-folded, and default-ignorable code points (ZWSP, ZWNJ, ZWJ, WORD JOINER,
 *       BOM, soft hyphen, variation selectors, tag characters) are removed;</li>
 *   <li>traditional → simplified Chinese, character by character, with ICU's
 *       {@code Traditional-Simplified} transliterator (per character on purpose: phrase rules
 *       would break the 1:1 offset mapping, and the lexicon is normalised the same way);</li>
 *   <li>every resulting code point that is not a letter (L*) or a number (N*) is dropped:
 *       spaces, punctuation, symbols (emoji, skin-tone modifiers), marks, controls and format
 *       characters. Dealers insert these between the characters of a term to dodge filters,
 *       so dropping them everywhere lets "犀 角", "象·牙", "象🐘牙" match 犀角/象牙.</li>
 * </ol>
 * Every UTF-16 unit of the result maps to the {@code [start, end)} range of the original segment
 * it came from (whole surrogate pairs; a composed or expanded segment maps all its output to
 * the segment's full range).
 *
 * <p>Thread-safe and stateless; use {@link #getInstance()}.
 */
public final class TextNormalizer {

    private static final TextNormalizer INSTANCE = new TextNormalizer();
    private static final Normalizer2 NFKC_CF = Normalizer2.getNFKCCasefoldInstance();

    private TextNormalizer() {
    }

    public static TextNormalizer getInstance() {
        return INSTANCE;
    }

    /** Normalises {@code original} and keeps the offset mapping. */
    public NormalizedText normalize(String original) {
        int n = original.length();
        StringBuilder out = new StringBuilder(n);
        int[] starts = new int[Math.max(16, n)];
        int[] ends = new int[starts.length];
        int i = 0;
        while (i < n) {
            int cp = original.codePointAt(i);
            int segStart = i;
            int j = i + Character.charCount(cp);
            if (j >= n || NFKC_CF.hasBoundaryBefore(original.codePointAt(j))) {
                if (NFKC_CF.isInert(cp)) {
                    // fast path: one code point NFKC_Casefold leaves alone
                    if (out.length() + 2 > starts.length) {
                        starts = Arrays.copyOf(starts, starts.length * 2);
                        ends = Arrays.copyOf(ends, ends.length * 2);
                    }
                    int before = out.length();
                    appendFinal(cp, out);
                    for (int k = before; k < out.length(); k++) {
                        starts[k] = segStart;
                        ends[k] = j;
                    }
                    i = j;
                    continue;
                }
            }
            while (j < n) {
                int next = original.codePointAt(j);
                if (NFKC_CF.hasBoundaryBefore(next)) {
                    break;
                }
                j += Character.charCount(next);
            }
            String normalised = NFKC_CF.normalize(original.substring(segStart, j));
            int before = out.length();
            for (int k = 0; k < normalised.length(); ) {
                int c = normalised.codePointAt(k);
                appendFinal(c, out);
                k += Character.charCount(c);
            }
            if (out.length() > starts.length) {
                int size = Math.max(out.length(), starts.length * 2);
                starts = Arrays.copyOf(starts, size);
                ends = Arrays.copyOf(ends, size);
            }
            for (int k = before; k < out.length(); k++) {
                starts[k] = segStart;
                ends[k] = j;
            }
            i = j;
        }
        int len = out.length();
        return new NormalizedText(original, out.toString(), Arrays.copyOf(starts, len), Arrays.copyOf(ends, len));
    }

    /** The normalised form only (what the lexicon stores in {@code term.normalised}). */
    public String normalizeToString(String s) {
        return normalize(s).text();
    }

    /** Whether a code point survives normalisation (letters and numbers only). */
    public static boolean isKept(int cp) {
        int type = UCharacter.getType(cp);
        switch (type) {
            case UCharacterCategory.UPPERCASE_LETTER:
            case UCharacterCategory.LOWERCASE_LETTER:
            case UCharacterCategory.TITLECASE_LETTER:
            case UCharacterCategory.MODIFIER_LETTER:
            case UCharacterCategory.OTHER_LETTER:
            case UCharacterCategory.DECIMAL_DIGIT_NUMBER:
            case UCharacterCategory.LETTER_NUMBER:
            case UCharacterCategory.OTHER_NUMBER:
                return true;
            default:
                return false;
        }
    }

    private static void appendFinal(int cp, StringBuilder out) {
        if (!isKept(cp)) {
            return;
        }
        String simplified = HanSimplifier.simplify(cp);
        if (simplified == null) {
            out.appendCodePoint(cp);
        } else {
            for (int k = 0; k < simplified.length(); ) {
                int c = simplified.codePointAt(k);
                if (isKept(c)) {
                    out.appendCodePoint(c);
                }
                k += Character.charCount(c);
            }
        }
    }

    /**
     * Traditional → simplified for single Han code points. The BMP table is computed once (ICU
     * transliterator instances are not documented as thread-safe, so they are only used under a
     * lock); supplementary Han characters are looked up on demand and cached.
     */
    static final class HanSimplifier {
        private static final Transliterator T2S = Transliterator.getInstance("Traditional-Simplified");
        private static final char[] BMP = new char[0x10000];
        private static final Map<Integer, String> OTHER = new ConcurrentHashMap<>();
        private static final String SAME = "";

        static {
            synchronized (T2S) {
                for (int cp = 0x2E80; cp < 0x10000; cp++) {
                    if (UScript.getScript(cp) != UScript.HAN) {
                        continue;
                    }
                    String in = String.valueOf((char) cp);
                    String s = T2S.transliterate(in);
                    if (s.equals(in)) {
                        continue;
                    }
                    if (s.length() == 1) {
                        BMP[cp] = s.charAt(0);
                    } else {
                        OTHER.put(cp, s);
                    }
                }
            }
        }

        private HanSimplifier() {
        }

        /** The simplified form of {@code cp}, or {@code null} if it is unchanged. */
        static String simplify(int cp) {
            if (cp < 0x2E80) {
                return null;
            }
            if (cp < 0x10000) {
                char c = BMP[cp];
                if (c != 0) {
                    return String.valueOf(c);
                }
                return OTHER.get(cp);
            }
            if (UScript.getScript(cp) != UScript.HAN) {
                return null;
            }
            String s = OTHER.computeIfAbsent(cp, k -> {
                String in = new String(Character.toChars(k));
                String r;
                synchronized (T2S) {
                    r = T2S.transliterate(in);
                }
                return r.equals(in) ? SAME : r;
            });
            return s.isEmpty() ? null : s;
        }
    }
}
