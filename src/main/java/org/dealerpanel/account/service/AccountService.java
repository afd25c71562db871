package org.dealerpanel.account.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.dealerpanel.account.Account;
import org.dealerpanel.account.PlatformState;
import org.dealerpanel.audit.service.AuditService;
import org.dealerpanel.common.ApiException;
import org.dealerpanel.common.FieldError;
import org.dealerpanel.common.PanelClock;

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

    public record NewAccount(String platform, String handle, String displayName, String notes, List<String> cohorts,
                             LocalDate firstSeen, PlatformState platformState, LocalDate platformStateSince) {
    }

    @Transactional
    public Account create(NewAccount input) {
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
        return account;
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
    public Account patch(long id, ObjectNode body) {
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
        return account;
    }

    /** Display name and notes, as the account page's form gives them (blank means none); audited like a PATCH. */
    @Transactional
    public Account updateDetails(long id, String displayName, String notes) {
        List<FieldError> errors = new ArrayList<>();
        String name = blankToNull(displayName);
        if (name != null && name.length() > 200) {
            errors.add(FieldError.field("displayName", "is longer than 200 characters"));
        }
        String text = notes == null || notes.isBlank() ? null : notes;
        if (text != null && text.length() > 20_000) {
            errors.add(FieldError.field("notes", "is longer than 20000 characters"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("the account is not valid", errors);
        }
        ObjectNode body = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        body.put("displayName", name);
        body.put("notes", text);
        return patch(id, body);
    }

    /**
     * The platform state and the day it began ({@code since} null: today when the state changes, else unchanged);
     * audited like a PATCH. A day in the future is refused.
     */
    @Transactional
    public Account setPlatformState(long id, PlatformState state, LocalDate since) {
        List<FieldError> errors = new ArrayList<>();
        if (state == null) {
            errors.add(FieldError.field("platformState", "is required"));
        }
        if (since != null && since.isAfter(today())) {
            errors.add(FieldError.field("platformStateSince", "is in the future"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("the platform state is not valid", errors);
        }
        ObjectNode body = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        body.put("platformState", state.name());
        if (since != null) {
            body.put("platformStateSince", since.toString());
        }
        return patch(id, body);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
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
        return PanelClock.today();
    }
}
