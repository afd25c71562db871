package org.dealerpanel.archive.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.dealerpanel.account.Cohort;
import org.dealerpanel.archive.service.Snippets.Contact;
import org.dealerpanel.archive.service.Snippets.Highlight;
import org.dealerpanel.archive.service.Snippets.Snippet;
import org.dealerpanel.common.ApiException;
import org.dealerpanel.common.FieldError;
import org.dealerpanel.lexicon.contact.ContactExtractor;
import org.dealerpanel.lexicon.contact.ContactId;
import org.dealerpanel.lexicon.normalize.TextNormalizer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;

/**
 * Search over everything ever collected: post texts and OCR texts (archive_text, migration V11).
 *
 * <p>The query is normalised like the lexicon ({@link TextNormalizer}: traditional or simplified, full-width, case,
 * and spaces, symbols, emoji or zero-width characters inside the word all find the same thing) and looked for as a
 * substring of each text's normalised copy, through the bigram index: a two-character query is answered by the index
 * alone, a longer one by all its bigrams and a recheck. A query the contact extractor reads as a WeChat id, QQ
 * number, phone number or URL (with or without its prefix, e.g. "微信: abc123" or "abc123") also finds the posts and
 * images where that contact id was seen (contact_sighting), even where OCR spaced it out.
 *
 * <p>Hits are ordered newest day first. {@code total} is exact up to {@code tracker.search.max-count} (10 000);
 * beyond it the answer says {@code totalExact: false} and {@code total} is that bound (counting every hit of a very
 * common pair of characters would read the whole archive).
 */
@ApplicationScoped
public class SearchService {
    public static final int MAX_QUERY = 200;
    private static final TextNormalizer NORMALIZER = TextNormalizer.getInstance();
    private static final ContactExtractor EXTRACTOR = new ContactExtractor();

    @Inject
    EntityManager em;
    @ConfigProperty(name = "tracker.search.max-count", defaultValue = "10000")
    int maxCount;

    /** A search: {@code kind} POST or IMAGE; {@code page} from 0. */
    public record SearchQuery(String q, String kind, Long accountId, String cohort, String platform, LocalDate from,
                              LocalDate to, int page, int size) {
    }

    /** One hit: a post (postId) or an image (sha256), the accounts it was seen on, its day, a snippet with the hits. */
    public record Hit(String kind, Long postId, String sha256, List<Long> accountIds, LocalDate date, String snippet,
                      List<Highlight> highlights) {
    }

    /** The hits of one page, how many there are, and how the query was read. */
    public record SearchResult(List<Hit> items, long total, boolean totalExact, String normalised, List<Contact> contacts) {
    }

    /** An account as a hit shows it. */
    public record AccountLabel(long id, String platform, String handle, String displayName) {
    }

