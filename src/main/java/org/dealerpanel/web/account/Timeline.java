package org.dealerpanel.web.account;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dealerpanel.watchlist.service.AccountDetailService.DailySeries;

/**
 * The data of a timeline chart, as JSON for a data attribute: the days of the window, posts and images per day
 * (null where unobserved: the chart leaves a gap), the unobserved runs (drawn as grey bands), dated marks
 * (vertical lines: status changes, platform state, last active day) and shaded windows (trend flags).
 * Marks outside the window are left out.
 */
public final class Timeline {
    private final LocalDate from;
    private final LocalDate to;
    private final Map<LocalDate, List<String[]>> lines = new TreeMap<>();
    private final List<Map<String, String>> areas = new ArrayList<>();
    private final List<Mark> marks = new ArrayList<>();

    /** A mark as the list under the chart names it: a day (line) or a window (area, with {@code to}). */
    public record Mark(String kind, String label, LocalDate from, LocalDate to) {
    }

    public Timeline(LocalDate from, LocalDate to) {
        this.from = from;
        this.to = to;
    }

    private boolean inWindow(LocalDate day) {
        return day != null && !day.isBefore(from) && !day.isAfter(to);
    }

    /** A vertical line; {@code kind} picks its colour (status, platform, active, threshold, flag). */
    public Timeline line(LocalDate day, String label, String kind) {
        if (inWindow(day)) {
            lines.computeIfAbsent(day, d -> new ArrayList<>()).add(new String[] {label, kind});
            marks.add(new Mark(kind, label, day, null));
        }
        return this;
    }

    /** A shaded window, clipped to the chart's window. */
    public Timeline area(LocalDate start, LocalDate end, String label, String kind) {
        if (start == null || end == null || end.isBefore(from) || start.isAfter(to)) {
            return this;
        }
        LocalDate a = start.isBefore(from) ? from : start;
        LocalDate b = end.isAfter(to) ? to : end;
        marks.add(new Mark(kind, label, a, b));
        for (Map<String, String> existing : areas) { // the same window of the same kind is shaded once
            if (existing.get("from").equals(a.toString()) && existing.get("to").equals(b.toString())
                    && existing.get("kind").equals(kind)) {
                existing.put("label", existing.get("label") + " / " + label);
                return this;
            }
        }
        Map<String, String> area = new LinkedHashMap<>();
        area.put("from", a.toString());
        area.put("to", b.toString());
        area.put("label", label);
        area.put("kind", kind);
        areas.add(area);
        return this;
    }

    /** The marks inside the window, by day, for the list under the chart. */
    public List<Mark> marks() {
        List<Mark> sorted = new ArrayList<>(marks);
        sorted.sort(java.util.Comparator.comparing(Mark::from));
        return sorted;
    }

    /** One account: posts and images. */
    public String json(ObjectMapper json, DailySeries series, Map<String, String> labels) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("days", days());
        out.put("posts", series.posts());
        out.put("images", series.images());
        out.put("gaps", gaps(series.posts()));
        List<Map<String, String>> marks = new ArrayList<>();
        lines.forEach((day, list) -> {
            Map<String, String> mark = new LinkedHashMap<>();
            mark.put("day", day.toString());
            mark.put("label", String.join(" / ", list.stream().map(l -> l[0]).toList()));
            mark.put("kind", list.get(0)[1]);
            marks.add(mark);
        });
        out.put("lines", marks);
        out.put("areas", areas);
        out.put("labels", labels);
        return write(json, out);
    }

    /** Several accounts side by side: one named series of each metric per account. */
    public String jsonMany(ObjectMapper json, List<String> names, List<DailySeries> series, Map<String, String> labels) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("days", days());
        List<Map<String, Object>> list = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("name", names.get(i));
            s.put("posts", series.get(i).posts());
            s.put("images", series.get(i).images());
            list.add(s);
        }
        out.put("series", list);
        out.put("labels", labels);
        return write(json, out);
    }

    private List<String> days() {
        List<String> days = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            days.add(d.toString());
        }
        return days;
    }

    /**
     * The runs of unobserved days, each widened to the observed days around it, so that the band covers exactly the
     * gap the line leaves.
     */
    List<List<String>> gaps(List<Integer> values) {
        List<List<String>> gaps = new ArrayList<>();
        int i = 0;
        int n = values.size();
        while (i < n) {
            if (values.get(i) != null) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && values.get(i) == null) {
                i++;
            }
            gaps.add(List.of(from.plusDays(Math.max(0, start - 1)).toString(), from.plusDays(Math.min(n - 1, i)).toString()));
        }
        return gaps;
    }

    private static String write(ObjectMapper json, Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
