package org.dealerpanel.ocr;

/** OCR could not run (bad image, engine failure, model problem). */
public class OcrException extends RuntimeException {
    public OcrException(String message) { super(message); }
    public OcrException(String message, Throwable cause) { super(message, cause); }
}
