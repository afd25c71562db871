package org.dealerpanel.security.rest;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.dealerpanel.security.Role;
import org.dealerpanel.security.service.UserService;
import org.dealerpanel.security.service.UserService.UserView;

@Path("/api/v1/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UserResource {
    @Inject
    UserService users;
    @Inject
    SecurityIdentity identity;

    public record NewUser(
            @NotNull @Pattern(regexp = "[A-Za-z0-9_.@-]{2,64}", message = "must be 2-64 letters, digits or _.@-") String username,
            @NotNull String password,
            @NotEmpty Set<@NotNull Role> roles) {
    }

    public record UserPatch(Set<@NotNull Role> roles, String password, Boolean enabled) {
    }

    @POST
    @RolesAllowed(Role.ADMIN)
    public Response create(@Valid @NotNull NewUser body) {
        UserView created = users.create(body.username(), body.password(), body.roles());
        return Response.created(URI.create("/api/v1/users/" + created.username())).entity(created).build();
    }

    @GET
    @RolesAllowed(Role.ADMIN)
    public List<UserView> list() {
        return users.list();
    }

    @GET
    @Path("{username}")
    @RolesAllowed(Role.ADMIN)
    public UserView get(@PathParam("username") String username) {
        return users.get(username);
    }

    @PATCH
    @Path("{username}")
    @RolesAllowed(Role.ADMIN)
    public UserView update(@PathParam("username") String username, @Valid @NotNull UserPatch body) {
        if (body.roles() != null && body.roles().isEmpty()) {
            throw org.dealerpanel.common.ApiException.badField("roles", "must name at least one role");
        }
        return users.update(username, body.roles(), body.password(), body.enabled(), identity.getPrincipal().getName());
    }
}
