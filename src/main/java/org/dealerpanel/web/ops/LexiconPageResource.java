package org.dealerpanel.web.ops;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.dealerpanel.common.ApiException;
import org.dealerpanel.lexicon.TermCategory;
import org.dealerpanel.security.Role;
import org.dealerpanel.term.service.TermService;
import org.dealerpanel.term.service.TermView;
import org.dealerpanel.web.Pages;
import org.dealerpanel.web.WebContext;
import org.dealerpanel.web.ops.LexiconView.NewTermForm;
import org.dealerpanel.web.ops.LexiconView.Notice;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

/** The coded-term lexicon by category with each term's history; investigators add and deactivate terms. */
@Path("/lexicon")
public class LexiconPageResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance lexicon(WebContext ctx, LexiconView view);
    }

    @Inject
    WebContext ctx;
    @Inject
    TermService terms;

    @GET
    @RolesAllowed(Role.VIEWER)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public TemplateInstance page(@RestQuery String category, @RestQuery String deactivated, @RestQuery String notice,
                                 @RestQuery String term) {
        Notice shown = notice(notice, term);
        return render(category(category), flag(deactivated), NewTermForm.EMPTY, null, shown);
    }

    /** Adds a term; a refused one re-renders the page with the reasons and the form as typed. */
    @POST
    @RolesAllowed(Role.INVESTIGATOR)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response add(@RestForm String term, @RestForm("category") String termCategory, @RestForm String note,
                        @RestForm String source, @RestForm String language, @RestForm String filterCategory,
                        @RestForm String deactivated) {
        TermCategory filter = category(filterCategory);
        boolean showDeactivated = flag(deactivated);
        NewTermForm form = new NewTermForm(nz(term), nz(termCategory), nz(note), nz(source), nz(language));
        try {
            TermView created = terms.create(new TermService.NewTerm(term, termCategory, note, language, source));
            // show the new term where it is: a filter on another category would hide it
            TermCategory shown = filter == null ? null : category(created.category());
            return seeOther(shown, showDeactivated, "added", created.id());
        } catch (ApiException e) {
            return Response.status(e.status())
                    .entity(render(filter, showDeactivated, form, FormError.of(e), null)).build();
        }
    }

    /** Deactivates a term; its history stays (added on, deactivated on). */
    @POST
    @Path("{id}/deactivate")
    @RolesAllowed(Role.INVESTIGATOR)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response deactivate(@PathParam("id") long id, @RestForm String filterCategory, @RestForm String deactivated) {
        TermCategory filter = category(filterCategory);
        boolean showDeactivated = flag(deactivated);
        try {
            terms.deactivate(id);
            return seeOther(filter, showDeactivated, "deactivated", id);
        } catch (ApiException e) {
            return Response.status(e.status())
                    .entity(render(filter, showDeactivated, NewTermForm.EMPTY, FormError.of(e), null)).build();
        }
    }

    /** A refused deactivation re-renders at /lexicon/{id}/deactivate: going there again shows the lexicon. */
    @GET
    @Path("{id}/deactivate")
    @RolesAllowed(Role.VIEWER)
    @Operation(hidden = true)
    public Response back() {
        return Response.seeOther(URI.create("/lexicon")).build();
    }

    private TemplateInstance render(TermCategory category, boolean showDeactivated, NewTermForm form, FormError error,
                                    Notice notice) {
        LexiconView view = LexiconView.of(terms.history(null, true), category, showDeactivated, form, error, notice);
        return Pages.render(Templates.lexicon(ctx, view), ctx);
    }

    private Notice notice(String kind, String termId) {
        if (kind == null || termId == null || !(kind.equals("added") || kind.equals("deactivated"))) {
            return null;
        }
        try {
            TermView t = terms.get(Long.parseLong(termId.strip()));
            return new Notice(kind, t.id(), t.term());
        } catch (NumberFormatException | ApiException e) {
            return null;
        }
    }

    private static Response seeOther(TermCategory category, boolean showDeactivated, String notice, long termId) {
        StringBuilder q = new StringBuilder("/lexicon?");
        if (category != null) {
            q.append("category=").append(category.name()).append('&');
        }
        if (showDeactivated) {
            q.append("deactivated=1&");
        }
        q.append("notice=").append(notice).append("&term=").append(termId);
        if (notice.equals("added")) {
            q.append("#term-").append(termId); // the browser scrolls to the new (highlighted) row
        }
        return Response.seeOther(URI.create(q.toString())).build();
    }

    /** A category from a query or form value; anything else (blank, unknown) means all categories. */
    static TermCategory category(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return TermCategory.valueOf(value.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static boolean flag(String value) {
        return value != null && (value.equals("1") || value.equalsIgnoreCase("true") || value.equalsIgnoreCase("on"));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
