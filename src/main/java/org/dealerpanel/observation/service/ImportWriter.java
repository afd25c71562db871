package org.dealerpanel.observation.service;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Writes the checked rows of an import on a thread of its own, so that reading the CSV and writing to the database
 * overlap. Chunk by chunk: resolves the accounts first named in it (one query, locking them as a foreign key check
 * would), then
 * <ul>
 *   <li>COPYs (binary) straight into {@code observation} the rows of an account that had no stored observation when
 *       the import first met it, and the in-order rows of any account that come after its last stored day (the
 *       nightly file: yesterday for every account), which no stored row can collide with; the statement triggers on
 *       observation are disabled for this, in the import's transaction only, and their work is done once per account
 *       by {@link #finishDirectRows}. That costs a SHARE ROW EXCLUSIVE lock on observation: other writers of
 *       observation wait for the import, readers do not;</li>
 *   <li>compares the rows of accounts with stored observations with the stored values of their days (per account
 *       and chunk: a count and hash sums of the stored range, see {@link #findUnchanged}) and drops them when they are
 *       unchanged: a re-import of the same file writes nothing;</li>
 *   <li>COPYs every other row into the staging table {@code import_row} for the set-based checks and merge.</li>
 * </ul>
 * Each account's rows in ascending day order are "tracked": their lines are kept as runs (first day, first line,
 * steps, length), one run per account for a file written account by account or day by day, so a later row of the
 * same account and day is named as a duplicate of its line here. Rows out of order, or past the run budget, are
 * staged untracked, and the service looks for repeats among those in SQL.
 */
final class ImportWriter {
    private static final byte UNRESOLVED = 0;
    private static final byte DIRECT = 1;
    private static final byte STAGED = 2;
    private static final byte UNKNOWN = 3;
    private static final int NO_DAY = Integer.MIN_VALUE;
    /** Days of PostgreSQL's binary date: since 2000-01-01. */
    private static final int PG_EPOCH_DAY = 10_957;
    private static final byte[] BINARY_HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0,
            0, 0, 0, 0, 0, 0, 0, 0};
    /** Runs of directly written rows kept at most (about 32 bytes each); later rows that need a new run are staged. */
    private static final byte[] BINARY_TRAILER = {(byte) 0xff, (byte) 0xff};
    private static final String DIRECT_STATE_COPY =
            "copy import_direct (account_id, first_day, last_day, last_active, after_active, had_rows) from stdin (format binary)";
    private static final String KEY_COPY =
            "copy import_key (key, platform, handle, account_id, min_day, max_day, rows, mixed) from stdin (format binary)";
    private static final int MAX_RUNS = 250_000;
    /** Runs of one account at most, which bounds the look-up of a repeated day. */
    private static final int MAX_RUNS_PER_ACCOUNT = 256;
    private static final ImportChunk END = new ImportChunk();

    private final Connection connection;
    private final CopyManager copyManager;
    private final int batchId;
    private final long deadlineNanos;
    final ImportErrors errors;

    // per key (the reader's numbering of the file's accounts)
    final List<String> platforms = new ArrayList<>();
    final List<String> handles = new ArrayList<>();
    private long[] accountId = new long[64];
    /** The last stored day of an account with stored rows, read under the lock once the triggers are off. */
    private int[] storedLast = new int[64];
    private byte[] mode = new byte[64];
    private boolean[] mixed = new boolean[64];
    private int[] directFirst = new int[64];
    private int[] directLast = new int[64];
    private long[] directRows = new long[64];
    private int[] lastActive = new int[64];
    private long[] afterActive = new long[64];
    private int[] stagedMin = new int[64];
    private int[] stagedMax = new int[64];
    private long[] stagedRows = new long[64];
    private boolean[] untracked = new boolean[64];
    private long[] trackedRows = new long[64];
    private int[] lastTracked = new int[64];
    private long[] untrackedRows = new long[64];
    private int[] untrackedLast = new int[64];
    private int[] chunkSeen = new int[64];
    private int[] chunkLo = new int[64];
    private int[] chunkHi = new int[64];
    private int[] chunkCount = new int[64];
    private int[] chunkUnchanged = new int[64];
    private long[] chunkSumPosts = new long[64];
    private long[] chunkSumImages = new long[64];
    private long[] chunkSumPostsSalted = new long[64];
    private long[] chunkSumImagesSalted = new long[64];
    private int[] runsOfKey = new int[64];
    private int[] runHead = new int[64];
    private int[] runTail = new int[64];
    // runs of directly written rows: day = startDay + i * dayStep on line startLine + i * lineStep, i < length
    private int[] runStartDay = new int[1024];
    private long[] runStartLine = new long[1024];
    private int[] runDayStep = new int[1024];
    private long[] runLineStep = new long[1024];
    private int[] runLength = new int[1024];
    private int[] runNext = new int[1024];
    private int runs;

    /** Whether the untracked staged rows of each account came in strictly ascending order (then none can repeat). */
    boolean untrackedOrdered = true;
    long unchangedSkipped;
    long directTotal;
    long stagedTotal;
    /** Where the time went: the reader waiting for a free chunk, the writer waiting for a full one, writing. */
    long readerWaitedNanos;
    volatile long writerWaitedNanos;
    volatile long writingNanos;
    /** Whether this transaction disabled the triggers on observation (to be enabled again by finishDirectRows). */
    private boolean triggersOff;

    // the chunk being written: where each row goes, and the accounts whose rows are compared with stored ones
    private static final byte WRITTEN = 1;
    private static final byte COMPARE = 2;
    private static final byte UNTRACKED = 3;
    private static final byte DROPPED = 4;
    private final byte[] route = new byte[ImportChunk.ROWS];
    private final int[] compareKeys = new int[ImportChunk.ROWS];
    private int compareKeyCount;
    private int chunkNumber;
    /** Salts of the second pair of hash sums (any odd 64-bit constants). */
    private static final long HASH_SALT_POSTS = 0x2545F4914F6CDD1DL;
    private static final long HASH_SALT_IMAGES = 0x1B873593CC9E2D51L;
    private byte[] out = new byte[2 * 1024 * 1024];
    private int pos;

    private final BlockingQueue<ImportChunk> full = new ArrayBlockingQueue<>(1);
    private final BlockingQueue<ImportChunk> free = new ArrayBlockingQueue<>(2);
    private volatile Throwable failure;
    private Thread thread;

    ImportWriter(Connection connection, int batchId, int maxReportedErrors, long deadlineNanos) throws SQLException {
        this.connection = connection;
        this.copyManager = connection.unwrap(PGConnection.class).getCopyAPI();
        this.batchId = batchId;
        this.deadlineNanos = deadlineNanos;
        this.errors = new ImportErrors(maxReportedErrors);
        free.add(new ImportChunk());
        free.add(new ImportChunk());
        Arrays.fill(runHead, -1);
        Arrays.fill(runTail, -1);
    }

    // ---- the hand-over between the reader (the request's thread) and the writer thread ----------------------------

    ImportChunk start() {
        thread = new Thread(this::run, "observation-import-writer");
        thread.setDaemon(true);
        thread.start();
        ImportChunk first = free.poll();
        first.reset(0);
        return first;
    }

    /** Queues a filled chunk and returns an empty one; throws at once if the writer failed. */
    ImportChunk hand(ImportChunk chunk) {
        long t0 = System.nanoTime();
        put(full, chunk);
        ImportChunk next = take(free);
        readerWaitedNanos += System.nanoTime() - t0;
        return next;
    }

    /** Writes the last chunk and waits for the writer; rethrows its failure. */
    void finish(ImportChunk last) {
        if (last.size > 0 || !last.newPlatforms.isEmpty()) {
            put(full, last);
        }
        put(full, END);
        join();
        if (failure != null) {
            throw rethrown(failure);
        }
    }

    /** Stops the writer after the chunk it is writing (the reader failed); the transaction will be rolled back. */
    void abort() {
        if (thread == null) {
            return;
        }
        full.clear();
        while (thread.isAlive() && !full.offer(END)) {
            full.clear();
        }
        join();
    }

    private void join() {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void put(BlockingQueue<ImportChunk> queue, ImportChunk chunk) {
        try {
            while (!queue.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
                checkAlive();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while importing", e);
        }
    }

    private ImportChunk take(BlockingQueue<ImportChunk> queue) {
        try {
            ImportChunk c;
            while ((c = queue.poll(100, TimeUnit.MILLISECONDS)) == null) {
                checkAlive();
            }
            return c;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while importing", e);
        }
    }

    private void checkAlive() {
        if (failure != null) {
            throw rethrown(failure);
        }
        if (!thread.isAlive()) {
            throw new IllegalStateException("the import's writer stopped");
        }
    }

    private static RuntimeException rethrown(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("the import's writer failed: " + t.getMessage(), t);
    }

    private void run() {
        try {
            ImportChunk chunk;
            long t0 = System.nanoTime();
            while ((chunk = full.take()) != END) {
                long t1 = System.nanoTime();
                writerWaitedNanos += t1 - t0;
                write(chunk);
                free.put(chunk);
                t0 = System.nanoTime();
                writingNanos += t0 - t1;
            }
        } catch (Throwable t) {
            failure = t;
        }
    }

    // ---- one chunk ---------------------------------------------------------------------------------------------

    private void write(ImportChunk c) throws SQLException {
        if (System.nanoTime() - deadlineNanos > 0) {
            throw ObservationImportService.tookTooLong();
        }
        if (!c.newPlatforms.isEmpty()) {
            resolve(c);
        }
        if (!triggersOff && appendsIn(c) && mayDisableTriggers()) {
            disableTriggers();
        }
        chunkNumber++;
        compareKeyCount = 0;
        pos = 0;
        for (int i = 0; i < c.size; i++) {
            int k = c.key[i];
            int day = c.day[i];
            long line = c.line[i];
            boolean inOrder = !untracked[k] && (trackedRows[k] == 0 || day > lastTracked[k]);
            if (inOrder && !track(k, day, line)) {
                untracked[k] = true;
                inOrder = false;
            }
            if (inOrder) {
                trackedRows[k]++;
                lastTracked[k] = day;
                if (mode[k] == DIRECT || (mode[k] == STAGED && triggersOff && day > storedLast[k])) {
                    route[i] = WRITTEN;
                    countDirect(k, day, c.posts[i], c.images[i]);
                    tupleObservation(accountId[k], day, c.posts[i], c.images[i]);
                } else if (mode[k] == STAGED) {
                    route[i] = COMPARE;
                    if (chunkSeen[k] != chunkNumber) {
                        chunkSeen[k] = chunkNumber;
                        chunkLo[k] = day;
                        chunkCount[k] = 0;
                        chunkSumPosts[k] = 0;
                        chunkSumImages[k] = 0;
                        chunkSumPostsSalted[k] = 0;
                        chunkSumImagesSalted[k] = 0;
                        compareKeys[compareKeyCount++] = k;
                    }
                    chunkHi[k] = day;
                    chunkCount[k]++;
                    addToSums(k, day, c.posts[i], c.images[i]);
                } else {
                    route[i] = DROPPED;
                    unknownAccount(k, line);
                }
            } else {
                // a day at or before one this account already had in the file: a repeat if it was one of those
                long first = lineOf(k, day);
                if (first >= 0) {
                    errors.add(line, "duplicate of line " + first + " (" + platforms.get(k) + "/" + handles.get(k)
                            + " on " + LocalDate.ofEpochDay(day) + ")");
                }
                if (mode[k] == UNKNOWN) {
                    unknownAccount(k, line);
                } else if (mode[k] == DIRECT || directRows[k] > 0) {
                    mixed[k] = true;
                }
                route[i] = UNTRACKED;
            }
        }
        copy("copy observation (account_id, day, posts, images, batch_id) from stdin (format binary)");
        if (compareKeyCount > 0) {
            findUnchanged();
        }
        for (int i = 0; i < c.size; i++) {
            byte r = route[i];
            if (r == WRITTEN || r == DROPPED) {
                continue;
            }
            int k = c.key[i];
            int day = c.day[i];
            if (r == COMPARE && chunkUnchanged[k] == chunkNumber) {
                unchangedSkipped++;
                continue;
            }
            boolean tracked = r == COMPARE;
            if (!tracked) {
                if (untrackedRows[k]++ > 0 && day <= untrackedLast[k]) {
                    untrackedOrdered = false;
                }
                untrackedLast[k] = day;
            }
            if (stagedRows[k]++ == 0) {
                stagedMin[k] = day;
                stagedMax[k] = day;
            } else {
                stagedMin[k] = Math.min(stagedMin[k], day);
                stagedMax[k] = Math.max(stagedMax[k], day);
            }
            stagedTotal++;
            tupleStaged(c.line[i], mode[k] == UNKNOWN ? 0 : accountId[k], k, day, c.posts[i], c.images[i], tracked);
        }
        copy("copy import_row (line, account_id, key, day, posts, images, tracked) from stdin (format binary)");
    }

    private void countDirect(int k, int day, int posts, int images) {
        if (directRows[k]++ == 0) {
            directFirst[k] = day;
            lastActive[k] = NO_DAY;
        }
        directLast[k] = day;
        if (posts > 0 || images > 0) {
            lastActive[k] = day;
            afterActive[k] = 0;
        } else {
            afterActive[k]++;
        }
        directTotal++;
    }

    private void unknownAccount(int k, long line) {
        errors.add(line, "unknown account " + platforms.get(k) + "/" + handles.get(k) + " (add it to the panel first)");
    }

    /**
     * Marks the accounts of this chunk whose compared rows are exactly what is stored for their days in the chunk:
     * per account, the number of stored rows in the chunk's range of its days and four sums of 32-bit hashes of
     * (day, posts) and (day, images) (PostgreSQL's hashint8, computed alike here), read with index range scans and
     * answered in one row per account (OFFSET 0 keeps each account's look-up a range scan of the primary key: with
     * statistics from before a large import, the planner would rather hash the whole table). A changed, added or missing value changes the count or, but for a chance of
     * about 2^-64, the sums; such an account's rows are staged and merged in SQL. Only ranges that are dense enough
     * (at most twice as many days as rows) are read.
     */
    private void findUnchanged() throws SQLException {
        int n = 0;
        Long[] accounts = new Long[compareKeyCount];
        Integer[] from = new Integer[compareKeyCount];
        Integer[] to = new Integer[compareKeyCount];
        for (int q = 0; q < compareKeyCount; q++) {
            int k = compareKeys[q];
            if (chunkHi[k] - chunkLo[k] + 1 > 2L * chunkCount[k]) {
                continue;
            }
            compareKeys[n] = k;
            accounts[n] = accountId[k];
            from[n] = chunkLo[k];
            to[n] = chunkHi[k];
            n++;
        }
        if (n == 0) {
            return;
        }
        try (PreparedStatement st = connection.prepareStatement("""
                select q.ord, count(*), sum(hashint8(o.v1)), sum(hashint8(o.v2)),
                       sum(hashint8(o.v1 # %d)), sum(hashint8(o.v2 # %d))
                  from unnest(?::bigint[], ?::integer[], ?::integer[]) with ordinality as q (account_id, lo, hi, ord)
                  cross join lateral (
                        select (o.day - date '1970-01-01')::bigint * 16777216 + o.posts as v1,
                               (o.day - date '1970-01-01')::bigint * 16777216 + o.images as v2
                          from observation o
                         where o.account_id = q.account_id
                           and o.day between date '1970-01-01' + q.lo and date '1970-01-01' + q.hi
                        offset 0) o
                 group by q.ord""".formatted(HASH_SALT_POSTS, HASH_SALT_IMAGES))) {
            st.setArray(1, connection.createArrayOf("bigint", Arrays.copyOf(accounts, n)));
            st.setArray(2, connection.createArrayOf("integer", Arrays.copyOf(from, n)));
            st.setArray(3, connection.createArrayOf("integer", Arrays.copyOf(to, n)));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    int k = compareKeys[rs.getInt(1) - 1];
                    if (rs.getLong(2) == chunkCount[k] && rs.getLong(3) == chunkSumPosts[k]
                            && rs.getLong(4) == chunkSumImages[k] && rs.getLong(5) == chunkSumPostsSalted[k]
                            && rs.getLong(6) == chunkSumImagesSalted[k]) {
                        chunkUnchanged[k] = chunkNumber;
                    }
                }
            }
        }
    }

    /** Adds a compared row to its account's sums (the same as findUnchanged's SQL computes for stored rows). */
    private void addToSums(int k, int day, int posts, int images) {
        long dayPart = (long) day * 16_777_216L;
        long v1 = dayPart + posts;
        long v2 = dayPart + images;
        chunkSumPosts[k] += hashInt8(v1);
        chunkSumImages[k] += hashInt8(v2);
        chunkSumPostsSalted[k] += hashInt8(v1 ^ HASH_SALT_POSTS);
        chunkSumImagesSalted[k] += hashInt8(v2 ^ HASH_SALT_IMAGES);
    }

    /** PostgreSQL's hashint8 (src/backend/access/hash/hashfunc.c, hash_uint32 of src/common/hashfn.c). */
    static int hashInt8(long value) {
        int lo = (int) value;
        int hi = (int) (value >> 32);
        lo ^= value >= 0 ? hi : ~hi;
        int a = 0x9e3779b9 + 4 + 3923095;
        int b = a;
        int c = a;
        a += lo;
        // hashfn.c's final(a, b, c)
        c = finalStep(c, b, 14);
        a = finalStep(a, c, 11);
        b = finalStep(b, a, 25);
        c = finalStep(c, b, 16);
        a = finalStep(a, c, 4);
        b = finalStep(b, a, 14);
        return finalStep(c, b, 24);
    }

    /** One step of hashfn.c's final mix: {@code x ^= y; x -= rot(y, k)}. */
    private static int finalStep(int x, int y, int k) {
        return (x ^ y) - Integer.rotateLeft(y, k);
    }

    /** The accounts first named in this chunk: id, and whether anything is stored for them yet. */
    private void resolve(ImportChunk c) throws SQLException {
        int first = c.firstNewKey;
        int n = c.newPlatforms.size();
        ensureKeys(first + n);
        platforms.addAll(c.newPlatforms);
        handles.addAll(c.newHandles);
        boolean anyNew = lookUp(c, first);
        if (anyNew && !triggersOff && !mayDisableTriggers()) {
            // not the owner of observation: every row goes through the staging table and the triggers
            for (int k = first; k < first + n; k++) {
                if (mode[k] == DIRECT) {
                    mode[k] = STAGED;
                }
            }
            return;
        }
        if (anyNew && !triggersOff) {
            disableTriggers();
            lookUp(c, first);
        }
    }

    /** Whether a row of the chunk comes after the last stored day of its account (it could go straight in). */
    private boolean appendsIn(ImportChunk c) {
        for (int i = 0; i < c.size; i++) {
            int k = c.key[i];
            if (mode[k] == STAGED && c.day[i] > storedLast[k]) {
                return true;
            }
        }
        return false;
    }

    /**
     * Takes SHARE ROW EXCLUSIVE on observation (disabling its triggers): from here no one else writes it until the
     * import ends, so "nothing stored yet" and "nothing stored after this day" stay true. Reads the last stored day of
     * the accounts met so far again: something may have been written before the lock.
     */
    private void disableTriggers() throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("alter table observation disable trigger user");
        }
        triggersOff = true;
        List<Long> ids = new ArrayList<>();
        List<Integer> keys = new ArrayList<>();
        for (int k = 0; k < platforms.size(); k++) {
            if (mode[k] == STAGED) {
                ids.add(accountId[k]);
                keys.add(k);
            }
        }
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement st = connection.prepareStatement("""
                select q.ord, (select max(o.day) - date '1970-01-01' from observation o where o.account_id = q.id)
                  from unnest(?::bigint[]) with ordinality as q (id, ord)""")) {
            st.setArray(1, connection.createArrayOf("bigint", ids.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    int k = keys.get(rs.getInt(1) - 1);
                    int last = rs.getInt(2);
                    storedLast[k] = rs.wasNull() ? NO_DAY : last;
                }
            }
        }
    }

    private Boolean ownsObservation;

    /** Whether the service's database role may disable observation's triggers (it owns the table, as Flyway made it). */
    private boolean mayDisableTriggers() throws SQLException {
        if (ownsObservation == null) {
            try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(
                    "select pg_has_role(current_user, relowner, 'USAGE') from pg_class where oid = 'observation'::regclass")) {
                ownsObservation = rs.next() && rs.getBoolean(1);
            }
        }
        return ownsObservation;
    }

    private boolean lookUp(ImportChunk c, int first) throws SQLException {
        int n = c.newPlatforms.size();
        for (int i = 0; i < n; i++) {
            mode[first + i] = UNKNOWN;
        }
        boolean anyNew = false;
        try (PreparedStatement st = connection.prepareStatement("""
                select k.ord, a.id, (select max(o.day) - date '1970-01-01' from observation o where o.account_id = a.id)
                  from unnest(?::text[], ?::text[]) with ordinality as k (platform, handle, ord)
                  join account a on a.platform = k.platform and a.handle = k.handle
                 order by a.id
                   for key share of a""")) {
            Array platformArray = connection.createArrayOf("text", c.newPlatforms.toArray());
            Array handleArray = connection.createArrayOf("text", c.newHandles.toArray());
            st.setArray(1, platformArray);
            st.setArray(2, handleArray);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    int k = first + rs.getInt(1) - 1;
                    accountId[k] = rs.getLong(2);
                    int last = rs.getInt(3);
                    boolean stored = !rs.wasNull();
                    storedLast[k] = stored ? last : NO_DAY;
                    mode[k] = stored ? STAGED : DIRECT;
                    anyNew |= !stored;
                }
            }
        }
        return anyNew;
    }

    // ---- runs: the line of each row written straight into observation -----------------------------------------

    private boolean track(int k, int day, long line) {
        int t = runTail[k];
        if (t >= 0) {
            int length = runLength[t];
            if (length == 1) {
                runDayStep[t] = day - runStartDay[t];
                runLineStep[t] = line - runStartLine[t];
                runLength[t] = 2;
                return true;
            }
            if ((long) day == runStartDay[t] + (long) length * runDayStep[t]
                    && line == runStartLine[t] + length * runLineStep[t]) {
                runLength[t]++;
                return true;
            }
        }
        if (runs == MAX_RUNS || runsOfKey[k] == MAX_RUNS_PER_ACCOUNT) {
            return false;
        }
        runsOfKey[k]++;
        if (runs == runStartDay.length) {
            int size = Math.min(MAX_RUNS, runs * 2);
            runStartDay = Arrays.copyOf(runStartDay, size);
            runStartLine = Arrays.copyOf(runStartLine, size);
            runDayStep = Arrays.copyOf(runDayStep, size);
            runLineStep = Arrays.copyOf(runLineStep, size);
            runLength = Arrays.copyOf(runLength, size);
            runNext = Arrays.copyOf(runNext, size);
        }
        int r = runs++;
        runStartDay[r] = day;
        runStartLine[r] = line;
        runLength[r] = 1;
        runNext[r] = -1;
        if (t >= 0) {
            runNext[t] = r;
        } else {
            runHead[k] = r;
        }
        runTail[k] = r;
        return true;
    }

    /** The line of the earlier in-order row of this account and day, or -1. */
    long lineOf(int k, int day) {
        for (int r = runHead[k]; r >= 0; r = runNext[r]) {
            long offset = (long) day - runStartDay[r];
            if (offset == 0) {
                return runStartLine[r];
            }
            if (runLength[r] > 1 && runDayStep[r] != 0 && offset % runDayStep[r] == 0) {
                long i = offset / runDayStep[r];
                if (i > 0 && i < runLength[r]) {
                    return runStartLine[r] + i * runLineStep[r];
                }
            }
        }
        return -1;
    }

    // ---- after the last chunk ---------------------------------------------------------------------------------

    /**
     * Enables the triggers on observation again and does their work for the rows written straight: the accounts'
     * collection_state rows (new ones for accounts that had no observation; for the others the rows came after every
     * stored day, so their state moves on as the insert trigger would move it) and the activity snapshots their days
     * make stale. The accounts were locked and the batch written by this import, which is what the integrity trigger
     * checks.
     */
    void finishDirectRows() throws SQLException {
        if (!triggersOff) {
            return;
        }
        try (Statement st = connection.createStatement()) {
            st.execute("alter table observation enable trigger user");
            st.execute("""
                    create temp table import_direct (account_id bigint primary key, first_day date not null,
                        last_day date not null, last_active date, after_active bigint not null,
                        had_rows boolean not null) on commit drop""");
        }
        pos = 0;
        int written = 0;
        for (int k = 0; k < platforms.size(); k++) {
            if (directRows[k] > 0) {
                ensureOut(64);
                putShort(6);
                putInt(8);
                putLong(accountId[k]);
                putDate(directFirst[k]);
                putDate(directLast[k]);
                if (lastActive[k] == NO_DAY) {
                    putInt(-1);
                } else {
                    putDate(lastActive[k]);
                }
                putInt(8);
                putLong(afterActive[k]);
                putInt(1);
                out[pos++] = (byte) (mode[k] == DIRECT ? 0 : 1);
                written++;
                if (pos > out.length - 1024) {
                    flushPart(DIRECT_STATE_COPY);
                }
            }
        }
        copy(DIRECT_STATE_COPY);
        if (written == 0) {
            return;
        }
        try (Statement st = connection.createStatement()) {
            // as the statement trigger does (V21): wait for a snapshot being built, and hold its builds off to commit
            st.execute("select pg_advisory_xact_lock_shared(7307003)");
            // accounts without observation when the import locked observation have no state row; the others' rows
            // came after their last stored day (as V13's insert trigger does; any other state is recomputed)
            st.execute("""
                    with added as (
                        insert into collection_state (account_id, first_observed_on, last_observed_on, last_active_on,
                                                      observed_after_active)
                        select account_id, first_day, last_day, last_active, after_active from import_direct
                         where not had_rows
                        on conflict (account_id) do nothing
                        returning account_id),
                    moved as (
                        update collection_state s
                           set last_observed_on = d.last_day,
                               last_active_on = coalesce(d.last_active, s.last_active_on),
                               observed_after_active = case when d.last_active is null
                                                            then s.observed_after_active + d.after_active
                                                            else d.after_active end
                          from import_direct d
                         where d.had_rows and s.account_id = d.account_id and s.last_observed_on < d.first_day
                        returning s.account_id)
                    select collection_state_recompute(array(
                        select account_id from import_direct
                         where account_id not in (select account_id from added)
                           and account_id not in (select account_id from moved)))""");
            st.execute("""
                    update activity_snapshot s set stale = true
                      from import_direct d
                     where s.account_id = d.account_id and s.as_of >= d.first_day and not s.stale""");
        }
    }

    /** COPYs the file's accounts that have staged rows into import_key (key, names, account, staged days). */
    void copyKeys() throws SQLException {
        pos = 0;
        for (int k = 0; k < platforms.size(); k++) {
            if (stagedRows[k] == 0) {
                continue;
            }
            byte[] platform = platforms.get(k).getBytes(StandardCharsets.UTF_8);
            byte[] handle = handles.get(k).getBytes(StandardCharsets.UTF_8);
            ensureOut(64 + platform.length + handle.length);
            putShort(8);
            putInt(4);
            putInt(k);
            putInt(platform.length);
            putBytes(platform);
            putInt(handle.length);
            putBytes(handle);
            if (mode[k] == UNKNOWN) {
                putInt(-1);
            } else {
                putInt(8);
                putLong(accountId[k]);
            }
            putDate(stagedMin[k]);
            putDate(stagedMax[k]);
            putInt(8);
            putLong(stagedRows[k]);
            putInt(1);
            out[pos++] = (byte) (mixed[k] ? 1 : 0);
            if (pos > out.length - 1024) {
                flushPart(KEY_COPY);
            }
        }
        copy(KEY_COPY);
    }

    // ---- binary COPY ------------------------------------------------------------------------------------------

    private CopyIn open;

    private void tupleObservation(long account, int day, int posts, int images) {
        ensureOut(64);
        putShort(5);
        putInt(8);
        putLong(account);
        putDate(day);
        putInt(4);
        putInt(posts);
        putInt(4);
        putInt(images);
        putInt(4);
        putInt(batchId);
    }

    private void tupleStaged(long line, long account, int key, int day, int posts, int images, boolean tracked) {
        ensureOut(64);
        putShort(7);
        putInt(8);
        putLong(line);
        if (account == 0) {
            putInt(-1);
        } else {
            putInt(8);
            putLong(account);
        }
        putInt(4);
        putInt(key);
        putDate(day);
        putInt(4);
        putInt(posts);
        putInt(4);
        putInt(images);
        putInt(1);
        out[pos++] = (byte) (tracked ? 1 : 0);
    }

    private void ensureOut(int bytes) {
        if (pos + bytes > out.length) {
            out = Arrays.copyOf(out, Math.max(out.length * 2, pos + bytes));
        }
    }

    /** Sends the tuples buffered so far as part of this COPY, opened by the first part. */
    private void flushPart(String sql) throws SQLException {
        if (open == null) {
            open = copyManager.copyIn(sql);
            open.writeToCopy(BINARY_HEADER, 0, BINARY_HEADER.length);
        }
        open.writeToCopy(out, 0, pos);
        pos = 0;
    }

    /** Ends the COPY with the tuples still buffered (no statement at all when there are none). */
    private void copy(String sql) throws SQLException {
        if (pos == 0 && open == null) {
            return;
        }
        try {
            flushPart(sql);
            open.writeToCopy(BINARY_TRAILER, 0, BINARY_TRAILER.length);
            open.endCopy();
        } finally {
            if (open != null) {
                CsvStaging.cancel(open);
            }
            open = null;
            pos = 0;
        }
    }

    private void putShort(int v) {
        out[pos++] = (byte) (v >>> 8);
        out[pos++] = (byte) v;
    }

    private void putInt(int v) {
        out[pos++] = (byte) (v >>> 24);
        out[pos++] = (byte) (v >>> 16);
        out[pos++] = (byte) (v >>> 8);
        out[pos++] = (byte) v;
    }

    private void putLong(long v) {
        putInt((int) (v >>> 32));
        putInt((int) v);
    }

    private void putDate(int epochDay) {
        putInt(4);
        putInt(epochDay - PG_EPOCH_DAY);
    }

    private void putBytes(byte[] b) {
        System.arraycopy(b, 0, out, pos, b.length);
        pos += b.length;
    }

    private void ensureKeys(int size) {
        if (size <= mode.length) {
            return;
        }
        int n = Math.max(size, mode.length * 2);
        int old = mode.length;
        accountId = Arrays.copyOf(accountId, n);
        mode = Arrays.copyOf(mode, n);
        storedLast = Arrays.copyOf(storedLast, n);
        mixed = Arrays.copyOf(mixed, n);
        directFirst = Arrays.copyOf(directFirst, n);
        directLast = Arrays.copyOf(directLast, n);
        directRows = Arrays.copyOf(directRows, n);
        lastActive = Arrays.copyOf(lastActive, n);
        afterActive = Arrays.copyOf(afterActive, n);
        stagedMin = Arrays.copyOf(stagedMin, n);
        stagedMax = Arrays.copyOf(stagedMax, n);
        stagedRows = Arrays.copyOf(stagedRows, n);
        untracked = Arrays.copyOf(untracked, n);
        trackedRows = Arrays.copyOf(trackedRows, n);
        lastTracked = Arrays.copyOf(lastTracked, n);
        untrackedRows = Arrays.copyOf(untrackedRows, n);
        untrackedLast = Arrays.copyOf(untrackedLast, n);
        chunkSeen = Arrays.copyOf(chunkSeen, n);
        chunkLo = Arrays.copyOf(chunkLo, n);
        chunkHi = Arrays.copyOf(chunkHi, n);
        chunkCount = Arrays.copyOf(chunkCount, n);
        chunkUnchanged = Arrays.copyOf(chunkUnchanged, n);
        chunkSumPosts = Arrays.copyOf(chunkSumPosts, n);
        chunkSumImages = Arrays.copyOf(chunkSumImages, n);
        chunkSumPostsSalted = Arrays.copyOf(chunkSumPostsSalted, n);
        chunkSumImagesSalted = Arrays.copyOf(chunkSumImagesSalted, n);
        runsOfKey = Arrays.copyOf(runsOfKey, n);
        runHead = Arrays.copyOf(runHead, n);
        runTail = Arrays.copyOf(runTail, n);
        Arrays.fill(runHead, old, n, -1);
        Arrays.fill(runTail, old, n, -1);
    }
}
