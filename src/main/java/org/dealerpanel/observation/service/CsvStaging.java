package org.dealerpanel.observation.service;

import java.io.IOException;
import java.io.Reader;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.dealerpanel.common.ApiException;
import org.dealerpanel.common.FieldError;
import org.dealerpanel.common.TextInput;
import org.postgresql.copy.CopyIn;

/**
 * Reads the CSV record by record (Commons CSV, streaming), checks each line on its own (text, date, counts, missing
 * fields) and hands the good ones, in chunks of primitive arrays, to the {@link ImportWriter}, which writes them on
 * its own thread while the next chunk is read. {@code key} numbers the distinct (platform, handle) pairs of the file,
 * so the database resolves accounts once per account, not once per row.
 *
 * <p>Memory: one record at a time, two chunks, the kept errors (bounded), and one small entry per distinct account of
 * the file (at most {@code maxAccounts}); nothing grows with the number of rows.
 */
final class CsvStaging {
    static final List<String> COLUMNS = List.of("platform", "handle", "date", "posts", "images");
    /** The five columns: one line of printable text, no longer than a handle may be. */
    private static final TextInput.Rule FIELD = TextInput.Rule.line(200);
    /** Columns the import ignores may hold notes over several lines, but no other control character. */
    private static final TextInput.Rule EXTRA_FIELD = TextInput.Rule.lines(TextInput.DEFAULT_MAX * 20);

    /** The distinct accounts (platform, handle) of the file, numbered 0, 1, 2 … in order of appearance. */
    static final class Keys {
        private final Map<String, Integer> index = new HashMap<>();
        private final int max;
        int size;
        private int last = -1;
        private String lastPlatform;
        private String lastHandle;

        Keys(int max) {
            this.max = max;
        }

        /** The key of this account; a new one is named in the chunk, for the writer to resolve. */
        int key(String p, String h, ImportChunk chunk) {
            // files mostly come account by account: the same account as the line before needs no look-up
            if (last >= 0 && lastHandle.equals(h) && lastPlatform.equals(p)) {
                return last;
            }
            Integer known = index.get(p + '\u0000' + h);
            if (known != null) {
                remember(known, p, h);
                return known;
            }
            if (size >= max) {
                throw new ApiException(413, "Payload Too Large", "the file names more than " + max
                        + " different accounts; split it (tracker.import.max-accounts-per-file)",
                        List.of(FieldError.field("file", "more than " + max + " different accounts")), null);
            }
            int key = size++;
            index.put(p + '\u0000' + h, key);
            chunk.newPlatforms.add(p);
            chunk.newHandles.add(h);
            remember(key, p, h);
            return key;
        }

        private void remember(int key, String p, String h) {
            last = key;
            lastPlatform = p;
            lastHandle = h;
        }
    }

    private final ImportErrors errors;
    private final ImportRunService.Progress progress;
    private final LocalDate latest;
    private final long deadlineNanos;
    final Keys keys;
    /** Data records read (blank lines not counted). */
    long rows;
    /** Whether the header was read and names the five columns. */
    boolean headerOk;
    /** How many different column names the header has: a line with fewer fields is short. */
    private int headerWidth;

    private ImportChunk chunk;
    private final List<String> problems = new ArrayList<>(4);

    CsvStaging(ImportErrors errors, ImportRunService.Progress progress, LocalDate latest, int maxAccounts,
               long deadlineNanos) {
        this.errors = errors;
        this.progress = progress;
        this.latest = latest;
        this.keys = new Keys(maxAccounts);
        this.deadlineNanos = deadlineNanos;
    }

    /** Reads every record, handing the good ones to the writer; throws what the reader throws (wrapped or not). */
    void stage(Reader reader, ImportWriter writer) throws IOException {
        chunk = writer.start();
        boolean finished = false;
        try {
            read(reader, writer);
            writer.finish(chunk);
            finished = true;
        } finally {
            if (!finished) {
                writer.abort();
            }
            progress.rowsRead = rows;
        }
    }

