package org.dealerpanel.watch.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.dealerpanel.activity.FlagType;
import org.dealerpanel.activity.service.ActivityView;
import org.dealerpanel.audit.service.AuditService;
import org.dealerpanel.lexicon.TermCategory;
import org.dealerpanel.watch.DigestItem;
import org.dealerpanel.watch.ItemKind;
import org.dealerpanel.watch.NotificationSettings;
import org.dealerpanel.watch.Watch;
import org.dealerpanel.watch.WatchKind;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Builds one user's digest for one local day: what changed for the accounts their watches cover since their digests
 * last looked (status, trend flags, platform state, links to other accounts) and the new matches of the terms they
 * watch. Idempotent per user and day: under a per-user lock, a digest already stored for the day is answered as it is;
 * otherwise the digest row and the user's moved-forward "seen" state are written in one transaction (and the unique
 * (user, day) refuses a second row should the lock ever be bypassed).
 */
@ApplicationScoped
public class DigestBuilder {
    /** pg_advisory_xact_lock(key, user id): serialises the builds of one user across threads and instances. */
    static final int LOCK_KEY = 7307012;

    @Inject
    EntityManager em;
    @Inject
    AccountStates states;
    @Inject
    WatchService watches;
    @Inject
    NotificationService notifications;
    @Inject
    MailSwitch mail;
    @Inject
    AuditService audit;
    @Inject
    ObjectMapper json;
    @ConfigProperty(name = "tracker.digest.max-term-items", defaultValue = "50")
    int maxTermItems;

