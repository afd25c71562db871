package org.dealerpanel.web.digest;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
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
import java.util.ArrayList;
import java.util.List;
import org.dealerpanel.common.ApiException;
import org.dealerpanel.common.FieldError;
import org.dealerpanel.common.Page;
import org.dealerpanel.common.PanelClock;
import org.dealerpanel.security.Role;
import org.dealerpanel.watch.WatchKind;
import org.dealerpanel.watch.service.DigestMail;
import org.dealerpanel.watch.service.DigestService;
import org.dealerpanel.watch.service.NotificationService;
import org.dealerpanel.watch.service.WatchService;
import org.dealerpanel.web.Pages;
import org.dealerpanel.web.WebContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The morning digest page (/digest): the signed-in user's watches, where their digest goes, and their digests, today's
 * first, items grouped by kind with links to the evidence. Also the target of the watch buttons of the other pages.
 * Watching is personal: every role may do it.
 */
@Path("/digest")
public class DigestPageResource {
    static final int PER_PAGE = 7;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance digest(WebContext ctx, DigestPageView view);
    }

    @Inject
    WebContext ctx;
    @Inject
    SecurityIdentity identity;
    @Inject
    WatchService watches;
    @Inject
    NotificationService notifications;
    @Inject
    DigestService digests;
    @ConfigProperty(name = "tracker.digest.cron", defaultValue = "0 0 7 * * ?")
    String cron;

    @GET
    @RolesAllowed(Role.VIEWER)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public TemplateInstance page(@RestQuery String page, @RestQuery String notice) {
        return render(parsePage(page), null, List.of(), notice);
    }

    /** A watch button: starts watching, then back to the page it was on. */
    @POST
    @Path("watches")
    @RolesAllowed(Role.VIEWER)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response watch(@RestForm String kind, @RestForm String target, @RestForm String back) {
        WatchKind k = null;
        Long id = null;
        try {
            k = kind == null ? null : WatchKind.valueOf(kind.strip());
            id = target == null ? null : Long.valueOf(target.strip());
        } catch (IllegalArgumentException e) {
            // named below
        }
        if (k == null || id == null) {
            return Response.status(400).type(MediaType.TEXT_HTML_TYPE)
                    .entity(render(0, null, List.of(FieldError.field(k == null ? "kind" : "targetId", "")), null)).build();
        }
        try {
            watches.add(user(), k, id, null);
        } catch (ApiException e) {
            if (e.status() != 400) {
                throw e;
            }
            return Response.status(400).type(MediaType.TEXT_HTML_TYPE).entity(render(0, null, errors(e), null)).build();
        }
        return Response.seeOther(URI.create(back(back, "watched"))).build();
    }

    /** Stops a watch (the button on another page, or the list on this one), then back. */
    @POST
    @Path("watches/{id}/delete")
    @RolesAllowed(Role.VIEWER)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response unwatch(@PathParam("id") long id, @RestForm String back) {
        watches.remove(user(), id);
        return Response.seeOther(URI.create(back(back, "unwatched"))).build();
    }

    /** Where the digest goes; a refused change re-renders the page with the reasons and the form as typed. */
    @POST
    @Path("settings")
    @RolesAllowed(Role.VIEWER)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response settings(@RestForm String email, @RestForm String webhookUrl, @RestForm String webhookSecret,
                             @RestForm String language, @RestForm String removeWebhook) {
        boolean remove = removeWebhook != null && !removeWebhook.isBlank();
        try {
            notifications.update(user(), new NotificationService.Change(true, blankToNull(email), true,
                    remove ? null : blankToNull(webhookUrl), !remove && webhookSecret != null && !webhookSecret.isEmpty(),
                    webhookSecret, true, blankToNull(language)));
        } catch (ApiException e) {
            if (e.status() != 400) {
                throw e;
            }
            DigestPageView.SettingsForm typed = new DigestPageView.SettingsForm(nz(email), nz(webhookUrl), nz(language));
            return Response.status(400).type(MediaType.TEXT_HTML_TYPE).entity(render(0, typed, errors(e), null)).build();
        }
        return Response.seeOther(URI.create("/digest?notice=settings#settings")).build();
    }

    private TemplateInstance render(int page, DigestPageView.SettingsForm typed, List<FieldError> errors, String notice) {
        String user = user();
        NotificationService.SettingsView settings = notifications.get(user);
        DigestPageView.SettingsForm form = typed != null ? typed : new DigestPageView.SettingsForm(
                nz(settings.email()), nz(settings.webhookUrl()), nz(settings.language()));
        Page<DigestService.DigestView> list = digests.list(user, page, PER_PAGE);
        List<DigestPageView.Card> cards = new ArrayList<>();
        for (DigestService.DigestView d : list.items()) {
            cards.add(new DigestPageView.Card(d, DigestMail.groups(d.items())));
        }
        boolean older = (long) (page + 1) * PER_PAGE < list.total();
        String shownNotice = notice != null && List.of("settings", "watched", "unwatched").contains(notice) ? notice : null;
        DigestPageView view = new DigestPageView(watches.list(user), settings, form, errors, cards, page, older,
                shownNotice, schedule(cron), PanelClock.zone().getId());
        return Pages.render(Templates.digest(ctx, view), ctx);
    }

    /** "07:00" for a daily cron with fixed second, minute and hour; the expression otherwise; null when off. */
    static String schedule(String cron) {
        if (cron == null || cron.isBlank() || cron.strip().equalsIgnoreCase("off") || cron.strip().equalsIgnoreCase("disabled")) {
            return null;
        }
        String[] f = cron.strip().split("\\s+");
        if (f.length >= 6 && f[0].matches("\\d+") && f[1].matches("\\d+") && f[2].matches("\\d+")
                && f[3].equals("*") && f[4].equals("*") && (f[5].equals("?") || f[5].equals("*"))) {
            return String.format("%02d:%02d", Integer.parseInt(f[2]), Integer.parseInt(f[1]));
        }
        return cron.strip();
    }

    /** A page of this service to go back to (a path, never another site); else the digest page. */
    static String back(String back, String notice) {
        if (back != null) {
            String b = back.strip();
            if (b.startsWith("/") && !b.startsWith("//") && !b.contains("\\") && b.chars().noneMatch(ch -> ch < 0x20)
                    && !b.startsWith("/digest/")) {
                return b;
            }
        }
        return "/digest?notice=" + notice;
    }

    private static List<FieldError> errors(ApiException e) {
        var problem = e.toProblem();
        return problem.errors() == null || problem.errors().isEmpty() ? List.of(FieldError.field("", e.getMessage()))
                : problem.errors();
    }

    private String user() {
        return identity.getPrincipal().getName();
    }

    private static int parsePage(String value) {
        try {
            return value == null || value.isBlank() ? 0 : Math.max(0, Math.min(10_000, Integer.parseInt(value.strip())));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
