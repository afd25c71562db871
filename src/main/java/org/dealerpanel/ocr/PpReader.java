package org.dealerpanel.ocr;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

import org.dealerpanel.ocr.engine.OnnxPpOcr;
import org.dealerpanel.ocr.engine.OnnxPpOcr.Quad;
import org.dealerpanel.ocr.engine.OnnxPpOcr.Reading;
import org.dealerpanel.ocr.engine.OnnxPpOcr.RecModel;
import org.dealerpanel.ocr.engine.PpLine;

/**
 * PP-OCR reading of one image (direct ONNX Runtime), with re-reads where the first reading is unsure.
 *
 * <ol>
 *   <li>detect lines; read each upright crop with PP-OCRv4 (greedy CTC with gap filling, see {@link OnnxPpOcr});</li>
 *   <li>lines on the same row with room for a character between them are also read as one merged box (the
 *       detector sometimes misses a word between two others) and the merged reading replaces the parts when it
 *       reads more characters at least as confidently;</li>
 *   <li>unsure lines (a character below {@link #UNSURE}, a filled or open gap, or at most 3 characters) are read
 *       again from a crop padded by 0.3 of the line height (PP-OCRv4) and from the plain crop with PP-OCRv3. The
 *       first reading is kept unless a re-read has more Han characters (the first dropped one) - then the re-read
 *       with the highest sum of character confidences. (Choosing by confidence alone was measured worse: the
 *       re-reads often replace a rare, correct, low-confidence character such as 鳥 or a gap-filled 犸 by a
 *       common look-alike read confidently.)</li>
 * </ol>
 */
final class PpReader {

    static final double UNSURE = Double.parseDouble(System.getProperty("ocr.ppocr.unsure", "0.9"));
    static final boolean REREAD = !Boolean.getBoolean("ocr.ppocr.noReread");
    static final boolean SHORT_UNSURE = Boolean.getBoolean("ocr.ppocr.shortUnsure");

    private PpReader() {}

    static List<PpLine> read(OnnxPpOcr pp, BufferedImage img) {
        List<Quad> quads = new ArrayList<>(pp.detect(img));
        List<Reading> first = pp.read(img, quads, RecModel.V4, 0);
        List<Quad> q = new ArrayList<>(quads);
        List<Reading> r = new ArrayList<>(first);
        if (REREAD) mergeRows(pp, img, q, r);
        List<Integer> unsure = new ArrayList<>();
        for (int i = 0; i < r.size(); i++) if (REREAD && unsure(r.get(i))) unsure.add(i);
        if (!unsure.isEmpty()) {
            List<Quad> uq = new ArrayList<>();
            for (int i : unsure) uq.add(q.get(i));
            List<Reading> padded = pp.read(img, uq, RecModel.V4, 0.3);
            List<Reading> v3 = pp.read(img, uq, RecModel.V3, 0);
            for (int k = 0; k < unsure.size(); k++) {
                int i = unsure.get(k);
                Reading orig = r.get(i), best = orig;
                for (Reading c : List.of(padded.get(k), v3.get(k))) {
                    if (han(c) > han(orig) && sum(c) > sum(best)) best = c;
                }
                if (best == orig) best = vote(orig, List.of(padded.get(k), v3.get(k)));
                r.set(i, best);
            }
        }
        List<PpLine> out = new ArrayList<>();
        for (int i = 0; i < q.size(); i++) {
            Reading rd = r.get(i);
            String text = rd.text().strip();
            if (text.isEmpty()) continue;
            out.add(toLine(q.get(i), rd));
        }
        return out;
    }

    static boolean unsure(Reading r) {
        return (SHORT_UNSURE && r.length() <= 3) || r.minConfidence() < UNSURE || r.filledCount() > 0 || r.openGaps().length > 0;
    }

