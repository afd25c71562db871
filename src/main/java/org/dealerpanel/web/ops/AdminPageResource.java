package org.dealerpanel.web.ops;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.dealerpanel.common.ApiException;
import org.dealerpanel.security.Role;
import org.dealerpanel.security.service.UserService;
import org.dealerpanel.web.Pages;
import org.dealerpanel.web.WebContext;
import org.dealerpanel.web.i18n.OpsMessages;
import org.dealerpanel.web.ops.AdminView.NewUserForm;
import org.dealerpanel.web.ops.AdminView.Notice;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

/** Users and roles (admin only): list, create, change a user's role, enable or disable, reset a password. */
@Path("/admin")
public class AdminPageResource {
    /** The same rule as the API's (UserResource.NewUser). */
    static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.@-]{2,64}");
    static final Set<String> NOTICES = Set.of("created", "role", "enabled", "disabled", "password");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance admin(WebContext ctx, AdminView view);
    }

    @Inject
    WebContext ctx;
    @Inject
    OpsText text;
    @Inject
    UserService users;

    @GET
    @RolesAllowed(Role.ADMIN)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public TemplateInstance page(@RestQuery String notice, @RestQuery String user) {
        Notice shown = notice != null && NOTICES.contains(notice) && user != null ? new Notice(notice, user) : null;
        return render(NewUserForm.EMPTY, null, shown);
    }

    @POST
    @Path("users")
    @RolesAllowed(Role.ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response create(@RestForm String username, @RestForm String password, @RestForm String role) {
        OpsMessages m = text.of(ctx);
        String name = username == null ? "" : username.strip();
        Role granted = role(role);
        NewUserForm form = new NewUserForm(name, granted);
        FormError error = null;
        if (!USERNAME.matcher(name).matches()) {
            error = FormError.field("username", m.admin_username_rule());
        } else if (password == null || password.length() < UserService.MIN_PASSWORD_LENGTH) {
            error = FormError.field("password", m.admin_password_rule(UserService.MIN_PASSWORD_LENGTH));
        } else if (granted == null) {
            error = FormError.field("role", m.admin_role_rule());
        }
        if (error == null) {
            try {
                users.create(name, password, EnumSet.of(granted));
                return done("created", name);
            } catch (ApiException e) {
                error = FormError.of(e);
            }
        }
        return refused(form, error);
    }

    @POST
    @Path("role")
    @RolesAllowed(Role.ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response changeRole(@RestForm String username, @RestForm String role) {
        Role granted = role(role);
        if (granted == null) {
            return refused(NewUserForm.EMPTY, FormError.field("role", text.of(ctx).admin_role_rule()));
        }
        try {
            users.update(nz(username), EnumSet.of(granted), null, null, ctx.user());
            return done("role", nz(username));
        } catch (ApiException e) {
            return refused(NewUserForm.EMPTY, FormError.of(e));
        }
    }

    @POST
    @Path("enabled")
    @RolesAllowed(Role.ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response setEnabled(@RestForm String username, @RestForm String enabled) {
        boolean on = "true".equals(enabled);
        try {
            users.update(nz(username), null, null, on, ctx.user());
            return done(on ? "enabled" : "disabled", nz(username));
        } catch (ApiException e) {
            return refused(NewUserForm.EMPTY, FormError.of(e));
        }
    }

    @POST
    @Path("password")
    @RolesAllowed(Role.ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response resetPassword(@RestForm String username, @RestForm String password) {
        if (password == null || password.length() < UserService.MIN_PASSWORD_LENGTH) {
            return refused(NewUserForm.EMPTY, FormError.field("password",
                    text.of(ctx).admin_password_rule(UserService.MIN_PASSWORD_LENGTH)));
        }
        try {
            users.update(nz(username), null, password, null, ctx.user());
            return done("password", nz(username));
        } catch (ApiException e) {
            return refused(NewUserForm.EMPTY, FormError.of(e));
        }
    }

    /** After a refused form the address bar shows one of these paths: going there again shows the page. */
    @GET
    @Path("{form: users|role|enabled|password}")
    @RolesAllowed(Role.ADMIN)
    @Operation(hidden = true)
    public Response back() {
        return Response.seeOther(URI.create("/admin")).build();
    }

    private TemplateInstance render(NewUserForm form, FormError error, Notice notice) {
        return Pages.render(Templates.admin(ctx, new AdminView(users.list(), ctx.user(), form, error, notice)), ctx);
    }

    private Response refused(NewUserForm form, FormError error) {
        return Response.status(error.status()).entity(render(form, error, null)).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build();
    }

    private static Response done(String notice, String user) {
        return Response.seeOther(URI.create("/admin?notice=" + notice + "&user="
                + URLEncoder.encode(user, StandardCharsets.UTF_8))).build();
    }

    /**
     * The role chosen in a form. Roles are nested (an administrator is also an investigator and a viewer), so a user
     * is given one role, the highest; null if the value is not a role.
     */
    static Role role(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Role.valueOf(value.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s.strip();
    }
}
