package org.dealerpanel.lexicon.contact;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Extracts WeChat ids, QQ numbers, mainland mobile numbers and URLs from post text or OCR output.
 *
 * <p>Before matching, zero-width/format characters are removed, full-width ASCII is folded to
 * ASCII and every kind of space becomes a plain space (offsets into the original are kept).
 * Prefixes tolerate OCR spaces between their characters ("微 信 号 ： abc_123").
 *
 * <ul>
 *   <li><b>wechat</b>: after a prefix (微信/微信号, 威信, 薇信, V信, 加V, 加微, +V, ➕V, VX, WX, wechat,
 *       weixin, 薇, 微, 威, and a lone V only with a colon), an id of 6–20 characters starting with a
 *       letter (letters, digits, _ and -); also written with one space between every character
 *       (OCR). Bare {@code wxid_…} ids are recognised without a prefix. An ASCII prefix must not run
 *       straight into the id ("vxabc123" is not taken: it is ambiguous with ids that start "vx").
 *       A "WeChat id" of digits only (people give their phone number) is reported as a phone.</li>
 *   <li><b>qq</b>: after QQ/QQ号, 扣扣, 企鹅, or Q with a colon: 5–11 digits not starting with 0
 *       (also OCR-spaced); and the number of a {@code 12345@qq.com} mail address.</li>
 *   <li><b>phone</b>: 1[3-9]x xxxx xxxx, with single spaces or dashes allowed between digits and
 *       an optional +86/86 (prefixes like 电话, 手机, 联系, tel are allowed but not needed). A number
 *       already taken as a QQ number (because of its prefix) or inside a URL is not reported again.</li>
 *   <li><b>url</b>: http(s) URLs and bare domains on common TLDs (shop.taobao.com, weidian.com/…),
 *       trailing punctuation removed.</li>
 * </ul>
 * Results are sorted by position and never overlap. Thread-safe (patterns are immutable).
 */
public final class ContactExtractor {

    private static final String ID_CHAR = "[a-z0-9_-]";

    private static final Pattern URL_SCHEME = Pattern.compile(
            "https?://[a-z0-9\\-._~:/?#\\[\\]@!$&'()*+,;=%]+", Pattern.CASE_INSENSITIVE);
    private static final Pattern URL_BARE = Pattern.compile(
            "(?<![a-z0-9@._/-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+"
                    + "(?:com|cn|net|org|cc|tv|me|io|co|hk|tw|shop|top|xyz|vip|site|online|store|info|biz|link|app)"
                    + "(?![a-z0-9-])(?::\\d{2,5})?(?:/[a-z0-9\\-._~:/?#@!$&'()*+,;=%]*)?",
            Pattern.CASE_INSENSITIVE);

    private static final String SEP = "(?:\\s*号(?:码)?)?(?:\\s*是)?[\\s:=\\-~.;,、(\\[【（：；，。＝～—]{0,6}";

