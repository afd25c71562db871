package org.dealerpanel.observation.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.dealerpanel.common.FieldError;

/**
 * Every bad line of an import, counted; the {@code cap} lowest line numbers are kept (a bounded heap), so memory does
 * not grow with the number of bad lines and the answer lists the first ones whatever order they were found in.
 */
final class ImportErrors {
    private final PriorityQueue<FieldError> kept;
    private final int cap;
    private long total;

    ImportErrors(int cap) {
        this.cap = Math.max(1, cap);
        this.kept = new PriorityQueue<>(Comparator.comparing((FieldError e) -> e.line()).reversed());
    }

    void add(long line, String message) {
        total++;
        if (kept.size() < cap) {
            kept.add(FieldError.line(line, message));
        } else if (line < kept.peek().line()) {
            kept.poll();
            kept.add(FieldError.line(line, message));
        }
    }

    /** Counts errors found in SQL of which only the first {@code cap} were fetched (and added). */
    void addUnlisted(long count) {
        total += count;
    }

    /** Takes in the errors another part of the import found (each kept line is offered again; totals add up). */
    void addAll(ImportErrors other) {
        long unlisted = other.total - other.kept.size();
        for (FieldError e : other.kept) {
            add(e.line(), e.message());
        }
        total += unlisted;
    }

    long total() {
        return total;
    }

    int cap() {
        return cap;
    }

    List<FieldError> sorted() {
        List<FieldError> out = new ArrayList<>(kept);
        out.sort(Comparator.comparing(FieldError::line));
        return out;
    }
}
