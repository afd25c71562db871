package org.dealerpanel.observation.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import jakarta.transaction.Transactional;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.dealerpanel.audit.service.AuditService;
import org.dealerpanel.common.ApiException;
import org.dealerpanel.common.FieldError;
import org.dealerpanel.common.TextInput;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Imports {@code platform,handle,date,posts,images} CSV all or nothing. The file is streamed: each
 * line is checked as it is read and good lines are COPYed into a temporary table; account look-up,
 * duplicate keys and the merge are then done in SQL. Memory use does not grow with the file.
 */
@ApplicationScoped
public class ObservationImportService {
    static final List<String> COLUMNS = List.of("platform", "handle", "date", "posts", "images");
    private static final Pattern COUNT = Pattern.compile("[0-9]{1,9}");
    private static final int COPY_CHUNK_CHARS = 256 * 1024;
    /** The five columns: one line of printable text, no longer than a handle may be. */
    private static final TextInput.Rule FIELD = TextInput.Rule.line(200);
    /** Columns the import ignores may hold notes over several lines, but no other control character. */
    private static final TextInput.Rule EXTRA_FIELD = TextInput.Rule.lines(TextInput.DEFAULT_MAX * 20);

    @Inject
    EntityManager em;
    @Inject
    AuditService audit;

    @ConfigProperty(name = "tracker.import.max-reported-errors", defaultValue = "100")
    int maxReportedErrors;

    public record ImportResult(long rows, long inserted, long updated, long unchanged, String sha256) {
    }

    /** Collects every bad line; keeps the first {@code cap} in memory and counts the rest. */
    static final class Errors {
        final List<FieldError> kept = new ArrayList<>();
        final int cap;
        long total;

        Errors(int cap) {
            this.cap = cap;
        }

        void add(long line, String message) {
            total++;
            if (kept.size() < cap) {
                kept.add(FieldError.line(line, message));
            }
        }
    }

