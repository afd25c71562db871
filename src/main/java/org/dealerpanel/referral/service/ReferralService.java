package org.dealerpanel.referral.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.dealerpanel.account.Account;
import org.dealerpanel.account.Dealer;
import org.dealerpanel.audit.service.AuditService;
import org.dealerpanel.audit.service.AuditService.AuditView;
import org.dealerpanel.common.ApiException;
import org.dealerpanel.common.FieldError;
import org.dealerpanel.common.Page;
import org.dealerpanel.image.service.ImageStore;
import org.dealerpanel.referral.RecipientKind;
import org.dealerpanel.referral.Referral;
import org.dealerpanel.referral.ReferralState;
import org.dealerpanel.referral.Tlp;
import org.jboss.logging.Logger;
import org.dealerpanel.common.PanelClock;

/**
 * Case referrals: the workflow (DRAFT → SUBMITTED → ACKNOWLEDGED → CLOSED), validation, the frozen evidence bundle
 * built once at submit ({@link BundleBuilder}) and its audited downloads. Every write is audited in its transaction.
 */
@ApplicationScoped
public class ReferralService {
    private static final Logger LOG = Logger.getLogger(ReferralService.class);
    public static final Set<String> LANGUAGES = Set.of("en", "zh-CN");
    private static final Set<String> PATCHABLE = new TreeSet<>(List.of("title", "agency", "summary", "tlp", "accountIds",
            "dealerId", "recipientKind", "language", "referredOn"));
    static final int MAX_ACCOUNTS = 1000;

    @Inject
    EntityManager em;
    @Inject
    AuditService audit;
    @Inject
    BundleBuilder bundles;
    @Inject
    EvidenceStore store;
    @Inject
    org.dealerpanel.contact.service.LinkService links;

    public record NewReferral(String title, String agency, List<Long> accountIds, String summary, String tlp,
                              Long dealerId, String recipientKind, String language, LocalDate referredOn) {
    }

    public record ListQuery(ReferralState state, String agency, int page, int size) {
    }

    // ------------------------------------------------------------------ reads

    @Transactional
    public ReferralView get(long id) {
        return view(find(id));
    }

    @Transactional
    public Page<ReferralView> list(ListQuery q) {
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (q.state() != null) {
            where.append(" and state = :state");
            params.put("state", q.state());
        }
        if (q.agency() != null && !q.agency().isBlank()) {
            where.append(" and lower(agency) = :agency");
            params.put("agency", q.agency().strip().toLowerCase(Locale.ROOT));
        }
        var query = Referral.<Referral>find(where + " order by id desc", params);
        long total = query.count();
        return new Page<>(query.page(q.page(), q.size()).list().stream().map(this::view).toList(), total);
    }

    /** The recipients named so far (for filters), most used first. */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<String> recipients() {
        return em.createNativeQuery("select min(agency) from referral group by lower(agency) order by count(*) desc, 1")
                .getResultList();
    }

    /** The referral's own audit entries (its state history), oldest first. */
    @Transactional
    public List<AuditView> history(long id) {
        find(id);
        return audit.where("entity_type = 'referral' and entity_id = :id", Map.of("id", String.valueOf(id)));
    }

    @Transactional
    public List<Long> accountIds(long referralId) {
        return accountIdsOf(referralId);
    }

    /** One referred account's evidence in numbers (for the referral page). */
    public record EvidenceRow(long accountId, String platform, String handle, String displayName,
                              org.dealerpanel.account.PlatformState platformState, LocalDate platformStateSince,
                              long observedDays, long posts, long matchedPosts, long images, long matchedImages,
                              long contacts, int linkedAccounts) {
    }

