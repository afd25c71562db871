package org.dealerpanel.security.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dealerpanel.audit.service.AuditService;
import org.dealerpanel.common.ApiException;
import org.dealerpanel.security.AppUser;
import org.dealerpanel.security.Role;

@ApplicationScoped
public class UserService {
    public static final int MIN_PASSWORD_LENGTH = 10;

    @Inject
    AuditService audit;
    @Inject
    CredentialCache cache;

    public record UserView(String username, Set<Role> roles, boolean enabled, Instant createdAt) {
        static UserView of(AppUser user) {
            return new UserView(user.username, user.grantedRoles(), user.enabled, user.createdAt);
        }
    }

    @Transactional
    public UserView create(String username, String password, Set<Role> roles) {
        checkPassword(password);
        if (AppUser.findByUsername(username).isPresent()) {
            throw ApiException.conflict("user '" + username + "' exists already");
        }
        AppUser user = new AppUser();
        user.username = username;
        user.passwordHash = PasswordHasher.hash(password);
        user.grant(roles);
        user.updatedAt = Instant.now();
        user.persistAndFlush();
        audit.record("user.create", "user", username, Map.of("roles", user.roles));
        AppUser.getEntityManager().refresh(user);
        return UserView.of(user);
    }

    @Transactional
    public List<UserView> list() {
        return AppUser.<AppUser>listAll(io.quarkus.panache.common.Sort.by("username")).stream().map(UserView::of).toList();
    }

    @Transactional
    public UserView get(String username) {
        return UserView.of(find(username));
    }

    @Transactional
    public UserView update(String username, Set<Role> roles, String password, Boolean enabled, String actor) {
        AppUser user = find(username);
        Map<String, Object> changes = new LinkedHashMap<>();
        if (roles != null) {
            if (username.equals(actor) && !roles.contains(Role.admin)) {
                throw ApiException.badField("roles", "you cannot remove your own admin role");
            }
            changes.put("roles", Map.of("from", user.roles, "to", setToString(roles)));
            user.grant(roles);
        }
        if (password != null) {
            checkPassword(password);
            user.passwordHash = PasswordHasher.hash(password);
            changes.put("password", "changed");
        }
        if (enabled != null) {
            if (username.equals(actor) && !enabled) {
                throw ApiException.badField("enabled", "you cannot disable yourself");
            }
            changes.put("enabled", Map.of("from", user.enabled, "to", enabled));
            user.enabled = enabled;
        }
        user.updatedAt = Instant.now();
        cache.forget(username);
        audit.record("user.update", "user", username, changes);
        return UserView.of(user);
    }

    /**
     * Makes sure user admin exists with this password (TRACKER_ADMIN_PASSWORD). One instance at a time: instances
     * starting together on a new database would otherwise both create it, and all but one fail to start.
     */
    @Transactional
    public void ensureAdmin(String password) {
        lockBootstrap();
        AppUser admin = AppUser.findByUsername("admin").orElse(null);
        if (admin == null) {
            admin = new AppUser();
            admin.username = "admin";
            admin.grant(EnumSet.of(Role.admin));
            admin.passwordHash = PasswordHasher.hash(password);
            admin.updatedAt = Instant.now();
            admin.persist();
            audit.record("user.create", "user", "admin", Map.of("roles", "admin", "reason", "bootstrap"));
        } else if (!PasswordHasher.matches(password.toCharArray(), admin.passwordHash)
                || !admin.enabled || !admin.grantedRoles().contains(Role.admin)) {
            admin.passwordHash = PasswordHasher.hash(password);
            admin.enabled = true;
            admin.grant(EnumSet.of(Role.admin));
            admin.updatedAt = Instant.now();
            cache.forget("admin");
            audit.record("user.update", "user", "admin", Map.of("password", "set from TRACKER_ADMIN_PASSWORD"));
        }
    }

    /** Creates user admin with this password if there is no user at all (one instance at a time); whether it did. */
    @Transactional
    public boolean createAdminIfNoUsers(String password) {
        lockBootstrap();
        if (AppUser.count() > 0) {
            return false;
        }
        ensureAdmin(password);
        return true;
    }

    /** Held until the transaction ends: serialises the start-up bootstrap of several instances on one database. */
    private static void lockBootstrap() {
        AppUser.getEntityManager().createNativeQuery("select pg_advisory_xact_lock(hashtext('tracker.admin-bootstrap'))")
                .getResultList();
    }

    @Transactional
    public long count() {
        return AppUser.count();
    }

    private static AppUser find(String username) {
        return AppUser.findByUsername(username).orElseThrow(() -> ApiException.notFound("user '" + username + "'"));
    }

    private static void checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw ApiException.badField("password", "must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (password.length() > 72) {
            throw ApiException.badField("password", "must have at most 72 characters (bcrypt's limit)");
        }
    }

    private static String setToString(Set<Role> roles) {
        return String.join(",", roles.stream().sorted().map(Role::name).toList());
    }
}
