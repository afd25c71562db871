package org.dealerpanel.image.queue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.dealerpanel.contact.service.ContactService.ImageContact;
import org.dealerpanel.lexicon.contact.ContactExtractor;
import org.dealerpanel.lexicon.contact.ContactId;
import org.dealerpanel.lexicon.matching.TermMatch;
import org.dealerpanel.lexicon.matching.TermMatcher;
import org.dealerpanel.ocr.OcrEngineKind;
import org.dealerpanel.ocr.OcrLine;
import org.dealerpanel.ocr.OcrResult;
import org.dealerpanel.term.service.TermMatchStore.EngineMatch;

/**
 * Runs the lexicon matcher and the contact extractor over an OCR result, recording which engine read each hit.
 * <ul>
 *   <li>The chosen text ({@link OcrResult#text()}) is matched as a whole (terms split over two lines are found); a
 *       hit's engine is the engine of the line it starts in, and it keeps the matcher's confidence and kind.</li>
 *   <li>The reading an engine lost on a line (the line's alternative) is matched too; a term found only there is
 *       kept with its confidence multiplied by {@link #ALTERNATIVE_FACTOR} and without offsets (it is not in the
 *       stored text): never silently as certain.</li>
 *   <li>Contact ids likewise, from the chosen text and then from alternatives, once per (kind, value).</li>
 * </ul>
 * Pure Java.
 */
public final class OcrAnalysis {
    /** Confidence factor for a term found only in the reading that lost a line. */
    public static final double ALTERNATIVE_FACTOR = 0.8;
    private static final ContactExtractor EXTRACTOR = new ContactExtractor();

    private OcrAnalysis() {
    }

    public static Result analyse(OcrResult ocr, TermMatcher matcher) {
        return analyse(ocr, matcher, true);
    }

    /**
     * The term hits of a stored OCR reading, found again with another matcher (the re-match after a lexicon change:
     * no new OCR). {@code lines} are the stored lines (text, engine, alternatives) as in the image's ocr_detail; the
     * rules are {@link #analyse}'s, so an unchanged lexicon finds exactly the stored hits.
     */
    public static List<EngineMatch> rematch(String text, List<StoredLine> lines, TermMatcher matcher) {
        List<OcrLine> ocrLines = new ArrayList<>(lines.size());
        for (StoredLine l : lines) {
            List<OcrLine.Alternative> alts = new ArrayList<>();
            for (StoredAlternative a : l.alternatives() == null ? List.<StoredAlternative>of() : l.alternatives()) {
                if (a.text() != null) {
                    alts.add(new OcrLine.Alternative(engine(a.engine()), a.text(), 0));
                }
            }
            ocrLines.add(new OcrLine(l.text() == null ? "" : l.text(), 0, null, engine(l.engine()), List.of(), alts));
        }
        return analyse(new OcrResult(text == null ? "" : text, ocrLines, 0, 0, 0), matcher, false).matches();
    }

    /** A line of a stored OCR reading: its text, the engine that read it, the readings that lost it. */
    public record StoredLine(String text, String engine, List<StoredAlternative> alternatives) {
    }

    public record StoredAlternative(String engine, String text) {
    }

    private static OcrEngineKind engine(String name) {
        if (name == null) {
            return null;
        }
        try {
            return OcrEngineKind.valueOf(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Result analyse(OcrResult ocr, TermMatcher matcher, boolean withContacts) {
        String text = ocr.text();
        // the chosen text is the non-blank lines joined by '\n', in order: find each line's offset
        List<int[]> spans = new ArrayList<>();
        List<OcrLine> shown = new ArrayList<>();
        int pos = 0;
        for (OcrLine line : ocr.lines()) {
            if (line.text().isBlank()) {
                continue;
            }
            spans.add(new int[] {pos, pos + line.text().length()});
            shown.add(line);
            pos += line.text().length() + 1;
        }
        List<EngineMatch> matches = new ArrayList<>();
        Set<Long> found = new HashSet<>();
        for (TermMatch m : matcher.match(text)) {
            matches.add(new EngineMatch(m, engineAt(m.start(), spans, shown), true));
            found.add(m.termId());
        }
        Map<String, ImageContact> contacts = new LinkedHashMap<>();
        for (ContactId c : withContacts ? EXTRACTOR.extract(text) : List.<ContactId>of()) {
            contacts.putIfAbsent(c.kind().wireName() + ":" + c.value(),
                    new ImageContact(c.kind().wireName(), c.value(), engineAt(c.start(), spans, shown)));
        }
        for (OcrLine line : shown) {
            for (OcrLine.Alternative alt : line.alternatives()) {
                String engine = engineName(alt.engine());
                for (TermMatch m : matcher.match(alt.text())) {
                    if (found.add(m.termId())) {
                        TermMatch lowered = new TermMatch(m.termId(), m.term(), m.category(), m.start(), m.end(),
                                m.confidence() * ALTERNATIVE_FACTOR, m.kind());
                        matches.add(new EngineMatch(lowered, engine, false));
                    }
                }
                for (ContactId c : withContacts ? EXTRACTOR.extract(alt.text()) : List.<ContactId>of()) {
                    contacts.putIfAbsent(c.kind().wireName() + ":" + c.value(),
                            new ImageContact(c.kind().wireName(), c.value(), engine));
                }
            }
        }
        return new Result(matches, List.copyOf(contacts.values()));
    }

    public record Result(List<EngineMatch> matches, List<ImageContact> contacts) {
    }

    private static String engineAt(int offset, List<int[]> spans, List<OcrLine> lines) {
        for (int i = 0; i < spans.size(); i++) {
            if (offset >= spans.get(i)[0] && offset <= spans.get(i)[1]) {
                return engineName(lines.get(i).engine());
            }
        }
        return lines.isEmpty() ? null : engineName(lines.get(lines.size() - 1).engine());
    }

    static String engineName(Enum<?> engine) {
        return engine == null ? null : engine.name().toLowerCase(Locale.ROOT);
    }
}
