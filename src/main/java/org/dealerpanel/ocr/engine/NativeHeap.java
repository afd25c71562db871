package org.dealerpanel.ocr.engine;

import com.sun.jna.Library;
import com.sun.jna.Native;

/** glibc's malloc_trim: hands freed native memory (ONNX Runtime's and Tesseract's buffers) back to the system. */
public final class NativeHeap {

    private interface LibC extends Library {
        int malloc_trim(long pad);
    }

    private static final LibC LIBC = load();

    private NativeHeap() {}

    private static LibC load() {
        try {
            return Native.load("c", LibC.class);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return null; // not glibc: nothing to trim
        }
    }

    /** Releases free native heap memory; false where the C library has no malloc_trim. */
    public static boolean trim() {
        if (LIBC == null) return false;
        try {
            LIBC.malloc_trim(0);
            return true;
        } catch (UnsatisfiedLinkError e) {
            return false;
        }
    }
}
