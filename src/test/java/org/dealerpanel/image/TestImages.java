package org.dealerpanel.image;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/** Images made in the test: ads drawn with Java2D and an installed CJK font (fonts-wqy-zenhei), and broken files. */
public final class TestImages {
    public static final String HEI = "WenQuanYi Zen Hei";

    private TestImages() {
    }

    /** A simple ad: dark caption lines on a light, slightly tinted background with a "product" block. */
    public static byte[] ad(long seed, String... lines) {
        Random random = new Random(seed);
        int width = 720;
        int height = 140 + 60 * lines.length;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(new Color(245, 240 + random.nextInt(10), 230 + random.nextInt(20)));
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(200, 190, 170)); // the "product photo"
        g.fillRoundRect(40, 20, width - 80, 80, 30, 30);
        g.setColor(new Color(20, 20, 30));
        g.setFont(new Font(HEI, Font.PLAIN, 36));
        for (int i = 0; i < lines.length; i++) {
            g.drawString(lines[i], 40, 150 + 60 * i);
        }
        g.dispose();
        return png(img);
    }

    /** Random noise: a real PNG that does not compress (about 3 bytes per pixel). */
    public static byte[] noise(long seed, int width, int height) {
        return png(noiseImage(seed, width, height));
    }

    public static BufferedImage noiseImage(int width, int height) {
        return noiseImage(width * 31L + height, width, height);
    }

    public static BufferedImage noiseImage(long seed, int width, int height) {
        Random random = new Random(seed);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                img.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return img;
    }

    public static byte[] png(BufferedImage img) {
        return encode(img, "png");
    }

    public static byte[] encode(BufferedImage img, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(img, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A "pixel bomb": a valid PNG signature and IHDR declaring {@code width} × {@code height} RGB pixels, followed by
     * a tiny IDAT and IEND, without the pixel data: a decoder that trusts the header would allocate gigabytes.
     */
    public static byte[] pixelBomb(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(13);
        ihdr.putInt(width).putInt(height).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a});
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(12 + data.length);
        b.putInt(data.length).put(type.getBytes(java.nio.charset.StandardCharsets.US_ASCII)).put(data);
        CRC32 crc = new CRC32();
        crc.update(b.array(), 4, 4 + data.length);
        b.putInt((int) crc.getValue());
        out.writeBytes(b.array());
    }
}
