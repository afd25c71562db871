package org.dealerpanel.account.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.dealerpanel.account.Account;
import org.dealerpanel.account.PlatformState;
import org.dealerpanel.activity.ActivityStatus;
import org.dealerpanel.activity.FlagType;
import org.dealerpanel.activity.service.ActivityService;
import org.dealerpanel.activity.service.ActivityView;
import org.dealerpanel.audit.service.AuditService;
import org.dealerpanel.common.ApiException;
import org.dealerpanel.common.FieldError;
import org.dealerpanel.common.Page;

@ApplicationScoped
public class AccountService {
    public static final Pattern PLATFORM = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    private static final Set<String> PATCHABLE = Set.of("notes", "displayName", "cohorts", "platformState",
            "platformStateSince", "firstSeen");

    @Inject
    EntityManager em;
    @Inject
    AuditService audit;
    @Inject
    CohortService cohorts;
    @Inject
    ActivityService activity;

    public record NewAccount(String platform, String handle, String displayName, String notes, List<String> cohorts,
                             LocalDate firstSeen, PlatformState platformState, LocalDate platformStateSince) {
    }

    public record ListQuery(String platform, String cohort, ActivityStatus status, FlagType flag, String q,
                            int page, int size, String sort) {
    }

    @Transactional
    public AccountView create(NewAccount input) {
        List<FieldError> errors = new ArrayList<>();
        if (input.platform() == null || !PLATFORM.matcher(input.platform()).matches()) {
            errors.add(FieldError.field("platform", "is required: a lower-case slug such as wechat, weibo, qq, taobao, baidu-tieba"));
        }
        String handle = input.handle() == null ? null : input.handle().strip();
        if (handle == null || handle.isEmpty() || handle.length() > 200) {
            errors.add(FieldError.field("handle", "is required, 1-200 characters"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("the account is not valid", errors);
        }
        if (Account.findByKey(input.platform(), handle).isPresent()) {
            throw ApiException.conflict("account " + input.platform() + "/" + handle + " exists already");
        }
        Account account = new Account();
        account.platform = input.platform();
        account.handle = handle;
        account.displayName = input.displayName();
        account.notes = input.notes();
        account.firstSeen = input.firstSeen();
        if (input.platformState() != null) {
            account.platformState = input.platformState();
            account.platformStateSince = input.platformStateSince() != null ? input.platformStateSince() : today();
        }
        account.updatedAt = Instant.now();
        account.persistAndFlush();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("platform", account.platform);
        detail.put("handle", account.handle);
        audit.record("account.create", "account", account.id, detail);
        if (input.cohorts() != null) {
            cohorts.setMemberships(account.id, input.cohorts(), "cohorts");
        }
        em.flush();
        em.refresh(account);
        return view(account);
    }

    @Transactional
    public AccountView get(long id) {
        return view(find(id));
    }

    @Transactional
    public Account find(long id) {
        Account account = Account.findById(id);
        if (account == null) {
            throw ApiException.notFound("account " + id);
        }
        return account;
    }

    @Transactional
    public Page<AccountView> list(ListQuery query) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (query.platform() != null && !query.platform().isBlank()) {
            where.append(" and a.platform = :platform");
            params.and("platform", query.platform());
        }
        if (query.cohort() != null && !query.cohort().isBlank()) {
            where.append(" and a.id in (select m.accountId from CohortMember m, Cohort c where c.id = m.cohortId and c.name = :cohort)");
            params.and("cohort", query.cohort());
        }
        if (query.q() != null && !query.q().isBlank()) {
            where.append(" and (lower(a.handle) like :q or lower(coalesce(a.displayName, '')) like :q or lower(coalesce(a.notes, '')) like :q)");
            params.and("q", "%" + query.q().toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        String sortField = query.sort() == null || query.sort().isBlank() ? "id" : query.sort().strip();
        boolean descending = sortField.startsWith("-");
        sortField = descending ? sortField.substring(1) : sortField;
        String column = switch (sortField) {
            case "id" -> "a.id";
            case "platform" -> "a.platform";
            case "handle" -> "a.handle";
            case "displayName" -> "a.displayName";
            case "firstSeen" -> "a.firstSeen";
            case "lastActive", "status" -> null;
            default -> throw ApiException.badField("sort", "sort by id, platform, handle, displayName, firstSeen, lastActive or status; prefix - for descending");
        };
        boolean needsActivity = query.status() != null || query.flag() != null || column == null;
        String order = column == null ? " order by a.id" : " order by " + column + (descending ? " desc" : "") + ", a.id";
        var jpql = Account.<Account>find("from Account a where " + where + order, params);
        LocalDate asOf = ActivityService.yesterday();
        if (!needsActivity) {
            long total = jpql.count();
            List<Account> accounts = jpql.page(query.page(), query.size()).list();
            return new Page<>(views(accounts, asOf), total);
        }
        List<Account> all = jpql.list();
        // Status and flags as of yesterday for the whole selection: the nightly snapshot where valid,
        // else the set-based computation (one statement for all of them).
        Map<Long, ActivityView> facts = activity.forAccounts(all.stream().map(a -> a.id).toList(), asOf);
        List<Account> kept = new ArrayList<>(all.stream()
                .filter(a -> query.status() == null || facts.get(a.id).status() == query.status())
                .filter(a -> query.flag() == null || facts.get(a.id).hasFlag(query.flag())).toList());
        if (column == null) {
            Comparator<Account> comparator = "status".equals(sortField)
                    ? Comparator.comparing(a -> facts.get(a.id).status())
                    : Comparator.comparing(a -> facts.get(a.id).lastActive(), Comparator.nullsFirst(Comparator.naturalOrder()));
            kept.sort(descending ? comparator.reversed() : comparator);
        }
        int from = (int) Math.min((long) query.page() * query.size(), kept.size());
        int to = Math.min(from + query.size(), kept.size());
        return new Page<>(views(kept.subList(from, to), asOf), kept.size());
    }

    @Transactional
    public AccountView patch(long id, ObjectNode body) {
        Account account = find(id);
        List<FieldError> errors = new ArrayList<>();
        body.fieldNames().forEachRemaining(name -> {
            if (!PATCHABLE.contains(name)) {
                errors.add(FieldError.field(name, "unknown or read-only field; patchable: " + new java.util.TreeSet<>(PATCHABLE)));
            }
        });
        Map<String, Object> changes = new LinkedHashMap<>();
        if (body.has("notes")) {
            String notes = textOrNull(body, "notes", errors);
            changes.put("notes", change(account.notes, notes));
            account.notes = notes;
        }
        if (body.has("displayName")) {
            String displayName = textOrNull(body, "displayName", errors);
            changes.put("displayName", change(account.displayName, displayName));
            account.displayName = displayName;
        }
        if (body.has("firstSeen")) {
            LocalDate firstSeen = dateOrNull(body, "firstSeen", errors);
            changes.put("firstSeen", change(account.firstSeen, firstSeen));
            account.firstSeen = firstSeen;
        }
        PlatformState newState = account.platformState;
        if (body.has("platformState")) {
            String value = textOrNull(body, "platformState", errors);
            try {
                newState = PlatformState.valueOf(String.valueOf(value));
            } catch (IllegalArgumentException e) {
                errors.add(FieldError.field("platformState", "must be one of " + java.util.Arrays.toString(PlatformState.values())));
            }
        }
        LocalDate since = body.has("platformStateSince") ? dateOrNull(body, "platformStateSince", errors) : null;
        List<String> cohortNames = null;
        if (body.has("cohorts")) {
            JsonNode node = body.get("cohorts");
            if (!node.isArray()) {
                errors.add(FieldError.field("cohorts", "must be an array of cohort names"));
            } else {
                cohortNames = new ArrayList<>();
                for (JsonNode item : node) {
                    if (!item.isTextual()) {
                        errors.add(FieldError.field("cohorts", "must be an array of cohort names"));
                        break;
                    }
                    cohortNames.add(item.asText());
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("the patch is not valid", errors);
        }
        if (body.has("platformState") || body.has("platformStateSince")) {
            LocalDate newSince = since != null ? since
                    : newState != account.platformState ? today() : account.platformStateSince;
            changes.put("platformState", change(account.platformState, newState));
            changes.put("platformStateSince", change(account.platformStateSince, newSince));
            account.platformState = newState;
            account.platformStateSince = newSince;
        }
        if (cohortNames != null) {
            cohorts.setMemberships(id, cohortNames, "cohorts");
            changes.put("cohorts", cohortNames);
        }
        account.updatedAt = Instant.now();
        audit.record("account.update", "account", id, changes);
        em.flush();
        return view(account);
    }

    private static Map<String, Object> change(Object from, Object to) {
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("from", from == null ? null : from.toString());
        change.put("to", to == null ? null : to.toString());
        return change;
    }

    private static String textOrNull(ObjectNode body, String field, List<FieldError> errors) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            errors.add(FieldError.field(field, "must be a string or null"));
            return null;
        }
        return node.asText();
    }

    private static LocalDate dateOrNull(ObjectNode body, String field, List<FieldError> errors) {
        String text = textOrNull(body, field, errors);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            errors.add(FieldError.field(field, "must be an ISO-8601 date (yyyy-mm-dd)"));
            return null;
        }
    }

    static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public AccountView view(Account account) {
        return views(List.of(account), ActivityService.yesterday()).get(0);
    }

    private List<AccountView> views(List<Account> accounts, LocalDate asOf) {
        List<Long> ids = accounts.stream().map(a -> a.id).toList();
        Map<Long, ActivityView> facts = activity.forAccounts(ids, asOf);
        Map<Long, List<String>> names = cohorts.namesByAccount(ids);
        Map<Long, LocalDate> firstObserved = firstObserved(accounts.stream().filter(a -> a.firstSeen == null)
                .map(a -> a.id).toList());
        List<AccountView> views = new ArrayList<>();
        for (Account a : accounts) {
            ActivityView f = facts.get(a.id);
            views.add(new AccountView(a.id, a.platform, a.handle, a.displayName, a.notes,
                    names.getOrDefault(a.id, List.of()), a.firstSeen != null ? a.firstSeen : firstObserved.get(a.id),
                    f.lastActive(), f.status(), f.silentDays(), f.flags(), a.platformState, a.platformStateSince,
                    a.dealerId, a.createdAt, a.updatedAt));
        }
        return views;
    }

    private Map<Long, LocalDate> firstObserved(List<Long> ids) {
        Map<Long, LocalDate> first = new java.util.HashMap<>();
        if (ids.isEmpty()) {
            return first;
        }
        for (Object[] row : em.createQuery("select o.accountId, min(o.day) from Observation o where o.accountId in :ids group by o.accountId",
                Object[].class).setParameter("ids", ids).getResultList()) {
            first.put((Long) row[0], (LocalDate) row[1]);
        }
        return first;
    }
}
