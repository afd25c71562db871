package org.dealerpanel.common;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/** Content negotiation shared by the reports that answer JSON or CSV. */
public final class Negotiation {
    private Negotiation() {
    }

    /** True when the client's Accept prefers text/csv to JSON; a wildcard (or nothing) means JSON. */
    public static boolean wantsCsv(HttpHeaders headers) {
        for (MediaType t : headers.getAcceptableMediaTypes()) {
            if (t.isWildcardType()) {
                return false;
            }
            if ("text".equals(t.getType()) && "csv".equals(t.getSubtype())) {
                return true;
            }
            if ("json".equals(t.getSubtype()) || t.getSubtype().endsWith("+json")) {
                return false;
            }
        }
        return false;
    }
}
