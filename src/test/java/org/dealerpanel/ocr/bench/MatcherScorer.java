package org.dealerpanel.ocr.bench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.dealerpanel.lexicon.TermCategory;
import org.dealerpanel.lexicon.matching.LexiconTerm;
import org.dealerpanel.lexicon.matching.MatchKind;
import org.dealerpanel.lexicon.matching.TermMatch;
import org.dealerpanel.lexicon.matching.TermMatcher;
import org.dealerpanel.lexicon.normalize.TextNormalizer;

/**
 * Scoring with the product's own matcher ({@link TermMatcher} over the generated terms, {@code matchAll}, so a term
 * inside a longer one counts like a substring). Terms are counted once per image by their normalised form (a
 * traditional and a simplified entry of one term are one term). Recall/precision use EXACT matches only;
 * OCR_CONFUSION matches are counted separately: terms only found as confusions, and confusion hits on terms not printed.
 */
public final class MatcherScorer {

    private static final TermMatcher MATCHER;
    private static final TextNormalizer NORM = TextNormalizer.getInstance();

    static {
        List<LexiconTerm> terms = new ArrayList<>();
        long id = 1;
        for (BenchTerms.Term t : BenchTerms.TERMS) terms.add(new LexiconTerm(id++, t.text(), TermCategory.valueOf(t.category())));
        MATCHER = TermMatcher.build(terms);
    }

    public int tp, fp, fn, confusionOnly, confusionFalse;
    public final List<String> misses = new ArrayList<>(), falseHits = new ArrayList<>(), confusions = new ArrayList<>();

    public double recall() { return tp + fn == 0 ? 1 : (double) tp / (tp + fn); }
    public double precision() { return tp + fp == 0 ? 1 : (double) tp / (tp + fp); }

    private static Set<String> found(String text, MatchKind kind) {
        Set<String> s = new HashSet<>();
        for (TermMatch m : MATCHER.matchAll(text)) if (m.kind() == kind) s.add(NORM.normalizeToString(m.term()));
        return s;
    }

    public synchronized void score(AdImageGenerator.Sample sample, String ocrText) {
        Set<String> truth = found(sample.printedText(), MatchKind.EXACT);
        Set<String> exact = found(ocrText, MatchKind.EXACT);
        Set<String> conf = found(ocrText, MatchKind.OCR_CONFUSION);
        for (String t : truth) {
            if (exact.contains(t)) tp++;
            else {
                fn++;
                misses.add(sample.id() + ":" + t);
                if (conf.contains(t)) { confusionOnly++; confusions.add(sample.id() + ":" + t); }
            }
        }
        for (String t : exact) if (!truth.contains(t)) { fp++; falseHits.add(sample.id() + ":" + t); }
        for (String t : conf) if (!truth.contains(t) && !exact.contains(t)) confusionFalse++;
    }
}
