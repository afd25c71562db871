package org.dealerpanel;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import javax.sql.DataSource;
import org.dealerpanel.account.PlatformState;

/**
 * Writes a large generated panel straight into the test database (one cohort, its accounts and their
 * observations) in one transaction; far faster than thousands of API calls for tests of the read side.
 */
public final class PanelWriter implements AutoCloseable {
    private final Connection connection;
    private final long cohortId;
    private final String platform;
    private final LocalDate joinedOn;
    private final PreparedStatement account;
    private final PreparedStatement member;
    private final PreparedStatement observation;

    public PanelWriter(DataSource dataSource, String cohort, String platform, LocalDate joinedOn) throws SQLException {
        this.connection = dataSource.getConnection();
        this.platform = platform;
        this.joinedOn = joinedOn;
        connection.setAutoCommit(false);
        try (PreparedStatement st = connection.prepareStatement("insert into cohort (name) values (?) returning id")) {
            st.setString(1, cohort);
            ResultSet rs = st.executeQuery();
            rs.next();
            cohortId = rs.getLong(1);
        }
        account = connection.prepareStatement(
                "insert into account (platform, handle, platform_state, platform_state_since) values (?, ?, ?, ?) returning id");
        member = connection.prepareStatement("insert into cohort_member (cohort_id, account_id, joined_on) values (?, ?, ?)");
        observation = connection.prepareStatement(
                "insert into observation (account_id, day, posts, images) values (?, ?, ?, ?)");
    }

    /** Adds an account to the cohort; returns its id. */
    public long account(String handle, PlatformState state, LocalDate stateSince) throws SQLException {
        account.setString(1, platform);
        account.setString(2, handle);
        account.setString(3, state.name());
        account.setObject(4, stateSince);
        ResultSet rs = account.executeQuery();
        rs.next();
        long id = rs.getLong(1);
        member.setLong(1, cohortId);
        member.setLong(2, id);
        member.setObject(3, joinedOn);
        member.executeUpdate();
        return id;
    }

    public void observation(long accountId, LocalDate day, int posts, int images) throws SQLException {
        observation.setLong(1, accountId);
        observation.setObject(2, day);
        observation.setInt(3, posts);
        observation.setInt(4, images);
        observation.addBatch();
    }

    /** Writes the batched observations and commits. */
    @Override
    public void close() throws SQLException {
        try (connection; account; member; observation) {
            observation.executeBatch();
            connection.commit();
        }
    }
}
