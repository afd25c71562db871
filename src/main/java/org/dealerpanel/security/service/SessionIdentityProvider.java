package org.dealerpanel.security.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.dealerpanel.security.AppUser;
import org.dealerpanel.security.Role;

/**
 * The identity behind a signed-in page session (the form sign-in's encrypted cookie names the user): roles are
 * read again on every request, so a user who is disabled or loses a role loses it at once.
 */
@ApplicationScoped
public class SessionIdentityProvider implements IdentityProvider<TrustedAuthenticationRequest> {

    @Override
    public Class<TrustedAuthenticationRequest> getRequestType() {
        return TrustedAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TrustedAuthenticationRequest request, AuthenticationRequestContext context) {
        String username = request.getPrincipal();
        return context.runBlocking(() -> {
            AppUser user = QuarkusTransaction.requiringNew().call(() -> AppUser.findByUsername(username).orElse(null));
            if (user == null || !user.enabled) {
                throw new AuthenticationFailedException("no such user, or disabled");
            }
            Set<Role> roles = Role.effective(user.grantedRoles());
            QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(username));
            roles.forEach(role -> builder.addRole(role.name()));
            return builder.build();
        });
    }
}
