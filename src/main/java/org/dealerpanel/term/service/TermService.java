package org.dealerpanel.term.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.dealerpanel.audit.service.AuditService;
import org.dealerpanel.common.ApiException;
import org.dealerpanel.common.FieldError;
import org.dealerpanel.lexicon.TermCategory;
import org.dealerpanel.lexicon.normalize.TextNormalizer;
import org.dealerpanel.term.Term;
import org.dealerpanel.common.PanelClock;

/** The coded-term lexicon: list (now or as of a day), add, deactivate. */
@ApplicationScoped
public class TermService {
    private static final Pattern LANGUAGE = Pattern.compile("[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8}){0,3}");
    private static final int MAX_TERM = 100;

    @Inject
    AuditService audit;
    @Inject
    Event<LexiconChanged> changed;
    @Inject
    LexiconVersions versions;
    @Inject
    EntityManager em;

    public record NewTerm(String term, String category, String note, String language, String source) {
    }

    /** Active terms, or with {@code asOf} the lexicon as it was on that day; optionally one category. */
    @Transactional
    public List<TermView> list(LocalDate asOf, TermCategory category) {
        StringBuilder where = new StringBuilder();
        Map<String, Object> params = new LinkedHashMap<>();
        if (asOf == null) {
            where.append("active = true");
        } else {
            where.append("addedOn <= :asOf and (deactivatedOn is null or deactivatedOn > :asOf)");
            params.put("asOf", asOf);
        }
        if (category != null) {
            where.append(" and category = :category");
            params.put("category", category.name());
        }
        return Term.<Term>find(where + " order by category, id", params).list().stream().map(TermView::of).toList();
    }

    /**
     * The lexicon with its history, for the lexicon page: active terms, and with {@code withDeactivated} the
     * deactivated ones too; optionally one category. Ordered by category, then active first, then id.
     */
    @Transactional
    public List<TermView> history(TermCategory category, boolean withDeactivated) {
        StringBuilder where = new StringBuilder(withDeactivated ? "1 = 1" : "active = true");
        Map<String, Object> params = new LinkedHashMap<>();
        if (category != null) {
            where.append(" and category = :category");
            params.put("category", category.name());
        }
        return Term.<Term>find(where + " order by category, active desc, id", params).list().stream()
                .map(TermView::of).toList();
    }

    @Transactional
    public TermView get(long id) {
        return TermView.of(find(id));
    }

    @Transactional
    public TermView create(NewTerm input) {
        List<FieldError> errors = new ArrayList<>();
        String text = input.term() == null ? null : input.term().strip();
        String normalised = null;
        if (text == null || text.isEmpty() || text.length() > MAX_TERM) {
            errors.add(FieldError.field("term", "is required, 1-" + MAX_TERM + " characters"));
        } else {
            normalised = TextNormalizer.getInstance().normalizeToString(text);
            if (normalised.isEmpty()) {
                errors.add(FieldError.field("term", "has no letters or digits to match (only spaces, punctuation, symbols or emoji)"));
            }
        }
        TermCategory category = null;
        if (input.category() == null || input.category().isBlank()) {
            errors.add(FieldError.field("category", "is required: one of " + Arrays.toString(TermCategory.values())));
        } else {
            try {
                category = TermCategory.valueOf(input.category().strip());
            } catch (IllegalArgumentException e) {
                errors.add(FieldError.field("category", "must be one of " + Arrays.toString(TermCategory.values())));
            }
        }
        String language = input.language() == null || input.language().isBlank() ? null : input.language().strip();
        if (language != null && !LANGUAGE.matcher(language).matches()) {
            errors.add(FieldError.field("language", "must be a BCP 47 tag such as zh-Hans, zh-Hant, zh-Latn or en"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("the term is not valid", errors);
        }
        Term existing = Term.<Term>find("active = true and normalised = ?1 and category = ?2", normalised, category.name())
                .firstResult();
        if (existing != null) {
            throw ApiException.conflict("an active " + category + " term with the same normalised form '" + normalised
                    + "' exists already: id " + existing.id + " ('" + existing.term + "')");
        }
        Term term = new Term();
        term.term = text;
        term.normalised = normalised;
        term.category = category.name();
        term.language = language != null ? language : guessLanguage(text, normalised);
        term.addedOn = today();
        term.source = blankToNull(input.source());
        term.note = blankToNull(input.note());
        term.createdBy = audit.currentActor();
        term.persistAndFlush();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("term", term.term);
        detail.put("category", term.category);
        int version = versions.bump("ADD", term.id, term.createdBy);
        detail.put("lexiconVersion", version);
        audit.record("term.create", "term", term.id, detail);
        changed.fire(new LexiconChanged(term.id, version));
        return TermView.of(term);
    }

    /** Deactivates a term (kept for history: "the lexicon as of" a day before still contains it). Idempotent. */
    @Transactional
    public TermView deactivate(long id) {
        Term term = find(id);
        if (term.active) {
            term.active = false;
            LocalDate today = today();
            term.deactivatedOn = today.isBefore(term.addedOn) ? term.addedOn : today;
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("term", term.term);
            detail.put("category", term.category);
            int version = versions.bump("DEACTIVATE", term.id, audit.currentActor());
            detail.put("lexiconVersion", version);
            audit.record("term.deactivate", "term", term.id, detail);
            changed.fire(new LexiconChanged(term.id, version));
        }
        return TermView.of(term);
    }

    /** One active term as the export gives it to platforms' filter teams. */
    public record ExportedTerm(String term, String category, String note, LocalDate addedOn, String source, String language,
                               String normalised) {
    }

    /** The active lexicon and its version, read in one statement (so the two agree). */
    public record LexiconExport(int lexiconVersion, List<ExportedTerm> terms) {
    }

    /** The active terms with the lexicon version, ordered by category then term id. */
    @Transactional
    public LexiconExport export() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select s.version, t.term, t.category, t.note, t.added_on, t.source,"
                + " t.language, t.normalised from lexicon_state s left join term t on t.active"
                + " order by array_position(array['IVORY','RHINO_HORN','HAWKSBILL','HELMETED_HORNBILL','TIGER_BONE',"
                + "'SAIGA_HORN','PANGOLIN_SCALE','LEOPARD_BONE','WHALE','OTHER'], t.category), t.id").getResultList();
        int version = rows.isEmpty() ? 0 : ((Number) rows.get(0)[0]).intValue();
        List<ExportedTerm> terms = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            if (r[1] != null) {
                terms.add(new ExportedTerm((String) r[1], (String) r[2], (String) r[3], toDate(r[4]), (String) r[5],
                        (String) r[6], (String) r[7]));
            }
        }
        return new LexiconExport(version, terms);
    }

    private static LocalDate toDate(Object value) {
        if (value instanceof LocalDate d) {
            return d;
        }
        return value == null ? null : ((java.sql.Date) value).toLocalDate();
    }

    private static Term find(long id) {
        Term term = Term.findById(id);
        if (term == null) {
            throw ApiException.notFound("term " + id);
        }
        return term;
    }

    /** zh-Hans / zh-Hant for Han terms (traditional when normalising changed a Han character), zh-Latn or en otherwise. */
    static String guessLanguage(String text, String normalised) {
        boolean han = text.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
        if (han) {
            String nfkc = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKC)
                    .codePoints().filter(TextNormalizer::isKept)
                    .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().toLowerCase();
            return nfkc.equals(normalised) ? "zh-Hans" : "zh-Hant";
        }
        return "en";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static LocalDate today() {
        return PanelClock.today();
    }
}