    /**
     * Character-level vote between readings of the same length: a character of the first reading below 0.5 (not a
     * gap-filled one) is replaced by the character at the same index of a re-read when that one is at least 0.2 more
     * confident and of the same script class (Han for Han).
     */
    static Reading vote(Reading first, List<Reading> others) {
        int[] cps = first.text().codePoints().toArray();
        if (cps.length != first.length()) return first;
        float[] conf = first.charConf().clone();
        boolean changed = false;
        for (Reading o : others) {
            int[] ocp = o.text().codePoints().toArray();
            if (ocp.length != cps.length || o.length() != cps.length) continue;
            for (int i = 0; i < cps.length; i++) {
                if (first.filled()[i] || o.filled()[i] || conf[i] >= 0.5f || ocp[i] == cps[i]) continue;
                if (isHan(ocp[i]) != isHan(cps[i])) continue;
                if (o.charConf()[i] >= conf[i] + 0.2f) { cps[i] = ocp[i]; conf[i] = o.charConf()[i]; changed = true; }
            }
        }
        if (!changed) return first;
        double sum = 0;
        int n = 0;
        for (int i = 0; i < conf.length; i++) if (!first.filled()[i]) { sum += conf[i]; n++; }
        return new Reading(new String(cps, 0, cps.length), n == 0 ? 0 : sum / n, conf, first.charPos(), first.filled(), first.openGaps());
    }

    private static boolean isHan(int cp) { return Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN; }

    static int han(Reading r) {
        return (int) r.text().codePoints().filter(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN).count();
    }

    static double sum(Reading r) {
        double s = 0;
        for (float c : r.charConf()) s += c;
        return s;
    }

    /** Same-row neighbours with a gap of 0.6..4 line heights: read the merged box; keep it if it reads more, as surely. */
    private static void mergeRows(OnnxPpOcr pp, BufferedImage img, List<Quad> q, List<Reading> r) {
        List<int[]> pairs = new ArrayList<>();
        List<Quad> merged = new ArrayList<>();
        for (int i = 0; i < q.size(); i++) {
            for (int j = 0; j < q.size(); j++) {
                if (i == j) continue;
                Quad a = q.get(i), b = q.get(j);
                double h = Math.max(a.height(), b.height());
                double ay = (a.ys()[0] + a.ys()[3]) / 2, by = (b.ys()[0] + b.ys()[3]) / 2;
                if (Math.abs(ay - by) > 0.35 * h || Math.abs(a.height() - b.height()) > 0.3 * h) continue;
                double gap = Math.min(b.xs()[0], b.xs()[3]) - Math.max(a.xs()[1], a.xs()[2]);
                if (gap < 0.6 * h || gap > 4 * h) continue;
                pairs.add(new int[] {i, j});
                merged.add(new Quad(new float[] {a.xs()[0], b.xs()[1], b.xs()[2], a.xs()[3]},
                        new float[] {a.ys()[0], b.ys()[1], b.ys()[2], a.ys()[3]}, Math.min(a.score(), b.score())));
            }
        }
        if (pairs.isEmpty()) return;
        List<Reading> mr = pp.read(img, merged, RecModel.V4, 0);
        boolean[] drop = new boolean[q.size()];
        List<Quad> addQ = new ArrayList<>();
        List<Reading> addR = new ArrayList<>();
        for (int k = 0; k < pairs.size(); k++) {
            int i = pairs.get(k)[0], j = pairs.get(k)[1];
            if (drop[i] || drop[j]) continue;
            Reading m = mr.get(k), a = r.get(i), b = r.get(j);
            if (m.length() > a.length() + b.length() && m.confidence() >= Math.min(a.confidence(), b.confidence()) - 0.05) {
                drop[i] = drop[j] = true;
                addQ.add(merged.get(k));
                addR.add(m);
            }
        }
        for (int i = q.size() - 1; i >= 0; i--) if (drop[i]) { q.remove(i); r.remove(i); }
        q.addAll(addQ);
        r.addAll(addR);
    }

    private static PpLine toLine(Quad q, Reading rd) {
        int[] xs = q.intXs(), ys = q.intYs();
        int minX = Integer.MAX_VALUE, minY = Integer.MAX_VALUE, maxX = Integer.MIN_VALUE, maxY = Integer.MIN_VALUE;
        for (int i = 0; i < 4; i++) {
            minX = Math.min(minX, xs[i]); maxX = Math.max(maxX, xs[i]);
            minY = Math.min(minY, ys[i]); maxY = Math.max(maxY, ys[i]);
        }
        List<OcrWord> chars = new ArrayList<>();
        int[] cps = rd.text().codePoints().toArray();
        float[] cc = rd.charConf();
        for (int i = 0; i < cps.length; i++) {
            chars.add(new OcrWord(new String(Character.toChars(cps[i])), i < cc.length ? cc[i] : 0, null));
        }
        return new PpLine(rd.text().strip(), rd.confidence(), new BoundingBox(minX, minY, maxX - minX, maxY - minY), xs, ys, List.copyOf(chars));
    }
}
