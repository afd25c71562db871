package org.dealerpanel.ocr;

/** Which engine produced a reading. */
public enum OcrEngineKind { TESSERACT, PPOCR }
