package org.dealerpanel.term.service;

import java.time.LocalDate;
import org.dealerpanel.term.Term;

/** A lexicon term as the API shows it. */
public record TermView(long id, String term, String normalised, String category, String language, LocalDate addedOn,
                       String source, String note, boolean active, LocalDate deactivatedOn, String createdBy) {
    public static TermView of(Term t) {
        return new TermView(t.id, t.term, t.normalised, t.category, t.language, t.addedOn, t.source, t.note, t.active,
                t.deactivatedOn, t.createdBy);
    }
}
