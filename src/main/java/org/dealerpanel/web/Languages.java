package org.dealerpanel.web;

import java.util.List;
import java.util.Locale;

/** The two page languages and how a browser's preference maps onto them. */
public final class Languages {
    public static final String EN = "en";
    public static final String ZH = "zh-CN";

    private Languages() {
    }

    /** The supported tag for a cookie or parameter value, or null. */
    public static String supported(String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        if (v.equalsIgnoreCase(EN)) {
            return EN;
        }
        if (v.equalsIgnoreCase(ZH) || v.equalsIgnoreCase("zh") || v.equalsIgnoreCase("zh_CN")) {
            return ZH;
        }
        return null;
    }

    /** The best of en / zh-CN for an Accept-Language header (any Chinese variant reads Simplified Chinese), or null. */
    public static String fromAcceptLanguage(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            List<Locale.LanguageRange> ranges = Locale.LanguageRange.parse(header);
            for (Locale.LanguageRange range : ranges) {
                if (range.getWeight() <= 0) {
                    continue;
                }
                String tag = range.getRange().toLowerCase(Locale.ROOT);
                if (tag.startsWith("zh")) {
                    return ZH;
                }
                if (tag.startsWith("en")) {
                    return EN;
                }
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        return null;
    }
}
