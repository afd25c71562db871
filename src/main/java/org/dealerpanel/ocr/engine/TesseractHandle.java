package org.dealerpanel.ocr.engine;

import java.nio.IntBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.sun.jna.Pointer;

import net.sourceforge.tess4j.ITessAPI.TessBaseAPI;
import net.sourceforge.tess4j.ITessAPI.TessPageIterator;
import net.sourceforge.tess4j.ITessAPI.TessPageIteratorLevel;
import net.sourceforge.tess4j.ITessAPI.TessResultIterator;
import net.sourceforge.tess4j.TessAPI;

import org.dealerpanel.ocr.BoundingBox;
import org.dealerpanel.ocr.OcrException;
import org.dealerpanel.ocr.OcrWord;

/**
 * One long-lived libtesseract handle (TessBaseAPI), initialised once. NOT thread-safe: two threads on one
 * handle crash the JVM. Only {@link TesseractPool} hands it out, to one thread at a time.
 */
public final class TesseractHandle implements AutoCloseable {

    /** A recognised line: words with confidences (0..1) and boxes in the coordinates of the image given. */
    public record TessLine(List<OcrWord> words, BoundingBox box) {
        public String text() {
            StringBuilder sb = new StringBuilder();
            for (OcrWord w : words) {
                if (!sb.isEmpty()) sb.append(' ');
                sb.append(w.text());
            }
            return TextCleanup.joinHan(sb.toString());
        }
        public double confidence() {
            return words.stream().mapToDouble(OcrWord::confidence).average().orElse(0);
        }
    }

    /** Interface mapping (lazily bound): TessAPI1's direct mapping needs TessBaseAPIGetGradient, which libtesseract 5.3 lacks. */
    private static final TessAPI T = TessAPI.INSTANCE;
    private final TessBaseAPI api;
    private final String lang;
    private volatile boolean closed;

    public TesseractHandle(Path datapath, String lang) {
        this.lang = lang;
        this.api = T.TessBaseAPICreate();
        int rc = T.TessBaseAPIInit2(api, datapath.toString(), lang, 1 /* OEM_LSTM_ONLY */);
        if (rc != 0) {
            T.TessBaseAPIDelete(api);
            throw new OcrException("Tesseract init failed for lang " + lang + " in " + datapath);
        }
        T.TessBaseAPISetVariable(api, "debug_file", "/dev/null");
    }

    public String lang() { return lang; }

    /** Recognises {@code img} with page-segmentation mode {@code psm}; returns lines of words. */
    public List<TessLine> read(GreyImage img, int psm) {
        if (closed) throw new IllegalStateException("handle closed");
        T.TessBaseAPISetPageSegMode(api, psm);
        T.TessBaseAPISetImage(api, img.direct(), img.width(), img.height(), 1, img.width());
        T.TessBaseAPISetSourceResolution(api, 300);
        List<TessLine> lines = new ArrayList<>();
        try {
            if (T.TessBaseAPIRecognize(api, null) != 0) {
                throw new OcrException("Tesseract recognise failed");
            }
            TessResultIterator ri = T.TessBaseAPIGetIterator(api);
            if (ri == null) return lines;
            try {
                TessPageIterator pi = T.TessResultIteratorGetPageIterator(ri);
                T.TessPageIteratorBegin(pi);
                IntBuffer l = IntBuffer.allocate(1), t = IntBuffer.allocate(1), r = IntBuffer.allocate(1), b = IntBuffer.allocate(1);
                List<OcrWord> cur = null;
                BoundingBox curBox = null;
                do {
                    if (T.TessPageIteratorIsAtBeginningOf(pi, TessPageIteratorLevel.RIL_TEXTLINE) != 0 || cur == null) {
                        if (cur != null && !cur.isEmpty()) lines.add(new TessLine(List.copyOf(cur), curBox));
                        cur = new ArrayList<>();
                        curBox = box(pi, TessPageIteratorLevel.RIL_TEXTLINE, l, t, r, b);
                    }
                    Pointer p = T.TessResultIteratorGetUTF8Text(ri, TessPageIteratorLevel.RIL_WORD);
                    if (p == null) continue;
                    String word;
                    try {
                        word = p.getString(0, "UTF-8");
                    } finally {
                        T.TessDeleteText(p);
                    }
                    word = word.strip();
                    if (word.isEmpty()) continue;
                    float conf = T.TessResultIteratorConfidence(ri, TessPageIteratorLevel.RIL_WORD);
                    cur.add(new OcrWord(word, Math.max(0, Math.min(1, conf / 100.0)), box(pi, TessPageIteratorLevel.RIL_WORD, l, t, r, b)));
                } while (T.TessResultIteratorNext(ri, TessPageIteratorLevel.RIL_WORD) != 0);
                if (cur != null && !cur.isEmpty()) lines.add(new TessLine(List.copyOf(cur), curBox));
            } finally {
                T.TessResultIteratorDelete(ri);
            }
        } finally {
            T.TessBaseAPIClear(api);
        }
        return lines;
    }

    private static BoundingBox box(TessPageIterator pi, int level, IntBuffer l, IntBuffer t, IntBuffer r, IntBuffer b) {
        l.clear(); t.clear(); r.clear(); b.clear();
        T.TessPageIteratorBoundingBox(pi, level, l, t, r, b);
        return new BoundingBox(l.get(0), t.get(0), r.get(0) - l.get(0), b.get(0) - t.get(0));
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        T.TessBaseAPIEnd(api);
        T.TessBaseAPIDelete(api);
    }
}
