package org.dealerpanel.ocr.engine;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;

/** 8-bit grey image, row-major, no padding. The form Tesseract gets (Debian Leptonica cannot take BufferedImage via lept4j). */
public record GreyImage(int width, int height, byte[] pixels) {

    public static GreyImage of(BufferedImage img) {
        int w = img.getWidth(), h = img.getHeight();
        byte[] px = new byte[w * h];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            img.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int rgb = row[x];
                int r = (rgb >> 16) & 255, g = (rgb >> 8) & 255, b = rgb & 255;
                px[y * w + x] = (byte) ((r * 299 + g * 587 + b * 114) / 1000);
            }
        }
        return new GreyImage(w, h, px);
    }

    public int get(int x, int y) { return pixels[y * width + x] & 255; }

    public ByteBuffer direct() {
        ByteBuffer bb = ByteBuffer.allocateDirect(pixels.length);
        bb.put(pixels).flip();
        return bb;
    }

    public BufferedImage toBufferedImage() {
        BufferedImage b = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        b.getRaster().setDataElements(0, 0, width, height, pixels);
        return b;
    }
}
