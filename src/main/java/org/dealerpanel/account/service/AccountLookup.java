package org.dealerpanel.account.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.dealerpanel.account.Account;
import org.dealerpanel.common.ApiException;

/** Finds an account by its key (platform + handle), for forms that name an account the way people know it. */
@ApplicationScoped
public class AccountLookup {
    /** A short description of an account: enough to say on a page which one was meant. */
    public record AccountRef(long id, String platform, String handle, String displayName) {
        static AccountRef of(Account a) {
            return new AccountRef(a.id, a.platform, a.handle, a.displayName);
        }
    }

    /** The account with this id; 404 if there is none. */
    @Transactional
    public AccountRef byId(long id) {
        Account account = Account.findById(id);
        if (account == null) {
            throw ApiException.notFound("account " + id);
        }
        return AccountRef.of(account);
    }

    /** The account with this platform and handle (the handle as typed, surrounding spaces dropped); 404 if none. */
    @Transactional
    public AccountRef byKey(String platform, String handle) {
        String p = platform == null ? "" : platform.strip();
        String h = handle == null ? "" : handle.strip();
        return Account.findByKey(p, h).map(AccountRef::of)
                .orElseThrow(() -> ApiException.notFound("account " + p + "/" + h));
    }
}