    // A large file on a busy machine takes longer than the default 60 s transaction timeout; all or nothing still holds.
    @Transactional
    @TransactionConfiguration(timeoutFromConfigProperty = "tracker.import.transaction-timeout", timeout = 3600)
    public ImportResult importCsv(InputStream body, String source) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Errors errors = new Errors(Math.max(1, maxReportedErrors));
        String actor = audit.currentActor();
        ImportResult result = em.unwrap(Session.class).doReturningWork(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("""
                        create temp table import_row (line bigint not null, platform text not null,
                            handle text not null, day date not null, posts integer not null, images integer not null)
                            on commit drop""");
            }
            long rows = copyRows(connection, new DigestInputStream(body, sha256), errors);
            checkAgainstDatabase(connection, errors);
            if (errors.total > 0) {
                return null;
            }
            return merge(connection, rows, actor, source);
        });
        if (errors.total > 0) {
            List<FieldError> sorted = new ArrayList<>(errors.kept);
            sorted.sort(Comparator.comparing(FieldError::line));
            List<FieldError> shown = sorted.subList(0, (int) Math.min(sorted.size(), errors.cap));
            throw new ApiException(400, "Bad Request", errors.total + " bad line(s); nothing was imported"
                    + (errors.total > shown.size() ? " (the first " + shown.size() + " are listed)" : ""),
                    List.copyOf(shown), errors.total);
        }
        String digest = HexFormat.of().formatHex(sha256.digest());
        ImportResult withDigest = new ImportResult(result.rows(), result.inserted(), result.updated(), result.unchanged(), digest);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("rows", withDigest.rows());
        detail.put("inserted", withDigest.inserted());
        detail.put("updated", withDigest.updated());
        detail.put("unchanged", withDigest.unchanged());
        detail.put("sha256", digest);
        detail.put("source", source);
        audit.record("observation.import", "observation", null, detail);
        return withDigest;
    }

    private long copyRows(Connection connection, InputStream body, Errors errors) throws SQLException {
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("copy import_row (line, platform, handle, day, posts, images) from stdin (format csv)");
        long rows = 0;
        LocalDate latest = ObservationService.latestAllowedDay();
        StringBuilder chunk = new StringBuilder(COPY_CHUNK_CHARS + 1024);
        CSVFormat format = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(false).get();
        try (Reader reader = utf8Reader(body); CSVParser parser = CSVParser.parse(reader, format)) {
            Map<String, Integer> columns = null;
            long previousEnd = 0;
            for (CSVRecord record : parser) {
                // A quoted field may span lines: a record starts on the line after the previous one ended.
                long line = previousEnd + 1;
                previousEnd = parser.getCurrentLineNumber();
                if (record.size() == 1 && record.get(0).isEmpty()) {
                    continue;
                }
                if (columns == null) {
                    columns = header(record, errors);
                    if (columns == null) {
                        break;
                    }
                    continue;
                }
                rows++;
                String row = checkedRow(record, line, columns, latest, errors);
                if (row != null) {
                    chunk.append(row);
                    if (chunk.length() >= COPY_CHUNK_CHARS) {
                        write(copy, chunk);
                    }
                }
            }
            if (columns == null && errors.total == 0) {
                errors.add(1, "the file is empty: expected the header " + String.join(",", COLUMNS));
            }
            write(copy, chunk);
            copy.endCopy();
        } catch (MalformedInputException e) {
            cancel(copy);
            throw ApiException.badRequest("the file is not UTF-8 text", List.of(FieldError.field("file", "not UTF-8")));
        } catch (UncheckedIOException | IOException e) {
            cancel(copy);
            Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
            if (cause instanceof MalformedInputException) {
                throw ApiException.badRequest("the file is not UTF-8 text", List.of(FieldError.field("file", "not UTF-8")));
            }
            throw ApiException.badRequest("the file is not valid CSV: " + cause.getMessage(),
                    List.of(FieldError.field("file", String.valueOf(cause.getMessage()))));
        }
        return rows;
    }

    private static Map<String, Integer> header(CSVRecord record, Errors errors) {
        Map<String, Integer> columns = new LinkedHashMap<>();
        for (int i = 0; i < record.size(); i++) {
            String name = record.get(i).strip();
            if (i == 0 && name.startsWith("\uFEFF")) {
                name = name.substring(1);
            }
            columns.putIfAbsent(name.toLowerCase(java.util.Locale.ROOT), i);
        }
        List<String> missing = COLUMNS.stream().filter(c -> !columns.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            errors.add(1, "the header must name the columns " + String.join(",", COLUMNS) + "; missing: "
                    + String.join(",", missing));
            return null;
        }
        return columns;
    }

    private static String checkedRow(CSVRecord record, long line, Map<String, Integer> columns, LocalDate latest,
                                     Errors errors) {
        List<String> problems = new ArrayList<>(2);
        // Text first, as it came: a NUL or other control character is an error, never trimmed away (a handle
        // "demo-wx-002" + NUL must not name demo-wx-002), and so is a value longer than any platform or handle.
        for (int i = 0; i < record.size(); i++) {
            String name = columnName(columns, i);
            boolean known = COLUMNS.contains(name);
            String problem = TextInput.problem(record.get(i), known ? FIELD : EXTRA_FIELD);
            if (problem != null) {
                problems.add((known ? name : "column " + (i + 1)) + " " + problem);
            }
        }
        if (!problems.isEmpty()) {
            errors.add(line, String.join("; ", problems));
            return null;
        }
        String platform = value(record, columns, "platform");
        String handle = value(record, columns, "handle");
        String date = value(record, columns, "date");
        String posts = value(record, columns, "posts");
        String images = value(record, columns, "images");
        if (record.size() < columns.size()) {
            problems.add("has " + record.size() + " fields, the header has " + columns.size());
        }
        if (platform == null || platform.isEmpty()) {
            problems.add("platform is empty");
        }
        if (handle == null || handle.isEmpty()) {
            problems.add("handle is empty");
        }
        LocalDate day = null;
        if (date == null || date.isEmpty()) {
            problems.add("date is empty");
        } else {
            try {
                day = LocalDate.parse(date);
                if (day.isAfter(latest)) {
                    problems.add("date " + date + " is in the future");
                }
            } catch (DateTimeParseException e) {
                problems.add("date '" + date + "' is not an ISO date (yyyy-mm-dd)");
            }
        }
        checkCount("posts", posts, problems);
        checkCount("images", images, problems);
        if (!problems.isEmpty()) {
            errors.add(line, String.join("; ", problems));
            return null;
        }
        return line + "," + csv(platform) + "," + csv(handle) + "," + day + "," + posts + "," + images + "\n";
    }

    private static String columnName(Map<String, Integer> columns, int index) {
        for (Map.Entry<String, Integer> column : columns.entrySet()) {
            if (column.getValue() == index) {
                return column.getKey();
            }
        }
        return "";
    }

    private static void checkCount(String name, String value, List<String> problems) {
        if (value == null || value.isEmpty()) {
            problems.add(name + " is empty (leave the day out if it was not observed)");
        } else if (!COUNT.matcher(value).matches()) {
            problems.add(name + " '" + value + "' is not a non-negative whole number");
        } else if (Integer.parseInt(value) > ObservationService.MAX_COUNT) {
            problems.add(name + " " + value + " is larger than " + ObservationService.MAX_COUNT);
        }
    }

    private static String value(CSVRecord record, Map<String, Integer> columns, String column) {
        int index = columns.get(column);
        return index < record.size() ? record.get(index).strip() : null;
    }

    private static String csv(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }

    private static Reader utf8Reader(InputStream body) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        return new InputStreamReader(new BufferedInputStream(body, 64 * 1024), decoder);
    }

    private static void write(CopyIn copy, StringBuilder chunk) throws SQLException {
        if (chunk.length() > 0) {
            byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            chunk.setLength(0);
        }
    }

    private static void cancel(CopyIn copy) {
        try {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        } catch (SQLException ignored) {
            // the transaction is rolled back anyway
        }
    }

    private void checkAgainstDatabase(Connection connection, Errors errors) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("analyze import_row");
            try (var rs = statement.executeQuery("""
                    select r.line, r.platform, r.handle from import_row r
                     where not exists (select 1 from account a where a.platform = r.platform and a.handle = r.handle)
                     order by r.line""")) {
                while (rs.next()) {
                    errors.add(rs.getLong(1), "unknown account " + rs.getString(2) + "/" + rs.getString(3)
                            + " (add it to the panel first)");
                }
            }
            try (var rs = statement.executeQuery("""
                    select line, platform, handle, day, first_line from (
                        select line, platform, handle, day,
                               min(line) over (partition by platform, handle, day) as first_line
                          from import_row) d
                     where line > first_line order by line""")) {
                while (rs.next()) {
                    errors.add(rs.getLong(1), "duplicate of line " + rs.getLong(5) + " (" + rs.getString(2) + "/"
                            + rs.getString(3) + " on " + rs.getString(4) + ")");
                }
            }
        }
    }

    private static ImportResult merge(Connection connection, long rows, String actor, String source) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("""
                    create temp table import_resolved on commit drop as
                    select a.id as account_id, r.day, r.posts, r.images,
                           o.posts as old_posts, o.images as old_images, o.source as old_source,
                           o.recorded_by as old_recorded_by, o.recorded_at as old_recorded_at
                      from import_row r
                      join account a on a.platform = r.platform and a.handle = r.handle
                      left join observation o on o.account_id = a.id and o.day = r.day""");
            long inserted;
            long updated;
            long unchanged;
            try (var rs = statement.executeQuery("""
                    select count(*) filter (where old_posts is null),
                           count(*) filter (where old_posts is not null and (old_posts <> posts or old_images <> images)),
                           count(*) filter (where old_posts = posts and old_images = images)
                      from import_resolved""")) {
                rs.next();
                inserted = rs.getLong(1);
                updated = rs.getLong(2);
                unchanged = rs.getLong(3);
            }
            try (var insertRevisions = connection.prepareStatement("""
                    insert into observation_revision (account_id, day, posts, images, source, recorded_by, recorded_at,
                                                      superseded_at, superseded_by)
                    select account_id, day, old_posts, old_images, old_source, old_recorded_by, old_recorded_at, now(), ?
                      from import_resolved
                     where old_posts is not null and (old_posts <> posts or old_images <> images)""")) {
                insertRevisions.setString(1, actor);
                insertRevisions.executeUpdate();
            }
            try (var upsert = connection.prepareStatement("""
                    insert into observation (account_id, day, posts, images, source, recorded_by, recorded_at)
                    select account_id, day, posts, images, ?, ?, now() from import_resolved
                     where old_posts is null or old_posts <> posts or old_images <> images
                    on conflict (account_id, day) do update
                       set posts = excluded.posts, images = excluded.images, source = excluded.source,
                           recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at""")) {
                upsert.setString(1, source);
                upsert.setString(2, actor);
                upsert.executeUpdate();
            }
            return new ImportResult(rows, inserted, updated, unchanged, null);
        }
    }
}
