package org.dealerpanel.web.watchlist;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.DecimalFormat;
import java.util.List;
import org.dealerpanel.activity.ActivityStatus;
import org.dealerpanel.activity.FlagType;
import org.dealerpanel.activity.service.ActivityView.FlagView;
import org.dealerpanel.watchlist.service.WatchlistPage;
import org.dealerpanel.watchlist.service.WatchlistQuery;
import org.dealerpanel.watchlist.service.WatchlistRow;

/** What the watchlist template shows, with the links it needs (filters kept across sort, paging and CSV). */
public record WatchlistView(WatchlistQuery query, WatchlistPage page, List<String> cohorts, List<String> platforms,
                            String sparklineJson) {
    /** The panel's yesterday. */
    public java.time.LocalDate yesterday() {
        return org.dealerpanel.common.PanelClock.yesterday();
    }

    /** True while a large panel's yesterday is still being computed and the page shows the day before. */
    public boolean previousDay() {
        return page.asOf().isBefore(yesterday());
    }


    public List<WatchlistRow> rows() {
        return page.rows();
    }

    public List<Integer> sizes() {
        return List.of(25, 50, 100, 250, 500);
    }

    public ActivityStatus[] statuses() {
        return ActivityStatus.values();
    }

    public FlagType[] flagTypes() {
        return FlagType.values();
    }

    public long count(ActivityStatus status) {
        return page.countsByStatus().getOrDefault(status, 0L);
    }

    public long pages() {
        return Math.max(1, (page.total() + query.size() - 1) / query.size());
    }

    public int pageNumber() {
        return query.page() + 1;
    }

    public boolean hasPrevious() {
        return query.page() > 0;
    }

    public boolean hasNext() {
        return (long) (query.page() + 1) * query.size() < page.total();
    }

    public String statusLink(ActivityStatus status) {
        return "/?" + params(query.platform(), query.cohort(), status == null ? null : status.name(),
                query.flag() == null ? null : query.flag().name(), query.q(), query.sort(), null, query.size());
    }

    public String pageLink(int delta) {
        return "/?" + params(query.platform(), query.cohort(), statusName(), flagName(), query.q(), query.sort(),
                query.page() + delta, query.size());
    }

    /** Sorting by this column: ascending first, descending when it is already sorted ascending by it. */
    public String sortLink(String field) {
        String next = field.equals(query.sort()) ? "-" + field : field;
        return "/?" + params(query.platform(), query.cohort(), statusName(), flagName(), query.q(), next, null, query.size());
    }

    public String sortMark(String field) {
        if (field.equals(query.sort())) {
            return "▲";
        }
        return ("-" + field).equals(query.sort()) ? "▼" : "";
    }

    public String csvLink() {
        return "/watchlist.csv?" + params(query.platform(), query.cohort(), statusName(), flagName(), query.q(), query.sort(), null, null);
    }

    public boolean isStatus(ActivityStatus status) {
        return query.status() == status;
    }

    public String ratio(FlagView flag) {
        Object ratio = flag.evidence() == null ? null : flag.evidence().get("ratio");
        if (ratio instanceof Number n && Double.isFinite(n.doubleValue())) {
            return new DecimalFormat("0.0#").format(n.doubleValue());
        }
        return null;
    }

    public String statusName() {
        return query.status() == null ? null : query.status().name();
    }

    public String flagName() {
        return query.flag() == null ? null : query.flag().name();
    }

    private static String params(String platform, String cohort, String status, String flag, String q, String sort,
                                 Integer page, Integer size) {
        StringBuilder sb = new StringBuilder();
        add(sb, "platform", platform);
        add(sb, "cohort", cohort);
        add(sb, "status", status);
        add(sb, "flag", flag);
        add(sb, "q", q);
        add(sb, "sort", sort);
        add(sb, "page", page == null || page == 0 ? null : page.toString());
        add(sb, "size", size == null || size == 100 ? null : size.toString());
        return sb.toString();
    }

    private static void add(StringBuilder sb, String name, String value) {
        if (value != null && !value.isEmpty()) {
            if (!sb.isEmpty()) {
                sb.append('&');
            }
            sb.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }

}
