package org.dealerpanel.archive.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Locale;
import org.dealerpanel.archive.service.SearchService;
import org.dealerpanel.archive.service.SearchService.SearchQuery;
import org.dealerpanel.archive.service.SearchService.SearchResult;
import org.dealerpanel.common.ApiException;
import org.dealerpanel.common.Params;
import org.dealerpanel.security.Role;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestQuery;

@Path("/api/v1/search")
@Produces(MediaType.APPLICATION_JSON)
public class SearchResource {
    @Inject
    SearchService search;

    @GET
    @RolesAllowed(Role.VIEWER)
    @Operation(summary = "Search post texts and OCR texts: q normalised like the lexicon (traditional/simplified, full width,"
            + " case, and spaces, symbols, emoji or zero-width characters inside the word); a q that is a contact id also"
            + " finds where that id was seen. Newest day first; highlights are offsets into the snippet")
    public SearchResult search(@Parameter(description = "at least two letters or digits, or a contact id") @RestQuery String q,
                               @Parameter(description = "POST or IMAGE") @RestQuery String kind,
                               @RestQuery String accountId, @RestQuery String cohort, @RestQuery String platform,
                               @Parameter(description = "yyyy-mm-dd, the hit's day (a post's, an image's first posted day)") @RestQuery String from,
                               @RestQuery String to, @RestQuery String page, @RestQuery String size) {
        return search.search(query(q, kind, accountId, cohort, platform, from, to, page, size, 20));
    }

    /** Parses the parameters of a search (the API's and the search page's). */
    public static SearchQuery query(String q, String kind, String accountId, String cohort, String platform, String from,
                                    String to, String page, String size, int defaultSize) {
        return new SearchQuery(q, blank(kind) ? null : kind.strip().toUpperCase(Locale.ROOT), accountId(accountId),
                blank(cohort) ? null : cohort.strip(), blank(platform) ? null : platform.strip(),
                Params.date("from", from), Params.date("to", to), Params.intInRange("page", page, 0, 0, 100_000),
                Params.intInRange("size", size, defaultSize, 1, 200));
    }

    private static Long accountId(String value) {
        if (blank(value)) {
            return null;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badField("accountId", "must be an account id (a whole number), got '" + value + "'");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
