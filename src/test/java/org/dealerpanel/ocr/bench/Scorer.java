package org.dealerpanel.ocr.bench;

import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.ibm.icu.text.Transliterator;

/**
 * Image-level scoring. A term counts as read when its exact string occurs in the OCR text with whitespace removed;
 * the normalised variant applies NFKC + traditional→simplified (ICU4J) + lower case to text, terms and ground truth.
 */
public final class Scorer {

    public static final class Counts {
        public int tp, fp, fn, contactsHit, contactsTotal, images;
        public final List<String> misses = new java.util.ArrayList<>();
        public final List<String> falseHits = new java.util.ArrayList<>();
        public double recall() { return tp + fn == 0 ? 1 : (double) tp / (tp + fn); }
        public double precision() { return tp + fp == 0 ? 1 : (double) tp / (tp + fp); }
        public double contactRecall() { return contactsTotal == 0 ? 1 : (double) contactsHit / contactsTotal; }
    }

    private static final Transliterator T2S = Transliterator.getInstance("Traditional-Simplified");
    private final boolean normalise;
    private final List<String> vocabulary;
    public final Counts counts = new Counts();

    public Scorer(boolean normalise) {
        this.normalise = normalise;
        Set<String> v = new LinkedHashSet<>();
        for (String t : BenchTerms.strings()) v.add(norm(t));
        this.vocabulary = List.copyOf(v);
    }

    public synchronized String norm(String s) {
        String flat = s.replaceAll("\\s+", "");
        if (!normalise) return flat;
        return T2S.transliterate(Normalizer.normalize(flat, Normalizer.Form.NFKC)).toLowerCase(Locale.ROOT);
    }

    /** Scores one image; returns a short description of errors (empty when perfect). */
    public synchronized String score(AdImageGenerator.Sample s, String ocrText) {
        String printed = norm(s.printedText());
        String read = norm(ocrText);
        StringBuilder err = new StringBuilder();
        counts.images++;
        for (String t : vocabulary) {
            boolean truth = printed.contains(t), hit = read.contains(t);
            if (truth && hit) counts.tp++;
            else if (truth) { counts.fn++; counts.misses.add(s.id() + ":" + t); err.append(" miss=").append(t); }
            else if (hit) { counts.fp++; counts.falseHits.add(s.id() + ":" + t); err.append(" false=").append(t); }
        }
        for (String c : s.contacts()) {
            counts.contactsTotal++;
            if (read.contains(norm(c))) counts.contactsHit++;
            else err.append(" contact-miss=").append(c);
        }
        return err.toString();
    }
}
