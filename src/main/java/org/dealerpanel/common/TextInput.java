package org.dealerpanel.common;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one rule for text that comes in from outside (path and query values, JSON strings, CSV fields, multipart fields and
 * file names): no NUL and no other control character (tab, line feed and carriage return only in fields that allow
 * several lines), valid Unicode (no unpaired surrogate: what arrives must have been valid UTF-8), and at most a maximum
 * length per field. PostgreSQL text cannot hold a NUL at all, and an invisible control character in a handle or a name
 * makes it mean something else than it shows. A violation is a 400 problem naming the field ({@link #check}).
 */
public final class TextInput {
    /** Path segments: ids, names, user names, hashes and dates are all far shorter. */
    public static final int PATH_MAX = 200;
    /** Query values: filters, free-text search, dates. */
    public static final int QUERY_MAX = 500;
    /** JSON strings, multipart fields and file names without a rule of their own. */
    public static final int DEFAULT_MAX = 1000;

    /** What a field may hold: several lines (tab, LF, CR) or one, and how many characters at most. */
    public record Rule(boolean multiline, int maxLength) {
        public static Rule line(int maxLength) {
            return new Rule(false, maxLength);
        }

        public static Rule lines(int maxLength) {
            return new Rule(true, maxLength);
        }
    }

    public static final Rule DEFAULT = Rule.line(DEFAULT_MAX);

    /**
     * Fields, by JSON property (or form field) name, that differ from {@link #DEFAULT}. Free text may have several lines;
     * post texts are as long as the post service allows.
     */
    private static final Map<String, Rule> FIELDS = Map.of(
            "text", Rule.lines(100_000),
            "notes", Rule.lines(20_000),
            "note", Rule.lines(4_000),
            "description", Rule.lines(4_000));

    private TextInput() {
    }

    /** The rule of a field, by its name (the last name of a JSON path such as {@code cohorts[1]}). */
    public static Rule ruleFor(String field) {
        if (field == null) {
            return DEFAULT;
        }
        String name = field;
        int bracket = name.indexOf('[');
        if (bracket >= 0) {
            name = name.substring(0, bracket);
        }
        int dot = name.lastIndexOf('.');
        if (dot >= 0) {
            name = name.substring(dot + 1);
        }
        return FIELDS.getOrDefault(name, DEFAULT);
    }

    /** Checks a field by the rule its name has. */
    public static void check(String field, String value) {
        check(field, value, ruleFor(field));
    }

    /** Throws a 400 naming the field when the value breaks the rule; null passes. */
    public static void check(String field, String value, Rule rule) {
        String problem = problem(value, rule);
        if (problem != null) {
            throw ApiException.badField(field, problem);
        }
    }

    /** What is wrong with the value under the rule, or null when nothing is. */
    public static String problem(String value, Rule rule) {
        if (value == null) {
            return null;
        }
        if (value.length() > rule.maxLength()) {
            return "is too long: at most " + rule.maxLength() + " characters, got " + value.length();
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
                if (rule.multiline() && (c == '\t' || c == '\n' || c == '\r')) {
                    continue;
                }
                return "contains a control character (" + codePoint(c) + " at position " + (i + 1) + ")"
                        + (c == '\t' || c == '\n' || c == '\r' ? ": this field has one line" : "");
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "is not valid Unicode (an unpaired surrogate " + codePoint(c) + " at position " + (i + 1) + ")";
            }
            if (Character.isLowSurrogate(c)) {
                return "is not valid Unicode (an unpaired surrogate " + codePoint(c) + " at position " + (i + 1) + ")";
            }
        }
        return null;
    }

    private static String codePoint(char c) {
        String name = switch (c) {
            case 0 -> " NUL";
            case '\t' -> " TAB";
            case '\n' -> " LF";
            case '\r' -> " CR";
            case 0x1B -> " ESC";
            case 0x7F -> " DEL";
            default -> "";
        };
        return String.format(Locale.ROOT, "U+%04X", (int) c) + name;
    }

    /**
     * Decodes a percent-encoded URI component strictly: a malformed escape or bytes that are not UTF-8 are refused
     * (IllegalArgumentException with the reason) instead of being replaced silently.
     */
    public static String decode(String raw, boolean plusIsSpace) {
        if (raw.indexOf('%') < 0 && (!plusIsSpace || raw.indexOf('+') < 0)) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length() || Character.digit(raw.charAt(i + 1), 16) < 0
                        || Character.digit(raw.charAt(i + 2), 16) < 0) {
                    throw new IllegalArgumentException("has a malformed percent-escape at position " + (i + 1));
                }
                bytes.write(Character.digit(raw.charAt(i + 1), 16) * 16 + Character.digit(raw.charAt(i + 2), 16));
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("is not valid UTF-8 once percent-decoded");
        }
    }

    /** A raw query string split into (name, value) pairs, both strictly decoded; a bad pair names itself. */
    public static List<Map.Entry<String, String>> queryParameters(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return List.of();
        }
        List<Map.Entry<String, String>> pairs = new java.util.ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String rawName = eq < 0 ? pair : pair.substring(0, eq);
            String rawValue = eq < 0 ? "" : pair.substring(eq + 1);
            String name;
            try {
                name = decode(rawName, true);
            } catch (IllegalArgumentException e) {
                throw ApiException.badField("query", "a parameter name " + e.getMessage());
            }
            String nameProblem = problem(name, Rule.line(100));
            if (nameProblem != null) {
                throw ApiException.badField("query", "a parameter name " + nameProblem);
            }
            try {
                pairs.add(Map.entry(name, decode(rawValue, true)));
            } catch (IllegalArgumentException e) {
                throw ApiException.badField(name, e.getMessage());
            }
        }
        return pairs;
    }
}
