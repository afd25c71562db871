package org.dealerpanel.web.report;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Builds query strings of the report links, leaving out empty parameters. */
final class Links {
    private final StringBuilder sb = new StringBuilder();

    Links add(String name, Object value) {
        if (value != null && !value.toString().isEmpty()) {
            sb.append(sb.isEmpty() ? "" : "&").append(name).append('=')
                    .append(URLEncoder.encode(value.toString(), StandardCharsets.UTF_8));
        }
        return this;
    }

    /** The path, with "?query" when there is one. */
    String on(String path) {
        return sb.isEmpty() ? path : path + "?" + sb;
    }
}
