package org.dealerpanel.post.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.dealerpanel.post.service.PostService;
import org.dealerpanel.post.service.PostView;
import org.dealerpanel.security.Role;

@Path("/api/v1/posts")
@Produces(MediaType.APPLICATION_JSON)
public class PostResource {
    @Inject
    PostService posts;

    @GET
    @Path("{id}")
    @RolesAllowed(Role.VIEWER)
    public PostView get(@PathParam("id") long id) {
        return posts.get(id);
    }
}
