package org.dealerpanel.web.watchlist;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.dealerpanel.account.service.CohortService;
import org.dealerpanel.activity.ActivityStatus;
import org.dealerpanel.activity.FlagType;
import org.dealerpanel.activity.service.ActivityView.FlagView;
import org.dealerpanel.common.Params;
import org.dealerpanel.security.Role;
import org.dealerpanel.watchlist.service.WatchlistPage;
import org.dealerpanel.watchlist.service.WatchlistQuery;
import org.dealerpanel.watchlist.service.WatchlistRow;
import org.dealerpanel.watchlist.service.WatchlistService;
import org.dealerpanel.web.Pages;
import org.dealerpanel.web.WebContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestQuery;

/** The watchlist: the panel as a filtered, sorted, paged table, with counts per status and a CSV download. */
@Path("/")
public class WatchlistPageResource {
    static final List<String> PLATFORMS = List.of("wechat", "weibo", "qq", "taobao", "baidu-tieba", "xianyu");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance watchlist(WebContext ctx, WatchlistView view);
    }

    @Inject
    WebContext ctx;
    @Inject
    WatchlistService watchlist;
    @Inject
    CohortService cohorts;
    @Inject
    ObjectMapper json;

    @GET
    @RolesAllowed(Role.VIEWER)
    @Produces("text/html")
    @Operation(hidden = true)
    public TemplateInstance page(@RestQuery String platform, @RestQuery String cohort, @RestQuery String status,
                                 @RestQuery String flag, @RestQuery String q, @RestQuery String page,
                                 @RestQuery String size, @RestQuery String sort) {
        WatchlistQuery query = query(platform, cohort, status, flag, q, page, size, sort);
        WatchlistPage result = watchlist.page(query);
        List<String> cohortNames = cohorts.list().stream().map(CohortService.CohortSummary::name).toList();
        return Pages.render(Templates.watchlist(ctx, new WatchlistView(query, result, cohortNames, PLATFORMS,
                sparklines(result.rows()))), ctx);
    }

    @GET
    @Path("watchlist.csv")
    @RolesAllowed(Role.VIEWER)
    @Produces("text/csv")
    @Operation(hidden = true)
    public Response csv(@RestQuery String platform, @RestQuery String cohort, @RestQuery String status,
                        @RestQuery String flag, @RestQuery String q, @RestQuery String sort) {
        WatchlistQuery query = query(platform, cohort, status, flag, q, null, null, sort);
        StreamingOutput body = out -> {
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            writer.write('\ufeff'); // so spreadsheet programs read the Chinese as UTF-8
            try (CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setHeader("id", "platform", "handle",
                    "displayName", "dealer", "cohorts", "status", "statusSince", "flags", "lastActive", "silentDays",
                    "platformState", "posts28", "images28", "observedDays28").get())) {
                watchlist.forEachRow(query, row -> {
                    try {
                        var a = row.account();
                        csv.printRecord(a.id(), a.platform(), a.handle(), a.displayName(), row.dealerName(),
                                String.join(";", a.cohorts()), a.status(), a.statusSince(), flagsText(a.flags()),
                                a.lastActive(), a.silentDays(), a.platformState(), row.posts28(), row.images28(),
                                row.observedDays28());
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
            }
        };
        return Response.ok(body).type("text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"watchlist.csv\"").build();
    }

    private static WatchlistQuery query(String platform, String cohort, String status, String flag, String q,
                                        String page, String size, String sort) {
        return new WatchlistQuery(blankToNull(platform), blankToNull(cohort),
                Params.enumValue("status", blankToNull(status), ActivityStatus.class),
                Params.enumValue("flag", blankToNull(flag), FlagType.class), blankToNull(q),
                Params.intInRange("page", page, 0, 0, 1_000_000), Params.intInRange("size", size, 100, 1, 1000),
                blankToNull(sort));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static String flagsText(List<FlagView> flags) {
        StringBuilder sb = new StringBuilder();
        for (FlagView f : flags) {
            if (!sb.isEmpty()) {
                sb.append(';');
            }
            sb.append(f.type()).append(':').append(f.metric());
            Object ratio = f.evidence() == null ? null : f.evidence().get("ratio");
            if (ratio != null) {
                sb.append(":x").append(ratio);
            }
        }
        return sb.toString();
    }

    private String sparklines(List<WatchlistRow> rows) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (WatchlistRow row : rows) {
            data.put(String.valueOf(row.account().id()), Map.of("posts", row.dailyPosts(), "images", row.dailyImages()));
        }
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
