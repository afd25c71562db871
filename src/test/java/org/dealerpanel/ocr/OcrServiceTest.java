package org.dealerpanel.ocr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.dealerpanel.ocr.bench.AdImageGenerator;
import org.dealerpanel.ocr.bench.AdImageGenerator.Layout;
import org.dealerpanel.ocr.bench.AdImageGenerator.Sample;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Real Tesseract (libtesseract 5.3 via Tess4J) and real PP-OCR on generated ads, clean and hard. */
class OcrServiceTest {

    static final String[] HEI = AdImageGenerator.FONTS[0];
    static final String[] MING = AdImageGenerator.FONTS[2];
    static final String[] KAI = AdImageGenerator.FONTS[3];

    static Path dir;
    static OcrService service;
    static AdImageGenerator gen;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("ocr-test");
        gen = new AdImageGenerator(7);
        service = new OcrService(OcrConfig.defaults().withModelsDir(Path.of("ocr-models")).withWorkers(2).withPpOcr(true));
    }

    @AfterAll
    static void stop() {
        if (service != null) service.close();
    }

    static String flat(String s) { return s.replaceAll("\\s+", ""); }

    @Test
    void cleanHeiCaptionIvoryFoundWithContact() throws Exception {
        Sample s = gen.render(dir, "clean-hei", List.of("精品象牙手镯 诚信出售", "价格: ¥1280", "微信: abc_123"),
                Set.of("abc_123"), Layout.CAPTION_BELOW, HEI, 34, 0, 90);
        OcrResult r = service.recognise(s.file());
        assertTrue(flat(r.text()).contains("象牙"), r.text());
        assertTrue(flat(r.text()).contains("abc_123"), "contact id: " + r.text());
        OcrLine first = r.lines().get(0);
        assertNotNull(first.box());
        assertFalse(first.words().isEmpty());
        assertTrue(first.confidence() > 0.5 && first.confidence() <= 1.0);
        assertNotNull(first.engine());
    }

    @Test
    void releasedEngineReadsTheSameAfterReopening() throws Exception {
        Sample s = new AdImageGenerator(11).render(dir, "release", List.of("精品象牙手镯 诚信出售", "微信: ivory_88"),
                Set.of("ivory_88"), Layout.CAPTION_BELOW, HEI, 30, 0, 85);
        OcrService own = new OcrService(OcrConfig.defaults().withModelsDir(Path.of("ocr-models")).withWorkers(1).withPpOcr(true));
        try {
            String before = own.recognise(s.file()).text();
            assertTrue(own.releaseIdleMemory(), "PP-OCR's sessions were open and idle, so they close");
            assertFalse(own.releaseIdleMemory(), "nothing left to release");
            OcrResult after = own.recognise(s.file());
            assertEquals(before, after.text());
            assertTrue(after.lines().stream().anyMatch(l -> l.engine() == OcrEngineKind.PPOCR), "read by the reopened PP-OCR");
        } finally {
            own.close();
        }
    }

    @Test
    void hawksbillNeedsTheSecondEngine() throws Exception {
        Sample s = gen.render(dir, "hawksbill", List.of("精品玳瑁手镯 诚信出售", "QQ 12345678"),
                Set.of("12345678"), Layout.CAPTION_ABOVE, HEI, 30, 1.5, 70);
        // re-enabled with the ONNX Runtime pipeline (gap filling + re-reads); PP-OCR still misses 玳瑁 on some renders, see BENCHMARK.md
        OcrResult r = service.recognise(s.file());
        assertTrue(flat(r.text()).contains("玳瑁"), r.text());
        OcrLine line = r.lines().stream().filter(l -> l.text().contains("玳瑁")).findFirst().orElseThrow();
        assertEquals(OcrEngineKind.PPOCR, line.engine());
        assertFalse(flat(r.textBy(OcrEngineKind.TESSERACT)).contains("玳瑁"), "chi_sim cannot output 玳瑁");
        assertTrue(flat(r.text()).contains("12345678"), r.text());
    }

    @Test
    void hardOutlinedRotatedJpegKai() throws Exception {
        Sample s = gen.render(dir, "hard-kai", List.of("祖传犀牛角 私聊", "诚信经营", "手机 13800138000"),
                Set.of("13800138000"), Layout.OUTLINED_OVER_PHOTO, KAI, 34, -2.8, 45);
        OcrResult r = service.recognise(s.file());
        assertTrue(flat(r.text()).contains("犀牛角"), r.text());
        assertTrue(flat(r.text()).contains("13800138000"), r.text());
    }

    @Test
    void smallTwentyPixelTextOnGradient() throws Exception {
        Sample s = gen.render(dir, "small", List.of("穿山甲片雕刻 手把件", "特价 880元", "QQ 2723103715"),
                Set.of("2723103715"), Layout.SMALL_TEXT, HEI, 20, 2.0, 60);
        OcrResult r = service.recognise(s.file());
        assertTrue(flat(r.text()).contains("穿山甲"), r.text());
        assertTrue(flat(r.text()).contains("2723103715"), r.text());
    }

    @Test
    void noCodedTermMeansNoHit() throws Exception {
        Sample s = gen.render(dir, "neutral", List.of("牛角梳 按摩头皮", "全国包邮", "VX: tea_888"),
                Set.of("tea_888"), Layout.BANNER_OVER_PHOTO, HEI, 30, 0.5, 65);
        OcrResult r = service.recognise(s.file());
        String t = flat(r.text());
        assertTrue(t.contains("牛角梳"), r.text());
        assertFalse(t.contains("犀牛角") || t.contains("象牙") || t.contains("犀角"), r.text());
    }

    @Test
    void bytesAndBufferedImageInputs() throws Exception {
        Sample s = gen.render(dir, "bytes", List.of("猛犸象牙原料", "微信: wxid_77"), Set.of("wxid_77"),
                Layout.GRADIENT_TEXT, HEI, 34, 0, 80);
        OcrResult r = service.recognise(Files.readAllBytes(s.file()));
        assertTrue(flat(r.text()).contains("猛犸象牙"), r.text());
        assertTrue(r.width() > 0 && r.height() > 0);
    }

    @Test
    @org.junit.jupiter.api.Disabled("measured failure: Tesseract page mode reads this clean 象牙 caption as 象直/象攻 (term recall ~0.45 in page mode, see BENCHMARK.md)")
    void tesseractAloneInPageModeReadsACleanCaption() throws Exception {
        Sample s = gen.render(dir, "page", List.of("精品象牙手镯 诚信出售", "QQ 87654321"), Set.of("87654321"),
                Layout.CAPTION_BELOW, HEI, 28, 0, 90);
        // note: at 34 px this image is read "象攻" by Tesseract page mode - its 象牙 recall is ~0.45 (BENCHMARK.md)
        try (OcrService tessOnly = new OcrService(OcrConfig.defaults().withModelsDir(Path.of("ocr-models")).withWorkers(1).withPpOcr(false))) {
            OcrResult r = tessOnly.recognise(s.file());
            assertTrue(flat(r.text()).contains("象牙"), r.text());
            assertTrue(flat(r.text()).contains("87654321"), r.text());
            assertTrue(r.lines().stream().allMatch(l -> l.engine() == OcrEngineKind.TESSERACT));
        }
    }
}
