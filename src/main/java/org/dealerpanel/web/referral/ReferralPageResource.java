package org.dealerpanel.web.referral;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.dealerpanel.account.service.AccountService;
import org.dealerpanel.account.service.DealerService;
import org.dealerpanel.common.ApiException;
import org.dealerpanel.common.FieldError;
import org.dealerpanel.common.Page;
import org.dealerpanel.common.Params;
import org.dealerpanel.referral.ReferralState;
import org.dealerpanel.referral.rest.ReferralResource;
import org.dealerpanel.referral.service.ReferralOutcomes;
import org.dealerpanel.referral.service.ReferralService;
import org.dealerpanel.referral.service.ReferralView;
import org.dealerpanel.security.Role;
import org.dealerpanel.web.Pages;
import org.dealerpanel.web.WebContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The referral pages: the list (/referrals), a new referral (/referrals/new, prefilled with ?accountId= or ?dealerId=,
 * the link the account and dealer pages use for "refer"), one referral (/referrals/{id}) with its evidence, state
 * history, outcomes, actions and bundle download (/referrals/{id}/bundle.zip: the stored bytes, audited).
 */
@Path("/referrals")
public class ReferralPageResource {
    @CheckedTemplate
    static class Templates {
        static native TemplateInstance referrals(WebContext ctx, ReferralListView view);

        static native TemplateInstance referral(WebContext ctx, ReferralPageView view);

        static native TemplateInstance referralNew(WebContext ctx, ReferralFormView view);
    }

    @Inject
    WebContext ctx;
    @Inject
    ReferralService referrals;
    @Inject
    ReferralOutcomes outcomes;
    @Inject
    AccountService accounts;
    @Inject
    DealerService dealers;
    @Inject
    ObjectMapper json;

    @GET
    @RolesAllowed(Role.VIEWER)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public TemplateInstance list(@RestQuery String state, @RestQuery String recipient, @RestQuery String page) {
        String s = blank(state);
        String rcp = blank(recipient);
        int p = Params.intInRange("page", page, 0, 0, 1_000_000);
        int size = 50;
        Page<ReferralView> result = referrals.list(new ReferralService.ListQuery(
                Params.enumValue("state", s, ReferralState.class), rcp, p, size));
        return Pages.render(Templates.referrals(ctx, new ReferralListView(result, s, rcp, referrals.recipients(), p, size)), ctx);
    }

    @GET
    @Path("new")
    @RolesAllowed(Role.INVESTIGATOR)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public TemplateInstance newForm(@RestQuery String accountId, @RestQuery String dealerId) {
        ReferralForm form = ReferralForm.empty(ctx.lang());
        String prefillAccount = null;
        String prefillDealer = null;
        if (blank(accountId) != null) {
            long id = parseId("accountId", accountId);
            var a = accounts.find(id);
            prefillAccount = a.platform + " / " + a.handle;
            form = new ReferralForm(form.title(), form.agency(), form.recipientKind(), form.tlp(), form.language(),
                    form.summary(), String.valueOf(id), "", "");
        }
        if (blank(dealerId) != null) {
            long id = parseId("dealerId", dealerId);
            var d = dealers.get(id);
            prefillDealer = d.name();
            form = new ReferralForm(form.title(), form.agency(), form.recipientKind(), form.tlp(), form.language(),
                    form.summary(), form.accountIds(), String.valueOf(id), "");
        }
        return Pages.render(Templates.referralNew(ctx, new ReferralFormView(form, prefillAccount, prefillDealer, null, List.of())), ctx);
    }

