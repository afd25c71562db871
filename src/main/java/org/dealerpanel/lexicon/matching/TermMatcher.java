package org.dealerpanel.lexicon.matching;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UScript;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.ahocorasick.trie.PayloadTrie;
import org.dealerpanel.lexicon.TermCategory;
import org.dealerpanel.lexicon.normalize.NormalizedText;
import org.dealerpanel.lexicon.normalize.TextNormalizer;

/**
 * Finds all lexicon terms in a text at once, in time linear in the text (plus the number of
 * hits), with two Aho–Corasick automata (org.ahocorasick):
 * <ul>
 *   <li>the exact automaton over the {@link TextNormalizer normalised} terms: hits have the term's
 *       exact confidence (1.0 by default), kind {@link MatchKind#EXACT};</li>
 *   <li>the confusion automaton over the normalised terms folded by {@link OcrConfusions}, run over
 *       the folded normalised text: a hit that differs from the term in k characters
 *       (1 ≤ k ≤ max(1, length/3)) gets {@code confusionConfidence^k} (0.6 by default, always
 *       below 1), kind {@link MatchKind#OCR_CONFUSION}. Terms of one character, or whose rule
 *       disables it, get no confusion hits.</li>
 * </ul>
 *
 * <p>Results, offsets into the ORIGINAL text:
 * <ul>
 *   <li>every term found is reported, overlapping hits included, once per (term, span) with its
 *       best confidence;</li>
 *   <li>an OCR-confusion hit at the same span as an exact hit (of any term) is dropped: the exact
 *       reading wins;</li>
 *   <li>a hit strictly inside a longer hit of the SAME category with at least its confidence is
 *       dropped (象牙 inside 象牙手镯, 山甲 inside 穿山甲): the longer term is the more specific
 *       evidence. Hits of other categories are kept. {@link #matchAll} keeps them all;</li>
 *   <li>terms that start/end with a Latin letter or digit must not touch another Latin
 *       letter/digit in the original text ("ivory" is not found in "ivorybill"), while spaces and
 *       the like inside the term are still ignored ("I v o r y" is found).</li>
 * </ul>
 *
 * <p>Immutable and thread-safe: build a new one when the lexicon changes and swap the reference
 * (e.g. an {@code AtomicReference<TermMatcher>} or a volatile field).
 */
public final class TermMatcher {

    private static final TextNormalizer NORMALIZER = TextNormalizer.getInstance();

    private final List<LexiconTerm> terms;
    private final List<LexiconTerm> unmatchable;
    private final PayloadTrie<List<Entry>> exact;
    private final PayloadTrie<List<Entry>> confusion;

    private record Entry(LexiconTerm term, String normalised, boolean latinStart, boolean latinEnd) {
    }

    private static final class Hit {
        final Entry entry;
        final int ns;
        final int ne;
        final double confidence;
        final MatchKind kind;

        Hit(Entry entry, int ns, int ne, double confidence, MatchKind kind) {
            this.entry = entry;
            this.ns = ns;
            this.ne = ne;
            this.confidence = confidence;
            this.kind = kind;
        }
    }

    private TermMatcher(Collection<LexiconTerm> input) {
        Map<String, List<Entry>> exactKeys = new LinkedHashMap<>();
        Map<String, List<Entry>> confusionKeys = new LinkedHashMap<>();
        List<LexiconTerm> usable = new ArrayList<>();
        List<LexiconTerm> rejected = new ArrayList<>();
        for (LexiconTerm t : input) {
            String normalised = NORMALIZER.normalizeToString(t.term());
            if (normalised.isEmpty()) {
                rejected.add(t);
                continue;
            }
            usable.add(t);
            Entry e = new Entry(t, normalised,
                    isLatinAlnum(normalised.codePointAt(0)),
                    isLatinAlnum(normalised.codePointBefore(normalised.length())));
            exactKeys.computeIfAbsent(normalised, k -> new ArrayList<>()).add(e);
            if (t.rule().ocrConfusion() && normalised.codePointCount(0, normalised.length()) >= 2) {
                confusionKeys.computeIfAbsent(OcrConfusions.fold(normalised), k -> new ArrayList<>()).add(e);
            }
        }
        this.terms = List.copyOf(usable);
        this.unmatchable = List.copyOf(rejected);
        this.exact = trie(exactKeys);
        this.confusion = trie(confusionKeys);
    }

    private static PayloadTrie<List<Entry>> trie(Map<String, List<Entry>> keys) {
        if (keys.isEmpty()) {
            return null;
        }
        PayloadTrie.PayloadTrieBuilder<List<Entry>> b = PayloadTrie.builder();
        keys.forEach((k, v) -> b.addKeyword(k, List.copyOf(v)));
        return b.build();
    }

    /** Builds a matcher over {@code terms} (the active lexicon). */
    public static TermMatcher build(Collection<LexiconTerm> terms) {
        return new TermMatcher(terms);
    }

    /** A matcher that finds nothing. */
    public static TermMatcher empty() {
        return new TermMatcher(List.of());
    }

    /** Terms this matcher looks for. */
    public List<LexiconTerm> terms() {
        return terms;
    }

    /** Terms left out because they normalise to nothing (only spaces, punctuation, emoji...). */
    public List<LexiconTerm> unmatchableTerms() {
        return unmatchable;
    }

    /** Matches {@code text}; see the class comment for what is reported. */
    public List<TermMatch> match(String text) {
        return match(NORMALIZER.normalize(text));
    }

    /** Matches an already normalised text (e.g. to reuse one normalisation). */
    public List<TermMatch> match(NormalizedText text) {
        return toMatches(text, suppressContained(candidates(text)));
    }

