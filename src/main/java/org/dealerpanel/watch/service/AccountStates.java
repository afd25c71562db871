package org.dealerpanel.watch.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dealerpanel.account.PlatformState;
import org.dealerpanel.activity.ActivityStatus;
import org.dealerpanel.activity.service.ActivityService;
import org.dealerpanel.activity.service.ActivityView;
import org.dealerpanel.common.TextInputModule;
import org.dealerpanel.watch.WatchKind;
import org.hibernate.Session;

/**
 * What the digests compare: the current state of accounts (status and trend flags as of a day, from the activity
 * snapshot where it is current; platform state; the evidence linking them to other accounts) and what a user's
 * digests last saw of them ({@code watch_seen}).
 */
@ApplicationScoped
public class AccountStates {
    private static final TypeReference<List<Map<String, String>>> FLAG_LIST = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    @Inject
    EntityManager em;
    @Inject
    ActivityService activity;
    @Inject
    ObjectMapper json;

    /** A shared contact id or an identical image linking an account to another, and one place the other showed it. */
    public record LinkRow(long otherAccountId, String type, String contactKind, String value, Long otherPostId,
                          String otherImageSha256) {
        /** Stable key of the evidence, as stored in watch_seen.links. */
        public String key() {
            return otherAccountId + "|" + type + "|" + ("CONTACT".equals(type) ? contactKind + "|" + value : value);
        }
    }

    /** An account as it is now. */
    public record Current(long accountId, String platform, String handle, ActivityStatus status, LocalDate asOf,
                          List<ActivityView.FlagView> flags, PlatformState platformState, LocalDate platformStateSince,
                          Map<String, LinkRow> links) {
        Set<String> flagKeys() {
            Set<String> keys = new LinkedHashSet<>();
            flags.forEach(f -> keys.add(f.type().name() + "|" + f.metric()));
            return keys;
        }
    }

    /** What a user's digests last saw of an account. */
    public record Seen(long accountId, LocalDate asOf, ActivityStatus status, Set<String> flagKeys,
                       PlatformState platformState, LocalDate platformStateSince, Set<String> linkKeys) {
    }

    /** One (account, watch) pair of a user's scope: the account is covered by that watch. */
    public record Covered(long accountId, WatchKind kind, long targetId) {
    }

