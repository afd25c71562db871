package org.dealerpanel.security.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import org.dealerpanel.audit.service.AuditService;
import org.dealerpanel.common.ProblemMappers;
import org.dealerpanel.security.AppUser;
import org.dealerpanel.security.Role;

/**
 * Checks user name and password (HTTP Basic and the sign-in form) against the bcrypt hashes in app_user. A credential
 * verified in the last minutes is answered from {@link CredentialCache} (no bcrypt, no audit row: an API client sends it
 * on every call). Otherwise {@link LoginThrottle} decides first, so a throttled attempt costs neither a database look-up
 * nor bcrypt, and every real verification, good or bad, is audited with the client address (off the event loop).
 */
@ApplicationScoped
public class DatabaseIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    @Inject
    CredentialCache cache;
    @Inject
    LoginThrottle throttle;
    @Inject
    AuditService audit;

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
                                              AuthenticationRequestContext context) {
        String username = request.getUsername();
        char[] password = request.getPassword().getPassword();
        Set<Role> cached = cache.lookup(username, password);
        if (cached != null) {
            return Uni.createFrom().item(identity(username, cached));
        }
        RoutingContext routing = HttpSecurityUtils.getRoutingContextAttribute(request);
        String address = clientAddress(routing);
        String mechanism = routing != null && routing.request().path().endsWith("/j_security_check") ? "form" : "basic";
        LoginThrottle.Decision decision = throttle.begin(username, address);
        if (decision.refusal() != null) {
            return Uni.createFrom().failure(new AuthenticationFailedException(decision.refusal().reason(),
                    Map.of(ProblemMappers.RETRY_AFTER_ATTRIBUTE, decision.refusal().retryAfterSeconds())));
        }
        LoginThrottle.Attempt attempt = decision.attempt();
        return context.runBlocking(() -> {
            try {
                AppUser user = QuarkusTransaction.requiringNew().call(() -> AppUser.findByUsername(username).orElse(null));
                String refused = user == null ? "unknown user" : !user.enabled ? "disabled user"
                        : !PasswordHasher.matches(password, user.passwordHash) ? "wrong password" : null;
                if (refused != null) {
                    attempt.failed();
                    audit.recordSignIn(username, false, refused, address, mechanism);
                    throw new AuthenticationFailedException("bad credentials");
                }
                Set<Role> roles = Role.effective(user.grantedRoles());
                attempt.succeeded();
                audit.recordSignIn(username, true, null, address, mechanism);
                cache.remember(username, password, roles);
                return identity(username, roles);
            } finally {
                attempt.abandoned(); // a no-op once failed() or succeeded() has run
            }
        });
    }

    private static String clientAddress(RoutingContext routing) {
        SocketAddress remote = routing == null ? null : routing.request().remoteAddress();
        return remote == null ? null : remote.hostAddress();
    }

    private static SecurityIdentity identity(String username, Set<Role> roles) {
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(username));
        roles.forEach(role -> builder.addRole(role.name()));
        return builder.build();
    }
}
