package org.dealerpanel.web.account;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.dealerpanel.term.service.MatchView;

/**
 * Splits a text into plain and matched pieces by the stored match offsets, so the template can wrap the matched ones
 * in {@code <mark class="hit">} while Qute still escapes every piece. Overlapping or touching matches are merged;
 * offsets outside the text (or missing: a hit found only in an engine's other reading) are ignored.
 */
public final class Highlight {
    private Highlight() {
    }

    /** A piece of the text; {@code terms} names the matched terms when it is a hit, null otherwise. */
    public record Segment(String text, String terms) {
        public boolean hit() {
            return terms != null;
        }
    }

    public static List<Segment> split(String text, List<MatchView> matches) {
        List<Segment> out = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        List<MatchView> usable = new ArrayList<>();
        for (MatchView m : matches == null ? List.<MatchView>of() : matches) {
            if (m.start() != null && m.end() != null && m.start() >= 0 && m.end() > m.start() && m.end() <= text.length()) {
                usable.add(m);
            }
        }
        usable.sort(Comparator.comparingInt(MatchView::start).thenComparing(m -> -m.end()));
        int pos = 0;
        int i = 0;
        while (i < usable.size()) {
            int start = usable.get(i).start();
            int end = usable.get(i).end();
            List<String> terms = new ArrayList<>();
            while (i < usable.size() && usable.get(i).start() <= end) {
                end = Math.max(end, usable.get(i).end());
                if (!terms.contains(usable.get(i).term())) {
                    terms.add(usable.get(i).term());
                }
                i++;
            }
            start = Math.max(start, pos);
            start = safeBoundary(text, start);
            end = safeBoundary(text, end);
            if (start > pos) {
                out.add(new Segment(text.substring(pos, start), null));
            }
            if (end > start) {
                out.add(new Segment(text.substring(start, end), String.join(", ", terms)));
                pos = end;
            }
        }
        if (pos < text.length()) {
            out.add(new Segment(text.substring(pos), null));
        }
        return out;
    }

    /** Never cut a surrogate pair in two. */
    private static int safeBoundary(String text, int index) {
        if (index > 0 && index < text.length() && Character.isLowSurrogate(text.charAt(index))
                && Character.isHighSurrogate(text.charAt(index - 1))) {
            return index - 1;
        }
        return index;
    }
}
