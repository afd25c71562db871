package org.dealerpanel.image.queue;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The OCR queue and engine settings (tracker.ocr.*). */
@ConfigMapping(prefix = "tracker.ocr")
public interface OcrSettings {
    /** Run OCR in this instance; false = images stay QUEUED here (another instance may drain them). */
    @WithDefault("true")
    boolean enabled();

    /** Worker threads = Tesseract handles (default: available cores). */
    Optional<Integer> workers();

    /** Attempts (claims) before an image is FAILED; a worker that dies mid-job counts as an attempt. */
    @WithDefault("4")
    int maxAttempts();

    /** How long a claimed job belongs to its worker unless renewed (every lease/3 while it runs); a dead worker's job
     * is taken again after this. */
    @WithDefault("2M")
    Duration lease();

    /** Delay before the 2nd attempt; doubled for each further one. */
    @WithDefault("30S")
    Duration backoff();

    /** Longest delay between attempts. */
    @WithDefault("1H")
    Duration backoffMax();

    /** How often this instance looks for due jobs for its idle workers (a worker also looks as soon as it finishes). */
    @WithDefault("2s")
    String poll();

    /** After this long without an OCR job the engine hands its memory back (PP-OCR's sessions close and reopen on the
     * next image, ~0.7 s); zero or negative keeps it. */
    @WithDefault("5S")
    Duration releaseIdle();

    /** Directory with the Tesseract traineddata files and SHA256SUMS (checked at start). */
    @WithDefault("ocr-models")
    String modelsDir();

    /** Tesseract languages, e.g. chi_sim or chi_sim+eng. */
    @WithDefault("chi_sim")
    String tesseractLang();

    /** Run PP-OCR beside Tesseract (line detection and a second reading, chosen per line by confidence). */
    @WithDefault("true")
    boolean ppocr();

    default int workerCount() {
        return Math.max(1, workers().orElse(Runtime.getRuntime().availableProcessors()));
    }
}
