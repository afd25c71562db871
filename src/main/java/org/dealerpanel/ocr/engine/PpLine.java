package org.dealerpanel.ocr.engine;

import java.util.List;
import org.dealerpanel.ocr.BoundingBox;
import org.dealerpanel.ocr.OcrWord;

/**
 * One line detected and recognised by PP-OCR ({@link OnnxPpOcr}).
 *
 * @param text       the recognised text
 * @param confidence mean character confidence, 0..1
 * @param box        axis-aligned box around the detector's quadrilateral, in original-image pixels
 * @param xs         the quadrilateral's x coordinates, clockwise from top-left
 * @param ys         its y coordinates
 * @param chars      the characters with their confidences
 */
public record PpLine(String text, double confidence, BoundingBox box, int[] xs, int[] ys, List<OcrWord> chars) {
}
