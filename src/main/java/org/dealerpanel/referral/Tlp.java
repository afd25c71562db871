package org.dealerpanel.referral;

import java.util.List;

/** Traffic Light Protocol 2.0 labels (FIRST), as written in the API and on every page of the PDF. */
public final class Tlp {
    public static final List<String> LABELS = List.of("CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED");

    private Tlp() {
    }

    public static boolean valid(String label) {
        return label != null && LABELS.contains(label);
    }

    /** RGB of the label's text on black, per the TLP 2.0 colour table. */
    public static int[] colour(String label) {
        return switch (label) {
            case "RED" -> new int[] {0xFF, 0x2B, 0x2B};
            case "AMBER", "AMBER+STRICT" -> new int[] {0xFF, 0xC0, 0x00};
            case "GREEN" -> new int[] {0x33, 0xFF, 0x00};
            default -> new int[] {0xFF, 0xFF, 0xFF};
        };
    }

    /** CSS class suffix: tlp-amber-strict etc. */
    public static String cssClass(String label) {
        return "tlp-" + label.toLowerCase().replace('+', '-');
    }
}
