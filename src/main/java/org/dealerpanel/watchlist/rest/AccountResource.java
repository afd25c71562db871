package org.dealerpanel.watchlist.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
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
import org.dealerpanel.account.service.AccountService;
import org.dealerpanel.account.service.AccountService.NewAccount;
import org.dealerpanel.watchlist.service.AccountView;
import org.dealerpanel.watchlist.service.WatchlistQuery;
import org.dealerpanel.watchlist.service.AccountPage;
import org.dealerpanel.watchlist.service.WatchlistService;
import org.dealerpanel.activity.ActivityStatus;
import org.dealerpanel.activity.FlagType;
import org.dealerpanel.common.Params;
import org.dealerpanel.security.Role;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestQuery;

@Path("/api/v1/accounts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AccountResource {
    @Inject
    AccountService accounts;
    @Inject
    WatchlistService watchlist;

    @POST
    @RolesAllowed(Role.INVESTIGATOR)
    @Operation(summary = "Add an account to the panel; naming an unknown cohort creates it")
    public Response create(@NotNull NewAccount body) {
        AccountView created = watchlist.view(accounts.create(body));
        return Response.created(URI.create("/api/v1/accounts/" + created.id())).entity(created).build();
    }

    @GET
    @RolesAllowed(Role.VIEWER)
    @Operation(summary = "The panel, filtered and paged; status is as of yesterday")
    public AccountPage list(@RestQuery String platform, @RestQuery String cohort, @RestQuery String status,
                                  @RestQuery String flag, @Parameter(description = "text in handle, name or notes") @RestQuery String q,
                                  @RestQuery String page, @RestQuery String size,
                                  @Parameter(description = "id, platform, handle, displayName, firstSeen, lastActive, status; -field for descending") @RestQuery String sort) {
        return watchlist.list(new WatchlistQuery(platform, cohort,
                Params.enumValue("status", status, ActivityStatus.class),
                Params.enumValue("flag", flag, FlagType.class),
                q, Params.intInRange("page", page, 0, 0, 1_000_000), Params.intInRange("size", size, 50, 1, 1000), sort));
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Role.VIEWER)
    public AccountView get(@PathParam("id") long id) {
        return watchlist.get(id);
    }

    @PATCH
    @Path("{id}")
    @RolesAllowed(Role.INVESTIGATOR)
    @Operation(summary = "Change notes, displayName, firstSeen, cohorts, platformState (+ platformStateSince)")
    public AccountView patch(@PathParam("id") long id, @NotNull ObjectNode body) {
        return watchlist.view(accounts.patch(id, body));
    }
}
