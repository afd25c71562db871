package org.dealerpanel.image.service;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decides whether an uploaded file is an image we keep, in this order, so that nothing large is ever decoded:
 * <ol>
 *   <li>empty file: 400; more than {@code maxBytes}: 413 (the file is on disk, not in memory);</li>
 *   <li>the type from the magic bytes (PNG, JPEG, GIF; WebP only if an ImageIO plugin for it is installed;
 *       the file name and the client's Content-Type are ignored): anything else 400;</li>
 *   <li>width and height from the header only ({@link ImageReader#getWidth}/{@link ImageReader#getHeight} do not
 *       decode pixels): more than {@code maxPixels} pixels: 413, so a 30 000 × 30 000 "bomb" never reaches memory;</li>
 *   <li>a full decode of the (first) image, subsampled so that at most {@link #DECODE_BUDGET} pixels are held,
 *       with decoder warnings treated as errors: truncated or corrupt data (which the JPEG decoder would otherwise
 *       paint grey) gives 400.</li>
 * </ol>
 * Pure Java, thread-safe.
 */
public final class ImageInspector {
    /** Pixels held while verifying the decode (the decoder still reads every byte of the data). */
    public static final long DECODE_BUDGET = 4_000_000;

    public record Inspection(String mediaType, int width, int height) {
    }

    private ImageInspector() {
    }

    public static Inspection inspect(Path file, long maxBytes, long maxPixels) throws ImageRejected {
        long size;
        byte[] head = new byte[16];
        int read;
        try {
            size = Files.size(file);
            try (InputStream in = Files.newInputStream(file)) {
                read = in.readNBytes(head, 0, head.length);
            }
        } catch (IOException e) {
            throw new ImageRejected(400, "could not be read: " + e.getMessage());
        }
        if (size == 0) {
            throw new ImageRejected(400, "is empty");
        }
        if (size > maxBytes) {
            throw new ImageRejected(413, "is " + size + " bytes; the limit is " + maxBytes + " bytes");
        }
        String type = sniff(head, read);
        if (type == null) {
            throw new ImageRejected(400, "is not an image (PNG, JPEG, GIF or WebP expected; the type is read from the bytes, not the name)");
        }
        Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(type);
        if (!readers.hasNext()) {
            throw new ImageRejected(400, "is " + type + ", which this server cannot decode");
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            reader.setInput(in, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if (width <= 0 || height <= 0) {
                throw new ImageRejected(400, "declares an empty image (" + width + " × " + height + ")");
            }
            long pixels = (long) width * height;
            if (pixels > maxPixels) {
                throw new ImageRejected(413, "is " + width + " × " + height + " = " + pixels + " pixels; the limit is "
                        + maxPixels + " pixels");
            }
            ImageReadParam param = reader.getDefaultReadParam();
            int step = (int) Math.ceil(Math.sqrt((double) pixels / DECODE_BUDGET));
            if (step > 1) {
                param.setSourceSubsampling(step, step, 0, 0);
            }
            AtomicReference<String> warning = new AtomicReference<>();
            reader.addIIOReadWarningListener((source, message) -> warning.compareAndSet(null, message));
            BufferedImage decoded = reader.read(0, param);
            if (decoded == null) {
                throw new ImageRejected(400, "could not be decoded");
            }
            if (warning.get() != null) {
                throw new ImageRejected(400, "is truncated or corrupt: " + warning.get());
            }
            return new Inspection(type, width, height);
        } catch (ImageRejected e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // decoders signal truncated data with IIOException/EOFException, and some broken files with runtime errors
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new ImageRejected(400, "is truncated or corrupt " + type + " data: " + why);
        } finally {
            reader.dispose();
        }
    }

    /** The media type from the magic bytes, or null. */
    public static String sniff(byte[] b, int n) {
        if (n >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G'
                && b[4] == 0x0d && b[5] == 0x0a && b[6] == 0x1a && b[7] == 0x0a) {
            return "image/png";
        }
        if (n >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
            return "image/jpeg";
        }
        if (n >= 6 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8' && (b[4] == '7' || b[4] == '9') && b[5] == 'a') {
            return "image/gif";
        }
        if (n >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F'
                && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') {
            return "image/webp";
        }
        return null;
    }
}
