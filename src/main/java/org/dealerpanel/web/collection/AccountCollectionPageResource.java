package org.dealerpanel.web.collection;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.dealerpanel.collection.service.PlanService;
import org.dealerpanel.common.ApiException;
import org.dealerpanel.common.FieldError;
import org.dealerpanel.security.Role;
import org.dealerpanel.web.Pages;
import org.dealerpanel.web.WebContext;
import org.dealerpanel.web.i18n.CollectionMessages;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The account page's revisit-schedule card (loaded into the page with htmx): the cadence the account follows and from
 * where, its assignee, when it is next due; for investigators a small form for its own cadence and assignee.
 */
@Path("/accounts/{id}/collection")
public class AccountCollectionPageResource {
    @CheckedTemplate
    static class Templates {
        static native TemplateInstance card(WebContext ctx, PlanCardView view);

        static native TemplateInstance standalone(WebContext ctx, PlanCardView view);
    }

    @Inject
    WebContext ctx;
    @Inject
    ColText text;
    @Inject
    PlanService plans;

    @GET
    @RolesAllowed(Role.VIEWER)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response card(@PathParam("id") long id) {
        return html(Templates.card(ctx, view(id, null, null, List.of(), null)), 200);
    }

    @POST
    @RolesAllowed(Role.INVESTIGATOR)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response save(@PathParam("id") long id, @RestForm String cadenceDays, @RestForm String assignee,
                         @HeaderParam("HX-Request") String hx) {
        CollectionMessages m = text.get();
        List<String> errors = new ArrayList<>();
        Integer cadence = CadenceField.parse(cadenceDays, m, errors);
        String who = assignee == null || assignee.isBlank() ? null : assignee.strip();
        if (errors.isEmpty()) {
            try {
                plans.setPlan(id, cadence, who);
                if (hx == null) {
                    return Response.seeOther(URI.create("/accounts/" + id + "#collection-card")).build();
                }
                return html(Templates.card(ctx, view(id, null, null, List.of(), "saved")), 200);
            } catch (ApiException e) {
                if (e.status() == 404) {
                    throw e;
                }
                List<FieldError> fields = e.toProblem().errors();
                for (FieldError f : fields == null ? List.<FieldError>of() : fields) {
                    errors.add("cadenceDays".equals(f.field())
                            ? m.err_cadence(PlanService.MIN_CADENCE, PlanService.MAX_CADENCE)
                            : "assignee".equals(f.field()) ? m.err_assignee(who == null ? "" : who) : f.message());
                }
                if (errors.isEmpty()) {
                    errors.add(e.getMessage());
                }
            }
        }
        PlanCardView view = view(id, cadenceDays == null ? "" : cadenceDays.strip(), who == null ? "" : who, errors, null);
        return html(hx == null ? Templates.standalone(ctx, view) : Templates.card(ctx, view), hx == null ? 400 : 200);
    }

    private PlanCardView view(long id, String cadenceTyped, String assigneeTyped, List<String> errors, String notice) {
        PlanService.AccountPlan plan = plans.plan(id);
        String cadence = cadenceTyped != null ? cadenceTyped : plan.cadenceDays() == null ? "" : plan.cadenceDays().toString();
        String assignee = assigneeTyped != null ? assigneeTyped : plan.assignee() == null ? "" : plan.assignee();
        return new PlanCardView(plan, plans.handle(id), plans.assignableUsers(), cadence, assignee, errors, notice);
    }

    private Response html(TemplateInstance page, int status) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE).entity(Pages.render(page, ctx)).build();
    }
}
