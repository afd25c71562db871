package org.dealerpanel.activity.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one day's snapshot rows, {@value #BATCH} to a statement: each statement is one multi-row insert over
 * arrays ({@code unnest}), so the per-statement work (the V18 status-count trigger among it) is paid once per
 * batch, not once per account. An existing row of the day is replaced (the refresh of stale rows); a whole new
 * day goes by {@link SnapshotCopy}.
 */
final class SnapshotRows implements AutoCloseable {
    static final int BATCH = 1000;

    private static final String INSERT = """
            insert into activity_snapshot (as_of, account_id, status, status_since, silent_days, last_active,
                                           flag_types, flags, evidence)
            select ?, r.account_id, r.status, r.status_since, r.silent_days, r.last_active,
                   case when r.flag_types = '' then '{}'::text[] else string_to_array(r.flag_types, ',') end,
                   cast(r.flags as json), cast(r.evidence as json)
              from unnest(?::bigint[], ?::text[], ?::date[], ?::int[], ?::date[], ?::text[], ?::text[], ?::text[])
                   as r(account_id, status, status_since, silent_days, last_active, flag_types, flags, evidence)
            """;
    private static final String UPSERT = INSERT + """
            on conflict (as_of, account_id) do update set status = excluded.status,
                status_since = excluded.status_since, silent_days = excluded.silent_days,
                last_active = excluded.last_active, flag_types = excluded.flag_types, flags = excluded.flags,
                evidence = excluded.evidence, computed_at = now(), stale = false
            """;

    private final Connection connection;
    private final LocalDate asOf;
    private final ObjectMapper json;
    private final PreparedStatement statement;
    private final List<Long> ids = new ArrayList<>();
    private final List<String> statuses = new ArrayList<>();
    private final List<Date> since = new ArrayList<>();
    private final List<Integer> silentDays = new ArrayList<>();
    private final List<Date> lastActive = new ArrayList<>();
    private final List<String> flagTypes = new ArrayList<>();
    private final List<String> flags = new ArrayList<>();
    private final List<String> evidence = new ArrayList<>();

    SnapshotRows(Connection connection, LocalDate asOf, ObjectMapper json) throws SQLException {
        this.connection = connection;
        this.asOf = asOf;
        this.json = json;
        this.statement = connection.prepareStatement(UPSERT);
    }

    void add(ActivityView view, LocalDate statusSince) {
        try {
            ids.add(view.accountId());
            statuses.add(view.status().name());
            since.add(Date.valueOf(statusSince));
            silentDays.add(view.silentDays());
            lastActive.add(view.lastActive() == null ? null : Date.valueOf(view.lastActive()));
            // flag type names are enum constants: no commas
            flagTypes.add(String.join(",", view.flags().stream().map(f -> f.type().name()).distinct().toList()));
            flags.add(json.writeValueAsString(view.flags()));
            evidence.add(json.writeValueAsString(view.evidence()));
            if (ids.size() == BATCH) {
                flush();
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("could not store the snapshot of account " + view.accountId(), e);
        }
    }

    private void flush() throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        statement.setObject(1, asOf);
        statement.setArray(2, connection.createArrayOf("bigint", ids.toArray()));
        statement.setArray(3, connection.createArrayOf("text", statuses.toArray()));
        statement.setArray(4, connection.createArrayOf("date", since.toArray()));
        statement.setArray(5, connection.createArrayOf("int4", silentDays.toArray()));
        statement.setArray(6, connection.createArrayOf("date", lastActive.toArray()));
        statement.setArray(7, connection.createArrayOf("text", flagTypes.toArray()));
        statement.setArray(8, connection.createArrayOf("text", flags.toArray()));
        statement.setArray(9, connection.createArrayOf("text", evidence.toArray()));
        statement.executeUpdate();
        for (List<?> column : List.of(ids, statuses, since, silentDays, lastActive, flagTypes, flags, evidence)) {
            column.clear();
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            flush();
        } finally {
            statement.close();
        }
    }
}
