package org.dealerpanel.web.collection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dealerpanel.activity.ActivityRules;
import org.dealerpanel.collection.service.CoverageCsv;
import org.dealerpanel.collection.service.CoverageService;
import org.dealerpanel.collection.service.CoverageService.CoverageRow;
import org.dealerpanel.collection.service.DueService;
import org.dealerpanel.collection.service.PlanService;
import org.dealerpanel.common.ApiException;
import org.dealerpanel.common.FieldError;
import org.dealerpanel.common.PanelClock;
import org.dealerpanel.observation.service.ObservationService;
import org.dealerpanel.security.Role;
import org.dealerpanel.web.Pages;
import org.dealerpanel.web.WebContext;
import org.dealerpanel.web.i18n.CollectionMessages;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The monitor's day: the accounts due on a local day whose observation is still missing (the signed-in user's own
 * first), the accounts heading for UNKNOWN, and how well the schedule was kept over 30 and 90 days per cohort and per
 * assignee. Investigators record a missing observation from its row and set the cohorts' cadences.
 */
@Path("/today")
public class TodayPageResource {
    static final int PAGE_SIZE = 50;
    /** Columns of a due row (an investigator's has one more, the record form). */
    static final int COLUMNS = 7;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance today(WebContext ctx, TodayView view);

        static native TemplateInstance row(WebContext ctx, RowView rv, DueService.DueRow r);

        static native TemplateInstance coverage(WebContext ctx, CoverageView view);

