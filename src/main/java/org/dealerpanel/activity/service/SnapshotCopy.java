package org.dealerpanel.activity.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Writes a new snapshot day's rows by {@code COPY}, sent while the accounts are still being assessed: PostgreSQL
 * stores the rows already sent while this thread computes the next ones, so writing and computing overlap on two
 * cores instead of taking turns as with one insert statement per batch. Only for rows that cannot exist yet (the
 * day's old rows deleted, the day locked); {@link SnapshotRows} upserts the refreshed ones.
 *
 * <p>While a COPY is open the connection can run nothing else: {@link #pause()} ends it before any other statement
 * on the connection (the next row opens a new one).
 */
final class SnapshotCopy implements AutoCloseable {
    private static final String COPY = """
            copy activity_snapshot (as_of, account_id, status, status_since, silent_days, last_active, flag_types,
                                    flags, evidence) from stdin""";
    /** Characters gathered before they are sent: large enough to send few messages, small to start early. */
    private static final int SEND_AT = 32 * 1024;
    /**
     * Rows per COPY statement at most: the V18 count trigger's transition table and the foreign-key checks queued
     * for a statement hold every row it wrote until it ends, so a statement stays far below a national panel.
     */
    static final int ROWS_PER_COPY = 10_000;

    private final CopyManager copies;
    private final ObjectMapper json;
    private final String asOf;
    private final StringBuilder pending = new StringBuilder(SEND_AT + 4096);
    private CopyIn copy;
    private int rowsInCopy;

    SnapshotCopy(Connection connection, LocalDate asOf, ObjectMapper json) throws SQLException {
        this.copies = connection.unwrap(PGConnection.class).getCopyAPI();
        this.json = json;
        this.asOf = asOf.toString();
    }

    void add(ActivityView view, LocalDate statusSince) {
        try {
            StringBuilder line = pending;
            line.append(asOf).append('\t').append(view.accountId()).append('\t').append(view.status().name())
                    .append('\t').append(statusSince).append('\t');
            line.append(view.silentDays() == null ? "\\N" : view.silentDays()).append('\t');
            line.append(view.lastActive() == null ? "\\N" : view.lastActive()).append("\t{");
            // flag type names are enum constants: nothing to quote in the array literal
            line.append(String.join(",", view.flags().stream().map(f -> f.type().name()).distinct().toList()));
            line.append("}\t");
            appendEscaped(line, json.writeValueAsString(view.flags()));
            line.append('\t');
            appendEscaped(line, json.writeValueAsString(view.evidence()));
            line.append('\n');
            if (++rowsInCopy == ROWS_PER_COPY) {
                pause();
            } else if (pending.length() >= SEND_AT) {
                send();
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("could not store the snapshot of account " + view.accountId(), e);
        }
    }

    /** Ends the COPY in progress, if any, so that the connection can run another statement. */
    void pause() {
        try {
            send();
            rowsInCopy = 0;
            if (copy != null) {
                CopyIn done = copy;
                copy = null;
                done.endCopy();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not store the snapshot", e);
        }
    }

    private void send() throws SQLException {
        if (pending.isEmpty()) {
            return;
        }
        if (copy == null) {
            copy = copies.copyIn(COPY);
        }
        byte[] bytes = pending.toString().getBytes(StandardCharsets.UTF_8);
        pending.setLength(0);
        copy.writeToCopy(bytes, 0, bytes.length);
    }

    /** COPY's text format: backslash, newline, carriage return and tab escaped (JSON text has only backslashes). */
    private static void appendEscaped(StringBuilder line, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> line.append(c);
            }
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            pause();
        } finally {
            if (copy != null && copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }
}
