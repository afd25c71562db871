package org.dealerpanel.image.queue;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Path;
import org.dealerpanel.ocr.OcrConfig;
import org.dealerpanel.ocr.OcrService;
import org.dealerpanel.ocr.engine.ModelIntegrityException;
import org.jboss.logging.Logger;

/**
 * The one {@link OcrService} of this instance, started at start-up when OCR is enabled: it verifies the model
 * hashes (a mismatch stops the start) and opens one Tesseract handle per worker plus the PP-OCR engine.
 */
@ApplicationScoped
public class OcrEngine {
    private static final Logger LOG = Logger.getLogger(OcrEngine.class);

    @Inject
    OcrSettings settings;

    private volatile OcrService service;

    void start(@Observes StartupEvent event) {
        if (!settings.enabled()) {
            LOG.info("OCR is disabled in this instance (tracker.ocr.enabled=false): images stay queued");
            return;
        }
        long t0 = System.nanoTime();
        OcrConfig config = new OcrConfig(Path.of(settings.modelsDir()), settings.tesseractLang(), settings.workerCount(),
                settings.ppocr(), 1);
        try {
            service = new OcrService(config);
        } catch (ModelIntegrityException e) {
            throw e; // a missing or altered model file stops the start
        } catch (RuntimeException | LinkageError e) {
            if (!config.ppOcr()) {
                throw e;
            }
            // e.g. ONNX Runtime's native library already bound to another class loader of this JVM
            LOG.errorf(e, "PP-OCR could not start; OCR runs with Tesseract alone (lower recall) until restarted");
            service = new OcrService(config.withPpOcr(false));
        }
        LOG.infof("OCR engine ready in %d ms: Tesseract %s x %d handles, PP-OCR %s, models verified in %s",
                (System.nanoTime() - t0) / 1_000_000, settings.tesseractLang(), settings.workerCount(),
                service.config().ppOcr() ? "on" : "off", service.datapath());
    }

    void stop(@Observes ShutdownEvent event) {
        OcrService s = service;
        service = null;
        if (s != null) {
            s.close();
        }
    }

    /** The engine, or null when OCR is disabled or stopped. */
    public OcrService service() {
        return service;
    }
}
