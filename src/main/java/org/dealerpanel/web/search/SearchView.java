package org.dealerpanel.web.search;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dealerpanel.archive.service.SearchService.AccountLabel;
import org.dealerpanel.archive.service.SearchService.Hit;
import org.dealerpanel.archive.service.SearchService.SearchResult;
import org.dealerpanel.archive.service.Snippets;
import org.dealerpanel.archive.service.Snippets.Contact;
import org.dealerpanel.archive.service.Snippets.Piece;

/**
 * What the search page shows: the form as filled in, the hits of one page (each snippet already cut into pieces that
 * are or are not a hit, so the template marks hits while escaping every piece), and the links it needs.
 */
public record SearchView(Form form, List<String> cohorts, List<String> platforms, SearchResult result, List<HitView> hits,
                         List<Error> errors, String accountLabel) {
    public static final int SIZE = 20;

    /** A refused search: the parameter at fault ({@code q}, {@code from}, {@code to}, {@code accountId}, {@code kind},
     * {@code cohort}, {@code page}, or {@code other}) and the service's (English) words. */
    public record Error(String field, String message) {
    }

    /** The form's values as given (strings, so a bad value is shown back as typed). */
    public record Form(String q, String kind, String account, String cohort, String platform, String from, String to, int page) {
        public boolean searched() {
            return q != null && !q.isBlank();
        }
    }

    /** One hit as a table row. */
    public record HitView(String kind, Long postId, String sha256, LocalDate date, List<AccountLabel> accounts,
                          List<Piece> pieces, String openHref) {
        public boolean image() {
            return "IMAGE".equals(kind);
        }
    }

    static List<HitView> hits(SearchResult result, Map<Long, AccountLabel> labels) {
        List<HitView> out = new ArrayList<>();
        if (result == null) {
            return out;
        }
        for (Hit h : result.items()) {
            List<AccountLabel> accounts = new ArrayList<>();
            for (Long id : h.accountIds()) {
                accounts.add(labels.getOrDefault(id, new AccountLabel(id, "?", "#" + id, null)));
            }
            String open = h.sha256() != null ? "/search/images/" + h.sha256()
                    : h.accountIds().isEmpty() ? null : "/accounts/" + h.accountIds().get(0) + "#post-" + h.postId();
            out.add(new HitView(h.kind(), h.postId(), h.sha256(), h.date(), accounts, Snippets.pieces(h.snippet(), h.highlights()),
                    open));
        }
        return out;
    }

    public List<String> kinds() {
        return List.of("POST", "IMAGE");
    }

    public boolean hasResult() {
        return result != null;
    }

    public List<Contact> contacts() {
        return result == null ? List.of() : result.contacts();
    }

    public long pages() {
        return result == null ? 1 : Math.max(1, (result.total() + SIZE - 1) / SIZE);
    }

    public int pageNumber() {
        return form.page() + 1;
    }

    public boolean hasPrevious() {
        return form.page() > 0;
    }

    public boolean hasNext() {
        return result != null && (long) (form.page() + 1) * SIZE < result.total();
    }

    public String pageLink(int delta) {
        return link(form.q(), form.kind(), form.account(), form.cohort(), form.platform(), form.from(), form.to(),
                form.page() + delta);
    }

    /** The same search, limited to one account. */
    public String accountLink(long accountId) {
        return link(form.q(), form.kind(), String.valueOf(accountId), form.cohort(), form.platform(), form.from(), form.to(), 0);
    }

    static String link(String q, String kind, String account, String cohort, String platform, String from, String to,
                       int page) {
        StringBuilder sb = new StringBuilder("/search?");
        add(sb, "q", q);
        add(sb, "kind", kind);
        add(sb, "account", account);
        add(sb, "cohort", cohort);
        add(sb, "platform", platform);
        add(sb, "from", from);
        add(sb, "to", to);
        if (page > 0) {
            add(sb, "page", String.valueOf(page));
        }
        return sb.substring(0, sb.length() - 1);
    }

    private static void add(StringBuilder sb, String name, String value) {
        if (value != null && !value.isBlank()) {
            sb.append(name).append('=').append(URLEncoder.encode(value.strip(), StandardCharsets.UTF_8)).append('&');
        }
    }
}