    private static final Pattern WECHAT = Pattern.compile(
            "(?:" + prefixes("微信号", "微信", "威信", "薇信", "v信", "加微", "薇", "微", "威") + "|"
                    + "(?:(?<![a-z0-9])" + prefixes("wechat", "weixin", "加v", "+v", "➕v", "vx", "wx")
                    + "(?![a-z0-9_-]))|(?<![a-z0-9])v(?=\\s*[:：]))"
                    + SEP
                    + "(?<id>[a-z]" + ID_CHAR + "{5,19}(?!" + ID_CHAR + ")|[a-z](?: " + ID_CHAR + "){5,19}(?! ?" + ID_CHAR + "))",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern WXID = Pattern.compile(
            "(?<![a-z0-9_-])(?<id>wxid_" + ID_CHAR + "{1,15})(?!" + ID_CHAR + ")", Pattern.CASE_INSENSITIVE);

    private static final Pattern QQ = Pattern.compile(
            "(?:" + prefixes("扣扣", "企鹅") + "|(?<![a-z0-9])(?:q\\s*q)(?![a-z_])|(?<![a-z0-9])q(?=\\s*[:：]))"
                    + SEP
                    + "(?<id>[1-9]\\d{4,10}(?!\\d)|[1-9](?: \\d){4,10}(?! ?\\d))",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern QQ_MAIL = Pattern.compile(
            "(?<![0-9a-z._-])(?<id>[1-9]\\d{4,10})@qq\\.com(?![a-z0-9-])", Pattern.CASE_INSENSITIVE);

    private static final Pattern PHONE = Pattern.compile(
            "(?<![0-9+])(?<id>(?:\\+\\s?86[\\s-]?|86[\\s-]?)?1[ -]?[3-9](?:[ -]?\\d){9})(?![0-9])");

    private static String prefixes(String... words) {
        StringBuilder sb = new StringBuilder("(?:");
        for (int w = 0; w < words.length; w++) {
            if (w > 0) {
                sb.append('|');
            }
            String word = words[w];
            for (int i = 0; i < word.length(); ) {
                int cp = word.codePointAt(i);
                if (i > 0) {
                    sb.append("\\s*");
                }
                sb.append(Pattern.quote(new String(Character.toChars(cp))));
                i += Character.charCount(cp);
            }
        }
        return sb.append(')').toString();
    }

    /** Finds the contact ids in {@code text}. */
    public List<ContactId> extract(String text) {
        Prepared p = Prepared.of(text);
        List<ContactId> found = new ArrayList<>();
        boolean[] taken = new boolean[p.text.length()];

        for (Pattern urlPattern : List.of(URL_SCHEME, URL_BARE)) {
            Matcher m = urlPattern.matcher(p.text);
            while (m.find()) {
                int s = m.start();
                int e = trimUrlEnd(p.text, s, m.end());
                if (e > s && free(taken, s, e)) {
                    take(taken, s, e);
                    found.add(p.contact(ContactKind.URL, p.text.substring(s, e), s, e));
                }
            }
        }
        for (Pattern wechat : List.of(WECHAT, WXID)) {
            Matcher m = wechat.matcher(p.text);
            while (m.find()) {
                int s = m.start("id");
                int e = m.end("id");
                if (free(taken, s, e)) {
                    take(taken, s, e);
                    String value = m.group("id").replace(" ", "").toLowerCase(Locale.ROOT);
                    found.add(p.contact(ContactKind.WECHAT, value, s, e));
                }
            }
        }
        for (Pattern qq : List.of(QQ, QQ_MAIL)) {
            Matcher m = qq.matcher(p.text);
            while (m.find()) {
                int s = m.start("id");
                int e = m.end("id");
                if (free(taken, s, e)) {
                    take(taken, s, e);
                    found.add(p.contact(ContactKind.QQ, digits(m.group("id")), s, e));
                }
            }
        }
        Matcher m = PHONE.matcher(p.text);
        while (m.find()) {
            int s = m.start("id");
            int e = m.end("id");
            if (free(taken, s, e)) {
                take(taken, s, e);
                String d = digits(m.group("id"));
                found.add(p.contact(ContactKind.PHONE, d.substring(d.length() - 11), s, e));
            }
        }
        found.sort(Comparator.comparingInt(ContactId::start));
        return List.copyOf(found);
    }

    private static int trimUrlEnd(String s, int start, int end) {
        while (end > start && ".,;:!?)]}'\"".indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return end;
    }

    private static boolean free(boolean[] taken, int s, int e) {
        for (int i = s; i < e; i++) {
            if (taken[i]) {
                return false;
            }
        }
        return true;
    }

    private static void take(boolean[] taken, int s, int e) {
        for (int i = s; i < e; i++) {
            taken[i] = true;
        }
    }

    private static String digits(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** The text prepared for matching, with the original offset of every char. */
    private static final class Prepared {
        final String original;
        final String text;
        final int[] origin;

        private Prepared(String original, String text, int[] origin) {
            this.original = original;
            this.text = text;
            this.origin = origin;
        }

        static Prepared of(String original) {
            StringBuilder sb = new StringBuilder(original.length());
            int[] origin = new int[original.length()];
            for (int i = 0; i < original.length(); i++) {
                char c = original.charAt(i);
                int type = Character.getType(c);
                if (type == Character.FORMAT || (c >= '\uFE00' && c <= '\uFE0F') || c == '\u00AD') {
                    continue; // zero-width and format characters, variation selectors, soft hyphen
                }
                if (c >= '\uFF01' && c <= '\uFF5E') {
                    c = (char) (c - 0xFEE0); // full-width ASCII
                } else if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                    c = ' ';
                }
                origin[sb.length()] = i;
                sb.append(c);
            }
            return new Prepared(original, sb.toString(), origin);
        }

        ContactId contact(ContactKind kind, String value, int s, int e) {
            return new ContactId(kind, value, origin[s], origin[e - 1] + 1);
        }
    }
}
