package org.dealerpanel.account.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dealerpanel.account.Account;
import org.dealerpanel.account.Dealer;
import org.dealerpanel.audit.service.AuditService;
import org.dealerpanel.common.ApiException;

/** Dealers: the people or shops behind accounts. An account belongs to at most one dealer. */
@ApplicationScoped
public class DealerService {
    @Inject
    AuditService audit;
    @Inject
    EntityManager em;

    public record OwnedAccount(Long id, String platform, String handle, String displayName) {
    }

    public record DealerView(Long id, String name, String notes, List<OwnedAccount> accounts, Instant createdAt,
                             Instant updatedAt) {
    }

    @Transactional
    public List<DealerView> list() {
        return Dealer.<Dealer>listAll(io.quarkus.panache.common.Sort.by("name").and("id")).stream().map(this::view).toList();
    }

    @Transactional
    public DealerView create(String name, String notes, List<Long> accountIds) {
        checkName(name);
        Dealer dealer = new Dealer();
        dealer.name = name.strip();
        dealer.notes = notes;
        dealer.updatedAt = Instant.now();
        dealer.persistAndFlush();
        audit.record("dealer.create", "dealer", dealer.id, Map.of("name", dealer.name));
        if (accountIds != null) {
            for (Long accountId : accountIds) {
                assign(dealer, accountId);
            }
        }
        em.flush();
        em.refresh(dealer);
        return view(dealer);
    }

    @Transactional
    public DealerView get(long id) {
        return view(find(id));
    }

    @Transactional
    public DealerView update(long id, String name, boolean nameGiven, String notes, boolean notesGiven) {
        Dealer dealer = find(id);
        Map<String, Object> changes = new LinkedHashMap<>();
        if (nameGiven) {
            checkName(name);
            changes.put("name", Map.of("from", dealer.name, "to", name.strip()));
            dealer.name = name.strip();
        }
        if (notesGiven) {
            changes.put("notes", "changed");
            dealer.notes = notes;
        }
        dealer.updatedAt = Instant.now();
        audit.record("dealer.update", "dealer", id, changes);
        return view(dealer);
    }

    /** Links the account to the dealer; true if it was not linked before. */
    @Transactional
    public boolean addAccount(long dealerId, long accountId) {
        Dealer dealer = find(dealerId);
        Account account = Account.findById(accountId);
        if (account == null) {
            throw ApiException.notFound("account " + accountId);
        }
        if (dealer.id.equals(account.dealerId)) {
            return false;
        }
        assign(dealer, accountId);
        return true;
    }

    @Transactional
    public void removeAccount(long dealerId, long accountId) {
        Dealer dealer = find(dealerId);
        Account account = Account.findById(accountId);
        if (account == null || !dealer.id.equals(account.dealerId)) {
            throw ApiException.notFound("account " + accountId + " of dealer " + dealerId);
        }
        account.dealerId = null;
        account.updatedAt = Instant.now();
        audit.record("dealer.account.remove", "dealer", dealerId, Map.of("accountId", accountId));
    }

    private void assign(Dealer dealer, Long accountId) {
        Account account = accountId == null ? null : Account.findById(accountId);
        if (account == null) {
            throw ApiException.badField("accountIds", "account " + accountId + " does not exist");
        }
        if (account.dealerId != null && !account.dealerId.equals(dealer.id)) {
            throw ApiException.conflict("account " + accountId + " belongs to dealer " + account.dealerId
                    + "; remove it there first");
        }
        account.dealerId = dealer.id;
        account.updatedAt = Instant.now();
        audit.record("dealer.account.add", "dealer", dealer.id, Map.of("accountId", accountId));
    }

    private DealerView view(Dealer dealer) {
        List<OwnedAccount> accounts = Account.<Account>find("dealerId = ?1 order by platform, handle", dealer.id).stream()
                .map(a -> new OwnedAccount(a.id, a.platform, a.handle, a.displayName)).toList();
        return new DealerView(dealer.id, dealer.name, dealer.notes, accounts, dealer.createdAt, dealer.updatedAt);
    }

    private static Dealer find(long id) {
        Dealer dealer = Dealer.findById(id);
        if (dealer == null) {
            throw ApiException.notFound("dealer " + id);
        }
        return dealer;
    }

    private static void checkName(String name) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw ApiException.badField("name", "is required, 1-200 characters");
        }
    }
}
