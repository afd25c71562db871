package org.dealerpanel.web.referral;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.dealerpanel.audit.service.AuditService.AuditView;

/** Small formatting helpers for the referral pages. */
final class Format {
    private Format() {
    }

    static String instant(Instant at) {
        return org.dealerpanel.common.PanelClock.localTime(at);
    }

    static String rate(Double value) {
        return value == null ? "–" : String.format(Locale.ROOT, "%.2f", value);
    }

    /** An audit entry's detail in one line (keys and values; long values cut). */
    static String detail(AuditView a) {
        Map<String, Object> d = a.detail();
        if (d == null || d.isEmpty()) {
            return "";
        }
        return d.entrySet().stream().filter(e -> e.getValue() != null)
                .map(e -> {
                    String v = String.valueOf(e.getValue());
                    return e.getKey() + ": " + (v.length() > 80 ? v.substring(0, 80) + "…" : v);
                }).collect(Collectors.joining(" · "));
    }
}