        static native TemplateInstance recorded(WebContext ctx, RowView rv, long accountId, String handle, String text);
    }

    @Inject
    WebContext ctx;
    @Inject
    ColText text;
    @Inject
    DueService due;
    @Inject
    CoverageService coverage;
    @Inject
    PlanService plans;
    @Inject
    ObservationService observations;
    @Inject
    ActivityRules rules;
    @Inject
    ObjectMapper json;

    @GET
    @RolesAllowed(Role.VIEWER)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response page(@RestQuery String date, @RestQuery String who, @RestQuery String cohort,
                         @RestQuery String page, @RestQuery String size, @RestQuery String notice) {
        List<String> errors = new ArrayList<>();
        LocalDate day = parseDate(date, errors);
        return render(day, blank(who), blank(cohort), intOr(page, 0, 0, 100_000), intOr(size, PAGE_SIZE, 1, 500),
                errors, blank(notice), 200);
    }

    /** Records the observation of a due row; with htmx, answers the row (recorded, or with its error). */
    @POST
    @Path("observe")
    @RolesAllowed(Role.INVESTIGATOR)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response observe(@RestForm String accountId, @RestForm String date, @RestForm String posts,
                            @RestForm String images, @HeaderParam("HX-Request") String hx) {
        CollectionMessages m = text.get();
        List<String> errors = new ArrayList<>();
        long id;
        try {
            id = Long.parseLong(accountId == null ? "" : accountId.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badField("accountId", "must be an account id");
        }
        LocalDate day = parseDate(date, errors);
        Integer p = count("posts", posts, m.rec_posts(), errors);
        Integer i = count("images", images, m.rec_images(), errors);
        if (errors.isEmpty() && day.isAfter(ObservationService.latestAllowedDay())) {
            errors.add(m.err_future());
        }
        if (errors.isEmpty()) {
            try {
                ObservationService.PutResult result = observations.put(id, day, p, i, "today");
                if (hx == null) {
                    return Response.seeOther(URI.create("/today?date=" + day + "&notice=recorded")).build();
                }
                String handle = handleOf(id, day);
                return html(Templates.recorded(ctx, rowView(day, null), id, handle,
                        m.recorded(result.observation().posts(), result.observation().images(), day)), 200);
            } catch (ApiException e) {
                if (e.status() == 404) {
                    throw e;
                }
                errors.addAll(messages(e));
            }
        }
        String error = String.join(" ", errors);
        if (hx == null) {
            return render(day, null, null, 0, PAGE_SIZE, errors, null, 400);
        }
        List<DueService.DueRow> rows = due.due(new DueService.Query(day, ctx.user(), null, false, null, null, id, 0, 1)).items();
        if (rows.isEmpty()) {
            return html(Templates.recorded(ctx, rowView(day, error), id, handleOf(id, day), m.recorded_gone()), 200);
        }
        return html(Templates.row(ctx, rowView(day, error), rows.get(0)), 200);
    }

    @POST
    @Path("cohort-cadence")
    @RolesAllowed(Role.INVESTIGATOR)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response cohortCadence(@RestForm String cohort, @RestForm String cadenceDays, @RestForm String date) {
        CollectionMessages m = text.get();
        List<String> errors = new ArrayList<>();
        LocalDate day = parseDate(date, errors);
        Integer cadence = CadenceField.parse(cadenceDays, m, errors);
        if (cohort == null || cohort.isBlank()) {
            errors.add(m.err_cohort(""));
        }
        if (errors.isEmpty()) {
            try {
                plans.setCohortCadence(cohort.strip(), cadence);
                return Response.seeOther(URI.create("/today?date=" + day + "&notice=cadence")).build();
            } catch (ApiException e) {
                errors.addAll(e.status() == 404 ? List.of(m.err_cohort(cohort.strip())) : messages(e));
            }
        }
        return render(day, null, null, 0, PAGE_SIZE, errors, null, 400);
    }

    /** The coverage card of a day (as of the day before), loaded into the page after it (it may take seconds). */
    @GET
    @Path("coverage")
    @RolesAllowed(Role.VIEWER)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response coverageCard(@RestQuery String date) {
        LocalDate day = parseDate(date, new ArrayList<>());
        CoverageService.Coverage cov = coverage.cachedCoverage(day.minusDays(1));
        CoverageView view = new CoverageView(cov, chart(cov.cohorts(), cov.total(), false), chart(cov.assignees(), null, true));
        return html(Templates.coverage(ctx, view), 200);
    }

    @GET
    @Path("coverage.csv")
    @RolesAllowed(Role.VIEWER)
    @Produces("text/csv")
    @Operation(hidden = true)
    public Response coverageCsv(@RestQuery String asOf) {
        List<String> errors = new ArrayList<>();
        LocalDate day = asOf == null || asOf.isBlank() ? PanelClock.yesterday() : parseDate(asOf, errors);
        if (!errors.isEmpty()) {
            throw ApiException.badField("asOf", "must be an ISO-8601 date (yyyy-mm-dd)");
        }
        CoverageService.Coverage c = coverage.cachedCoverage(day);
        return Response.ok('\ufeff' + CoverageCsv.of(c), CoverageCsv.MEDIA_TYPE)
                .header("Content-Disposition", "attachment; filename=\"coverage-" + c.asOf() + ".csv\"").build();
    }

    private Response render(LocalDate day, String who, String cohort, int page, int size, List<String> errors,
                            String notice, int status) {
        CollectionMessages m = text.get();
        String assignedTo = null;
        boolean unassigned = false;
        String whoValue = who == null ? "" : who;
        if ("mine".equals(whoValue)) {
            assignedTo = ctx.user();
        } else if ("none".equals(whoValue)) {
            unassigned = true;
        } else if (!whoValue.isEmpty()) {
            assignedTo = whoValue;
        }
        List<PlanService.CohortSchedule> cohorts = plans.cohorts();
        String asked = cohort;
        if (asked != null && cohorts.stream().noneMatch(c -> c.cohort().equals(asked))) {
            errors.add(m.err_cohort(cohort));
            cohort = null;
        }
        DueService.DueList list;
        CoverageService.AtRiskList risk;
        try {
            list = due.due(new DueService.Query(day, ctx.user(), assignedTo, unassigned, cohort, null, null, page, size));
            risk = coverage.headingForUnknown(day, null, cohort, assignedTo);
        } catch (ApiException e) {
            // an unknown user in the filter: the whole list, and say so
            errors.add(m.err_assignee(whoValue));
            whoValue = "";
            list = due.due(new DueService.Query(day, ctx.user(), null, false, cohort, null, null, page, size));
            risk = coverage.headingForUnknown(day, null, cohort, null);
        }
        TodayView view = new TodayView(day, PanelClock.today(), whoValue, cohort == null ? "" : cohort, page, size,
                list, risk, cohorts, plans.assignableUsers(), errors, notice, rules.dormantAfterDays(),
                Math.round(rules.minCoverage() * 100) + " %", rowView(day, null));
        return html(Templates.today(ctx, view), status);
    }

    private RowView rowView(LocalDate day, String error) {
        return new RowView(day, coverage.warnDays(), ctx.isInvestigator() ? COLUMNS + 1 : COLUMNS,
                rules.minObservedDays(), rules.recentWindowDays(), error);
    }

    /** The chart's data: one bar per group and window (coverage in %), labels from the bundle. */
    private String chart(List<CoverageRow> rows, CoverageRow total, boolean assignees) {
        CollectionMessages m = text.get();
        List<String> names = new ArrayList<>();
        List<Double> d30 = new ArrayList<>();
        List<Double> d90 = new ArrayList<>();
        List<CoverageRow> all = new ArrayList<>(rows);
        if (total != null) {
            all.add(total);
        }
        for (CoverageRow r : all) {
            names.add(r.kind() == CoverageService.Kind.TOTAL ? m.whole_panel()
                    : assignees && r.name() == null ? m.unassigned() : r.name());
            d30.add(percent(r.last30().coverage()));
            d90.add(percent(r.last90().coverage()));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("names", names);
        data.put("series", List.of(Map.of("name", m.chart_30(), "data", d30), Map.of("name", m.chart_90(), "data", d90)));
        data.put("axis", m.chart_axis());
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Double percent(Double share) {
        return share == null ? null : Math.round(share * 1000) / 10.0;
    }

    private String handleOf(long id, LocalDate day) {
        return plans.handle(id);
    }

    private Response html(TemplateInstance page, int status) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE).entity(Pages.render(page, ctx)).build();
    }

    private LocalDate parseDate(String value, List<String> errors) {
        if (value == null || value.isBlank()) {
            return PanelClock.today();
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            errors.add(text.get().err_date(value.strip()));
            return PanelClock.today();
        }
    }

    private Integer count(String field, String value, String label, List<String> errors) {
        String v = value == null ? "" : value.strip();
        if (!v.matches("[0-9]{1,9}") || Long.parseLong(v) > ObservationService.MAX_COUNT) {
            errors.add(text.get().err_count(label));
            return null;
        }
        return Integer.parseInt(v);
    }

    /** The messages of a refused write, in words of the page's language where the field is known. */
    private List<String> messages(ApiException e) {
        CollectionMessages m = text.get();
        List<String> out = new ArrayList<>();
        List<FieldError> fields = e.toProblem().errors();
        if (fields == null || fields.isEmpty()) {
            out.add(e.getMessage());
            return out;
        }
        for (FieldError f : fields) {
            String field = f.field() == null ? "" : f.field();
            out.add(switch (field) {
                case "cadenceDays" -> m.err_cadence(PlanService.MIN_CADENCE, PlanService.MAX_CADENCE);
                case "posts" -> m.err_count(m.rec_posts());
                case "images" -> m.err_count(m.rec_images());
                case "date" -> m.err_future();
                default -> field.isEmpty() ? f.message() : field + ": " + f.message();
            });
        }
        return out;
    }

    private static int intOr(String value, int fallback, int min, int max) {
        try {
            return value == null || value.isBlank() ? fallback : Math.max(min, Math.min(max, Integer.parseInt(value.strip())));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
