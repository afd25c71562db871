package org.dealerpanel.web.account;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dealerpanel.account.PlatformState;
import org.dealerpanel.account.service.AccountService;
import org.dealerpanel.account.service.DealerService;
import org.dealerpanel.activity.ActivityRules;
import org.dealerpanel.activity.FlagType;
import org.dealerpanel.activity.service.ActivityService;
import org.dealerpanel.activity.service.ActivityView;
import org.dealerpanel.common.ApiException;
import org.dealerpanel.common.FieldError;
import org.dealerpanel.common.Page;
import org.dealerpanel.contact.service.LinkService;
import org.dealerpanel.image.service.ImageService;
import org.dealerpanel.image.service.ImageView;
import org.dealerpanel.observation.service.ObservationService;
import org.dealerpanel.observation.service.ObservationService.ObservationView;
import org.dealerpanel.post.service.PostService;
import org.dealerpanel.post.service.PostView;
import org.dealerpanel.security.Role;
import org.dealerpanel.watchlist.service.AccountDetailService;
import org.dealerpanel.watchlist.service.AccountDetailService.DailySeries;
import org.dealerpanel.watchlist.service.AccountDetailService.ObservedRange;
import org.dealerpanel.watchlist.service.AccountDetailService.StatusChange;
import org.dealerpanel.watchlist.service.AccountView;
import org.dealerpanel.watchlist.service.WatchlistRow;
import org.dealerpanel.watchlist.service.WatchlistService;
import org.dealerpanel.web.Pages;
import org.dealerpanel.web.WebContext;
import org.dealerpanel.web.i18n.AccountMessages;
import org.dealerpanel.web.i18n.AppMessages;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The account page: facts, dealer, linked accounts, a timeline of daily posts and images with status changes and
 * flags marked, the evidence of status and flags in words, the images with their OCR text, the posts; and for
 * investigators, forms to enter an observation, edit the display name and notes, and set the platform state.
 */
@Path("/accounts")
public class AccountPageResource {
    static final int GALLERY_SIZE = 48;
    static final int LATEST_OBSERVATIONS = 14;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance account(WebContext ctx, AccountPageView view);