    /** The accounts a user's ACCOUNT, DEALER and COHORT watches cover, with the watch that covers each (one row per pair). */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Covered> scope(long userId) {
        return work(c -> {
            List<Covered> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("""
                    select a.id, w.kind, w.target_id from watch w join account a on a.id = w.target_id
                     where w.user_id = ? and w.kind = 'ACCOUNT'
                    union all
                    select a.id, w.kind, w.target_id from watch w join account a on a.dealer_id = w.target_id
                     where w.user_id = ? and w.kind = 'DEALER'
                    union all
                    select m.account_id, w.kind, w.target_id from watch w join cohort_member m on m.cohort_id = w.target_id
                     where w.user_id = ? and w.kind = 'COHORT'
                    order by 1, 2, 3""")) {
                st.setLong(1, userId);
                st.setLong(2, userId);
                st.setLong(3, userId);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Covered(rs.getLong(1), WatchKind.valueOf(rs.getString(2)), rs.getLong(3)));
                    }
                }
            }
            return out;
        });
    }

    /** The accounts one watch covers now. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Long> accountsOf(WatchKind kind, long targetId) {
        String sql = switch (kind) {
            case ACCOUNT -> "select id from account where id = ?";
            case DEALER -> "select id from account where dealer_id = ? order by id";
            case COHORT -> "select account_id from cohort_member where cohort_id = ? order by account_id";
            case TERM -> null;
        };
        if (sql == null) {
            return List.of();
        }
        return work(c -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement(sql)) {
                st.setLong(1, targetId);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            return ids;
        });
    }

    /**
     * The current state of the given accounts: status and flags as of {@code asOf} (the stored snapshot where it is
     * current, computed otherwise), platform state, and every piece of evidence linking them to other accounts.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<Long, Current> current(Collection<Long> ids, LocalDate asOf) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<Long, ActivityView> views = activity.forAccounts(ids, asOf);
        return work(c -> {
            Long[] idArray = ids.toArray(new Long[0]);
            Map<Long, Map<String, LinkRow>> links = new HashMap<>();
            try (PreparedStatement st = c.prepareStatement("""
                    select a.account_id, b.account_id, 'CONTACT', a.kind, a.value, min(b.post_id), min(b.image_sha256)
                      from contact_sighting a
                      join contact_sighting b on b.kind = a.kind and b.value = a.value and b.account_id <> a.account_id
                     where a.account_id = any(?)
                     group by a.account_id, b.account_id, a.kind, a.value
                    union all
                    select a.account_id, b.account_id, 'IMAGE', null, a.sha256, min(b.post_id), a.sha256
                      from image_link a
                      join image_link b on b.sha256 = a.sha256 and b.account_id <> a.account_id
                     where a.account_id = any(?)
                     group by a.account_id, b.account_id, a.sha256
                     order by 1, 2, 3, 4, 5""")) {
                Array array = c.createArrayOf("bigint", idArray);
                st.setArray(1, array);
                st.setArray(2, array);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        LinkRow row = new LinkRow(rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                                (Long) rs.getObject(6, Long.class), rs.getString(7));
                        links.computeIfAbsent(rs.getLong(1), k -> new LinkedHashMap<>()).put(row.key(), row);
                    }
                }
            }
            Map<Long, Current> out = new LinkedHashMap<>();
            try (PreparedStatement st = c.prepareStatement("""
                    select id, platform, handle, platform_state, platform_state_since from account
                     where id = any(?) order by platform, handle, id""")) {
                st.setArray(1, c.createArrayOf("bigint", idArray));
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        long id = rs.getLong(1);
                        ActivityView v = views.get(id);
                        out.put(id, new Current(id, rs.getString(2), rs.getString(3),
                                v == null ? ActivityStatus.UNKNOWN : v.status(), asOf, v == null ? List.of() : v.flags(),
                                PlatformState.valueOf(rs.getString(4)), rs.getObject(5, LocalDate.class),
                                links.getOrDefault(id, Map.of())));
                    }
                }
            }
            return out;
        });
    }

    /** What the user's digests last saw, by account. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<Long, Seen> seen(long userId) {
        ObjectReader reader = TextInputModule.trustedReader(json);
        return work(c -> {
            Map<Long, Seen> out = new HashMap<>();
            try (PreparedStatement st = c.prepareStatement("""
                    select account_id, as_of, status, flags::text, platform_state, platform_state_since, links::text
                      from watch_seen where user_id = ?""")) {
                st.setLong(1, userId);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        List<Map<String, String>> flags = reader.forType(FLAG_LIST).readValue(rs.getString(4));
                        Set<String> flagKeys = new LinkedHashSet<>();
                        flags.forEach(f -> flagKeys.add(f.get("type") + "|" + f.get("metric")));
                        List<String> links = reader.forType(STRINGS).readValue(rs.getString(7));
                        out.put(rs.getLong(1), new Seen(rs.getLong(1), rs.getObject(2, LocalDate.class),
                                ActivityStatus.valueOf(rs.getString(3)), flagKeys, PlatformState.valueOf(rs.getString(5)),
                                rs.getObject(6, LocalDate.class), new LinkedHashSet<>(links)));
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("unreadable watch_seen row of user " + userId, e);
            }
            return out;
        });
    }

    /** Records what the user's digests have now seen of these accounts (insert or replace). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void remember(long userId, Collection<Current> states, boolean onlyNew) {
        if (states.isEmpty()) {
            return;
        }
        String sql = """
                insert into watch_seen (user_id, account_id, as_of, status, flags, platform_state, platform_state_since,
                                        links, seen_at)
                values (?, ?, ?, ?, ?::jsonb, ?, ?, ?::jsonb, now())
                on conflict (user_id, account_id) do """ + (onlyNew ? " nothing" : """
                 
                update set as_of = excluded.as_of, status = excluded.status, flags = excluded.flags,
                           platform_state = excluded.platform_state, platform_state_since = excluded.platform_state_since,
                           links = excluded.links, seen_at = excluded.seen_at""");
        work(c -> {
            try (PreparedStatement st = c.prepareStatement(sql)) {
                for (Current s : states) {
                    List<Map<String, String>> flags = new ArrayList<>();
                    s.flags().forEach(f -> flags.add(Map.of("type", f.type().name(), "metric", f.metric())));
                    st.setLong(1, userId);
                    st.setLong(2, s.accountId());
                    st.setObject(3, s.asOf());
                    st.setString(4, s.status().name());
                    st.setString(5, write(flags));
                    st.setString(6, s.platformState().name());
                    st.setObject(7, s.platformStateSince());
                    st.setString(8, write(new ArrayList<>(s.links().keySet())));
                    st.addBatch();
                }
                st.executeBatch();
            }
            return null;
        });
    }

    /** Forgets the accounts no watch of the user covers any more (a later watch starts from a fresh baseline). */
    @Transactional(Transactional.TxType.MANDATORY)
    public int forgetOutside(long userId, Collection<Long> covered) {
        return work(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "delete from watch_seen where user_id = ? and not (account_id = any(?))")) {
                st.setLong(1, userId);
                st.setArray(2, c.createArrayOf("bigint", covered.toArray(new Long[0])));
                return st.executeUpdate();
            }
        });
    }

    /** Who last changed the account's platform state, from the audit trail (null when it does not say). */
    @Transactional(Transactional.TxType.MANDATORY)
    public String platformStateChangedBy(long accountId) {
        return work(c -> {
            try (PreparedStatement st = c.prepareStatement("""
                    select actor from audit_entry
                     where entity_type = 'account' and entity_id = ? and detail -> 'platformState' is not null
                     order by id desc limit 1""")) {
                st.setString(1, String.valueOf(accountId));
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    <T> T work(Work<T> work) {
        return em.unwrap(Session.class).doReturningWork(work::run);
    }
}