    @POST
    @Path("new")
    @RolesAllowed(Role.INVESTIGATOR)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response create(@RestForm String title, @RestForm String agency, @RestForm String recipientKind,
                           @RestForm String tlp, @RestForm String language, @RestForm String summary,
                           @RestForm String accountIds, @RestForm String dealerId, @RestForm String referredOn) {
        ReferralForm form = new ReferralForm(nz(title), nz(agency), nz(recipientKind), nz(tlp), nz(language), nz(summary),
                nz(accountIds), nz(dealerId), nz(referredOn));
        try {
            List<FieldError> errors = new ArrayList<>();
            List<Long> ids = ids(accountIds, errors);
            Long dealer = blank(dealerId) == null ? null : id("dealerId", dealerId, errors);
            LocalDate day = date("referredOn", referredOn, errors);
            if (!errors.isEmpty()) {
                throw ApiException.badRequest("the form is not valid", errors);
            }
            ReferralView created = referrals.create(new ReferralService.NewReferral(title, agency, ids, summary, tlp, dealer,
                    blank(recipientKind), blank(language), day));
            return Response.seeOther(URI.create("/referrals/" + created.id() + "?notice=created")).build();
        } catch (ApiException e) {
            var problem = e.toProblem();
            String html = Pages.render(Templates.referralNew(ctx, new ReferralFormView(form, null, null, problem.detail(),
                    problem.errors() == null ? List.of() : problem.errors())), ctx).render();
            return Response.status(e.status()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(html).build();
        }
    }

    @GET
    @Path("{id: \\d+}")
    @RolesAllowed(Role.VIEWER)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public TemplateInstance page(@PathParam("id") long id, @RestQuery String notice) {
        return Pages.render(Templates.referral(ctx, view(id, null, blank(notice), null, List.of())), ctx);
    }

    @POST
    @Path("{id: \\d+}")
    @RolesAllowed(Role.INVESTIGATOR)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response update(@PathParam("id") long id, @RestForm String title, @RestForm String agency,
                           @RestForm String recipientKind, @RestForm String tlp, @RestForm String language,
                           @RestForm String summary, @RestForm String accountIds, @RestForm String dealerId,
                           @RestForm String referredOn) {
        ReferralForm form = new ReferralForm(nz(title), nz(agency), nz(recipientKind), nz(tlp), nz(language), nz(summary),
                nz(accountIds), nz(dealerId), nz(referredOn));
        try {
            List<FieldError> errors = new ArrayList<>();
            List<Long> ids = ids(accountIds, errors);
            Long dealer = blank(dealerId) == null ? null : id("dealerId", dealerId, errors);
            LocalDate day = date("referredOn", referredOn, errors);
            if (!errors.isEmpty()) {
                throw ApiException.badRequest("the form is not valid", errors);
            }
            ObjectNode body = json.createObjectNode();
            body.put("title", title);
            body.put("agency", agency);
            body.put("summary", summary);
            body.put("tlp", tlp);
            body.put("recipientKind", blank(recipientKind) == null ? "AGENCY" : recipientKind.strip());
            body.put("language", blank(language) == null ? "en" : language.strip());
            ArrayNode list = body.putArray("accountIds");
            ids.forEach(list::add);
            if (dealer == null) {
                body.putNull("dealerId");
            } else {
                body.put("dealerId", dealer);
            }
            if (day == null) {
                body.putNull("referredOn");
            } else {
                body.put("referredOn", day.toString());
            }
            referrals.patch(id, body);
            return Response.seeOther(URI.create("/referrals/" + id + "?notice=updated")).build();
        } catch (ApiException e) {
            return refused(id, form, e);
        }
    }

    @POST
    @Path("{id: \\d+}/submit")
    @RolesAllowed(Role.INVESTIGATOR)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response submit(@PathParam("id") long id) {
        return transition(id, "submitted", () -> referrals.submit(id));
    }

    @POST
    @Path("{id: \\d+}/acknowledge")
    @RolesAllowed(Role.INVESTIGATOR)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response acknowledge(@PathParam("id") long id) {
        return transition(id, "acknowledged", () -> referrals.acknowledge(id));
    }

    @POST
    @Path("{id: \\d+}/close")
    @RolesAllowed(Role.INVESTIGATOR)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response close(@PathParam("id") long id, @RestForm String outcome) {
        return transition(id, "closed", () -> referrals.close(id, outcome));
    }

    /** A state change from the page: back to the referral with a notice, or the page again saying why not. */
    private Response transition(long id, String notice, Runnable change) {
        try {
            change.run();
            return Response.seeOther(URI.create("/referrals/" + id + "?notice=" + notice)).build();
        } catch (ApiException e) {
            return refused(id, null, e);
        }
    }

    /** The same stored bytes as GET /api/v1/referrals/{id}/bundle; the download is audited. */
    @GET
    @Path("{id: \\d+}/bundle.zip")
    @RolesAllowed(Role.VIEWER)
    @Produces({"application/zip", MediaType.TEXT_HTML})
    @Operation(hidden = true)
    public Response bundle(@PathParam("id") long id) {
        return ReferralResource.download(referrals.download(id, "page"));
    }

    private Response refused(long id, ReferralForm form, ApiException e) {
        var problem = e.toProblem();
        if (problem.status() == 404) {
            throw e;
        }
        String html = Pages.render(Templates.referral(ctx, view(id, form, null, problem.detail(),
                problem.errors() == null ? List.of() : problem.errors())), ctx).render();
        return Response.status(problem.status()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(html).build();
    }

    private ReferralPageView view(long id, ReferralForm form, String notice, String error, List<FieldError> errors) {
        ReferralView r = referrals.get(id);
        return new ReferralPageView(r, referrals.evidence(id), referrals.history(id), outcomes.forReferral(id),
                outcomes.windowDays(), org.dealerpanel.activity.service.ActivityService.yesterday(),
                form != null ? form : ReferralForm.of(r), notice, error, errors);
    }

    private static List<Long> ids(String text, List<FieldError> errors) {
        List<Long> ids = new ArrayList<>();
        if (text == null) {
            return ids;
        }
        for (String part : text.split("[,;\\s]+")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                ids.add(Long.parseLong(part.strip()));
            } catch (NumberFormatException e) {
                errors.add(FieldError.field("accountIds", "'" + part + "' is not an account number"));
            }
        }
        return ids;
    }

    private static Long id(String field, String text, List<FieldError> errors) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            errors.add(FieldError.field(field, "'" + text + "' is not a number"));
            return null;
        }
    }

    private static long parseId(String field, String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badField(field, "must be a number");
        }
    }

    private static LocalDate date(String field, String text, List<FieldError> errors) {
        if (blank(text) == null) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            errors.add(FieldError.field(field, "must be a date (yyyy-mm-dd)"));
            return null;
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
