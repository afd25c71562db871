package org.dealerpanel.web.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.dealerpanel.account.service.CohortService;
import org.dealerpanel.account.service.CohortService.CohortSummary;
import org.dealerpanel.activity.service.ActivityService;
import org.dealerpanel.common.ApiException;
import org.dealerpanel.lexicon.TermCategory;
import org.dealerpanel.report.service.CohortComparison;
import org.dealerpanel.report.service.MatchReports.CategoryShares;
import org.dealerpanel.report.service.MatchReports.Concentration;
import org.dealerpanel.report.service.MatchReports.Month;
import org.dealerpanel.report.service.MatchReports.MonthlyTrend;
import org.dealerpanel.report.service.ReportCsv;
import org.dealerpanel.report.service.ReportService;
import org.dealerpanel.security.Role;
import org.dealerpanel.web.Pages;
import org.dealerpanel.web.WebContext;
import org.dealerpanel.web.i18n.AppMessages;
import org.dealerpanel.web.i18n.ReportMessages;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The analysts' report pages: cohort comparison, category shares, monthly trend with concentration, each with a
 * CSV download of the same report (the bytes the API answers to {@code Accept: text/csv}). Bad input is shown on
 * the page in words; the CSV routes answer it as 400 text/plain.
 */
@Path("/reports")
public class ReportPageResource {
    static final int DEFAULT_TOP = 10;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance cohort(WebContext ctx, CohortReportView view);

        static native TemplateInstance categories(WebContext ctx, CategoriesView view);