    /** The digest of a user and day: whether this call built it, and how many items it has. */
    public record Built(long digestId, boolean created, int items, String mailState, String webhookState) {
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Built build(long userId, LocalDate day, String builtBy) {
        states.work(c -> {
            try (PreparedStatement st = c.prepareStatement("select pg_advisory_xact_lock(?, ?)")) {
                st.setInt(1, LOCK_KEY);
                st.setInt(2, (int) userId);
                st.execute();
            }
            return null;
        });
        Built existing = existing(userId, day);
        if (existing != null) {
            return existing;
        }
        LocalDate asOf = day.minusDays(1);
        List<DigestItem> items = new ArrayList<>();

        // accounts: compare now with what the user's digests saw last
        List<AccountStates.Covered> scope = states.scope(userId);
        Map<Long, List<DigestItem.Via>> via = new LinkedHashMap<>();
        Map<String, String> labels = new LinkedHashMap<>();
        for (AccountStates.Covered c : scope) {
            String key = c.kind() + ":" + c.targetId();
            String label = labels.computeIfAbsent(key, k -> {
                String l = watches.label(c.kind(), c.targetId());
                return l == null ? "#" + c.targetId() : l;
            });
            via.computeIfAbsent(c.accountId(), k -> new ArrayList<>()).add(new DigestItem.Via(c.kind(), c.targetId(), label));
        }
        Map<Long, AccountStates.Current> current = states.current(via.keySet(), asOf);
        Map<Long, AccountStates.Seen> seen = states.seen(userId);
        Map<Long, AccountStates.Current> names = current;
        for (AccountStates.Current now : current.values()) {
            AccountStates.Seen before = seen.get(now.accountId());
            if (before != null) {
                compare(before, now, via.get(now.accountId()), names, items);
            }
        }
        states.remember(userId, current.values(), false);
        states.forgetOutside(userId, current.keySet());

        // terms: matches above each watch's cursor
        long maxMatch = watches.maxMatchId();
        List<Watch> termWatches = Watch.list("userId = ?1 and kind = ?2 order by id", userId, WatchKind.TERM);
        for (Watch w : termWatches) {
            long cursor = w.matchCursor == null ? 0 : w.matchCursor;
            if (cursor < maxMatch) {
                termItems(w, cursor, maxMatch, items);
                w.matchCursor = maxMatch;
            }
        }
        items.sort(ORDER);

        // delivery plan
        NotificationSettings settings = notifications.of(userId);
        String mailState;
        String mailNote = null;
        if (items.isEmpty()) {
            mailState = "SKIPPED";
            mailNote = "nothing changed";
        } else if (!mail.enabled()) {
            mailState = "SKIPPED";
            mailNote = "e-mail is off (no SMTP host configured)";
        } else if (settings == null || settings.email == null) {
            mailState = "SKIPPED";
            mailNote = "no e-mail address";
        } else {
            mailState = "PENDING";
        }
        String webhookState;
        String webhookNote = null;
        if (items.isEmpty()) {
            webhookState = "SKIPPED";
            webhookNote = "nothing changed";
        } else if (settings == null || settings.webhookUrl == null) {
            webhookState = "SKIPPED";
            webhookNote = "no webhook";
        } else {
            webhookState = "PENDING";
        }
        Instant since = previousBuiltAt(userId, day);
        String itemsJson;
        try {
            itemsJson = json.writeValueAsString(items);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String finalMailNote = mailNote;
        String finalWebhookNote = webhookNote;
        long id = states.work(c -> {
            try (PreparedStatement st = c.prepareStatement("""
                    insert into digest (user_id, day, as_of, since, built_by, item_count, items, mail_state, mail_note,
                                        webhook_state, webhook_note)
                    values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?) returning id""")) {
                st.setLong(1, userId);
                st.setObject(2, day);
                st.setObject(3, asOf);
                st.setTimestamp(4, since == null ? null : Timestamp.from(since));
                st.setString(5, builtBy);
                st.setInt(6, items.size());
                st.setString(7, itemsJson);
                st.setString(8, mailState);
                st.setString(9, finalMailNote);
                st.setString(10, webhookState);
                st.setString(11, finalWebhookNote);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("userId", userId);
        detail.put("day", day.toString());
        detail.put("asOf", asOf.toString());
        detail.put("items", items.size());
        Map<String, Long> byKind = new TreeMap<>();
        items.forEach(i -> byKind.merge(i.kind().name(), 1L, Long::sum));
        detail.put("byKind", byKind);
        detail.put("accounts", current.size());
        detail.put("mail", mailState);
        detail.put("webhook", webhookState);
        detail.put("builtBy", builtBy);
        audit.record("digest.build", "digest", id, detail);
        return new Built(id, true, items.size(), mailState, webhookState);
    }

    private Built existing(long userId, LocalDate day) {
        return states.work(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "select id, item_count, mail_state, webhook_state from digest where user_id = ? and day = ?")) {
                st.setLong(1, userId);
                st.setObject(2, day);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? new Built(rs.getLong(1), false, rs.getInt(2), rs.getString(3), rs.getString(4)) : null;
                }
            }
        });
    }