        static native TemplateInstance missing(WebContext ctx, String message);
    }

    @Inject
    WebContext ctx;
    @Inject
    PageMessages messages;
    @Inject
    AccountService accounts;
    @Inject
    DealerService dealers;
    @Inject
    WatchlistService watchlist;
    @Inject
    AccountDetailService details;
    @Inject
    ActivityService activity;
    @Inject
    LinkService links;
    @Inject
    ImageService images;
    @Inject
    PostService posts;
    @Inject
    ObservationService observations;
    @Inject
    ObjectMapper json;

    @GET
    @Path("{id}")
    @RolesAllowed(Role.VIEWER)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response page(@PathParam("id") long id, @RestQuery String from, @RestQuery String to,
                         @RestQuery("posts") String postPage, @RestQuery String notice, @RestQuery String day) {
        AccountForms forms = new AccountForms();
        forms.windowFrom = from;
        forms.windowTo = to;
        return render(id, forms, postPage, notice, day, 200);
    }

    @POST
    @Path("{id}/observations")
    @RolesAllowed(Role.INVESTIGATOR)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response addObservation(@PathParam("id") long id, @RestForm String date, @RestForm String posts,
                                   @RestForm String images) {
        AccountForms forms = new AccountForms();
        forms.obsDate = date;
        forms.obsPosts = posts;
        forms.obsImages = images;
        AccountMessages acct = messages.acct();
        LocalDate day = parseDate("date", date, true, forms.obsErrors);
        if (day != null && day.isAfter(ObservationService.latestAllowedDay())) {
            forms.obsErrors.add(new FormError("date", acct.err_future()));
        }
        Integer p = parseCount("posts", posts, forms.obsErrors);
        Integer i = parseCount("images", images, forms.obsErrors);
        if (forms.obsErrors.isEmpty()) {
            try {
                ObservationService.PutResult result = observations.put(id, day, p, i, "page");
                String notice = result.created() ? "obs-created" : result.changed() ? "obs-updated" : "obs-unchanged";
                return redirect(id, "notice=" + notice + "&day=" + day);
            } catch (ApiException e) {
                rethrowIfNotFound(e);
                forms.obsErrors.addAll(errorsOf(e));
            }
        }
        return render(id, forms, null, null, null, 400);
    }

    @POST
    @Path("{id}/details")
    @RolesAllowed(Role.INVESTIGATOR)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response editDetails(@PathParam("id") long id, @RestForm String displayName, @RestForm String notes) {
        AccountForms forms = new AccountForms();
        forms.displayName = displayName;
        forms.notes = notes;
        AccountMessages acct = messages.acct();
        if (displayName != null && displayName.strip().length() > 200) {
            forms.detailsErrors.add(new FormError("displayName", acct.err_too_long(200)));
        }
        if (notes != null && notes.length() > 20_000) {
            forms.detailsErrors.add(new FormError("notes", acct.err_too_long(20_000)));
        }
        if (forms.detailsErrors.isEmpty()) {
            try {
                accounts.updateDetails(id, displayName, notes);
                return redirect(id, "notice=details");
            } catch (ApiException e) {
                rethrowIfNotFound(e);
                forms.detailsErrors.addAll(errorsOf(e));
            }
        }
        return render(id, forms, null, null, null, 400);
    }

    @POST
    @Path("{id}/platform-state")
    @RolesAllowed(Role.INVESTIGATOR)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response setPlatformState(@PathParam("id") long id, @RestForm String state, @RestForm String since) {
        AccountForms forms = new AccountForms();
        forms.state = state;
        forms.since = since;
        AccountMessages acct = messages.acct();
        PlatformState platformState = null;
        if (state == null || state.isBlank()) {
            forms.stateErrors.add(new FormError("platformState", acct.err_required()));
        } else {
            try {
                platformState = PlatformState.valueOf(state.strip());
            } catch (IllegalArgumentException e) {
                forms.stateErrors.add(new FormError("platformState", acct.err_required()));
            }
        }
        LocalDate sinceDay = parseDate("platformStateSince", since, false, forms.stateErrors);
        if (sinceDay != null && sinceDay.isAfter(ActivityService.yesterday().plusDays(1))) {
            forms.stateErrors.add(new FormError("platformStateSince", acct.err_future()));
        }
        if (forms.stateErrors.isEmpty()) {
            try {
                accounts.setPlatformState(id, platformState, sinceDay);
                return redirect(id, "notice=state");
            } catch (ApiException e) {
                rethrowIfNotFound(e);
                forms.stateErrors.addAll(errorsOf(e));
            }
        }
        return render(id, forms, null, null, null, 400);
    }

    /** The stored bytes of an image of this account, for the gallery's thumbnails and the full view. */
    @GET
    @Path("{id}/images/{sha256}")
    @RolesAllowed(Role.VIEWER)
    @Produces({"image/png", "image/jpeg", "image/gif", "image/webp", MediaType.APPLICATION_JSON})
    @Operation(hidden = true)
    public Response image(@PathParam("id") long id, @PathParam("sha256") String sha256) {
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}") || !details.hasImage(id, sha256)) {
            throw ApiException.notFound("image " + sha256 + " of account " + id);
        }
        ImageService.Content content = images.content(sha256);
        return Response.ok(content.file().toFile(), content.mediaType())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Disposition", "inline; filename=\"" + sha256 + "\"")
                .header("Cache-Control", "private, max-age=31536000, immutable")
                .build();
    }

    private Response render(long id, AccountForms forms, String postPage, String notice, String noticeDay, int status) {
        AccountView account;
        try {
            account = watchlist.get(id);
        } catch (ApiException e) {
            if (e.status() == 404) {
                return Response.status(404).type(MediaType.TEXT_HTML_TYPE)
                        .entity(Pages.render(Templates.missing(ctx, messages.acct().account_not_found(id)), ctx)).build();
            }
            throw e;
        }
        AccountPageView view = build(account, forms, postPage, notice, noticeDay);
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE)
                .entity(Pages.render(Templates.account(ctx, view), ctx)).build();
    }

    private AccountPageView build(AccountView account, AccountForms forms, String postPageParam, String notice,
                                  String noticeDay) {
        long id = account.id();
        LocalDate asOf = ActivityService.yesterday();
        ActivityView activityView = activity.forAccount(id, asOf);
        Evidence.StatusEvidence statusEvidence = Evidence.status(activityView);
        List<Evidence.FlagEvidence> flagEvidence = Evidence.flags(account.flags());

        DealerService.DealerView dealer = account.dealerId() == null ? null : dealers.get(account.dealerId());
        List<WatchlistRow> others = dealer == null ? List.of() : watchlist.rowsOf(dealer.accounts().stream()
                .map(DealerService.OwnedAccount::id).filter(a -> a != id).toList());

        // the timeline
        ObservedRange range = details.observedRange(id);
        AccountPageView.Window window = window(id, range, asOf, forms);
        DailySeries series = details.daily(List.of(id), window.from(), window.to()).get(id);
        window = new AccountPageView.Window(window.from(), window.to(), series.length(), series.observedDays(), range,
                window.last90(), window.last365(), window.all());
        Timeline timeline = timeline(account, statusEvidence, window, activity.rules());
        String chart = timeline.json(json, series, chartLabels());

        // images and posts
        AccountDetailService.ImageList imageList = details.images(id, GALLERY_SIZE);
        List<AccountPageView.GalleryItem> gallery = new ArrayList<>();
        for (String sha : imageList.sha256s()) {
            ImageView image = images.get(sha);
            LocalDate postedOn = image.links().stream().filter(l -> l.accountId() == id && l.postedOn() != null)
                    .map(ImageView.Link::postedOn).max(LocalDate::compareTo).orElse(null);
            gallery.add(new AccountPageView.GalleryItem(image, Highlight.split(image.text(), image.matches()), postedOn,
                    "/accounts/" + id + "/images/" + sha));
        }
        int postPage = parsePage(postPageParam);
        Page<PostView> postList = posts.list(id, null, null, postPage, AccountPageView.POSTS_PER_PAGE);
        List<AccountPageView.PostItem> postItems = postList.items().stream()
                .map(p -> new AccountPageView.PostItem(p, Highlight.split(p.text(), p.matches()))).toList();

        List<ObservationView> latest = details.latestObservations(id, LATEST_OBSERVATIONS);

        // forms: what was typed, else the current values
        if (forms.obsDate == null) {
            forms.obsDate = asOf.toString();
        }
        if (forms.displayName == null && forms.notes == null) {
            forms.displayName = account.displayName() == null ? "" : account.displayName();
            forms.notes = account.notes() == null ? "" : account.notes();
        }
        if (forms.state == null) {
            forms.state = account.platformState().name();
            forms.since = account.platformStateSince() == null ? "" : account.platformStateSince().toString();
        }
        ObservationView noticeObservation = null;
        LocalDate day = safeDate(noticeDay);
        if (notice != null && day != null) {
            List<ObservationView> found = observations.list(id, day, day);
            noticeObservation = found.isEmpty() ? null : found.get(0);
        }
        LocalDate statusSince = AccountPageView.knownSince(account.statusSince(),
                details.firstSnapshotDays(List.of(id)).get(id));
        return new AccountPageView(account, asOf, statusSince, statusEvidence, flagEvidence, dealer, others, links.links(id), window,
                chart, timeline.marks(), gallery, imageList.total(), postItems, postList.total(), postPage, latest, forms,
                notice == null || notice.isBlank() ? null : notice, noticeObservation);
    }

    /**
     * The asked window if it is valid; otherwise the last 365 days ending yesterday, or, when nothing was observed
     * in those, up to two years ending on the last observed day.
     */
    private AccountPageView.Window window(long id, ObservedRange range, LocalDate yesterday, AccountForms forms) {
        LocalDate anchor = yesterday;
        LocalDate from = yesterday.minusDays(364);
        if (!range.isEmpty() && range.last().isBefore(from)) {
            anchor = range.last();
            from = range.last().minusDays(730).isBefore(range.first()) ? range.first() : range.last().minusDays(730);
        }
        LocalDate to = anchor;
        if (forms.windowFrom != null || forms.windowTo != null) {
            LocalDate askedFrom = parseDate("from", forms.windowFrom, false, forms.windowErrors);
            LocalDate askedTo = parseDate("to", forms.windowTo, false, forms.windowErrors);
            if (forms.windowErrors.isEmpty()) {
                LocalDate f = askedFrom != null ? askedFrom : (askedTo != null ? askedTo : to).minusDays(364);
                LocalDate t = askedTo != null ? askedTo : f.plusDays(364);
                long days = ChronoUnit.DAYS.between(f, t) + 1;
                if (days < 1 || days > AccountDetailService.MAX_WINDOW_DAYS) {
                    forms.windowErrors.add(new FormError("from", messages.acct().err_window(AccountDetailService.MAX_WINDOW_DAYS)));
                } else {
                    from = f;
                    to = t;
                }
            }
        }
        if (forms.windowErrors.isEmpty()) {
            forms.windowFrom = from.toString();
            forms.windowTo = to.toString();
        }
        String base = "/accounts/" + id + "?from=";
        String all = null;
        if (!range.isEmpty()) {
            LocalDate allFrom = range.first();
            if (ChronoUnit.DAYS.between(allFrom, range.last()) + 1 > AccountDetailService.MAX_WINDOW_DAYS) {
                allFrom = range.last().minusDays(AccountDetailService.MAX_WINDOW_DAYS - 1);
            }
            all = base + allFrom + "&to=" + range.last();
        }
        return new AccountPageView.Window(from, to, 0, 0, range, base + anchor.minusDays(89) + "&to=" + anchor,
                base + anchor.minusDays(364) + "&to=" + anchor, all);
    }

    private Timeline timeline(AccountView account, Evidence.StatusEvidence status, AccountPageView.Window window,
                              ActivityRules rules) {
        AccountMessages acct = messages.acct();
        AppMessages msg = messages.msg();
        Timeline t = new Timeline(window.from(), window.to());
        if (account.lastActive() != null) {
            t.line(account.lastActive(), acct.chart_last_active(), "active");
            String rule = status.countsRuleOrRule();
            if ("SILENT".equals(rule) || "SILENT_LONG".equals(rule)) {
                t.line(account.lastActive().plusDays(rules.dormantAfterDays()), acct.chart_silent(rules.dormantAfterDays()), "threshold");
            }
            if ("SILENT_LONG".equals(rule)) {
                t.line(account.lastActive().plusDays(rules.ceasedAfterDays()), acct.chart_silent(rules.ceasedAfterDays()), "threshold");
            }
        }
        for (StatusChange change : details.statusChanges(account.id())) {
            t.line(change.day(), acct.chart_status_change(msg.status(change.to())), "status");
        }
        if (account.platformStateSince() != null) {
            t.line(account.platformStateSince(), acct.chart_platform(msg.platform_state(account.platformState())), "platform");
        }
        for (ActivityView.FlagView f : account.flags()) {
            String label = acct.chart_flag(msg.flag(f.type()), msg.metric(f.metric()));
            if (f.type() == FlagType.REACTIVATED) {
                t.line(f.since(), label, "flag");
            } else {
                Object recent = f.evidence() == null ? null : f.evidence().get("recent");
                LocalDate to = recent instanceof Map<?, ?> m ? safeDate(String.valueOf(m.get("to"))) : null;
                t.area(f.since(), to != null ? to : ActivityService.yesterday(), label, f.type().name());
            }
        }
        return t;
    }

    private Map<String, String> chartLabels() {
        AccountMessages acct = messages.acct();
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("posts", acct.chart_posts());
        labels.put("images", acct.chart_images());
        labels.put("unobserved", acct.chart_unobserved());
        labels.put("axis", acct.chart_axis());
        return labels;
    }

    private LocalDate parseDate(String field, String value, boolean required, List<FormError> errors) {
        if (value == null || value.isBlank()) {
            if (required) {
                errors.add(new FormError(field, messages.acct().err_required()));
            }
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            errors.add(new FormError(field, messages.acct().err_date()));
            return null;
        }
    }

    private Integer parseCount(String field, String value, List<FormError> errors) {
        AccountMessages acct = messages.acct();
        if (value == null || value.isBlank()) {
            errors.add(new FormError(field, acct.err_required()));
            return null;
        }
        String v = value.strip();
        if (!v.matches("-?[0-9]{1,12}")) {
            errors.add(new FormError(field, acct.err_whole()));
            return null;
        }
        long n = Long.parseLong(v);
        if (n < 0) {
            errors.add(new FormError(field, acct.err_negative()));
            return null;
        }
        if (n > ObservationService.MAX_COUNT) {
            errors.add(new FormError(field, acct.err_too_large(ObservationService.MAX_COUNT)));
            return null;
        }
        return (int) n;
    }

    private static int parsePage(String value) {
        try {
            return value == null || value.isBlank() ? 0 : Math.max(0, Math.min(100_000, Integer.parseInt(value.strip())));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static LocalDate safeDate(String value) {
        try {
            return value == null || value.isBlank() || "null".equals(value) ? null : LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static List<FormError> errorsOf(ApiException e) {
        List<FormError> out = new ArrayList<>();
        var problem = e.toProblem();
        if (problem.errors() != null && !problem.errors().isEmpty()) {
            for (FieldError f : problem.errors()) {
                out.add(new FormError(f.field() == null ? "" : f.field(), f.message()));
            }
        } else {
            out.add(new FormError("", e.getMessage()));
        }
        return out;
    }

    private static void rethrowIfNotFound(ApiException e) {
        if (e.status() == 404) {
            throw e;
        }
    }

    private static Response redirect(long id, String query) {
        return Response.seeOther(URI.create("/accounts/" + id + "?" + query)).build();
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