    private void read(Reader reader, ImportWriter writer) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(false).get();
        try (CSVParser parser = CSVParser.parse(reader, format)) {
            int[] at = null;          // column index of platform, handle, date, posts, images
            String[] names = null;    // column name by index (for messages)
            long previousEnd = 0;
            for (CSVRecord record : parser) {
                // A quoted field may span lines: a record starts on the line after the previous one ended.
                long line = previousEnd + 1;
                previousEnd = parser.getCurrentLineNumber();
                if (record.size() == 1 && record.get(0).isEmpty()) {
                    continue;
                }
                if (at == null) {
                    names = header(record);
                    if (names == null) {
                        return;
                    }
                    at = new int[COLUMNS.size()];
                    for (int c = 0; c < COLUMNS.size(); c++) {
                        at[c] = Arrays.asList(names).indexOf(COLUMNS.get(c));
                    }
                    headerOk = true;
                    continue;
                }
                rows++;
                if ((rows & 1023) == 0) {
                    progress.rowsRead = rows;
                }
                row(record, line, at, names);
                if (chunk.full()) {
                    if (System.nanoTime() - deadlineNanos > 0) {
                        throw ObservationImportService.tookTooLong();
                    }
                    chunk = writer.hand(chunk);
                    chunk.reset(keys.size);
                }
            }
            if (at == null) {
                errors.add(1, "the file is empty: expected the header " + String.join(",", COLUMNS));
            }
        }
    }

    /** The column names by index, or null (and an error on line 1) when one of the five is missing. */
    private String[] header(CSVRecord record) {
        String[] names = new String[record.size()];
        Map<String, Integer> first = new LinkedHashMap<>();
        for (int i = 0; i < record.size(); i++) {
            String name = record.get(i).strip();
            if (i == 0 && name.startsWith("\uFEFF")) {
                name = name.substring(1);
            }
            name = name.toLowerCase(Locale.ROOT);
            // a repeated column name: the first one counts, the later ones are extra columns
            names[i] = first.putIfAbsent(name, i) == null ? name : "";
        }
        headerWidth = first.size();
        List<String> missing = COLUMNS.stream().filter(c -> !first.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            errors.add(1, "the header must name the columns " + String.join(",", COLUMNS) + "; missing: "
                    + String.join(",", missing));
            return null;
        }
        return names;
    }

    private void row(CSVRecord record, long line, int[] at, String[] names) {
        problems.clear();
        // Text first, as it came: a NUL or other control character is an error, never trimmed away (a handle
        // "demo-wx-002" + NUL must not name demo-wx-002), and so is a value longer than any platform or handle.
        for (int i = 0; i < record.size(); i++) {
            boolean known = i < names.length && !names[i].isEmpty() && COLUMNS.contains(names[i]);
            String problem = TextInput.problem(record.get(i), known ? FIELD : EXTRA_FIELD);
            if (problem != null) {
                problems.add((known ? names[i] : "column " + (i + 1)) + " " + problem);
            }
        }
        if (!problems.isEmpty()) {
            bad(line);
            return;
        }
        String platform = value(record, at[0]);
        String handle = value(record, at[1]);
        String date = value(record, at[2]);
        String posts = value(record, at[3]);
        String images = value(record, at[4]);
        if (record.size() < headerWidth) {
            problems.add("has " + record.size() + " fields, the header has " + headerWidth);
        }
        if (platform == null || platform.isEmpty()) {
            problems.add("platform is empty");
        }
        if (handle == null || handle.isEmpty()) {
            problems.add("handle is empty");
        }
        int day = Integer.MIN_VALUE;
        if (date == null || date.isEmpty()) {
            problems.add("date is empty");
        } else {
            LocalDate parsed = parseDate(date);
            if (parsed == null) {
                problems.add("date '" + date + "' is not an ISO date (yyyy-mm-dd)");
            } else if (parsed.getYear() < 1) {
                problems.add("date " + date + " is before the year 1");
            } else if (parsed.isAfter(latest)) {
                problems.add("date " + date + " is in the future");
            } else {
                day = (int) parsed.toEpochDay();
            }
        }
        int postCount = count("posts", posts);
        int imageCount = count("images", images);
        if (!problems.isEmpty()) {
            bad(line);
            return;
        }
        chunk.add(line, keys.key(platform, handle, chunk), day, postCount, imageCount);
    }

    private void bad(long line) {
        errors.add(line, String.join("; ", problems));
        progress.badLines++;
    }

    /** yyyy-mm-dd read by hand (the usual case); anything else that java.time reads as an ISO date is accepted too. */
    static LocalDate parseDate(String s) {
        if (s.length() == 10 && s.charAt(4) == '-' && s.charAt(7) == '-') {
            int y = digits(s, 0, 4);
            int m = digits(s, 5, 7);
            int d = digits(s, 8, 10);
            if (y >= 0 && m >= 0 && d >= 0) {
                try {
                    return LocalDate.of(y, m, d);
                } catch (DateTimeException e) {
                    return null;
                }
            }
        }
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** The count, or -1 with a problem noted. */
    private int count(String name, String value) {
        if (value == null || value.isEmpty()) {
            problems.add(name + " is empty (leave the day out if it was not observed)");
            return -1;
        }
        int v = value.length() <= 9 ? digits(value, 0, value.length()) : -1;
        if (v < 0) {
            problems.add(name + " '" + value + "' is not a non-negative whole number");
        } else if (v > ObservationService.MAX_COUNT) {
            problems.add(name + " " + value + " is larger than " + ObservationService.MAX_COUNT);
            return -1;
        }
        return v;
    }

    private static String value(CSVRecord record, int index) {
        return index < record.size() ? record.get(index).strip() : null;
    }

    static void cancel(CopyIn copy) {
        try {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        } catch (SQLException ignored) {
            // the transaction is rolled back anyway
        }
    }
}
