package org.dealerpanel.ocr.engine;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;

/**
 * Image pre-processing for Tesseract on social-media ads: line crops deskewed from the detector's quadrilateral,
 * upscaled so text is ~48 px high, contrast stretched, polarity made dark-on-light, and a white margin.
 */
public final class Preprocess {
    private Preprocess() {}

    /** Target text-line height in pixels for Tesseract's LSTM (it reads 30–50 px text best). */
    public static final int LINE_HEIGHT = 48;

    /**
     * Cuts the text line given by a quadrilateral (clockwise from top-left) out of {@code src},
     * rotating it upright (deskew), scaling it to {@link #LINE_HEIGHT}.
     */
    public static GreyImage lineCrop(BufferedImage src, int[] xs, int[] ys) {
        double dx = (xs[1] - xs[0] + xs[2] - xs[3]) / 2.0, dy = (ys[1] - ys[0] + ys[2] - ys[3]) / 2.0;
        double angle = Math.atan2(dy, dx);
        double wLen = Math.hypot(dx, dy);
        double hLen = (Math.hypot(xs[3] - xs[0], ys[3] - ys[0]) + Math.hypot(xs[2] - xs[1], ys[2] - ys[1])) / 2.0;
        if (wLen < 2 || hLen < 2) return null;
        double cx = (xs[0] + xs[1] + xs[2] + xs[3]) / 4.0, cy = (ys[0] + ys[1] + ys[2] + ys[3]) / 4.0;
        double scale = LINE_HEIGHT / hLen;
        scale = Math.max(0.5, Math.min(4.0, scale));
        int padX = (int) Math.round(hLen * 0.25), padY = (int) Math.round(hLen * 0.12);
        int outW = (int) Math.round((wLen + 2 * padX) * scale), outH = (int) Math.round((hLen + 2 * padY) * scale);
        if (outW <= 0 || outH <= 0 || (long) outW * outH > 8_000_000L) return null;
        BufferedImage out = new BufferedImage(outW, outH, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        AffineTransform at = new AffineTransform();
        at.translate(outW / 2.0, outH / 2.0);
        at.scale(scale, scale);
        at.rotate(-angle);
        at.translate(-cx, -cy);
        g.drawImage(src, at, null);
        g.dispose();
        GreyImage grey = GreyImage.of(out);
        return pad(darkOnLight(stretch(grey)), 12);
    }

    /** Whole page: grey, upscaled 2× when small (20 px captions), contrast stretched. */
    public static GreyImage page(BufferedImage src) {
        BufferedImage img = src;
        int w = src.getWidth(), h = src.getHeight();
        if (Math.max(w, h) < 1200) {
            double s = Math.max(w, h) < 700 ? 2.0 : 1.5;
            img = scale(src, s);
        }
        return stretch(GreyImage.of(img));
    }

    static BufferedImage scale(BufferedImage src, double s) {
        int w = (int) Math.round(src.getWidth() * s), h = (int) Math.round(src.getHeight() * s);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.drawImage(src, 0, 0, w, h, null);
        g.dispose();
        return out;
    }

    /** Linear contrast stretch between the 1st and 99th percentile. */
    public static GreyImage stretch(GreyImage g) {
        int[] hist = new int[256];
        byte[] p = g.pixels();
        for (byte b : p) hist[b & 255]++;
        int n = p.length, lo = 0, hi = 255, acc = 0;
        for (int i = 0; i < 256; i++) { acc += hist[i]; if (acc > n * 0.01) { lo = i; break; } }
        acc = 0;
        for (int i = 255; i >= 0; i--) { acc += hist[i]; if (acc > n * 0.01) { hi = i; break; } }
        if (hi - lo < 10) return g;
        byte[] o = new byte[n];
        double k = 255.0 / (hi - lo);
        for (int i = 0; i < n; i++) {
            int v = (int) Math.round(((p[i] & 255) - lo) * k);
            o[i] = (byte) (v < 0 ? 0 : Math.min(255, v));
        }
        return new GreyImage(g.width(), g.height(), o);
    }

    /** If the background (the larger Otsu class) is darker than the text, invert: Tesseract wants dark on light. */
    public static GreyImage darkOnLight(GreyImage g) {
        int t = otsu(g);
        long below = 0, sumBelow = 0, sumAbove = 0;
        for (byte b : g.pixels()) {
            int v = b & 255;
            if (v <= t) { below++; sumBelow += v; } else sumAbove += v;
        }
        long above = g.pixels().length - below;
        boolean backgroundDark = below > above;
        return backgroundDark ? invert(g) : g;
    }

    public static GreyImage invert(GreyImage g) {
        byte[] p = g.pixels(), o = new byte[p.length];
        for (int i = 0; i < p.length; i++) o[i] = (byte) (255 - (p[i] & 255));
        return new GreyImage(g.width(), g.height(), o);
    }

    public static int otsu(GreyImage g) {
        int[] hist = new int[256];
        for (byte b : g.pixels()) hist[b & 255]++;
        int total = g.pixels().length;
        double sum = 0;
        for (int i = 0; i < 256; i++) sum += i * (double) hist[i];
        double sumB = 0, best = -1;
        int wB = 0, thr = 127;
        for (int i = 0; i < 256; i++) {
            wB += hist[i];
            if (wB == 0) continue;
            int wF = total - wB;
            if (wF == 0) break;
            sumB += i * (double) hist[i];
            double mB = sumB / wB, mF = (sum - sumB) / wF;
            double between = (double) wB * wF * (mB - mF) * (mB - mF);
            if (between > best) { best = between; thr = i; }
        }
        return thr;
    }

    /** Adds a border of {@code m} pixels in the background colour (white after {@link #darkOnLight}). */
    public static GreyImage pad(GreyImage g, int m) {
        int w = g.width() + 2 * m, h = g.height() + 2 * m;
        byte[] o = new byte[w * h];
        java.util.Arrays.fill(o, (byte) 255);
        for (int y = 0; y < g.height(); y++) System.arraycopy(g.pixels(), y * g.width(), o, (y + m) * w + m, g.width());
        return new GreyImage(w, h, o);
    }
}
