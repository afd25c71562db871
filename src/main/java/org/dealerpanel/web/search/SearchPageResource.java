package org.dealerpanel.web.search;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dealerpanel.account.service.CohortService;
import org.dealerpanel.archive.rest.SearchResource;
import org.dealerpanel.archive.service.RescanService;
import org.dealerpanel.archive.service.SearchService;
import org.dealerpanel.archive.service.SearchService.AccountLabel;
import org.dealerpanel.archive.service.SearchService.SearchResult;
import org.dealerpanel.common.ApiException;
import org.dealerpanel.common.FieldError;
import org.dealerpanel.common.Problem;
import org.dealerpanel.image.service.ImageService;
import org.dealerpanel.security.Role;
import org.dealerpanel.web.Pages;
import org.dealerpanel.web.WebContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The archive's pages: /search (post texts and OCR texts, with filters, paging and highlighted snippets), the image
 * content of a hit, and /search/rescan-progress, a small HTML fragment with the progress of the re-match after a
 * lexicon change (for the lexicon page: it refreshes itself every 2 s through htmx while the re-match runs).
 */
@Path("/search")
public class SearchPageResource {
    @CheckedTemplate
    static class Templates {
        static native TemplateInstance search(WebContext ctx, SearchView view);

        static native TemplateInstance rescanProgress(WebContext ctx, RescanService.RescanStatus status, String finishedDay,
                                                      String finishedTime, boolean poll);
    }

    @Inject
    WebContext ctx;
    @Inject
    SearchService search;
    @Inject
    RescanService rescan;
    @Inject
    CohortService cohorts;
    @Inject
    ImageService images;

    @GET
    @RolesAllowed(Role.VIEWER)
    @Produces("text/html")
    @Operation(hidden = true)
    public Response page(@RestQuery String q, @RestQuery String kind, @RestQuery String account, @RestQuery String cohort,
                         @RestQuery String platform, @RestQuery String from, @RestQuery String to, @RestQuery String page) {
        int pageIndex = parsePage(page);
        SearchView.Form form = new SearchView.Form(q, kind, account, cohort, platform, from, to, pageIndex);
        List<String> cohortNames = cohorts.list().stream().map(CohortService.CohortSummary::name).toList();
        List<SearchView.Error> errors = new ArrayList<>();
        SearchResult result = null;
        Map<Long, AccountLabel> labels = Map.of();
        String accountLabel = null;
        int status = 200;
        if (form.searched()) {
            try {
                result = search.search(SearchResource.query(q, kind, account, cohort, platform, from, to,
                        String.valueOf(pageIndex), String.valueOf(SearchView.SIZE), SearchView.SIZE));
                Set<Long> ids = new LinkedHashSet<>();
                result.items().forEach(h -> ids.addAll(h.accountIds()));
                labels = search.accounts(ids);
            } catch (ApiException e) {
                status = e.status();
                errors.addAll(words(e));
            }
        }
        if (account != null && account.strip().matches("\\d{1,18}")) {
            long id = Long.parseLong(account.strip());
            AccountLabel label = labels.containsKey(id) ? labels.get(id) : search.accounts(List.of(id)).get(id);
            accountLabel = label == null ? "#" + id : label.platform() + "/" + label.handle();
        }
        SearchView view = new SearchView(form, cohortNames, search.platforms(), result, SearchView.hits(result, labels), errors,
                accountLabel);
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE)
                .entity(Pages.render(Templates.search(ctx, view), ctx)).build();
    }

    /** The progress of the re-match of stored texts, as a fragment to put into a page (e.g. with hx-get). */
    @GET
    @Path("rescan-progress")
    @RolesAllowed(Role.VIEWER)
    @Produces("text/html")
    @Operation(hidden = true)
    public TemplateInstance rescanProgress() {
        RescanService.RescanStatus s = rescan.status();
        String day = null;
        String time = null;
        if (s.finishedAt() != null) {
            LocalDateTime at = LocalDateTime.ofInstant(s.finishedAt(), org.dealerpanel.common.PanelClock.zone());
            day = at.toLocalDate().toString();
            time = at.format(DateTimeFormatter.ofPattern("HH:mm:ss"));
        }
        return Pages.render(Templates.rescanProgress(ctx, s, day, time, s.running()), ctx);
    }

    /** The stored bytes of an image that is in the archive (the "open" link of an image hit). */
    @GET
    @Path("images/{sha256}")
    @RolesAllowed(Role.VIEWER)
    @Produces({"image/png", "image/jpeg", "image/gif", "image/webp", MediaType.TEXT_HTML})
    @Operation(hidden = true)
    public Response image(@PathParam("sha256") String sha256) {
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}") || !search.isArchivedImage(sha256)) {
            throw ApiException.notFound("image " + sha256);
        }
        ImageService.Content content = images.content(sha256);
        return Response.ok(content.file().toFile(), content.mediaType())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Disposition", "inline; filename=\"" + sha256 + "\"")
                .header("Cache-Control", "private, max-age=31536000, immutable")
                .build();
    }

    private static int parsePage(String page) {
        try {
            return page == null || page.isBlank() ? 0 : Math.max(0, Math.min(100_000, Integer.parseInt(page.strip())));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The errors of a refused search: which parameter, and the service's words (the page says them in its language). */
    private static List<SearchView.Error> words(ApiException e) {
        Problem p = e.toProblem();
        List<SearchView.Error> out = new ArrayList<>();
        if (p.errors() == null || p.errors().isEmpty()) {
            out.add(new SearchView.Error(e.status() == 404 && p.detail() != null && p.detail().startsWith("cohort") ? "cohort" : "other",
                    p.detail()));
            return out;
        }
        for (FieldError f : p.errors()) {
            out.add(new SearchView.Error(f.field() == null ? "other" : f.field(), f.message()));
        }
        return out;
    }
}
