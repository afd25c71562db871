package org.dealerpanel.lexicon.matching;

import java.util.Objects;
import org.dealerpanel.lexicon.TermCategory;

/**
 * An active term to match: its database id, the term as entered, its category and its
 * confidence rule.
 */
public record LexiconTerm(long id, String term, TermCategory category, ConfidenceRule rule) {

    public LexiconTerm {
        Objects.requireNonNull(term, "term");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(rule, "rule");
    }

    /** A term with {@link ConfidenceRule#DEFAULT}. */
    public LexiconTerm(long id, String term, TermCategory category) {
        this(id, term, category, ConfidenceRule.DEFAULT);
    }
}
