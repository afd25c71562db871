package org.dealerpanel.web.account;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dealerpanel.account.service.DealerService;
import org.dealerpanel.activity.service.ActivityService;
import org.dealerpanel.common.ApiException;
import org.dealerpanel.security.Role;
import org.dealerpanel.watchlist.service.AccountDetailService;
import org.dealerpanel.watchlist.service.AccountDetailService.DailySeries;
import org.dealerpanel.watchlist.service.AccountDetailService.ObservedRange;
import org.dealerpanel.watchlist.service.WatchlistRow;
import org.dealerpanel.watchlist.service.WatchlistService;
import org.dealerpanel.web.Pages;
import org.dealerpanel.web.WebContext;
import org.dealerpanel.web.i18n.AccountMessages;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** A dealer and all its accounts side by side: one table, and one line per account in the charts. */
@Path("/dealers")
public class DealerPageResource {
    @CheckedTemplate
    static class Templates {
        static native TemplateInstance dealer(WebContext ctx, DealerPageView view);
    }

    @Inject
    WebContext ctx;
    @Inject
    PageMessages messages;
    @Inject
    DealerService dealers;
    @Inject
    WatchlistService watchlist;
    @Inject
    AccountDetailService details;
    @Inject
    ObjectMapper json;

    @GET
    @Path("{id}")
    @RolesAllowed(Role.VIEWER)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response page(@PathParam("id") long id) {
        DealerService.DealerView dealer;
        try {
            dealer = dealers.get(id);
        } catch (ApiException e) {
            if (e.status() == 404) {
                return Response.status(404).type(MediaType.TEXT_HTML_TYPE).entity(Pages.render(
                        AccountPageResource.Templates.missing(ctx, messages.acct().dealer_not_found(id)), ctx)).build();
            }
            throw e;
        }
        List<Long> ids = dealer.accounts().stream().map(DealerService.OwnedAccount::id).toList();
        List<WatchlistRow> rows = watchlist.rowsOf(ids);
        LocalDate yesterday = ActivityService.yesterday();
        ObservedRange range = ObservedRange.NONE;
        for (ObservedRange r : details.observedRanges(ids).values()) {
            range = range.union(r);
        }
        LocalDate to = yesterday;
        LocalDate from = yesterday.minusDays(364);
        if (!range.isEmpty() && range.last().isBefore(from)) {
            to = range.last();
            from = to.minusDays(730).isBefore(range.first()) ? range.first() : to.minusDays(730);
        }
        Map<Long, DailySeries> series = details.daily(ids, from, to);
        List<String> names = new ArrayList<>();
        List<DailySeries> list = new ArrayList<>();
        for (WatchlistRow row : rows) {
            names.add(row.account().platform() + " / " + row.account().handle());
            list.add(series.get(row.account().id()));
        }
        AccountMessages acct = messages.acct();
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("posts", acct.chart_posts());
        labels.put("images", acct.chart_images());
        labels.put("axis", acct.chart_axis());
        String chart = new Timeline(from, to).jsonMany(json, names, list, labels);
        DealerPageView view = new DealerPageView(dealer, rows, yesterday, from, to, chart,
                details.firstSnapshotDays(ids));
        return Response.ok(Pages.render(Templates.dealer(ctx, view), ctx)).type(MediaType.TEXT_HTML_TYPE).build();
    }
}
