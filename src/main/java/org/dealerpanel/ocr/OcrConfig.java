package org.dealerpanel.ocr;

import java.nio.file.Path;

/**
 * OCR settings.
 *
 * @param modelsDir   directory with the traineddata files and SHA256SUMS (the repository's {@code ocr-models/})
 * @param tesseractLang Tesseract language string, e.g. {@code chi_sim}
 * @param workers     number of Tesseract handles = max concurrent recognitions (default: available cores)
 * @param ppOcr       run PP-OCR beside Tesseract (text-line detection + second reading)
 * @param ppOcrThreads ONNX Runtime intra-op threads per PP-OCR call (default 1: the sessions are shared and
 *                    concurrent callers run in parallel, which used 2 cores better than 2 threads per call)
 */
public record OcrConfig(Path modelsDir, String tesseractLang, int workers, boolean ppOcr, int ppOcrThreads) {

    public OcrConfig {
        if (workers < 1) throw new IllegalArgumentException("workers must be >= 1");
        if (ppOcrThreads < 1) throw new IllegalArgumentException("ppOcrThreads must be >= 1");
    }

    /** Defaults: {@code ocr-models}, chi_sim, one worker per core, PP-OCR on with one thread. Overridable via system
     * properties / environment: ocr.models.dir (OCR_MODELS_DIR), ocr.workers (OCR_WORKERS), ocr.tesseract.lang, ocr.ppocr. */
    public static OcrConfig defaults() {
        String dir = prop("ocr.models.dir", "OCR_MODELS_DIR", "ocr-models");
        String lang = prop("ocr.tesseract.lang", "OCR_TESSERACT_LANG", "chi_sim");
        int workers = Integer.parseInt(prop("ocr.workers", "OCR_WORKERS", String.valueOf(Runtime.getRuntime().availableProcessors())));
        boolean pp = Boolean.parseBoolean(prop("ocr.ppocr", "OCR_PPOCR", "true"));
        return new OcrConfig(Path.of(dir), lang, workers, pp, 1);
    }

    public OcrConfig withWorkers(int n) { return new OcrConfig(modelsDir, tesseractLang, n, ppOcr, ppOcrThreads); }
    public OcrConfig withPpOcr(boolean on) { return new OcrConfig(modelsDir, tesseractLang, workers, on, ppOcrThreads); }
    public OcrConfig withModelsDir(Path dir) { return new OcrConfig(dir, tesseractLang, workers, ppOcr, ppOcrThreads); }

    private static String prop(String key, String env, String def) {
        String v = System.getProperty(key);
        if (v == null || v.isBlank()) v = System.getenv(env);
        return v == null || v.isBlank() ? def : v;
    }
}
