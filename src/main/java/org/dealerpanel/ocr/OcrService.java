package org.dealerpanel.ocr;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import javax.imageio.ImageIO;

import org.dealerpanel.ocr.engine.GreyImage;
import org.dealerpanel.ocr.engine.ModelVerifier;
import org.dealerpanel.ocr.engine.NativeHeap;
import org.dealerpanel.ocr.engine.OnnxPpOcr;
import org.dealerpanel.ocr.engine.PpLine;
import org.dealerpanel.ocr.engine.Preprocess;
import org.dealerpanel.ocr.engine.TesseractHandle.TessLine;
import org.dealerpanel.ocr.engine.TesseractPool;

/**
 * The OCR engine: thread-safe, long-lived (create once, {@link #close()} at shutdown). Callers may recognise
 * concurrently; Tesseract work is bounded by {@code config.workers()} handles, PP-OCR runs on the caller's thread.
 *
 * <p>Pipeline per image: PP-OCR (PP-OCRv4 det + rec on ONNX Runtime, sessions shared by all threads, see
 * {@link OnnxPpOcr}) finds the text lines as rotated rectangles, warps them upright and reads them, with re-reads of
 * unsure lines (see {@code PpReader}). Lines PP-OCR is still unsure of (mean confidence below
 * {@code ocr.tesseract.skipAbove}, default 0.6) are cut out, deskewed, scaled to ~48 px text height,
 * contrast-stretched, turned dark-on-light and read again by Tesseract as a single line (PSM 7, then PSM 13 when
 * unsure); per line the reading with the higher confidence is chosen and the other kept as an alternative. Without
 * PP-OCR (or when it finds nothing) Tesseract reads the whole page, upscaled and contrast-stretched, with PSM 11
 * (sparse text) at 1x and upscaled and PSM 6 (block) upscaled, keeping the most confident result.
 */
public final class OcrService implements AutoCloseable {

    /** PP-OCR lines at or above this confidence are not re-read by Tesseract (-Docr.tesseract.skipAbove, default 0.6;
     * at 0.95 the re-reads cost ~35% throughput and changed no term or contact hit on the benchmark). */
    static final double TESSERACT_SKIP_ABOVE = Double.parseDouble(System.getProperty("ocr.tesseract.skipAbove", "0.6"));

    private final OcrConfig config;
    private final TesseractPool tesseract;
    private final OnnxPpOcr ppocr;
    private final Path datapath;

    /** Verifies the model hashes (fails with {@link org.dealerpanel.ocr.engine.ModelIntegrityException}) and starts the engines. */
    public OcrService(OcrConfig config) {
        this.config = config;
        List<String> langs = Arrays.asList(config.tesseractLang().split("\\+"));
        this.datapath = ModelVerifier.verify(config.modelsDir(), langs);
        this.tesseract = new TesseractPool(datapath, config.tesseractLang(), config.workers());
        OnnxPpOcr pp = null;
        try {
            if (config.ppOcr()) pp = new OnnxPpOcr(config.ppOcrThreads(), OnnxPpOcr.RecModel.V4, OnnxPpOcr.RecModel.V3);
        } catch (RuntimeException e) {
            tesseract.close();
            throw e;
        }
        this.ppocr = pp;
    }

    public OcrConfig config() { return config; }

    /** The verified Tesseract datapath. */
    public Path datapath() { return datapath; }

    /** Recognises an image file (PNG, JPEG, GIF first frame, BMP). */
    public OcrResult recognise(Path image) {
        BufferedImage img;
        try {
            img = ImageIO.read(image.toFile());
        } catch (IOException e) {
            throw new OcrException("cannot read image " + image + ": " + e.getMessage(), e);
        }
        if (img == null) throw new OcrException("not a readable image: " + image);
        return recognise(img);
    }

    /** Recognises encoded image bytes. */
    public OcrResult recognise(byte[] encoded) {
        BufferedImage img;
        try {
            img = ImageIO.read(new ByteArrayInputStream(encoded));
        } catch (IOException e) {
            throw new OcrException("cannot decode image: " + e.getMessage(), e);
        }
        if (img == null) throw new OcrException("not a readable image");
        return recognise(img);
    }

    /** Recognises a decoded image. */
    public OcrResult recognise(BufferedImage img) {
        BufferedImage rgb = img;
        if (img.getType() != BufferedImage.TYPE_INT_RGB) {
            rgb = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
            var g = rgb.createGraphics();
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            g.drawImage(img, 0, 0, null);
            g.dispose();
        }
        return recognise(rgb, null);
    }

