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

/**
 * Imports {@code platform,handle,date,posts,images} CSV, all or nothing, at the speed of COPY and in the same memory
 * whatever the size of the file.
 *
 * <ol>
 *   <li>The body is streamed: each record is checked as it is read ({@link CsvStaging}) and the good ones are
 *       written by the {@link ImportWriter} on a thread of its own while the next ones are read: binary COPY straight
 *       into {@code observation} for accounts with nothing stored yet (the usual import of new accounts or a first
 *       load), into a temporary staging table, with their line numbers, for the others. Nothing of the file stays
 *       in memory.</li>
 *   <li>Checks: unknown accounts (resolved once per account as they first appear), staged rows repeating a day
 *       written straight, and, only when some account's staged days are not in ascending order in the file,
 *       duplicate staged keys (one sort).</li>
 *   <li>Any bad line: the transaction is rolled back (nothing is written) and the answer lists the first
 *       {@code tracker.import.max-reported-errors} lines with the total.</li>
 *   <li>Otherwise the staged rows are merged. Accounts whose staged days all lie outside the days already stored for
 *       them (one index probe per account) are inserted without looking anything up; the rows of the other accounts
 *       are compared with the stored rows of their day ranges in one join, and only the changed ones are rewritten,
 *       with their earlier value kept as a revision. Nothing reads the whole observation table; the activity
 *       snapshots learn which accounts changed from the statement triggers on observation (V7), once per statement,
 *       or, for the rows written straight, from the writer.</li>
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
    record Merged(long rows, long inserted, long updated, long unchanged, String sha256, int batchId, long direct,
                  long[] millis) {
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
                            + "%d rows straight into observation, %d unchanged rows dropped, writing %d ms, reader waited %d ms, writer waited "
                            + "%d ms; checks %d ms, merge %d ms)", progress.id(), actor, m.rows(), m.inserted(),
                    m.updated(), m.unchanged(), (System.nanoTime() - started) / 1e9, m.millis()[0], m.direct(),
                    m.millis()[6], m.millis()[3], m.millis()[4], m.millis()[5], m.millis()[1], m.millis()[2]);
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
        Merged merged = em.unwrap(Session.class).doReturningWork(pooled -> {
            Connection connection = (Connection) pooled.unwrap(PGConnection.class);
            try (Statement st = connection.createStatement()) {
                st.execute("set local work_mem = '" + workMem.replace("'", "") + "'");
                // the writer runs its look-ups once per chunk with other arrays: a generic plan, chosen after five
                // runs, does not know their sizes and may scan all of observation for each chunk
                st.execute("set local plan_cache_mode = force_custom_plan");
                st.execute("""
                        create temp table import_row (line bigint not null, account_id bigint, key integer not null,
                            day date not null, posts integer not null, images integer not null,
                            tracked boolean not null) on commit drop""");
                st.execute("""
                        create temp table import_key (key integer primary key, platform text not null,
                            handle text not null, account_id bigint, min_day date not null, max_day date not null,
                            rows bigint not null, mixed boolean not null, overlap boolean not null default false)
                            on commit drop""");
                timeLimit(st, deadline);
            }
            int batchId = insertBatch(connection, request, actor, progress);
            ImportWriter writer = new ImportWriter(connection, batchId, maxReportedErrors, deadline);
            CsvStaging staging = new CsvStaging(errors, progress, ObservationService.latestAllowedDay(), maxAccounts,
                    deadline);
            try (Reader reader = utf8Reader(new DigestInputStream(body, sha256))) {
                staging.stage(reader, writer);
            } catch (IOException | UncheckedIOException e) {
                throw fileProblem(e);
            }
            errors.addAll(writer.errors);
            long read = System.nanoTime();
            runs.phase(progress, Phase.CHECKING);
            writer.finishDirectRows();
            if (staging.headerOk) {
                writer.copyKeys();
                check(connection, writer, errors);
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
            Merged m = merge(connection, writer, staging.rows, batchId, digest, deadline);
            long[] millis = {(read - started) / 1_000_000, (checked - read) / 1_000_000,
                    (System.nanoTime() - checked) / 1_000_000, writer.writingNanos / 1_000_000,
                    writer.readerWaitedNanos / 1_000_000, writer.writerWaitedNanos / 1_000_000, writer.unchangedSkipped};
            return new Merged(m.rows(), m.inserted(), m.updated(), m.unchanged(), m.sha256(), m.batchId(),
                    writer.directTotal, millis);
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

    /**
     * Duplicate keys among the staged rows the writer could not check (days out of order that are not a repeat of an
     * in-order row, or an account with too many runs), as line errors; only when some account's such rows are not in
     * ascending order (one sort). The writer named unknown accounts and every other repeat.
     */
    private void check(Connection c, ImportWriter writer, ImportErrors errors) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("analyze import_key");
        }
        if (!writer.untrackedOrdered) {
            lineErrors(c, """
                    select d.line, k.platform, k.handle, d.day, d.first_line, count(*) over ()
                      from (select line, key, day, min(line) over (partition by key, day) as first_line
                              from import_row where not tracked) d
                      join import_key k on k.key = d.key
                     where d.line > d.first_line
                     order by d.line limit ?""", errors,
                    rs -> "duplicate of line " + rs.getLong(5) + " (" + rs.getString(2) + "/" + rs.getString(3)
                            + " on " + rs.getString(4) + ")");
        }
    }

    private interface LineMessage {
        String of(ResultSet rs) throws SQLException;
    }

    /** Adds the first {@code cap} lines a query finds (its last column is the count of all) and counts the rest. */
    private static void lineErrors(Connection c, String sql, ImportErrors errors, LineMessage message)
            throws SQLException {
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

    private int insertBatch(Connection c, ImportRequest request, String actor, Progress progress) throws SQLException {
        // the file's digest and row count are known at the end (merge)
        try (PreparedStatement st = c.prepareStatement("""
                insert into observation_batch (kind, source, recorded_by, recorded_at, import_id, file_name)
                values ('IMPORT', ?, ?, now(), ?, ?) returning id""")) {
            st.setString(1, request.source());
            st.setString(2, actor);
            st.setLong(3, progress.id());
            st.setString(4, request.fileName());
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /**
     * Merges the staged rows. Accounts whose staged days all lie outside the days already stored for them (one index
     * probe per account) are inserted without looking anything up. The rows of the other accounts are compared with
     * the stored rows of their accounts' day ranges in one hash join (index range scans per account, never the whole
     * table); only the changed ones are rewritten, with their earlier value kept as a revision.
     */
    private Merged merge(Connection c, ImportWriter writer, long rows, int batchId, String digest, long deadline)
            throws SQLException {
        long inserted = writer.directTotal;
        long updated = 0;
        if (writer.stagedTotal > 0) {
            long overlapRows;
            try (Statement st = c.createStatement()) {
                timeLimit(st, deadline);
                // In the target list, the EXISTS runs per account on the primary key; it never turns into a join.
                st.executeUpdate("""
                        update import_key k set overlap = k.mixed or exists (
                            select 1 from observation o
                             where o.account_id = k.account_id and o.day between k.min_day and k.max_day)""");
                overlapRows = count(st, "select coalesce(sum(rows), 0) from import_key where overlap");
            }
            try (PreparedStatement st = c.prepareStatement("""
                    insert into observation (account_id, day, posts, images, batch_id)
                    select r.account_id, r.day, r.posts, r.images, ?
                      from import_row r join import_key k on k.key = r.key
                     where not k.overlap""")) {
                timeLimit(st, deadline);
                st.setInt(1, batchId);
                inserted += st.executeLargeUpdate();
            }
            if (overlapRows > 0) {
                long[] insertedAndUpdated = mergeOverlapping(c, batchId, deadline);
                inserted += insertedAndUpdated[0];
                updated = insertedAndUpdated[1];
            }
        }
        try (PreparedStatement st = c.prepareStatement(
                "update observation_batch set sha256 = ?, row_count = ? where id = ?")) {
            st.setString(1, digest);
            st.setLong(2, rows);
            st.setInt(3, batchId);
            st.executeUpdate();
        }
        long unchanged = rows - inserted - updated;
        return new Merged(rows, inserted, updated, unchanged, digest, batchId, writer.directTotal, null);
    }

    /** The staged rows of accounts with stored days in their range: returns {inserted, updated}. */
    private static long[] mergeOverlapping(Connection c, int batchId, long deadline) throws SQLException {
        try (Statement st = c.createStatement()) {
            timeLimit(st, deadline);
            st.execute("analyze import_row");
            // Only new and changed rows are kept: an unchanged re-import writes nothing.
            st.execute("""
                    create temp table import_change on commit drop as
                    with stored as (
                        select k.key, o.day, o.posts, o.images, o.batch_id
                          from import_key k
                          cross join lateral (select o.day, o.posts, o.images, o.batch_id from observation o
                                               where o.account_id = k.account_id
                                                 and o.day between k.min_day and k.max_day offset 0) o
                         where k.overlap)
                    select r.account_id, r.day, r.posts, r.images,
                           s.posts as old_posts, s.images as old_images, s.batch_id as old_batch
                      from import_row r
                      join import_key k on k.key = r.key and k.overlap
                      left join stored s on s.key = r.key and s.day = r.day
                     where s.posts is null or s.posts <> r.posts or s.images <> r.images""");
            st.execute("analyze import_change");
        }
        long updated;
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
        long inserted;
        try (PreparedStatement st = c.prepareStatement("""
                insert into observation (account_id, day, posts, images, batch_id)
                select account_id, day, posts, images, ? from import_change where old_posts is null""")) {
            timeLimit(st, deadline);
            st.setInt(1, batchId);
            inserted = st.executeLargeUpdate();
        }
        return new long[] {inserted, updated};
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
