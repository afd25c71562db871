package org.dealerpanel.ocr.engine;

import java.util.regex.Pattern;

/** Small text fixes applied to raw engine output. */
public final class TextCleanup {
    private TextCleanup() {}

    private static final Pattern HAN_SPACE_HAN = Pattern.compile("(?<=[\\p{IsHan}\\p{IsPunctuation}])\\s+(?=[\\p{IsHan}])|(?<=[\\p{IsHan}])\\s+(?=[\\p{IsPunctuation}])");

    /** Tesseract's chi_sim puts spaces between Han characters; drop those (spaces next to Latin/digits stay). */
    public static String joinHan(String s) {
        return HAN_SPACE_HAN.matcher(s.strip()).replaceAll("");
    }
}