    @Transactional
    @SuppressWarnings("unchecked")
    public List<EvidenceRow> evidence(long id) {
        find(id);
        List<Long> ids = accountIdsOf(id);
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, Object[]> rows = new HashMap<>();
        for (Object[] row : (List<Object[]>) em.createNativeQuery("""
                select a.id,
                       (select count(*) from observation o where o.account_id = a.id),
                       (select count(*) from post p where p.account_id = a.id),
                       (select count(distinct p.id) from post p join term_match t on t.post_id = p.id where p.account_id = a.id),
                       (select count(distinct l.sha256) from image_link l where l.account_id = a.id),
                       (select count(distinct l.sha256) from image_link l join term_match t on t.image_sha256 = l.sha256
                         where l.account_id = a.id),
                       (select count(distinct (c.kind, c.value)) from contact_sighting c where c.account_id = a.id)
                  from account a where a.id = any(?1)""").setParameter(1, ids.toArray(new Long[0])).getResultList()) {
            rows.put(((Number) row[0]).longValue(), row);
        }
        List<EvidenceRow> out = new ArrayList<>();
        for (Long aid : ids) {
            Account a = Account.findById(aid);
            Object[] r = rows.get(aid);
            if (a == null || r == null) {
                continue;
            }
            out.add(new EvidenceRow(a.id, a.platform, a.handle, a.displayName, a.platformState, a.platformStateSince,
                    n(r[1]), n(r[2]), n(r[3]), n(r[4]), n(r[5]), n(r[6]), links.links(aid).size()));
        }
        return out;
    }

    private static long n(Object o) {
        return ((Number) o).longValue();
    }

    // ------------------------------------------------------------------ writes

