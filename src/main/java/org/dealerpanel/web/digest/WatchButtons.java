package org.dealerpanel.web.digest;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Map;
import org.dealerpanel.watch.WatchKind;
import org.dealerpanel.watch.service.WatchService;

/**
 * The state of the watch buttons other pages show ({@code {#watchButton ctx=ctx state=inject:watchButtons.account(id) /}}):
 * the signed-in user's watches, read once per request.
 */
@Named("watchButtons")
@RequestScoped
public class WatchButtons {
    @Inject
    WatchService watches;
    @Inject
    SecurityIdentity identity;

    private Map<WatchKind, Map<Long, Long>> watched;

    public WatchButton account(long id) {
        return of(WatchKind.ACCOUNT, id);
    }

    public WatchButton dealer(long id) {
        return of(WatchKind.DEALER, id);
    }

    public WatchButton term(long id) {
        return of(WatchKind.TERM, id);
    }

    /** A cohort's button by the cohort's name; null (no button) when there is no such cohort. */
    public WatchButton cohort(String name) {
        return watches.cohortId(name).map(id -> of(WatchKind.COHORT, id)).orElse(null);
    }

    private WatchButton of(WatchKind kind, long id) {
        if (watched == null) {
            watched = identity.isAnonymous() ? Map.of() : watches.watchedTargets(identity.getPrincipal().getName());
        }
        return new WatchButton(kind, id, watched.getOrDefault(kind, Map.of()).get(id));
    }
}
