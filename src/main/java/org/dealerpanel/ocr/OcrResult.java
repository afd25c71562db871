package org.dealerpanel.ocr;

import java.util.List;
import java.util.stream.Collectors;

/**
 * OCR of one image.
 *
 * @param text      the chosen lines joined by '\n' (what the term matcher and contact extractor should read)
 * @param lines     lines top to bottom, each with engine, confidence, box, words and the alternative reading
 * @param width     image width in pixels
 * @param height    image height in pixels
 * @param millis    wall time spent
 */
public record OcrResult(String text, List<OcrLine> lines, int width, int height, long millis) {

    /** All readings, chosen and alternative, joined by '\n': for recall-oriented, lower-confidence matching. */
    public String allReadings() {
        return lines.stream().map(l -> {
            StringBuilder sb = new StringBuilder(l.text());
            for (OcrLine.Alternative a : l.alternatives()) sb.append('\n').append(a.text());
            return sb.toString();
        }).collect(Collectors.joining("\n"));
    }

    /** Text of the lines read by one engine (chosen or alternative). */
    public String textBy(OcrEngineKind kind) {
        return lines.stream().map(l -> {
            if (l.engine() == kind) return l.text();
            return l.alternatives().stream().filter(a -> a.engine() == kind).map(OcrLine.Alternative::text)
                    .findFirst().orElse("");
        }).filter(s -> !s.isEmpty()).collect(Collectors.joining("\n"));
    }

    /** Mean line confidence (0 when nothing was read). */
    public double meanConfidence() {
        return lines.stream().mapToDouble(OcrLine::confidence).average().orElse(0);
    }
}