    @Transactional
    public ReferralView create(NewReferral in) {
        if (in == null) {
            throw ApiException.badField("body", "is required");
        }
        List<FieldError> errors = new ArrayList<>();
        String title = text("title", in.title(), 300, errors);
        String agency = text("agency", in.agency(), 300, errors);
        String summary = text("summary", in.summary(), 20000, errors);
        String tlp = tlp(in.tlp(), errors);
        RecipientKind kind = recipientKind(in.recipientKind(), errors);
        String language = language(in.language(), errors);
        checkReferredOn(in.referredOn(), errors);
        List<Long> ids = accounts(in.accountIds(), in.dealerId(), errors);
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(describe(errors), errors);
        }
        Referral r = new Referral();
        r.title = title;
        r.agency = agency;
        r.summary = summary;
        r.tlp = tlp;
        r.recipientKind = kind == null ? RecipientKind.AGENCY : kind;
        r.language = language == null ? "en" : language;
        r.dealerId = in.dealerId();
        r.referredOn = in.referredOn();
        r.createdBy = audit.currentActor();
        r.updatedAt = Instant.now();
        r.persistAndFlush();
        setAccounts(r.id, ids);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("title", r.title);
        detail.put("agency", r.agency);
        detail.put("recipientKind", r.recipientKind.name());
        detail.put("tlp", r.tlp);
        detail.put("language", r.language);
        detail.put("dealerId", r.dealerId);
        detail.put("accountIds", ids);
        detail.put("referredOn", r.referredOn == null ? null : r.referredOn.toString());
        audit.record("referral.create", "referral", r.id, detail);
        em.flush();
        em.refresh(r);
        return view(r);
    }

    /** Changes a DRAFT (only the fields the body names); a submitted referral is frozen: 409. */
    @Transactional
    public ReferralView patch(long id, ObjectNode body) {
        Referral r = lock(id);
        if (r.state.frozen()) {
            throw ApiException.conflict("referral " + id + " is " + r.state + ": it is frozen, edits are refused");
        }
        if (body == null) {
            throw ApiException.badField("body", "is required");
        }
        List<FieldError> errors = new ArrayList<>();
        body.fieldNames().forEachRemaining(name -> {
            if (!PATCHABLE.contains(name)) {
                errors.add(FieldError.field(name, "unknown or read-only field; patchable: " + PATCHABLE));
            }
        });
        Map<String, Object> changes = new LinkedHashMap<>();
        String title = body.has("title") ? text("title", string(body, "title", errors), 300, errors) : r.title;
        String agency = body.has("agency") ? text("agency", string(body, "agency", errors), 300, errors) : r.agency;
        String summary = body.has("summary") ? text("summary", string(body, "summary", errors), 20000, errors) : r.summary;
        String tlp = body.has("tlp") ? tlp(string(body, "tlp", errors), errors) : r.tlp;
        RecipientKind kind = body.has("recipientKind") ? recipientKind(string(body, "recipientKind", errors), errors) : r.recipientKind;
        String language = body.has("language") ? language(string(body, "language", errors), errors) : r.language;
        LocalDate referredOn = r.referredOn;
        if (body.has("referredOn")) {
            String value = string(body, "referredOn", errors);
            try {
                referredOn = value == null ? null : LocalDate.parse(value);
                checkReferredOn(referredOn, errors);
            } catch (DateTimeParseException e) {
                errors.add(FieldError.field("referredOn", "must be an ISO-8601 date (yyyy-mm-dd)"));
            }
        }
        Long dealerId = r.dealerId;
        if (body.has("dealerId")) {
            JsonNode node = body.get("dealerId");
            if (node.isNull()) {
                dealerId = null;
            } else if (node.isIntegralNumber()) {
                dealerId = node.longValue();
            } else {
                errors.add(FieldError.field("dealerId", "must be a dealer id (a whole number) or null"));
            }
        }
        List<Long> ids = null;
        if (body.has("accountIds") || body.has("dealerId")) {
            List<Long> given = new ArrayList<>();
            if (body.has("accountIds")) {
                JsonNode node = body.get("accountIds");
                if (!node.isArray()) {
                    errors.add(FieldError.field("accountIds", "must be an array of account ids"));
                } else {
                    for (JsonNode item : node) {
                        if (!item.isIntegralNumber()) {
                            errors.add(FieldError.field("accountIds", "must be an array of account ids (whole numbers)"));
                            break;
                        }
                        given.add(item.longValue());
                    }
                }
            } else {
                // a new dealer alone: keep the accounts named one by one that the old dealer did not bring
                List<Long> current = accountIdsOf(id);
                Set<Long> oldDealers = r.dealerId == null ? Set.of() : Set.copyOf(dealerAccounts(r.dealerId));
                current.stream().filter(a -> !oldDealers.contains(a)).forEach(given::add);
            }
            ids = accounts(given, dealerId, errors);
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(describe(errors), errors);
        }
        put(changes, "title", r.title, title);
        put(changes, "agency", r.agency, agency);
        if (!r.summary.equals(summary)) {
            changes.put("summary", "changed");
        }
        put(changes, "tlp", r.tlp, tlp);
        put(changes, "recipientKind", r.recipientKind.name(), kind.name());
        put(changes, "language", r.language, language);
        put(changes, "referredOn", str(r.referredOn), str(referredOn));
        put(changes, "dealerId", r.dealerId, dealerId);
        r.title = title;
        r.agency = agency;
        r.summary = summary;
        r.tlp = tlp;
        r.recipientKind = kind;
        r.language = language;
        r.referredOn = referredOn;
        r.dealerId = dealerId;
        if (ids != null) {
            List<Long> before = accountIdsOf(id);
            if (!before.equals(ids)) {
                changes.put("accountIds", Map.of("from", before, "to", ids));
                em.createNativeQuery("delete from referral_account where referral_id = ?1").setParameter(1, id).executeUpdate();
                setAccounts(id, ids);
            }
        }
        r.updatedAt = Instant.now();
        audit.record("referral.update", "referral", id, changes);
        em.flush();
        return view(r);
    }

    /**
     * DRAFT → SUBMITTED: builds the evidence bundle once and stores it; the referral is frozen from then on. A stored
     * image whose bytes no longer match its SHA-256 stops the build (422, naming the file; the refusal is audited in a
     * transaction of its own) and the referral stays a DRAFT.
     */
    public ReferralView submit(long id) {
        String actor = audit.currentActor();
        try {
            return QuarkusTransaction.requiringNew().timeout(900).call(() -> doSubmit(id, actor));
        } catch (EvidenceIntegrityException e) {
            LOG.errorf("referral %d not submitted: %s", id, e.getMessage());
            QuarkusTransaction.requiringNew().run(() -> {
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("file", e.file());
                detail.put("expectedSha256", e.expected());
                detail.put("foundSha256", e.found());
                detail.put("reason", e.getMessage());
                audit.record("referral.submit-refused", "referral", id, detail);
            });
            throw new ApiException(422, "Evidence integrity failure",
                    e.getMessage() + "; the bundle was not built and referral " + id + " stays a DRAFT",
                    List.of(FieldError.field("evidence", e.getMessage())), null);
        }
    }

    private ReferralView doSubmit(long id, String actor) {
        Referral r = lock(id);
        if (r.state != ReferralState.DRAFT) {
            throw ApiException.conflict("referral " + id + " is " + r.state + ": only a DRAFT can be submitted");
        }
        List<Long> ids = accountIdsOf(id);
        if (ids.isEmpty()) {
            throw ApiException.badField("accountIds", "a referral needs at least one account");
        }
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        LocalDate referredOn = r.referredOn != null ? r.referredOn : PanelClock.dayOf(at);
        // the entity changes only after the build: the build's queries flush the session
        BundleBuilder.Built built = bundles.build(r, ids, actor, at, referredOn);
        r.referredOn = referredOn;
        r.submittedAt = at;
        r.submittedBy = actor;
        r.state = ReferralState.SUBMITTED;
        r.bundleSha256 = built.sha256();
        r.bundleSize = built.size();
        r.manifestSha256 = built.manifestSha256();
        r.lexiconVersion = built.lexiconVersion();
        r.updatedAt = Instant.now();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("bundleSha256", built.sha256());
        detail.put("bundleSize", built.size());
        detail.put("manifestSha256", built.manifestSha256());
        detail.put("files", built.files());
        detail.put("accounts", ids.size());
        detail.put("images", built.images());
        detail.put("lexiconVersion", built.lexiconVersion());
        detail.put("referredOn", referredOn.toString());
        audit.record("referral.submit", "referral", id, detail);
        em.flush();
        return view(r);
    }

    @Transactional
    public ReferralView acknowledge(long id) {
        Referral r = lock(id);
        if (r.state != ReferralState.SUBMITTED) {
            throw ApiException.conflict("referral " + id + " is " + r.state + ": only a SUBMITTED referral can be acknowledged");
        }
        r.state = ReferralState.ACKNOWLEDGED;
        r.acknowledgedAt = Instant.now();
        r.acknowledgedBy = audit.currentActor();
        r.updatedAt = r.acknowledgedAt;
        audit.record("referral.acknowledge", "referral", id, Map.of("from", "SUBMITTED", "to", "ACKNOWLEDGED"));
        em.flush();
        return view(r);
    }

    @Transactional
    public ReferralView close(long id, String outcome) {
        Referral r = lock(id);
        if (r.state != ReferralState.SUBMITTED && r.state != ReferralState.ACKNOWLEDGED) {
            throw ApiException.conflict("referral " + id + " is " + r.state
                    + ": only a SUBMITTED or ACKNOWLEDGED referral can be closed");
        }
        List<FieldError> errors = new ArrayList<>();
        String text = text("outcome", outcome, 5000, errors);
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(describe(errors), errors);
        }
        String from = r.state.name();
        r.state = ReferralState.CLOSED;
        r.outcome = text;
        r.closedAt = Instant.now();
        r.closedBy = audit.currentActor();
        r.updatedAt = r.closedAt;
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("from", from);
        detail.put("to", "CLOSED");
        detail.put("outcome", text);
        audit.record("referral.close", "referral", id, detail);
        em.flush();
        return view(r);
    }

    /** The stored bundle of a submitted referral, checked against its recorded SHA-256, with the download audited. */
    public record Download(Path file, String sha256, long size, String filename) {
    }

    @Transactional
    public Download download(long id, String via) {
        Referral r = find(id);
        if (r.state == ReferralState.DRAFT) {
            throw ApiException.conflict("referral " + id + " is a DRAFT: its bundle is built when it is submitted");
        }
        Path file = store.bundle(id);
        String found;
        try {
            found = Files.isRegularFile(file) ? ImageStore.sha256(file) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!r.bundleSha256.equals(found)) {
            LOG.errorf("bundle of referral %d at %s: expected %s, found %s", id, file, r.bundleSha256, found);
            throw new ApiException(500, "Evidence integrity failure", "the stored bundle of referral " + id
                    + (found == null ? " is missing" : " no longer matches its recorded SHA-256 " + r.bundleSha256)
                    + "; it is not served", null, null);
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("bundleSha256", r.bundleSha256);
        detail.put("size", r.bundleSize);
        detail.put("via", via);
        audit.record("referral.bundle-download", "referral", id, detail);
        return new Download(file, r.bundleSha256, r.bundleSize, "referral-" + id + "-bundle.zip");
    }

    // ------------------------------------------------------------------ helpers

    ReferralView view(Referral r) {
        List<Long> ids = accountIdsOf(r.id);
        List<ReferralView.ReferredAccount> accounts = new ArrayList<>();
        if (!ids.isEmpty()) {
            Map<Long, Account> byId = new HashMap<>();
            Account.<Account>list("id in ?1", ids).forEach(a -> byId.put(a.id, a));
            for (Long aid : ids) {
                Account a = byId.get(aid);
                if (a != null) {
                    accounts.add(new ReferralView.ReferredAccount(a.id, a.platform, a.handle, a.displayName,
                            a.platformState, a.platformStateSince, a.dealerId));
                }
            }
        }
        String dealerName = null;
        if (r.dealerId != null) {
            Dealer d = Dealer.findById(r.dealerId);
            dealerName = d == null ? null : d.name;
        }
        ReferralView.Bundle bundle = r.bundleSha256 == null ? null : new ReferralView.Bundle(r.bundleSha256,
                r.bundleSize == null ? 0 : r.bundleSize, r.manifestSha256, "/api/v1/referrals/" + r.id + "/bundle");
        return new ReferralView(r.id, r.title, r.agency, r.recipientKind, r.summary, r.tlp, r.language, r.dealerId,
                dealerName, ids, accounts, r.state, r.referredOn, r.outcome, r.createdBy, r.createdAt, r.updatedAt,
                r.submittedBy, r.submittedAt, r.acknowledgedBy, r.acknowledgedAt, r.closedBy, r.closedAt, bundle,
                r.lexiconVersion);
    }

    @SuppressWarnings("unchecked")
    public List<Long> accountIdsOf(long referralId) {
        return ((List<Number>) em.createNativeQuery("select account_id from referral_account where referral_id = ?1 order by position")
                .setParameter(1, referralId).getResultList()).stream().map(Number::longValue).toList();
    }

    @SuppressWarnings("unchecked")
    private List<Long> dealerAccounts(long dealerId) {
        return ((List<Number>) em.createNativeQuery("select id from account where dealer_id = ?1 order by platform, handle, id")
                .setParameter(1, dealerId).getResultList()).stream().map(Number::longValue).toList();
    }

    private void setAccounts(long referralId, List<Long> ids) {
        int position = 0;
        for (Long accountId : ids) {
            em.createNativeQuery("insert into referral_account (referral_id, account_id, position) values (?1, ?2, ?3)")
                    .setParameter(1, referralId).setParameter(2, accountId).setParameter(3, position++).executeUpdate();
        }
    }

    /** The accounts named one by one, then the dealer's, without repeats; errors name accountIds or dealerId. */
    private List<Long> accounts(List<Long> accountIds, Long dealerId, List<FieldError> errors) {
        LinkedHashSet<Long> ids = new LinkedHashSet<>();
        if (accountIds != null) {
            List<Long> unknown = new ArrayList<>();
            for (Long id : accountIds) {
                if (id == null || Account.findById(id) == null) {
                    unknown.add(id);
                } else {
                    ids.add(id);
                }
            }
            if (!unknown.isEmpty()) {
                errors.add(FieldError.field("accountIds", "unknown account id(s): " + unknown));
            }
        }
        if (dealerId != null) {
            if (Dealer.findById(dealerId) == null) {
                errors.add(FieldError.field("dealerId", "dealer " + dealerId + " does not exist"));
            } else {
                List<Long> owned = dealerAccounts(dealerId);
                if (owned.isEmpty() && ids.isEmpty()) {
                    errors.add(FieldError.field("dealerId", "dealer " + dealerId + " owns no account; name accountIds"));
                }
                ids.addAll(owned);
            }
        }
        if (ids.isEmpty() && errors.stream().noneMatch(e -> "accountIds".equals(e.field()) || "dealerId".equals(e.field()))) {
            errors.add(FieldError.field("accountIds", "name at least one account (accountIds) or a dealer with accounts (dealerId)"));
        }
        if (ids.size() > MAX_ACCOUNTS) {
            errors.add(FieldError.field("accountIds", "at most " + MAX_ACCOUNTS + " accounts per referral"));
        }
        return new ArrayList<>(ids);
    }

    private static String text(String field, String value, int max, List<FieldError> errors) {
        String v = value == null ? null : value.strip();
        if (v == null || v.isEmpty()) {
            errors.add(FieldError.field(field, "is required"));
            return null;
        }
        if (v.length() > max) {
            errors.add(FieldError.field(field, "is longer than " + max + " characters"));
        }
        return v;
    }

    private static String tlp(String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(FieldError.field("tlp", "is required: one of " + Tlp.LABELS));
            return null;
        }
        if (!Tlp.valid(value.strip())) {
            errors.add(FieldError.field("tlp", "must be one of " + Tlp.LABELS + " (TLP 2.0)"));
            return null;
        }
        return value.strip();
    }

    private static RecipientKind recipientKind(String value, List<FieldError> errors) {
        if (value == null) {
            return RecipientKind.AGENCY;
        }
        try {
            return RecipientKind.valueOf(value.strip());
        } catch (IllegalArgumentException e) {
            errors.add(FieldError.field("recipientKind", "must be AGENCY or PLATFORM"));
            return RecipientKind.AGENCY;
        }
    }

    private static String language(String value, List<FieldError> errors) {
        if (value == null) {
            return "en";
        }
        if (!LANGUAGES.contains(value.strip())) {
            errors.add(FieldError.field("language", "must be zh-CN or en"));
            return "en";
        }
        return value.strip();
    }

    private static void checkReferredOn(LocalDate day, List<FieldError> errors) {
        if (day != null && day.isAfter(PanelClock.today())) {
            errors.add(FieldError.field("referredOn", "is in the future"));
        }
    }

    private static String string(ObjectNode body, String field, List<FieldError> errors) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            errors.add(FieldError.field(field, "must be a string"));
            return null;
        }
        return node.asText();
    }

    private static String describe(List<FieldError> errors) {
        StringBuilder sb = new StringBuilder("the referral is not valid: ");
        for (int i = 0; i < errors.size(); i++) {
            sb.append(i == 0 ? "" : "; ").append(errors.get(i).field()).append(": ").append(errors.get(i).message());
        }
        return sb.toString();
    }

    private static void put(Map<String, Object> changes, String field, Object from, Object to) {
        if (!java.util.Objects.equals(from, to)) {
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("from", from);
            change.put("to", to);
            changes.put(field, change);
        }
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    private static Referral find(long id) {
        Referral r = Referral.findById(id);
        if (r == null) {
            throw ApiException.notFound("referral " + id);
        }
        return r;
    }

    private static Referral lock(long id) {
        Referral r = Referral.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (r == null) {
            throw ApiException.notFound("referral " + id);
        }
        return r;
    }
}
