package org.dealerpanel.security.service;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * At start: with TRACKER_ADMIN_PASSWORD set, user admin has that password. Without it and with no
 * user at all, a random admin password is generated and logged once; there is no default password.
 */
@ApplicationScoped
public class AdminBootstrap {
    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    @Inject
    UserService users;

    @ConfigProperty(name = "tracker.admin-password")
    Optional<String> adminPassword;

    void onStart(@Observes @Priority(10) StartupEvent event) {
        if (adminPassword.isPresent() && !adminPassword.get().isBlank()) {
            users.ensureAdmin(adminPassword.get());
            LOG.info("User 'admin' has the password from TRACKER_ADMIN_PASSWORD");
        } else if (users.count() == 0) {
            String generated = randomPassword();
            if (!users.createAdminIfNoUsers(generated)) {
                return; // another instance starting at the same time created it (and logged its password)
            }
            LOG.warnf("No users and no TRACKER_ADMIN_PASSWORD: created user 'admin' with the generated password %s"
                    + " (shown once; change it with PATCH /api/v1/users/admin)", generated);
        }
    }

    static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
