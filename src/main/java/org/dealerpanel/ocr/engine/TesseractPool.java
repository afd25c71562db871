package org.dealerpanel.ocr.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.dealerpanel.ocr.OcrException;

/**
 * A fixed pool of long-lived Tesseract handles. Each handle is lent to exactly one thread at a time
 * ({@link #withHandle}); size = number of OCR worker threads. Handles are created eagerly (~300 ms and
 * ~45 MB native memory each) and ended on {@link #close()}.
 */
public final class TesseractPool implements AutoCloseable {
    private final BlockingQueue<TesseractHandle> idle;
    private final List<TesseractHandle> all = new ArrayList<>();
    private volatile boolean closed;

    public TesseractPool(Path datapath, String lang, int size) {
        if (size < 1) throw new IllegalArgumentException("pool size must be >= 1");
        idle = new ArrayBlockingQueue<>(size);
        try {
            for (int i = 0; i < size; i++) {
                TesseractHandle h = new TesseractHandle(datapath, lang);
                all.add(h);
                idle.add(h);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    public int size() { return all.size(); }

    /** Borrows a handle for the duration of {@code work}; blocks while all are busy. */
    public <T> T withHandle(Function<TesseractHandle, T> work) {
        if (closed) throw new IllegalStateException("Tesseract pool closed");
        TesseractHandle h;
        try {
            h = idle.poll(10, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OcrException("interrupted while waiting for a Tesseract handle", e);
        }
        if (h == null) throw new OcrException("no Tesseract handle free after 10 minutes");
        try {
            return work.apply(h);
        } finally {
            idle.add(h);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        // wait for borrowed handles to come back (never end a handle another thread is using)
        for (int i = 0; i < all.size(); i++) {
            try {
                if (idle.poll(60, TimeUnit.SECONDS) == null) break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (TesseractHandle h : all) h.close();
    }
}
