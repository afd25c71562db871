package org.dealerpanel.web.report;

import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** Number formats of the report pages (the same in English and Chinese: digits, comma groups, point decimals). */
final class Fmt {
    static final String NONE = "—";

    private Fmt() {
    }

    private static DecimalFormat format(String pattern) {
        DecimalFormat f = new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT));
        f.setRoundingMode(RoundingMode.HALF_UP);
        return f;
    }

    /** A rate: at most two decimals, "—" when there is none. */
    static String rate(Double value) {
        return value == null || !Double.isFinite(value) ? NONE : format("#,##0.##").format(value);
    }

    /** A rate with exactly two decimals (table columns of small rates). */
    static String rate2(Double value) {
        return value == null || !Double.isFinite(value) ? NONE : format("#,##0.00").format(value);
    }

    static String count(long value) {
        return format("#,##0").format(value);
    }

    /** A share (0..1) as a percentage with one decimal, without the percent sign. */
    static String share(Double share) {
        return share == null || !Double.isFinite(share) ? NONE : format("0.0").format(share * 100);
    }

    static String ratio(Double ratio) {
        return ratio == null || !Double.isFinite(ratio) ? NONE : format("0.00").format(ratio);
    }

    /** The change a rate ratio means, in percent with a sign: 1.174 → "+17.4", 0.95 → "−5.0". */
    static String change(Double ratio) {
        if (ratio == null || !Double.isFinite(ratio)) {
            return NONE;
        }
        double pct = (ratio - 1) * 100;
        String digits = format("0.0").format(Math.abs(pct));
        if (digits.equals("0.0")) {
            return "±0.0";
        }
        return (pct > 0 ? "+" : "−") + digits;
    }

    /** "p = 0.004", "p < 0.001". */
    static String p(Double p) {
        if (p == null || !Double.isFinite(p)) {
            return "p = " + NONE;
        }
        return p < 0.001 ? "p < 0.001" : "p = " + format("0.000").format(p);
    }
}
