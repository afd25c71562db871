package org.dealerpanel.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.dealerpanel.image.service.ImageInspector;
import org.dealerpanel.image.service.ImageRejected;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageInspectorTest {
    static final long MB = 1024 * 1024;

    @TempDir
    Path dir;

    Path file(byte[] bytes) throws Exception {
        Path p = Files.createTempFile(dir, "upload", ".bin");
        Files.write(p, bytes);
        return p;
    }

    int refusal(byte[] bytes, long maxBytes, long maxPixels) throws Exception {
        Path p = file(bytes);
        return assertThrows(ImageRejected.class, () -> ImageInspector.inspect(p, maxBytes, maxPixels)).status();
    }

    @Test
    void acceptsPngJpegAndGifByTheirBytes() throws Exception {
        BufferedImage img = new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB);
        for (String format : new String[] {"png", "jpg", "gif"}) {
            var inspection = ImageInspector.inspect(file(TestImages.encode(img, format)), 20 * MB, 40_000_000);
            assertEquals(300, inspection.width());
            assertEquals(200, inspection.height());
            assertEquals(format.equals("jpg") ? "image/jpeg" : "image/" + format, inspection.mediaType());
        }
    }

    @Test
    void refusesEmptyTextTruncatedAndUnknown() throws Exception {
        assertEquals(400, refusal(new byte[0], 20 * MB, 40_000_000));
        assertEquals(400, refusal("just some text, not a PNG\n".getBytes(StandardCharsets.UTF_8), 20 * MB, 40_000_000));
        byte[] png = TestImages.ad(1, "象牙 测试");
        assertEquals(400, refusal(Arrays.copyOf(png, png.length / 2), 20 * MB, 40_000_000));
        assertEquals(400, refusal(Arrays.copyOf(png, 30), 20 * MB, 40_000_000)); // header cut
        byte[] jpeg = TestImages.encode(TestImages.noiseImage(400, 300), "jpg");
        assertEquals(400, refusal(Arrays.copyOf(jpeg, jpeg.length * 2 / 3), 20 * MB, 40_000_000));
        byte[] gif = TestImages.encode(TestImages.noiseImage(200, 200), "gif");
        assertEquals(400, refusal(Arrays.copyOf(gif, gif.length / 2), 20 * MB, 40_000_000));
        byte[] riff = "RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.US_ASCII);
        assertEquals(400, refusal(riff, 20 * MB, 40_000_000)); // no WebP plugin here, and not a real WebP anyway
    }

    @Test
    void refusesOverLimitsFromTheHeaderAlone() throws Exception {
        long before = Runtime.getRuntime().totalMemory();
        assertEquals(413, refusal(TestImages.pixelBomb(30_000, 30_000), 20 * MB, 40_000_000));
        assertEquals(413, refusal(TestImages.pixelBomb(10_000, 5_000), 20 * MB, 40_000_000));
        assertTrue(Runtime.getRuntime().totalMemory() - before < 256 * MB, "the bomb was not decoded");
        byte[] png = TestImages.ad(2, "白料");
        assertEquals(413, refusal(png, png.length - 1, 40_000_000));
        assertEquals(413, refusal(png, 20 * MB, 1000));
    }
}