    private OcrResult recognise(BufferedImage img, Path file) {
        long t0 = System.nanoTime();
        List<PpLine> ppLines = ppocr != null ? PpReader.read(ppocr, img) : List.of();
        List<OcrLine> lines = tesseract.withHandle(h -> {
            List<OcrLine> out = new ArrayList<>();
            if (ppLines.isEmpty()) {
                out.addAll(pageMode(img, h));
                return out;
            }
            for (PpLine pl : ppLines) {
                TessLine tl = null;
                if (pl.confidence() >= TESSERACT_SKIP_ABOVE) { // Tesseract would not win this line: save its time
                    out.add(combine(pl, null));
                    continue;
                }
                GreyImage crop = Preprocess.lineCrop(img, pl.xs(), pl.ys());
                if (crop != null) {
                    tl = best(h.read(crop, 7), null);
                    if (tl == null || tl.confidence() < 0.75) tl = best(h.read(crop, 13), tl);
                }
                out.add(combine(pl, tl));
            }
            return out;
        });
        lines.sort(Comparator.comparingInt((OcrLine l) -> l.box().y() + l.box().height() / 2).thenComparingInt(l -> l.box().x()));
        StringBuilder text = new StringBuilder();
        for (OcrLine l : lines) {
            if (l.text().isBlank()) continue;
            if (!text.isEmpty()) text.append('\n');
            text.append(l.text());
        }
        return new OcrResult(text.toString(), List.copyOf(lines), img.getWidth(), img.getHeight(), (System.nanoTime() - t0) / 1_000_000);
    }

    /** Joins the lines of a single-line read into one line; keeps the more confident of two candidates. */
    private static TessLine best(List<TessLine> read, TessLine other) {
        TessLine joined = null;
        if (!read.isEmpty()) {
            List<OcrWord> words = new ArrayList<>();
            read.forEach(l -> words.addAll(l.words()));
            joined = new TessLine(words, read.get(0).box());
        }
        if (other == null) return joined;
        if (joined == null) return other;
        return score(joined) >= score(other) ? joined : other;
    }

    private static double score(TessLine l) { return l.confidence(); }

    /** Per-line choice between PP-OCR and Tesseract by confidence; the loser is kept as an alternative. */
    static OcrLine combine(PpLine pp, TessLine tl) {
        String ppText = pp.text();
        OcrLine ppLine = new OcrLine(ppText, pp.confidence(), pp.box(), OcrEngineKind.PPOCR, pp.chars(), List.of());
        if (tl == null || tl.text().isBlank()) return ppLine;
        double tConf = tl.confidence();
        if (tConf > pp.confidence()) {
            return new OcrLine(tl.text(), tConf, pp.box(), OcrEngineKind.TESSERACT, tl.words(),
                    List.of(new OcrLine.Alternative(OcrEngineKind.PPOCR, ppText, pp.confidence())));
        }
        return ppLine.withAlternatives(List.of(new OcrLine.Alternative(OcrEngineKind.TESSERACT, tl.text(), tConf)));
    }

    /** Tesseract alone on the whole page: PSM 11 (sparse text) at 1x and upscaled (small captions), PSM 6 upscaled, contrast-stretched;
     * the more confident reading wins. */
    private static List<OcrLine> pageMode(BufferedImage img, org.dealerpanel.ocr.engine.TesseractHandle h) {
        GreyImage native1 = Preprocess.stretch(GreyImage.of(img));
        GreyImage up = Preprocess.page(img);
        List<TessLine> a = h.read(native1, 11), b = h.read(up, 11), c = h.read(up, 6);
        List<TessLine> pick = a;
        GreyImage page = native1;
        if (total(b) > total(pick)) { pick = b; page = up; }
        if (total(c) > total(pick)) { pick = c; page = up; }
        double sx = (double) img.getWidth() / page.width(), sy = (double) img.getHeight() / page.height();
        List<OcrLine> out = new ArrayList<>();
        for (TessLine l : pick) {
            String t = l.text();
            if (t.isBlank() || l.confidence() < 0.30) continue;
            BoundingBox bb = l.box();
            BoundingBox scaled = new BoundingBox((int) (bb.x() * sx), (int) (bb.y() * sy), (int) (bb.width() * sx), (int) (bb.height() * sy));
            out.add(new OcrLine(t, l.confidence(), scaled, OcrEngineKind.TESSERACT, l.words(), List.of()));
        }
        return out;
    }

    private static double total(List<TessLine> ls) {
        return ls.stream().mapToDouble(l -> l.confidence() * l.words().size()).sum();
    }

    /**
     * Hands the memory of an idle engine back to the system: PP-OCR's sessions are closed (ONNX Runtime keeps each
     * session's largest buffers for its lifetime; they reopen on the next image, ~0.7 s) and glibc returns the freed
     * native heap. Call it when no recognition has run for a while; a call running meanwhile is not disturbed.
     */
    public boolean releaseIdleMemory() {
        boolean released = ppocr != null && ppocr.release();
        NativeHeap.trim();
        return released;
    }

    /** Whether PP-OCR's sessions are open now (false while released by {@link #releaseIdleMemory()}). */
    public boolean ppOcrOpen() {
        return ppocr != null && ppocr.isOpen();
    }

    @Override
    public void close() {
        tesseract.close();
        if (ppocr != null) ppocr.close();
    }
}
