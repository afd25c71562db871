package org.dealerpanel.referral.service;

/** A stored evidence file is missing or its bytes no longer hash to the SHA-256 it is filed under: no bundle. */
public class EvidenceIntegrityException extends RuntimeException {
    private final String file;
    private final String expected;
    private final String found;

    public EvidenceIntegrityException(String file, String expected, String found) {
        super(found == null
                ? "stored file " + file + " is missing (expected SHA-256 " + expected + ")"
                : "stored file " + file + " no longer matches its SHA-256: expected " + expected + ", found " + found);
        this.file = file;
        this.expected = expected;
        this.found = found;
    }

    public String file() {
        return file;
    }

    public String expected() {
        return expected;
    }

    public String found() {
        return found;
    }
}