    private Instant previousBuiltAt(long userId, LocalDate day) {
        return states.work(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "select max(built_at) from digest where user_id = ? and day < ?")) {
                st.setLong(1, userId);
                st.setObject(2, day);
                try (ResultSet rs = st.executeQuery()) {
                    Timestamp t = rs.next() ? rs.getTimestamp(1) : null;
                    return t == null ? null : t.toInstant();
                }
            }
        });
    }

    /** The items of one account: platform state (with the status change it caused), status, flags, new links. */
    private void compare(AccountStates.Seen before, AccountStates.Current now, List<DigestItem.Via> via,
                         Map<Long, AccountStates.Current> known, List<DigestItem> items) {
        boolean statusChanged = before.status() != now.status();
        if (before.platformState() != now.platformState()) {
            DigestItem.Builder b = DigestItem.Builder.of(ItemKind.PLATFORM_STATE)
                    .account(now.accountId(), now.platform(), now.handle())
                    .platformState(before.platformState(), now.platformState(), now.platformStateSince(),
                            states.platformStateChangedBy(now.accountId()))
                    .via(via).url("/accounts/" + now.accountId());
            if (statusChanged) {
                b.status(before.status(), now.status());
            }
            items.add(b.build());
        } else if (statusChanged) {
            items.add(DigestItem.Builder.of(ItemKind.STATUS).account(now.accountId(), now.platform(), now.handle())
                    .status(before.status(), now.status()).via(via).url("/accounts/" + now.accountId()).build());
        }
        Set<String> nowFlags = now.flagKeys();
        for (ActivityView.FlagView f : now.flags()) {
            if (!before.flagKeys().contains(f.type().name() + "|" + f.metric())) {
                Object ratio = f.evidence() == null ? null : f.evidence().get("ratio");
                items.add(DigestItem.Builder.of(ItemKind.FLAG_NEW).account(now.accountId(), now.platform(), now.handle())
                        .flag(f.type(), f.metric(), f.since(), ratio instanceof Number n ? Math.round(n.doubleValue() * 100) / 100.0 : null)
                        .via(via).url("/accounts/" + now.accountId()).build());
            }
        }
        for (String key : before.flagKeys()) {
            if (!nowFlags.contains(key)) {
                String[] parts = key.split("\\|", 2);
                items.add(DigestItem.Builder.of(ItemKind.FLAG_CLEARED).account(now.accountId(), now.platform(), now.handle())
                        .flag(FlagType.valueOf(parts[0]), parts[1], null, null)
                        .via(via).url("/accounts/" + now.accountId()).build());
            }
        }
        Map<Long, List<DigestItem.LinkEvidence>> newLinks = new LinkedHashMap<>();
        for (AccountStates.LinkRow link : now.links().values()) {
            if (!before.linkKeys().contains(link.key())) {
                newLinks.computeIfAbsent(link.otherAccountId(), k -> new ArrayList<>()).add(evidence(link));
            }
        }
        if (!newLinks.isEmpty()) {
            Map<Long, String[]> others = otherAccounts(newLinks.keySet(), known);
            newLinks.forEach((other, evidence) -> {
                String[] name = others.getOrDefault(other, new String[] {null, null});
                items.add(DigestItem.Builder.of(ItemKind.LINK_NEW).account(now.accountId(), now.platform(), now.handle())
                        .linked(other, name[0], name[1], evidence).via(via).url(evidence.get(0).url()).build());
            });
        }
    }

    private static DigestItem.LinkEvidence evidence(AccountStates.LinkRow link) {
        long other = link.otherAccountId();
        if ("CONTACT".equals(link.type())) {
            String url = link.otherPostId() != null ? "/accounts/" + other + "#post-" + link.otherPostId()
                    : link.otherImageSha256() != null ? "/accounts/" + other + "/images/" + link.otherImageSha256()
                    : "/accounts/" + other;
            return new DigestItem.LinkEvidence("CONTACT", link.contactKind(), link.value(), null, url);
        }
        return new DigestItem.LinkEvidence("IMAGE", null, null, link.value(),
                "/accounts/" + other + "/images/" + link.value());
    }

    private Map<Long, String[]> otherAccounts(Set<Long> ids, Map<Long, AccountStates.Current> known) {
        Map<Long, String[]> out = new LinkedHashMap<>();
        List<Long> missing = new ArrayList<>();
        for (Long id : ids) {
            AccountStates.Current c = known.get(id);
            if (c != null) {
                out.put(id, new String[] {c.platform(), c.handle()});
            } else {
                missing.add(id);
            }
        }
        if (!missing.isEmpty()) {
            states.work(c -> {
                try (PreparedStatement st = c.prepareStatement("select id, platform, handle from account where id = any(?)")) {
                    st.setArray(1, c.createArrayOf("bigint", missing.toArray(new Long[0])));
                    try (ResultSet rs = st.executeQuery()) {
                        while (rs.next()) {
                            out.put(rs.getLong(1), new String[] {rs.getString(2), rs.getString(3)});
                        }
                    }
                }
                return null;
            });
        }
        return out;
    }

    /**
     * New current matches of a watched term with ids in (cursor, max]: one item per post or image (its hits counted),
     * newest first, at most {@code tracker.digest.max-term-items}, then one TERM_MORE item with the rest. A hit of a
     * text or image that was already reported (moved to the history by a re-match or a second OCR and found again) is
     * not new.
     */
    private void termItems(Watch w, long cursor, long max, List<DigestItem> items) {
        Object[] term = (Object[]) em.createNativeQuery("select term, category from term where id = ?1")
                .setParameter(1, w.targetId).getResultList().stream().findFirst().orElse(null);
        if (term == null) {
            return;
        }
        String termText = (String) term[0];
        TermCategory category = category((String) term[1]);
        DigestItem.Via via = new DigestItem.Via(WatchKind.TERM, w.targetId, termText);
        List<DigestItem> found = new ArrayList<>();
        int[] more = {0};
        states.work(c -> {
            try (PreparedStatement st = c.prepareStatement("""
                    select m.post_id, m.image_sha256, count(*) as hits, max(m.id) as newest,
                           coalesce(p.account_id, (select min(l.account_id) from image_link l where l.sha256 = m.image_sha256))
                      from term_match m left join post p on p.id = m.post_id
                     where m.term_id = ? and m.id > ? and m.id <= ?
                       and not exists (select 1 from term_match_history h
                                        where h.term_id = m.term_id and h.id <= ?
                                          and h.post_id is not distinct from m.post_id
                                          and h.image_sha256 is not distinct from m.image_sha256)
                     group by m.post_id, m.image_sha256, p.account_id
                     order by newest desc""")) {
                st.setLong(1, w.targetId);
                st.setLong(2, cursor);
                st.setLong(3, max);
                st.setLong(4, cursor);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        if (found.size() >= maxTermItems) {
                            more[0]++;
                            continue;
                        }
                        Long postId = (Long) rs.getObject(1, Long.class);
                        String sha = rs.getString(2);
                        Long account = (Long) rs.getObject(5, Long.class);
                        DigestItem.Builder b = DigestItem.Builder.of(ItemKind.TERM_MATCH).term(w.targetId, termText, category)
                                .match(postId, sha, rs.getInt(3)).via(List.of(via));
                        if (account != null) {
                            b.account(account, null, null);
                            b.url(postId != null ? "/accounts/" + account + "#post-" + postId
                                    : "/accounts/" + account + "/images/" + sha);
                        }
                        found.add(b.build());
                    }
                }
            }
            return null;
        });
        // the accounts' names in one query
        Map<Long, String[]> names = otherAccounts(new LinkedHashSet<>(found.stream().map(DigestItem::accountId)
                .filter(java.util.Objects::nonNull).toList()), Map.of());
        for (DigestItem i : found) {
            if (i.accountId() != null && names.containsKey(i.accountId())) {
                String[] n = names.get(i.accountId());
                items.add(new DigestItem(i.kind(), i.accountId(), n[0], n[1], null, null, null, null, null, null, null,
                        null, null, null, null, null, null, null, i.termId(), i.term(), i.category(), i.postId(),
                        i.sha256(), i.hits(), null, i.via(), i.url(), i.accountUrl(), null));
            } else {
                items.add(i);
            }
        }
        if (more[0] > 0) {
            items.add(DigestItem.Builder.of(ItemKind.TERM_MORE).term(w.targetId, termText, category).more(more[0])
                    .via(List.of(via)).url("/search?q=" + java.net.URLEncoder.encode(termText,
                            java.nio.charset.StandardCharsets.UTF_8)).build());
        }
    }

    private static TermCategory category(String value) {
        try {
            return value == null ? null : TermCategory.valueOf(value);
        } catch (IllegalArgumentException e) {
            return TermCategory.OTHER;
        }
    }

    /** Groups in page order, then account, then kind; term matches keep newest first. */
    static final Comparator<DigestItem> ORDER = Comparator
            .comparingInt((DigestItem i) -> groupRank(i.kind()))
            .thenComparing(i -> i.kind() == ItemKind.TERM_MATCH || i.kind() == ItemKind.TERM_MORE
                    ? String.valueOf(i.term()) : i.accountLabel())
            .thenComparingInt(i -> i.kind().ordinal());

    static int groupRank(ItemKind kind) {
        return switch (kind.group()) {
            case "flags" -> 0;
            case "status" -> 1;
            case "platform" -> 2;
            case "links" -> 3;
            default -> 4;
        };
    }
}
