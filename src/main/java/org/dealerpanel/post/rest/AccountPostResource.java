package org.dealerpanel.post.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.dealerpanel.common.Page;
import org.dealerpanel.common.Params;
import org.dealerpanel.post.service.PostService;
import org.dealerpanel.post.service.PostService.NewPost;
import org.dealerpanel.post.service.PostView;
import org.dealerpanel.security.Role;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestQuery;

@Path("/api/v1/accounts/{id}/posts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AccountPostResource {
    @Inject
    PostService posts;

    @POST
    @RolesAllowed(Role.INVESTIGATOR)
    @Operation(summary = "Record a post; its text is matched against the lexicon and searched for contact ids. "
            + "A duplicate externalId for the account is refused with 409")
    public Response create(@PathParam("id") long accountId, @NotNull NewPost body) {
        PostView created = posts.create(accountId, body);
        return Response.created(URI.create("/api/v1/posts/" + created.id())).entity(created).build();
    }

    @GET
    @RolesAllowed(Role.VIEWER)
    @Operation(summary = "An account's posts, newest first; from/to are local days (tracker.time-zone) of postedAt")
    public Page<PostView> list(@PathParam("id") long accountId, @RestQuery String from, @RestQuery String to,
                               @RestQuery String page, @RestQuery String size) {
        return posts.list(accountId, Params.date("from", from), Params.date("to", to),
                Params.intInRange("page", page, 0, 0, 1_000_000), Params.intInRange("size", size, 50, 1, 1000));
    }
}
