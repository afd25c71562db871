package org.dealerpanel.ocr.engine;

import org.dealerpanel.ocr.OcrException;

/** A shipped model file is missing or does not match its SHA-256. */
public class ModelIntegrityException extends OcrException {
    public ModelIntegrityException(String message) { super(message); }
}
