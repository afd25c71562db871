package org.dealerpanel.security.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import org.dealerpanel.security.AppUser;
import org.dealerpanel.security.Role;

/** Checks HTTP Basic credentials against the bcrypt hashes in app_user. */
@ApplicationScoped
public class DatabaseIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    @Inject
    CredentialCache cache;

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
        return context.runBlocking(() -> {
            AppUser user = QuarkusTransaction.requiringNew().call(() -> AppUser.findByUsername(username).orElse(null));
            if (user == null || !user.enabled || !PasswordHasher.matches(password, user.passwordHash)) {
                throw new AuthenticationFailedException("bad credentials");
            }
            Set<Role> roles = Role.effective(user.grantedRoles());
            cache.remember(username, password, roles);
            return identity(username, roles);
        });
    }

    private static SecurityIdentity identity(String username, Set<Role> roles) {
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(username));
        roles.forEach(role -> builder.addRole(role.name()));
        return builder.build();
    }
}