    @Transactional
    public SearchResult search(SearchQuery query) {
        String q = query.q() == null ? "" : query.q().strip();
        List<FieldError> errors = new ArrayList<>();
        if (q.isEmpty() || q.length() > MAX_QUERY) {
            errors.add(FieldError.field("q", "is required, 1-" + MAX_QUERY + " characters"));
        }
        if (query.kind() != null && !List.of("POST", "IMAGE").contains(query.kind())) {
            errors.add(FieldError.field("kind", "must be POST or IMAGE"));
        }
        if (query.from() != null && query.to() != null && query.to().isBefore(query.from())) {
            errors.add(FieldError.field("to", "must not be before from"));
        }
        String normalised = q.isEmpty() ? "" : NORMALIZER.normalizeToString(q);
        List<Contact> contacts = q.isEmpty() ? List.of() : contactsOf(q);
        if (errors.isEmpty() && normalised.codePointCount(0, normalised.length()) < 2 && contacts.isEmpty()) {
            errors.add(FieldError.field("q", "needs at least two letters or digits (spaces, punctuation and symbols are"
                    + " ignored), or a contact id"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("the search is not valid", errors);
        }
        Long cohortId = null;
        if (query.cohort() != null) {
            cohortId = Cohort.findByName(query.cohort()).orElseThrow(() -> ApiException.notFound("cohort " + query.cohort())).id;
        }
        String text = normalised.codePointCount(0, normalised.length()) >= 2 ? normalised : null;
        Long cohort = cohortId;
        return work(conn -> {
            try (var st = conn.createStatement()) {
                // plans depend on how common the query's characters are: never a generic plan; and no parallel
                // workers: a search reads at most some thousand rows, which one backend does faster than several
                st.execute("set local plan_cache_mode = force_custom_plan");
                st.execute("set local max_parallel_workers_per_gather = 0");
            }
            List<Long> contactDocs = contactDocs(conn, contacts);
            Where where = where(text, contactDocs, query, cohort, true);
            if (where == null) {
                return new SearchResult(List.of(), 0, true, normalised, contacts);
            }
            long total;
            try (PreparedStatement st = conn.prepareStatement("select count(*) from (select 1 from archive_text a where "
                    + where.sql + " limit ?) x")) {
                int i = where.bind(conn, st, 1);
                st.setInt(i, maxCount + 1);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            boolean exact = total <= maxCount;
            List<Hit> items = new ArrayList<>();
            if (total > 0) {
                // few hits (the count just read them): sort them all. Many: walk the archive newest day first and keep
                // the texts that contain the query (a plain substring test per row), which finds a page at once.
                items = exact ? page(conn, where, query, normalised, contacts, true)
                        : page(conn, where(text, contactDocs, query, cohort, false), query, normalised, contacts, false);
            }
            return new SearchResult(items, exact ? total : maxCount, exact, normalised, contacts);
        });
    }

    /** Handles and platforms of these accounts, for pages that link hits to their accounts. */
    @Transactional
    public Map<Long, AccountLabel> accounts(Collection<Long> ids) {
        Map<Long, AccountLabel> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, platform, handle, display_name from account where id in (?1)")
                .setParameter(1, List.copyOf(ids)).getResultList();
        for (Object[] r : rows) {
            long id = ((Number) r[0]).longValue();
            out.put(id, new AccountLabel(id, (String) r[1], (String) r[2], (String) r[3]));
        }
        return out;
    }

    /** The platforms of the panel, for a filter. */
    @Transactional
    public List<String> platforms() {
        @SuppressWarnings("unchecked")
        List<String> rows = em.createNativeQuery("select distinct platform from account order by 1").getResultList();
        return rows;
    }

    /** Whether an image's content may be shown as a hit (it is in the archive). */
    @Transactional
    public boolean isArchivedImage(String sha256) {
        return !em.createNativeQuery("select 1 from archive_text where image_sha256 = ?1").setParameter(1, sha256)
                .getResultList().isEmpty();
    }

    /**
     * The contact ids {@code q} stands for: those the extractor finds in it as typed, else those it finds when the
     * query is read as a WeChat id or a QQ number ("abc_123" alone has no prefix to go by).
     */
    static List<Contact> contactsOf(String q) {
        Set<Contact> found = new LinkedHashSet<>();
        for (ContactId c : EXTRACTOR.extract(q)) {
            found.add(new Contact(c.kind().wireName(), c.value()));
        }
        if (found.isEmpty() && !q.contains(" ")) {
            for (String prefix : List.of("微信: ", "QQ: ")) {
                for (ContactId c : EXTRACTOR.extract(prefix + q)) {
                    if (c.start() == prefix.length() && c.end() == prefix.length() + q.length()) {
                        found.add(new Contact(c.kind().wireName(), c.value()));
                    }
                }
            }
        }
        return List.copyOf(found);
    }

    private static List<Long> contactDocs(Connection conn, List<Contact> contacts) throws SQLException {
        List<Long> ids = new ArrayList<>();
        for (Contact c : contacts) {
            try (PreparedStatement st = conn.prepareStatement("""
                    select a.id from contact_sighting s join archive_text a on a.post_id = s.post_id
                     where s.kind = ? and s.value = ? and s.post_id is not null
                    union
                    select a.id from contact_sighting s join archive_text a on a.image_sha256 = s.image_sha256
                     where s.kind = ? and s.value = ? and s.image_sha256 is not null""")) {
                st.setString(1, c.kind());
                st.setString(2, c.value());
                st.setString(3, c.kind());
                st.setString(4, c.value());
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
        }
        return ids;
    }

    /**
     * The WHERE clause over archive_text a and its parameters, or null when nothing can match. {@code indexed}: the
     * text condition through the bigram index (to find few hits among many texts); else as a plain substring test.
     */
    private static Where where(String text, List<Long> contactDocs, SearchQuery q, Long cohortId, boolean indexed) {
        List<String> match = new ArrayList<>();
        Where w = new Where();
        if (text != null) {
            String cond = "strpos(a.normalised, ?) > 0";
            if (indexed) {
                cond = "archive_bigrams(a.normalised) @> archive_bigrams(cast(? as text))";
                w.params.add(text);
                if (text.codePointCount(0, text.length()) > 2) {
                    cond += " and strpos(a.normalised, ?) > 0";
                    w.params.add(text);
                }
            } else {
                w.params.add(text);
            }
            match.add("(" + cond + ")");
        }
        if (!contactDocs.isEmpty()) {
            match.add("a.id = any(?)");
            w.params.add(new LongArray(contactDocs));
        }
        if (match.isEmpty()) {
            return null;
        }
        StringBuilder sql = new StringBuilder("(").append(String.join(" or ", match)).append(")");
        if (q.kind() != null) {
            sql.append(" and a.kind = ?");
            w.params.add(q.kind());
        }
        if (q.accountId() != null) {
            sql.append(" and a.account_ids @> ?");
            w.params.add(new LongArray(List.of(q.accountId())));
        }
        if (cohortId != null) {
            sql.append(" and a.account_ids && array(select m.account_id from cohort_member m where m.cohort_id = ?)");
            w.params.add(cohortId);
        }
        if (q.platform() != null) {
            sql.append(" and a.account_ids && array(select x.id from account x where x.platform = ?)");
            w.params.add(q.platform().toLowerCase(Locale.ROOT));
        }
        if (q.from() != null) {
            sql.append(" and a.day >= ?");
            w.params.add(q.from());
        }
        if (q.to() != null) {
            sql.append(" and a.day <= ?");
            w.params.add(q.to());
        }
        w.sql = sql.toString();
        return w;
    }

    private static List<Hit> page(Connection conn, Where where, SearchQuery query, String normalised, List<Contact> contacts,
                                  boolean few) throws SQLException {
        Map<Long, Object[]> rows = new LinkedHashMap<>();
        String select = few
                ? """
                  with found as materialized (select a.id, a.kind, a.post_id, a.image_sha256, a.account_ids, a.day
                                                from archive_text a where %s)
                  select * from found order by day desc, id desc limit ? offset ?"""
                : """
                  select a.id, a.kind, a.post_id, a.image_sha256, a.account_ids, a.day from archive_text a
                   where %s order by a.day desc, a.id desc limit ? offset ?""";
        try (PreparedStatement st = conn.prepareStatement("""
                select h.id, h.kind, h.post_id, h.image_sha256, h.account_ids, h.day, coalesce(p.text, i.ocr_text)
                  from (%s) h
                  left join post p on p.id = h.post_id left join image i on i.sha256 = h.image_sha256
                 order by h.day desc, h.id desc""".formatted(select.formatted(where.sql)))) {
            int i = where.bind(conn, st, 1);
            st.setInt(i++, query.size());
            st.setLong(i, (long) query.page() * query.size());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    Array accounts = rs.getArray(5);
                    List<Long> accountIds = new ArrayList<>();
                    if (accounts != null) {
                        for (Object o : (Object[]) accounts.getArray()) {
                            accountIds.add(((Number) o).longValue());
                        }
                    }
                    rows.put(rs.getLong(1), new Object[] {rs.getString(2), rs.getObject(3), rs.getString(4), accountIds,
                            rs.getObject(6, LocalDate.class), rs.getString(7)});
                }
            }
        }
        List<Hit> hits = new ArrayList<>(rows.size());
        for (Object[] r : rows.values()) {
            Snippet s = Snippets.of((String) r[5], normalised, contacts);
            @SuppressWarnings("unchecked")
            List<Long> accountIds = (List<Long>) r[3];
            hits.add(new Hit((String) r[0], r[1] == null ? null : ((Number) r[1]).longValue(), (String) r[2],
                    List.copyOf(accountIds), (LocalDate) r[4], s.text(), s.highlights()));
        }
        return hits;
    }

    private record LongArray(List<Long> values) {
    }

    private static final class Where {
        String sql;
        final List<Object> params = new ArrayList<>();

        int bind(Connection conn, PreparedStatement st, int from) throws SQLException {
            int i = from;
            for (Object p : params) {
                if (p instanceof LongArray a) {
                    st.setArray(i++, conn.createArrayOf("bigint", a.values().toArray()));
                } else if (p instanceof LocalDate d) {
                    st.setObject(i++, d);
                } else if (p instanceof Long l) {
                    st.setLong(i++, l);
                } else {
                    st.setString(i++, (String) p);
                }
            }
            return i;
        }
    }

    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T work(Work<T> work) {
        return em.unwrap(Session.class).doReturningWork(work::run);
    }
}
