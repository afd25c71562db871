package org.dealerpanel.web.ops;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.dealerpanel.lexicon.TermCategory;
import org.dealerpanel.term.service.TermView;

/**
 * What the lexicon page shows: the terms of the chosen category (or all) grouped by category with their history,
 * the active count per category, the add form's values (kept after a refused add) and a notice or error.
 */
public record LexiconView(TermCategory category, boolean showDeactivated, List<Group> groups,
                          Map<TermCategory, Long> activeCounts, long activeTotal, NewTermForm form, FormError error,
                          Notice notice) {

    /** One category and its terms (active first). */
    public record Group(TermCategory category, List<TermView> terms) {
        public long activeCount() {
            return terms.stream().filter(TermView::active).count();
        }
    }

    /** The add form's fields as typed. */
    public record NewTermForm(String term, String category, String note, String source, String language) {
        public static final NewTermForm EMPTY = new NewTermForm("", "", "", "", "");

        public boolean isCategory(TermCategory c) {
            return c.name().equals(category);
        }
    }

    /** After a successful add or deactivation: which term ({@code kind} = added | deactivated). */
    public record Notice(String kind, long termId, String term) {
        public boolean added() {
            return "added".equals(kind);
        }
    }

    public static LexiconView of(List<TermView> all, TermCategory category, boolean showDeactivated, NewTermForm form,
                                 FormError error, Notice notice) {
        Map<TermCategory, Long> counts = new EnumMap<>(TermCategory.class);
        Map<TermCategory, List<TermView>> byCategory = new EnumMap<>(TermCategory.class);
        long total = 0;
        for (TermCategory c : TermCategory.values()) {
            counts.put(c, 0L);
        }
        for (TermView t : all) {
            TermCategory c = categoryOf(t);
            if (t.active()) {
                counts.merge(c, 1L, Long::sum);
                total++;
            }
            if ((category == null || category == c) && (showDeactivated || t.active())) {
                byCategory.computeIfAbsent(c, k -> new ArrayList<>()).add(t);
            }
        }
        List<Group> groups = new ArrayList<>();
        byCategory.forEach((c, terms) -> groups.add(new Group(c, List.copyOf(terms))));
        return new LexiconView(category, showDeactivated, groups, counts, total, form, error, notice);
    }

    private static TermCategory categoryOf(TermView t) {
        try {
            return TermCategory.valueOf(t.category());
        } catch (IllegalArgumentException e) {
            return TermCategory.OTHER;
        }
    }

    public TermCategory[] categories() {
        return TermCategory.values();
    }

    public long count(TermCategory c) {
        return activeCounts.getOrDefault(c, 0L);
    }

    public boolean isCategory(TermCategory c) {
        return c == category;
    }

    /** The page with another category chosen, "show deactivated" kept. */
    public String categoryLink(TermCategory c) {
        String q = c == null ? "" : "category=" + c.name();
        if (showDeactivated) {
            q = q.isEmpty() ? "deactivated=1" : q + "&deactivated=1";
        }
        return q.isEmpty() ? "/lexicon" : "/lexicon?" + q;
    }

    /** Where a write sends the browser back to: the same filter. */
    public String back() {
        return categoryLink(category);
    }

    public boolean highlighted(TermView t) {
        return notice != null && notice.termId() == t.id();
    }
}
