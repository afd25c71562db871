package org.dealerpanel.referral.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.dealerpanel.common.Negotiation;
import org.dealerpanel.common.Params;
import org.dealerpanel.referral.service.ReferralOutcomes;
import org.dealerpanel.security.Role;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestQuery;

/** What referrals achieved, per referral and per recipient: JSON, or CSV with {@code Accept: text/csv}. */
@Path("/api/v1/reports/referrals")
@Produces({MediaType.APPLICATION_JSON, ReferralReportResource.CSV})
public class ReferralReportResource {
    static final String CSV = "text/csv";
    public static final String[] HEADER = {"level", "referralId", "title", "agency", "recipientKind", "referredOn",
            "state", "referrals", "accountId", "platform", "handle", "outcome", "accounts", "ceased", "removedByPlatform",
            "closedByOwner", "dormantOrCeased", "keptPosting", "unknown", "alreadyGone", "ceasedOn", "daysToCease",
            "medianDaysToCease", "beforeObservedDays", "beforePosts", "beforePostsPerDay", "afterObservedDays",
            "afterPosts", "afterPostsPerDay"};

    @Inject
    ReferralOutcomes outcomes;

    @GET
    @RolesAllowed(Role.VIEWER)
    @Operation(summary = "Per referral and per recipient: accounts referred, how many ceased afterwards (removed by the platform, closed by the owner, dormant/ceased) and in how many days, posting rate before and after (submitted referrals, by referral day)")
    @APIResponse(responseCode = "200", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReferralOutcomes.Report.class)),
            @Content(mediaType = CSV)})
    public Response report(@RestQuery String from, @RestQuery String to, @RestQuery String agency,
                           @Context HttpHeaders headers) {
        ReferralOutcomes.Report report = outcomes.report(Params.date("from", from), Params.date("to", to), agency);
        if (!Negotiation.wantsCsv(headers)) {
            return Response.ok(report, MediaType.APPLICATION_JSON).build();
        }
        return Response.ok(csv(report), CSV + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"referral-outcomes.csv\"").build();
    }

    /** One row per recipient, per referral and per referred account. */
    public static String csv(ReferralOutcomes.Report r) {
        StringWriter out = new StringWriter();
        try (CSVPrinter p = CSVFormat.DEFAULT.builder().setHeader(HEADER).get().print(out)) {
            for (ReferralOutcomes.RecipientOutcome x : r.recipients()) {
                p.printRecord("recipient", null, null, x.agency(), x.recipientKind(), null, null, x.referrals(), null, null,
                        null, null, x.accounts(), x.ceased(), x.removedByPlatform(), x.closedByOwner(), x.dormantOrCeased(),
                        x.keptPosting(), x.unknown(), x.alreadyGone(), null, null, x.medianDaysToCease(),
                        x.before().observedAccountDays(), x.before().posts(), x.before().postsPerAccountDay(),
                        x.after().observedAccountDays(), x.after().posts(), x.after().postsPerAccountDay());
            }
            for (ReferralOutcomes.ReferralOutcome x : r.referrals()) {
                p.printRecord("referral", x.referralId(), x.title(), x.agency(), x.recipientKind(), x.referredOn(), x.state(),
                        null, null, null, null, null, x.accounts(), x.ceased(), x.removedByPlatform(), x.closedByOwner(),
                        x.dormantOrCeased(), x.keptPosting(), x.unknown(), x.alreadyGone(), null, null,
                        x.medianDaysToCease(), x.before().observedAccountDays(), x.before().posts(),
                        x.before().postsPerAccountDay(), x.after().observedAccountDays(), x.after().posts(),
                        x.after().postsPerAccountDay());
                for (ReferralOutcomes.AccountOutcome a : x.accountOutcomes()) {
                    p.printRecord("account", x.referralId(), null, x.agency(), x.recipientKind(), x.referredOn(), null,
                            null, a.accountId(), a.platform(), a.handle(), a.outcome(), null, null, null, null, null, null,
                            null, null, a.ceasedOn(), a.daysToCease(), null, a.before().observedDays(), a.before().posts(),
                            a.before().postsPerDay(), a.after().observedDays(), a.after().posts(), a.after().postsPerDay());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
