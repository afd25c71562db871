package org.dealerpanel.ocr;

/** A word (Tesseract) or a character (PP-OCR) with its confidence 0..1 and box (may be null for PP-OCR chars). */
public record OcrWord(String text, double confidence, BoundingBox box) {}