        static native TemplateInstance trend(WebContext ctx, TrendView view);
    }

    @Inject
    WebContext ctx;
    @Inject
    ReportService reports;
    @Inject
    CohortService cohorts;
    @Inject
    ObjectMapper json;
    @Inject
    ReportMessages rptEn;
    @Inject
    @Localized("zh-CN")
    ReportMessages rptZh;
    @Inject
    AppMessages msgEn;
    @Inject
    @Localized("zh-CN")
    AppMessages msgZh;

    // ---------------------------------------------------------------- cohort comparison

    /** A checked cohort-comparison request: the form to show again, and the parsed dates when all is well. */
    record CohortRequest(CohortForm form, FormCheck check, LocalDate baselineFrom, LocalDate baselineTo,
                         LocalDate followupFrom, LocalDate followupTo) {
        boolean ready() {
            return form.cohort() != null && check.ok();
        }
    }

    @GET
    @Path("cohort")
    @RolesAllowed(Role.VIEWER)
    @Produces("text/html")
    @Operation(hidden = true)
    public TemplateInstance cohort(@RestQuery String cohort, @RestQuery String baselineFrom, @RestQuery String baselineTo,
                                   @RestQuery String followupFrom, @RestQuery String followupTo) {
        List<CohortSummary> all = cohorts.list();
        CohortRequest req = cohortRequest(all, cohort, baselineFrom, baselineTo, followupFrom, followupTo);
        CohortComparison report = reportOrError(req.ready(), req.check().errors, () -> reports.cohortComparison(
                req.form().cohort(), req.baselineFrom(), req.baselineTo(), req.followupFrom(), req.followupTo()));
        return Pages.render(Templates.cohort(ctx, new CohortReportView(req.form(), req.check().errors, all, report,
                report == null ? null : cohortChart(report))), ctx);
    }

    @GET
    @Path("cohort.csv")
    @RolesAllowed(Role.VIEWER)
    @Produces({"text/csv", "text/plain"})
    @Operation(hidden = true)
    public Response cohortCsv(@RestQuery String cohort, @RestQuery String baselineFrom, @RestQuery String baselineTo,
                              @RestQuery String followupFrom, @RestQuery String followupTo) {
        CohortRequest req = cohortRequest(cohorts.list(), cohort, baselineFrom, baselineTo, followupFrom, followupTo);
        if (req.form().cohort() == null) {
            req.check().errors.add(messages().error_required(messages().field_cohort()));
        }
        return csvOrBadRequest(req.ready(), req.check().errors, () -> ReportCsv.cohortComparison(reports.cohortComparison(
                req.form().cohort(), req.baselineFrom(), req.baselineTo(), req.followupFrom(), req.followupTo())));
    }

    private CohortRequest cohortRequest(List<CohortSummary> all, String cohort, String baselineFrom, String baselineTo,
                                        String followupFrom, String followupTo) {
        ReportMessages m = messages();
        FormCheck check = new FormCheck(m);
        CohortForm form = new CohortForm(FormCheck.blankToNull(cohort), FormCheck.blankToNull(baselineFrom),
                FormCheck.blankToNull(baselineTo), FormCheck.blankToNull(followupFrom), FormCheck.blankToNull(followupTo));
        if (form.cohort() == null) {
            return new CohortRequest(form, check, null, null, null, null);
        }
        String name = form.cohort();
        if (all.stream().noneMatch(c -> c.name().equals(name))) {
            check.errors.add(m.error_unknown_cohort(name));
            return new CohortRequest(form, check, null, null, null, null);
        }
        if (form.windowsEmpty()) {
            Optional<ReportService.Windows> proposed = reports.suggestedWindows(form.cohort());
            if (proposed.isEmpty()) {
                check.errors.add(m.error_no_observations(form.cohort()));
                return new CohortRequest(form, check, null, null, null, null);
            }
            ReportService.Windows w = proposed.get();
            form = new CohortForm(form.cohort(), w.baselineFrom().toString(), w.baselineTo().toString(),
                    w.followupFrom().toString(), w.followupTo().toString());
        }
        LocalDate bf = check.date(m.label_baseline_from(), form.baselineFrom(), true);
        LocalDate bt = check.date(m.label_baseline_to(), form.baselineTo(), true);
        LocalDate ff = check.date(m.label_followup_from(), form.followupFrom(), true);
        LocalDate ft = check.date(m.label_followup_to(), form.followupTo(), true);
        check.window(m.label_baseline_to(), bf, bt);
        check.window(m.label_followup_to(), ff, ft);
        return new CohortRequest(form, check, bf, bt, ff, ft);
    }

    private String cohortChart(CohortComparison r) {
        ReportMessages m = messages();
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("title", m.chart_cohort_title());
        chart.put("windows", List.of(m.chart_baseline(r.baselineWindow().from(), r.baselineWindow().to()),
                m.chart_followup(r.followupWindow().from(), r.followupWindow().to())));
        chart.put("metrics", List.of(
                Map.of("name", m.metric_posts_per_day(), "values", values(r.baselineOfActive().postsPerDay(), r.followup().postsPerDay())),
                Map.of("name", m.metric_images_per_day(), "values", values(r.baselineOfActive().imagesPerDay(), r.followup().imagesPerDay()))));
        return toJson(chart);
    }

    private static List<Double> values(Double before, Double after) {
        List<Double> values = new ArrayList<>();
        values.add(before);
        values.add(after);
        return values;
    }

    // ---------------------------------------------------------------- category shares

    /** A checked request of the categories or trend page. */
    record MatchRequest(MatchForm form, FormCheck check, LocalDate from, LocalDate to, LocalDate event, int top) {
    }

    @GET
    @Path("categories")
    @RolesAllowed(Role.VIEWER)
    @Produces("text/html")
    @Operation(hidden = true)
    public TemplateInstance categories(@RestQuery String from, @RestQuery String to, @RestQuery String cohort,
                                       @RestQuery String event) {
        List<CohortSummary> all = cohorts.list();
        MatchRequest req = matchRequest(all, from, to, cohort, event, null);
        CategoryShares report = reportOrError(req.check().ok(), req.check().errors,
                () -> reports.categoryShares(req.from(), req.to(), req.form().cohort(), req.event()));
        return Pages.render(Templates.categories(ctx, new CategoriesView(req.form(), req.check().errors, all, report,
                report == null ? null : categoriesChart(report))), ctx);
    }

    @GET
    @Path("categories.csv")
    @RolesAllowed(Role.VIEWER)
    @Produces({"text/csv", "text/plain"})
    @Operation(hidden = true)
    public Response categoriesCsv(@RestQuery String from, @RestQuery String to, @RestQuery String cohort,
                                  @RestQuery String event) {
        return matchCsv(matchRequest(cohorts.list(), from, to, cohort, event, null), req ->
                ReportCsv.categoryShares(reports.categoryShares(req.from(), req.to(), req.form().cohort(), req.event())));
    }

    /** A CSV of a match report: the checked request's errors as a 400, else the report the service makes. */
    private Response matchCsv(MatchRequest req, java.util.function.Function<MatchRequest, ReportCsv.Csv> report) {
        return csvOrBadRequest(req.check().ok(), req.check().errors, () -> report.apply(req));
    }

    private static Response csvOrBadRequest(boolean ready, List<String> errors, Supplier<ReportCsv.Csv> report) {
        if (!ready) {
            return badRequest(errors);
        }
        try {
            return csv(report.get());
        } catch (ApiException e) {
            return badRequest(List.of(e.getMessage()));
        }
    }

    /** The report when the request is ready, else null; a refusal by the service joins the page's errors. */
    private static <T> T reportOrError(boolean ready, List<String> errors, Supplier<T> report) {
        if (!ready) {
            return null;
        }
        try {
            return report.get();
        } catch (ApiException e) {
            errors.add(e.getMessage());
            return null;
        }
    }

    private String categoriesChart(CategoryShares r) {
        ReportMessages m = messages();
        AppMessages names = ctx.isChinese() ? msgZh : msgEn;
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("title", m.matched_posts());
        chart.put("pctSuffix", m.pct("")); // " %" in English, "%" in Chinese
        chart.put("pie", r.shares().stream().map(s -> Map.of("name", names.category(s.category()), "value", s.posts())).toList());
        if (r.event() != null) {
            List<TermCategory> present = new ArrayList<>();
            for (TermCategory c : TermCategory.values()) {
                if (CategoriesView.find(r, c) != null) {
                    present.add(c);
                }
            }
            chart.put("categories", present.stream().map(names::category).toList());
            chart.put("axis", m.share_axis());
            chart.put("series", List.of(
                    Map.of("name", m.before(r.event().date()), "data", percents(r.event().before(), present)),
                    Map.of("name", m.after(r.event().date()), "data", percents(r.event().after(), present))));
        }
        return toJson(chart);
    }

    private static List<Double> percents(CategoryShares shares, List<TermCategory> categories) {
        return categories.stream().map(c -> {
            var s = CategoriesView.find(shares, c);
            return s == null ? 0.0 : Math.round(s.share() * 1000) / 10.0;
        }).toList();
    }

    // ---------------------------------------------------------------- monthly trend and concentration

    @GET
    @Path("trend")
    @RolesAllowed(Role.VIEWER)
    @Produces("text/html")
    @Operation(hidden = true)
    public TemplateInstance trend(@RestQuery String from, @RestQuery String to, @RestQuery String cohort,
                                  @RestQuery String event, @RestQuery String top) {
        List<CohortSummary> all = cohorts.list();
        MatchRequest req = matchRequest(all, from, to, cohort, event, top);
        MonthlyTrend trend = reportOrError(req.check().ok(), req.check().errors,
                () -> reports.monthlyTrend(req.from(), req.to(), req.form().cohort(), req.event()));
        Concentration concentration = trend == null ? null : reportOrError(true, req.check().errors,
                () -> reports.concentration(req.from(), req.to(), req.form().cohort(), req.event(), req.top()));
        if (concentration == null) {
            trend = null; // both or neither: the page shows the errors instead
        }
        return Pages.render(Templates.trend(ctx, new TrendView(req.form(), req.check().errors, all, trend, concentration,
                trend == null ? null : trendChart(trend))), ctx);
    }

    @GET
    @Path("trend.csv")
    @RolesAllowed(Role.VIEWER)
    @Produces({"text/csv", "text/plain"})
    @Operation(hidden = true)
    public Response trendCsv(@RestQuery String from, @RestQuery String to, @RestQuery String cohort,
                             @RestQuery String event) {
        return matchCsv(matchRequest(cohorts.list(), from, to, cohort, event, null), req ->
                ReportCsv.monthlyTrend(reports.monthlyTrend(req.from(), req.to(), req.form().cohort(), req.event())));
    }

    @GET
    @Path("concentration.csv")
    @RolesAllowed(Role.VIEWER)
    @Produces({"text/csv", "text/plain"})
    @Operation(hidden = true)
    public Response concentrationCsv(@RestQuery String from, @RestQuery String to, @RestQuery String cohort,
                                     @RestQuery String event, @RestQuery String top) {
        return matchCsv(matchRequest(cohorts.list(), from, to, cohort, event, top), req ->
                ReportCsv.concentration(reports.concentration(req.from(), req.to(), req.form().cohort(), req.event(), req.top())));
    }

    private String trendChart(MonthlyTrend r) {
        ReportMessages m = messages();
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("months", r.months().stream().map(Month::month).toList());
        chart.put("axis", m.posts_axis());
        chart.put("series", List.of(
                Map.of("name", m.col_new_posts(), "type", "bar", "data", r.months().stream().map(Month::newPosts).toList()),
                Map.of("name", m.col_matched_posts(), "type", "line", "data", r.months().stream().map(Month::matchedPosts).toList())));
        if (r.event() != null) {
            // where the event day falls on the month axis: month i spans i - 0.5 .. i + 0.5
            LocalDate day = r.event().date();
            int index = r.months().stream().map(Month::month).toList().indexOf(day.toString().substring(0, 7));
            double position = index - 0.5 + (day.getDayOfMonth() - 1) / (double) day.lengthOfMonth();
            chart.put("event", Map.of("month", day.toString().substring(0, 7), "position", position,
                    "label", m.event_marker(day)));
        }
        return toJson(chart);
    }

    // ---------------------------------------------------------------- shared

    /**
     * Reads from, to, cohort, event and top. Without any date the period is the last twelve months: the first day of
     * the month eleven months before yesterday's, to yesterday.
     */
    private MatchRequest matchRequest(List<CohortSummary> all, String from, String to, String cohort, String event,
                                      String top) {
        ReportMessages m = messages();
        FormCheck check = new FormCheck(m);
        MatchForm form = new MatchForm(FormCheck.blankToNull(from), FormCheck.blankToNull(to), FormCheck.blankToNull(cohort),
                FormCheck.blankToNull(event), FormCheck.blankToNull(top));
        if (form.from() == null && form.to() == null) {
            LocalDate yesterday = ActivityService.yesterday();
            form = new MatchForm(yesterday.withDayOfMonth(1).minusMonths(11).toString(), yesterday.toString(),
                    form.cohort(), form.event(), form.top());
        }
        if (form.cohort() != null) {
            String name = form.cohort();
            if (all.stream().noneMatch(c -> c.name().equals(name))) {
                check.errors.add(m.error_unknown_cohort(name));
            }
        }
        LocalDate f = check.date(m.field_from(), form.from(), true);
        LocalDate t = check.date(m.field_to(), form.to(), true);
        LocalDate e = check.date(m.label_event(), form.event(), false);
        check.window(m.field_to(), f, t);
        check.event(m.label_event(), e, f, t);
        int n = check.top(m.field_top(), form.top(), DEFAULT_TOP);
        return new MatchRequest(form, check, f, t, e, n);
    }

    private ReportMessages messages() {
        return ctx.isChinese() ? rptZh : rptEn;
    }

    private static Response csv(ReportCsv.Csv csv) {
        return Response.ok(csv.body(), ReportCsv.MEDIA_TYPE).header("Content-Disposition", csv.contentDisposition()).build();
    }

    private static Response badRequest(List<String> errors) {
        return Response.status(400).type("text/plain; charset=UTF-8").entity(String.join("\n", errors) + "\n").build();
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
