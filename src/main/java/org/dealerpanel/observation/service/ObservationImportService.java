package org.dealerpanel.observation.service;

import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.dealerpanel.audit.service.AuditService;
import org.dealerpanel.common.ApiException;
import org.dealerpanel.common.Causes;
import org.dealerpanel.common.FieldError;
import org.dealerpanel.observation.service.ImportRunService.ImportTotals;
import org.dealerpanel.observation.service.ImportRunService.Outcome;
import org.dealerpanel.observation.service.ImportRunService.Phase;
import org.dealerpanel.observation.service.ImportRunService.Progress;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Imports {@code platform,handle,date,posts,images} CSV, all or nothing, at the speed of COPY and in the same memory
 * whatever the size of the file.
 *
 * <ol>
 *   <li>The body is streamed: each record is checked as it is read ({@link CsvStaging}) and the good ones are COPYed
 *       at once into a temporary staging table, with their line numbers. Nothing of the file stays in memory.</li>
 *   <li>Set-based checks: unknown accounts (one join of the file's distinct accounts with {@code account}) and, only
 *       when some account's days are not in ascending order in the file, duplicate keys (one sort).</li>
 *   <li>Any bad line: the transaction is rolled back (nothing is written) and the answer lists the first
 *       {@code tracker.import.max-reported-errors} lines with the total.</li>
 *   <li>Otherwise one merge. Accounts whose days in the file all lie outside the days already stored for them (found
 *       with one index probe per account) are inserted without looking anything up; only the rows of the other
 *       accounts are probed one by one on the primary key, and only the changed ones are rewritten, with their
 *       earlier value kept as a revision. Nothing reads the whole observation table; the activity snapshots learn
 *       which accounts changed from the statement triggers on observation (V7), once per statement.</li>
 * </ol>
 *
 * <p>Each import is recorded in {@code observation_import} ({@link ImportRunService}) with its progress, outside its
 * own transaction; the provenance of the rows written is one {@code observation_batch}.
 */
@ApplicationScoped
public class ObservationImportService {
    private static final Logger LOG = Logger.getLogger(ObservationImportService.class);
    static final List<String> COLUMNS = CsvStaging.COLUMNS;

    @Inject
    EntityManager em;
    @Inject
    AuditService audit;
    @Inject
    ImportRunService runs;
    @Inject
    ObservationImportService self;

    @ConfigProperty(name = "tracker.import.max-reported-errors", defaultValue = "100")
    int maxReportedErrors;
    /** Seconds one import may take, all in; the transaction gets as long. */
    @ConfigProperty(name = "tracker.import.transaction-timeout", defaultValue = "3600")
    int timeoutSeconds;
    @ConfigProperty(name = "tracker.import.max-bytes", defaultValue = "1G")
    MemorySize maxBytes;
    @ConfigProperty(name = "tracker.import.max-accounts-per-file", defaultValue = "500000")
    int maxAccounts;
    /** work_mem of the import's transaction (the duplicate sort, the triggers' transition tables). */
    @ConfigProperty(name = "tracker.import.work-mem", defaultValue = "128MB")
    String workMem;

    /** Where the file comes from: the source label, the file name if any, the announced size if known. */
    public record ImportRequest(String source, String fileName, Long contentLength) {
    }

    /** The answer of an import; {@code importId} is its record (GET /api/v1/observations/imports/{id}). */
    public record ImportResult(long rows, long inserted, long updated, long unchanged, String sha256, Long importId) {
    }

    /** What the merge wrote, and how long reading, checking and merging took (ms). */
    record Merged(long rows, long inserted, long updated, long unchanged, String sha256, int batchId, long[] millis) {
    }

    public long maxBytes() {
        return maxBytes.asLongValue();
    }

    public ImportResult importCsv(InputStream body, String source) {
        return importCsv(body, new ImportRequest(source, null, null));
    }

    /**
     * Imports the file, or throws an {@link ApiException} (a {@link ImportRefusal} naming the import's record) when
     * nothing was written: 400 bad lines or an unreadable file, 413 too large, 409 a concurrent write of the same day,
     * 503 out of time. Every outcome is recorded on the import's record.
     */
    public ImportResult importCsv(InputStream body, ImportRequest request) {
        String actor = audit.currentActor();
        Progress progress = runs.start(actor, request.fileName(), request.source(), request.contentLength());
        long started = System.nanoTime();
        try {
            Merged m = self.inTransaction(body, request, actor, progress, started);
            runs.finish(progress, Outcome.IMPORTED, 200, null,
                    new ImportTotals(m.rows(), m.inserted(), m.updated(), m.unchanged(), m.sha256(), m.batchId()));
            LOG.infof("import %d by %s: %d rows (%d new, %d changed, %d unchanged) in %.1f s (read and COPY %d ms, "
                            + "checks %d ms, merge %d ms)", progress.id(), actor, m.rows(), m.inserted(), m.updated(),
                    m.unchanged(), (System.nanoTime() - started) / 1e9, m.millis()[0], m.millis()[1], m.millis()[2]);
            return new ImportResult(m.rows(), m.inserted(), m.updated(), m.unchanged(), m.sha256(), progress.id());
        } catch (ApiException e) {
            Long lines = e.toProblem().totalErrors();
            if (lines != null) {
                progress.badLines = lines; // the lines found in SQL (unknown accounts, duplicates) too
            }
            runs.finish(progress, ImportRefusal.outcomeOf(e), e.status(), e.getMessage(), null);
            throw ImportRefusal.withInstance(e, progress.id());
        } catch (RuntimeException | Error e) {
            ApiException known = classify(e, started);
            if (known != null) {
                runs.finish(progress, ImportRefusal.outcomeOf(known), known.status(), known.getMessage(), null);
                throw ImportRefusal.withInstance(known, progress.id());
            }
            SQLException sql = Causes.find(e, SQLException.class);
            boolean unavailable = sql != null && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"));
            runs.finish(progress, Outcome.FAILED, unavailable ? 503 : 500,
                    unavailable ? "the database could not be reached; nothing was imported" : String.valueOf(e), null);
            throw e;
        }
    }

    /** The whole import in one transaction of its own (its time limit is tracker.import.transaction-timeout). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    @TransactionConfiguration(timeoutFromConfigProperty = "tracker.import.transaction-timeout", timeout = 3600)
    Merged inTransaction(InputStream raw, ImportRequest request, String actor, Progress progress, long started) {
        // our own deadline comes a little before the transaction's, so that the answer says why
        long margin = TimeUnit.SECONDS.toNanos(Math.min(30, Math.max(1, timeoutSeconds / 10)));
        long deadline = started + TimeUnit.SECONDS.toNanos(timeoutSeconds) - margin;
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        ImportErrors errors = new ImportErrors(maxReportedErrors);
        ImportBody body = new ImportBody(raw, maxBytes(), progress);
        Merged merged = em.unwrap(Session.class).doReturningWork(connection -> {
            try (Statement st = connection.createStatement()) {
                st.execute("set local work_mem = '" + workMem.replace("'", "") + "'");
                st.execute("""
                        create temp table import_row (line bigint not null, key integer not null, day date not null,
                            posts integer not null, images integer not null) on commit drop""");
                st.execute("""
                        create temp table import_key (key integer primary key, platform text not null,
                            handle text not null, min_day date not null, max_day date not null, rows bigint not null,
                            account_id bigint, overlap boolean not null default false) on commit drop""");
            }
            CopyManager copyManager = connection.unwrap(PGConnection.class).getCopyAPI();
            CsvStaging staging = new CsvStaging(errors, progress, ObservationService.latestAllowedDay(), maxAccounts,
                    deadline);
            CopyIn copy = copyManager.copyIn("copy import_row (line, key, day, posts, images) from stdin");
            try (Reader reader = utf8Reader(new DigestInputStream(body, sha256))) {
                staging.stage(reader, copy);
                copy.endCopy();
            } catch (IOException | UncheckedIOException e) {
                throw fileProblem(e);
            } finally {
                CsvStaging.cancel(copy);
            }
            long read = System.nanoTime();
            runs.phase(progress, Phase.CHECKING);
            if (staging.headerOk) {
                try {
                    staging.copyKeys(copyManager);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                check(connection, staging, errors, deadline);
            }
            if (errors.total() > 0) {
                List<FieldError> shown = errors.sorted();
                throw new ApiException(400, "Bad Request", errors.total() + " bad line(s); nothing was imported"
                        + (errors.total() > shown.size() ? " (the first " + shown.size() + " are listed)" : ""),
                        List.copyOf(shown), errors.total());
            }
            long checked = System.nanoTime();
            runs.phase(progress, Phase.MERGING);
            String digest = HexFormat.of().formatHex(sha256.digest());
            Merged m = merge(connection, staging, actor, request, progress, digest, deadline);
            long[] millis = {(read - started) / 1_000_000, (checked - read) / 1_000_000,
                    (System.nanoTime() - checked) / 1_000_000};
            return new Merged(m.rows(), m.inserted(), m.updated(), m.unchanged(), m.sha256(), m.batchId(), millis);
        });
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("rows", merged.rows());
        detail.put("inserted", merged.inserted());
        detail.put("updated", merged.updated());
        detail.put("unchanged", merged.unchanged());
        detail.put("sha256", merged.sha256());
        detail.put("source", request.source());
        detail.put("importId", progress.id());
        detail.put("batchId", merged.batchId());
        if (request.fileName() != null) {
            detail.put("file", request.fileName());
        }
        audit.record("observation.import", "observation", null, detail);
        return merged;
    }

    /** Unknown accounts and duplicate keys, as line errors. */
    private void check(Connection c, CsvStaging staging, ImportErrors errors, long deadline) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("analyze import_key");
            timeLimit(st, deadline);
            st.executeUpdate("""
                    update import_key k set account_id = a.id from account a
                     where a.platform = k.platform and a.handle = k.handle""");
            if (count(st, "select count(*) from import_key where account_id is null") > 0) {
                lineErrors(c, """
                        select r.line, k.platform, k.handle, count(*) over ()
                          from import_row r join import_key k on k.key = r.key
                         where k.account_id is null order by r.line limit ?""", errors,
                        rs -> "unknown account " + rs.getString(2) + "/" + rs.getString(3) + " (add it to the panel first)");
            }
            if (!staging.keys.ordered) {
                // some account's days are not strictly ascending in the file: only then can a key repeat
                lineErrors(c, """
                        select d.line, k.platform, k.handle, d.day, d.first_line, count(*) over ()
                          from (select line, key, day, min(line) over (partition by key, day) as first_line
                                  from import_row) d
                          join import_key k on k.key = d.key
                         where d.line > d.first_line order by d.line limit ?""", errors,
                        rs -> "duplicate of line " + rs.getLong(5) + " (" + rs.getString(2) + "/" + rs.getString(3)
                                + " on " + rs.getString(4) + ")");
            }
        }
    }

    private interface LineMessage {
        String of(ResultSet rs) throws SQLException;
    }

    /** Adds the first {@code cap} lines a query finds (its last column is the count of all) and counts the rest. */
    private static void lineErrors(Connection c, String sql, ImportErrors errors, LineMessage message) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setInt(1, errors.cap());
            try (ResultSet rs = st.executeQuery()) {
                long fetched = 0;
                long total = 0;
                while (rs.next()) {
                    errors.add(rs.getLong(1), message.of(rs));
                    fetched++;
                    total = rs.getLong(rs.getMetaData().getColumnCount());
                }
                errors.addUnlisted(total - fetched);
            }
        }
    }

    private Merged merge(Connection c, CsvStaging staging, String actor, ImportRequest request, Progress progress,
                         String digest, long deadline) throws SQLException {
        int batchId;
        try (PreparedStatement st = c.prepareStatement("""
                insert into observation_batch (kind, source, recorded_by, recorded_at, import_id, file_name, sha256,
                                               row_count)
                values ('IMPORT', ?, ?, now(), ?, ?, ?, ?) returning id""")) {
            st.setString(1, request.source());
            st.setString(2, actor);
            st.setLong(3, progress.id());
            st.setString(4, request.fileName());
            st.setString(5, digest);
            st.setLong(6, staging.rows);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                batchId = rs.getInt(1);
            }
        }
        long overlapRows;
        try (Statement st = c.createStatement()) {
            timeLimit(st, deadline);
            // One index probe per account: do any of its stored days fall within the file's days for it? (In the
            // target list, the EXISTS runs per row on the primary key; it never turns into a join with the table.)
            st.executeUpdate("""
                    update import_key k set overlap = exists (
                        select 1 from observation o
                         where o.account_id = k.account_id and o.day between k.min_day and k.max_day)""");
            overlapRows = count(st, "select coalesce(sum(rows), 0) from import_key where overlap");
        }
        long inserted;
        try (PreparedStatement st = c.prepareStatement("""
                insert into observation (account_id, day, posts, images, batch_id)
                select k.account_id, r.day, r.posts, r.images, ?
                  from import_row r join import_key k on k.key = r.key
                 where not k.overlap""")) {
            timeLimit(st, deadline);
            st.setInt(1, batchId);
            inserted = st.executeLargeUpdate();
        }
        long updated = 0;
        if (overlapRows > 0) {
            try (Statement st = c.createStatement()) {
                timeLimit(st, deadline);
                // the rows of accounts that have stored days in the file's range: each probed on the primary key
                // (OFFSET 0 keeps the lateral look-up a per-row index probe, never a join with the whole table)
                st.execute("""
                        create temp table import_change on commit drop as
                        select k.account_id, r.day, r.posts, r.images,
                               o.posts as old_posts, o.images as old_images, o.batch_id as old_batch
                          from import_row r join import_key k on k.key = r.key
                          left join lateral (select o.posts, o.images, o.batch_id from observation o
                                              where o.account_id = k.account_id and o.day = r.day offset 0) o on true
                         where k.overlap and (o.posts is null or o.posts <> r.posts or o.images <> r.images)""");
                st.execute("analyze import_change");
            }
            try (PreparedStatement st = c.prepareStatement("""
                    insert into observation_revision (account_id, day, posts, images, batch_id, superseded_by_batch)
                    select account_id, day, old_posts, old_images, old_batch, ?
                      from import_change where old_posts is not null""")) {
                timeLimit(st, deadline);
                st.setInt(1, batchId);
                updated = st.executeLargeUpdate();
            }
            if (updated > 0) {
                try (Statement st = c.createStatement()) {
                    // changed rows are found by the primary key, one probe each
                    st.execute("set local enable_hashjoin = off");
                    st.execute("set local enable_mergejoin = off");
                }
                try (PreparedStatement st = c.prepareStatement("""
                        update observation o set posts = ch.posts, images = ch.images, batch_id = ?
                          from import_change ch
                         where ch.old_posts is not null and o.account_id = ch.account_id and o.day = ch.day""")) {
                    timeLimit(st, deadline);
                    st.setInt(1, batchId);
                    st.executeLargeUpdate();
                }
                try (Statement st = c.createStatement()) {
                    st.execute("set local enable_hashjoin to default");
                    st.execute("set local enable_mergejoin to default");
                }
            }
            try (PreparedStatement st = c.prepareStatement("""
                    insert into observation (account_id, day, posts, images, batch_id)
                    select account_id, day, posts, images, ? from import_change where old_posts is null""")) {
                timeLimit(st, deadline);
                st.setInt(1, batchId);
                inserted += st.executeLargeUpdate();
            }
        }
        long unchanged = staging.rows - inserted - updated;
        return new Merged(staging.rows, inserted, updated, unchanged, digest, batchId, null);
    }

    /** The statements of the import may run until its deadline, and no longer. */
    private static void timeLimit(Statement st, long deadline) throws SQLException {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
            throw tookTooLong();
        }
        try (Statement set = st.getConnection().createStatement()) {
            set.execute("set local statement_timeout = " + Math.max(1000, left));
        }
    }

    private static long count(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static ImportRefusal tookTooLong() {
        return ImportRefusal.aborted(503, "Service Unavailable", "the import took longer than its time limit "
                + "(tracker.import.transaction-timeout) and was rolled back; nothing was imported. Split the file "
                + "or import it when the service is less busy", null);
    }

    /** Why the body could not be read: too large (413), the client went away (400, aborted), not UTF-8 or not CSV. */
    private ApiException fileProblem(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ImportBody.TooLarge large) {
                return new ApiException(413, "Payload Too Large", "the file is larger than " + large.limit
                        + " bytes (tracker.import.max-bytes); nothing was imported. Split the file",
                        List.of(FieldError.field("file", "larger than " + large.limit + " bytes")), null);
            }
            if (t instanceof ImportBody.Interrupted gone) {
                return ImportRefusal.aborted(400, "Bad Request", "the upload stopped before the end of the file ("
                        + gone.getMessage() + "); nothing was imported", "file");
            }
            if (t instanceof CharacterCodingException) {
                return ApiException.badRequest("the file is not UTF-8 text", List.of(FieldError.field("file", "not UTF-8")));
            }
        }
        Throwable cause = e instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : e;
        return ApiException.badRequest("the file is not valid CSV: " + cause.getMessage(),
                List.of(FieldError.field("file", String.valueOf(cause.getMessage()))));
    }

    /** A failure that is not the service's fault: out of time, or a concurrent write of the same rows. */
    private ApiException classify(Throwable e, long started) {
        SQLException sql = Causes.find(e, SQLException.class);
        String state = sql == null ? null : sql.getSQLState();
        boolean late = System.nanoTime() - started >= TimeUnit.SECONDS.toNanos(timeoutSeconds) - TimeUnit.SECONDS.toNanos(1);
        if ("57014".equals(state) || (late && (sql != null || Causes.find(e, jakarta.transaction.RollbackException.class) != null
                || e.getClass().getName().contains("Transaction")))) {
            return tookTooLong();
        }
        if ("23505".equals(state) || "23503".equals(state) || "40001".equals(state) || "40P01".equals(state)) {
            return ImportRefusal.aborted(409, "Conflict", "another write changed the same accounts and days at the "
                    + "same time; nothing was imported. Send the file again", null);
        }
        return null;
    }

    private static Reader utf8Reader(InputStream body) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        return new InputStreamReader(body, decoder);
    }
}
