package org.dealerpanel.web.referral;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.dealerpanel.common.Params;
import org.dealerpanel.referral.rest.ReferralReportResource;
import org.dealerpanel.referral.service.ReferralOutcomes;
import org.dealerpanel.referral.service.ReferralService;
import org.dealerpanel.security.Role;
import org.dealerpanel.web.Pages;
import org.dealerpanel.web.WebContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestQuery;

/** /reports/referrals: what referrals achieved, per recipient and per referral, with the same CSV as the API. */
@Path("/reports/referrals")
public class ReferralReportPageResource {
    @CheckedTemplate
    static class Templates {
        static native TemplateInstance referralReport(WebContext ctx, ReferralReportView view);
    }

    @Inject
    WebContext ctx;
    @Inject
    ReferralOutcomes outcomes;
    @Inject
    ReferralService referrals;

    @GET
    @RolesAllowed(Role.VIEWER)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public TemplateInstance page(@RestQuery String from, @RestQuery String to, @RestQuery String agency) {
        ReferralOutcomes.Report report = outcomes.report(Params.date("from", from), Params.date("to", to), blank(agency));
        return Pages.render(Templates.referralReport(ctx, new ReferralReportView(report, blank(from), blank(to), blank(agency),
                referrals.recipients(), csvLink(from, to, agency))), ctx);
    }

    @GET
    @Path("referral-outcomes.csv")
    @RolesAllowed(Role.VIEWER)
    @Produces("text/csv")
    @Operation(hidden = true)
    public Response csv(@RestQuery String from, @RestQuery String to, @RestQuery String agency) {
        ReferralOutcomes.Report report = outcomes.report(Params.date("from", from), Params.date("to", to), blank(agency));
        return Response.ok("\ufeff" + ReferralReportResource.csv(report), "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"referral-outcomes.csv\"").build();
    }

    private static String csvLink(String from, String to, String agency) {
        StringBuilder sb = new StringBuilder("/reports/referrals/referral-outcomes.csv?");
        if (blank(from) != null) {
            sb.append("from=").append(enc(from)).append('&');
        }
        if (blank(to) != null) {
            sb.append("to=").append(enc(to)).append('&');
        }
        if (blank(agency) != null) {
            sb.append("agency=").append(enc(agency)).append('&');
        }
        return sb.substring(0, sb.length() - 1);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s.strip(), StandardCharsets.UTF_8);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