    /** Like {@link #match(String)} but keeps hits contained in a longer hit of the same category. */
    public List<TermMatch> matchAll(String text) {
        NormalizedText normalised = NORMALIZER.normalize(text);
        return toMatches(normalised, candidates(normalised));
    }

    private List<Hit> candidates(NormalizedText nt) {
        String s = nt.text();
        List<Hit> hits = new ArrayList<>();
        if (exact != null) {
            exact.parseText(s, emit -> {
                int ns = emit.getStart();
                int ne = emit.getEnd() + 1;
                for (Entry e : emit.getPayload()) {
                    if (boundaryOk(nt, e, ns, ne)) {
                        hits.add(new Hit(e, ns, ne, e.term().rule().exactConfidence(), MatchKind.EXACT));
                    }
                }
                return true;
            });
        }
        if (confusion != null) {
            confusion.parseText(OcrConfusions.fold(s), emit -> {
                int ns = emit.getStart();
                int ne = emit.getEnd() + 1;
                for (Entry e : emit.getPayload()) {
                    String term = e.normalised();
                    int subs = 0;
                    for (int k = 0; k < term.length(); k++) {
                        if (s.charAt(ns + k) != term.charAt(k)) {
                            subs++;
                        }
                    }
                    if (subs == 0 || subs > Math.max(1, term.length() / 3) || !boundaryOk(nt, e, ns, ne)) {
                        continue; // exact hits come from the exact automaton
                    }
                    double c = Math.pow(e.term().rule().confusionConfidence(), subs);
                    hits.add(new Hit(e, ns, ne, c, MatchKind.OCR_CONFUSION));
                }
                return true;
            });
        }
        // one hit per (term, span), the most confident; an exact hit's span beats confusion hits there
        hits.sort(Comparator.<Hit>comparingInt(h -> h.ns).thenComparing(h -> -h.ne)
                .thenComparing(h -> -h.confidence));
        Set<Long> exactSpans = new HashSet<>();
        for (Hit h : hits) {
            if (h.kind == MatchKind.EXACT) {
                exactSpans.add(span(h.ns, h.ne));
            }
        }
        Set<List<Long>> seen = new HashSet<>();
        List<Hit> out = new ArrayList<>(hits.size());
        for (Hit h : hits) {
            if (h.kind == MatchKind.OCR_CONFUSION && exactSpans.contains(span(h.ns, h.ne))) {
                continue;
            }
            if (seen.add(List.of(h.entry.term().id(), span(h.ns, h.ne)))) {
                out.add(h);
            }
        }
        return out;
    }

    /**
     * Drops hits strictly inside a longer hit of the same category whose confidence is at least
     * theirs. {@code hits} is sorted by start, then end descending. One sweep per distinct
     * confidence level (a handful), so linear in the number of hits.
     */
    private static List<Hit> suppressContained(List<Hit> hits) {
        Map<TermCategory, List<Hit>> byCategory = new EnumMap<>(TermCategory.class);
        for (Hit h : hits) {
            byCategory.computeIfAbsent(h.entry.term().category(), k -> new ArrayList<>()).add(h);
        }
        Set<Hit> dropped = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (List<Hit> list : byCategory.values()) {
            TreeSet<Double> levels = new TreeSet<>();
            list.forEach(h -> levels.add(h.confidence));
            for (double level : levels) {
                int maxEndBefore = -1; // max end of coverers starting before the current start
                int groupStart = -1;
                int groupMaxEnd = -1; // max end of coverers starting at the current start
                for (Hit h : list) {
                    if (h.ns != groupStart) {
                        maxEndBefore = Math.max(maxEndBefore, groupMaxEnd);
                        groupStart = h.ns;
                        groupMaxEnd = -1;
                    }
                    if (h.confidence == level && (maxEndBefore >= h.ne || groupMaxEnd > h.ne)) {
                        dropped.add(h);
                    }
                    if (h.confidence >= level) {
                        groupMaxEnd = Math.max(groupMaxEnd, h.ne);
                    }
                }
            }
        }
        if (dropped.isEmpty()) {
            return hits;
        }
        List<Hit> kept = new ArrayList<>(hits.size() - dropped.size());
        for (Hit h : hits) {
            if (!dropped.contains(h)) {
                kept.add(h);
            }
        }
        return kept;
    }

    private static List<TermMatch> toMatches(NormalizedText nt, List<Hit> hits) {
        List<TermMatch> out = new ArrayList<>(hits.size());
        for (Hit h : hits) {
            LexiconTerm t = h.entry.term();
            out.add(new TermMatch(t.id(), t.term(), t.category(), nt.originalStart(h.ns), nt.originalEnd(h.ne - 1),
                    h.confidence, h.kind));
        }
        out.sort(Comparator.comparingInt(TermMatch::start).thenComparing(m -> -m.end())
                .thenComparingLong(TermMatch::termId));
        return List.copyOf(out);
    }

    private static long span(int ns, int ne) {
        return ((long) ns << 32) | (ne & 0xffffffffL);
    }

    /** Latin-script terms must not run into other Latin letters or digits in the original text. */
    private static boolean boundaryOk(NormalizedText nt, Entry e, int ns, int ne) {
        String original = nt.original();
        if (e.latinStart()) {
            int start = nt.originalStart(ns);
            if (start > 0 && isLatinAlnum(original.codePointBefore(start))) {
                return false;
            }
        }
        if (e.latinEnd()) {
            int end = nt.originalEnd(ne - 1);
            if (end < original.length() && isLatinAlnum(original.codePointAt(end))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLatinAlnum(int cp) {
        return UCharacter.isDigit(cp) || (UCharacter.isLetter(cp) && UScript.getScript(cp) == UScript.LATIN);
    }
}
