package org.dealerpanel.ocr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import javax.imageio.ImageIO;

import org.dealerpanel.ocr.bench.AdImageGenerator;
import org.dealerpanel.ocr.engine.GreyImage;
import org.dealerpanel.ocr.engine.ModelVerifier;
import org.dealerpanel.ocr.engine.Preprocess;
import org.dealerpanel.ocr.engine.TesseractHandle;
import org.dealerpanel.ocr.engine.TesseractPool;
import org.junit.jupiter.api.Test;

class TesseractPoolTest {

    @Test
    void twoThreadsUseTheirOwnHandlesConcurrently() throws Exception {
        Path dir = Files.createTempDirectory("ocr-pool");
        AdImageGenerator gen = new AdImageGenerator(3);
        var s = gen.render(dir, "pool", List.of("正宗虎骨 一手货源", "QQ 873001842"), Set.of("873001842"),
                AdImageGenerator.Layout.CAPTION_ABOVE, AdImageGenerator.FONTS[1], 32, 0, 85);
        GreyImage page = Preprocess.page(ImageIO.read(s.file().toFile()));
        Path datapath = ModelVerifier.verify(Path.of("ocr-models"), List.of("chi_sim"));
        try (TesseractPool pool = new TesseractPool(datapath, "chi_sim", 2)) {
            assertEquals(2, pool.size());
            Set<TesseractHandle> used = ConcurrentHashMap.newKeySet();
            AtomicInteger concurrent = new AtomicInteger(), maxConcurrent = new AtomicInteger();
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService ex = Executors.newFixedThreadPool(2);
            List<Future<String>> fs = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                fs.add(ex.submit(() -> {
                    go.await();
                    return pool.withHandle(h -> {
                        used.add(h);
                        maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
                        try {
                            StringBuilder sb = new StringBuilder();
                            for (TesseractHandle.TessLine l : h.read(page, 6)) sb.append(l.text());
                            return sb.toString();
                        } finally {
                            concurrent.decrementAndGet();
                        }
                    });
                }));
            }
            go.countDown();
            for (Future<String> f : fs) {
                String t = f.get().replaceAll("\\s+", "");
                assertTrue(t.contains("虎骨") && t.contains("873001842"), t);
            }
            ex.shutdown();
            assertEquals(2, used.size(), "both handles were used");
            assertEquals(2, maxConcurrent.get(), "the two handles ran at the same time");
        }
    }
}
