package org.dealerpanel.referral.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.HexFormat;
import java.util.Base64;
import org.dealerpanel.common.ApiException;
import org.dealerpanel.common.Page;
import org.dealerpanel.common.Params;
import org.dealerpanel.referral.ReferralState;
import org.dealerpanel.referral.service.ReferralService;
import org.dealerpanel.referral.service.ReferralService.NewReferral;
import org.dealerpanel.referral.service.ReferralView;
import org.dealerpanel.security.Role;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestQuery;

/** Case referrals: DRAFT → SUBMITTED (bundle built, frozen) → ACKNOWLEDGED → CLOSED. */
@Path("/api/v1/referrals")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ReferralResource {
    @Inject
    ReferralService referrals;

    public record CloseBody(String outcome) {
    }

    @POST
    @RolesAllowed(Role.INVESTIGATOR)
    @Operation(summary = "Create a draft referral: {title, agency, accountIds, summary, tlp, dealerId?, recipientKind?, language?, referredOn?}")
    public Response create(NewReferral body) {
        ReferralView created = referrals.create(body);
        return Response.created(URI.create("/api/v1/referrals/" + created.id())).entity(created).build();
    }

    @GET
    @RolesAllowed(Role.VIEWER)
    @Operation(summary = "Referrals, newest first, filtered by state and recipient (agency, case-insensitive)")
    public Page<ReferralView> list(@Parameter(description = "DRAFT, SUBMITTED, ACKNOWLEDGED or CLOSED") @RestQuery String state,
                                   @RestQuery String agency, @RestQuery String page, @RestQuery String size) {
        return referrals.list(new ReferralService.ListQuery(Params.enumValue("state", state, ReferralState.class), agency,
                Params.intInRange("page", page, 0, 0, 1_000_000), Params.intInRange("size", size, 50, 1, 500)));
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Role.VIEWER)
    public ReferralView get(@PathParam("id") long id) {
        return referrals.get(id);
    }

    @PATCH
    @Path("{id}")
    @RolesAllowed(Role.INVESTIGATOR)
    @Operation(summary = "Change a DRAFT (title, agency, summary, tlp, accountIds, dealerId, recipientKind, language, referredOn); 409 once submitted")
    public ReferralView patch(@PathParam("id") long id, ObjectNode body) {
        return referrals.patch(id, body);
    }

    @POST
    @Path("{id}/submit")
    @RolesAllowed(Role.INVESTIGATOR)
    @Operation(summary = "DRAFT → SUBMITTED: builds the evidence bundle once, stores it read-only and freezes the referral (422 if a stored image no longer matches its SHA-256)")
    public ReferralView submit(@PathParam("id") long id) {
        return referrals.submit(id);
    }

    @POST
    @Path("{id}/acknowledge")
    @RolesAllowed(Role.INVESTIGATOR)
    @Operation(summary = "SUBMITTED → ACKNOWLEDGED (the recipient confirmed receipt)")
    public ReferralView acknowledge(@PathParam("id") long id) {
        return referrals.acknowledge(id);
    }

    @POST
    @Path("{id}/close")
    @RolesAllowed(Role.INVESTIGATOR)
    @Operation(summary = "SUBMITTED or ACKNOWLEDGED → CLOSED with an outcome: {outcome}")
    public ReferralView close(@PathParam("id") long id, CloseBody body) {
        if (body == null) {
            throw ApiException.badField("outcome", "is required");
        }
        return referrals.close(id, body.outcome());
    }

    @GET
    @Path("{id}/bundle")
    @RolesAllowed(Role.VIEWER)
    @Produces({"application/zip", MediaType.APPLICATION_JSON})
    @Operation(summary = "The evidence bundle (zip) built at submit: the same bytes on every download; audited")
    @APIResponse(responseCode = "200", content = @Content(mediaType = "application/zip"))
    public Response bundle(@PathParam("id") long id) {
        ReferralService.Download d = referrals.download(id, "api");
        return download(d);
    }

    /** The stored bytes as they are, with their SHA-256 in headers (also used by the page route). */
    public static Response download(ReferralService.Download d) {
        return Response.ok(d.file().toFile(), "application/zip")
                .header("Content-Disposition", "attachment; filename=\"" + d.filename() + "\"")
                .header("Content-Length", d.size())
                .header("ETag", "\"" + d.sha256() + "\"")
                .header("X-Bundle-SHA256", d.sha256())
                .header("Repr-Digest", "sha-256=:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(d.sha256())) + ":")
                .header("Cache-Control", "private, no-store")
                .build();
    }
}
