package org.dealerpanel.archive.service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.dealerpanel.lexicon.contact.ContactExtractor;
import org.dealerpanel.lexicon.contact.ContactId;
import org.dealerpanel.lexicon.normalize.NormalizedText;
import org.dealerpanel.lexicon.normalize.TextNormalizer;

/**
 * The snippet of a hit: a piece of the ORIGINAL text (not the normalised copy) around the first place the query was
 * found, with the places it was found as {@code [start, end)} UTF-16 offsets into the snippet. The query is found in
 * the normalised text (so "象 牙", "象🐘牙" and "象牙" are all hits of 象牙) and mapped back to the original; a contact
 * id of the query is highlighted where the contact extractor finds it. Pure Java.
 */
public final class Snippets {
    /** Longest snippet, in UTF-16 units, without the ellipses. */
    public static final int MAX = 160;
    /** Context kept before the first hit. */
    static final int BEFORE = 40;
    static final String ELLIPSIS = "…";
    private static final TextNormalizer NORMALIZER = TextNormalizer.getInstance();
    private static final ContactExtractor EXTRACTOR = new ContactExtractor();

    private Snippets() {
    }

    public record Highlight(int start, int end) {
    }

    public record Snippet(String text, List<Highlight> highlights) {
    }

    /** A contact id the query stands for ({@code kind} as the contract spells it). */
    public record Contact(String kind, String value) {
    }

    /**
     * @param original   the stored text
     * @param normalised the normalised query (may be empty when the query is only a contact id)
     * @param contacts   contact ids the query stands for
     */
    public static Snippet of(String original, String normalised, Collection<Contact> contacts) {
        String text = original == null ? "" : original;
        List<int[]> ranges = new ArrayList<>();
        if (normalised != null && !normalised.isEmpty()) {
            NormalizedText nt = NORMALIZER.normalize(text);
            String n = nt.text();
            int from = 0;
            while (from <= n.length() - normalised.length()) {
                int at = n.indexOf(normalised, from);
                if (at < 0) {
                    break;
                }
                ranges.add(nt.toOriginal(at, at + normalised.length()));
                from = at + normalised.length();
            }
        }
        if (!contacts.isEmpty()) {
            for (ContactId c : EXTRACTOR.extract(text)) {
                if (contacts.contains(new Contact(c.kind().wireName(), c.value()))) {
                    ranges.add(new int[] {c.start(), c.end()});
                }
            }
        }
        ranges.sort(Comparator.<int[]>comparingInt(r -> r[0]).thenComparingInt(r -> -r[1]));
        List<int[]> merged = new ArrayList<>();
        for (int[] r : ranges) {
            if (!merged.isEmpty() && r[0] <= merged.get(merged.size() - 1)[1]) {
                int[] last = merged.get(merged.size() - 1);
                last[1] = Math.max(last[1], r[1]);
            } else {
                merged.add(new int[] {r[0], r[1]});
            }
        }
        int start = merged.isEmpty() ? 0 : Math.max(0, merged.get(0)[0] - BEFORE);
        int end = Math.min(text.length(), start + MAX);
        if (end - start < MAX) {
            start = Math.max(0, end - MAX);
        }
        start = boundary(text, start);
        end = boundary(text, end);
        String prefix = start > 0 ? ELLIPSIS : "";
        String suffix = end < text.length() ? ELLIPSIS : "";
        StringBuilder sb = new StringBuilder(prefix.length() + end - start + suffix.length()).append(prefix);
        for (int i = start; i < end; i++) {
            char ch = text.charAt(i);
            sb.append(ch == '\n' || ch == '\r' || ch == '\t' ? ' ' : ch);
        }
        sb.append(suffix);
        List<Highlight> highlights = new ArrayList<>();
        for (int[] r : merged) {
            int s = Math.max(r[0], start);
            int e = Math.min(r[1], end);
            if (s < e) {
                highlights.add(new Highlight(s - start + prefix.length(), e - start + prefix.length()));
            }
        }
        return new Snippet(sb.toString(), List.copyOf(highlights));
    }

    /** Never cut a surrogate pair in two. */
    private static int boundary(String text, int i) {
        if (i > 0 && i < text.length() && Character.isLowSurrogate(text.charAt(i)) && Character.isHighSurrogate(text.charAt(i - 1))) {
            return i - 1;
        }
        return i;
    }

    /** The snippet cut into pieces, each a hit or not, in order (for pages that mark hits). */
    public record Piece(String text, boolean hit) {
    }

    public static List<Piece> pieces(String snippet, List<Highlight> highlights) {
        List<Piece> out = new ArrayList<>();
        int at = 0;
        for (Highlight h : highlights) {
            if (h.start() < at || h.end() > snippet.length()) {
                continue;
            }
            if (h.start() > at) {
                out.add(new Piece(snippet.substring(at, h.start()), false));
            }
            out.add(new Piece(snippet.substring(h.start(), h.end()), true));
            at = h.end();
        }
        if (at < snippet.length()) {
            out.add(new Piece(snippet.substring(at), false));
        }
        return out;
    }
}
