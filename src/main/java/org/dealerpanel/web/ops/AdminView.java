package org.dealerpanel.web.ops;

import java.util.Comparator;
import java.util.List;
import org.dealerpanel.security.Role;
import org.dealerpanel.security.service.UserService.UserView;

/** The users page: every user with roles and state, the create form as typed, and a notice or error. */
public record AdminView(List<UserView> users, String me, NewUserForm form, FormError error, Notice notice) {

    /** The create form's fields (never the password). */
    public record NewUserForm(String username, Role role) {
        public static final NewUserForm EMPTY = new NewUserForm("", Role.viewer);

        public boolean is(Role r) {
            return r == role;
        }
    }

    /** {@code kind}: created, role, enabled, disabled, password; {@code user}: whose. */
    public record Notice(String kind, String user) {
    }

    public Role[] roles() {
        return Role.values();
    }

    public boolean isMe(UserView u) {
        return u.username().equals(me);
    }

    public String created(UserView u) {
        return org.dealerpanel.common.PanelClock.localTime(u.createdAt());
    }

    /** The user's highest granted role (it includes the ones below it). */
    public Role role(UserView u) {
        return u.roles().stream().max(Comparator.naturalOrder()).orElse(Role.viewer);
    }

    public boolean is(UserView u, Role r) {
        return role(u) == r;
    }

    public boolean highlighted(UserView u) {
        return notice != null && u.username().equals(notice.user());
    }

    public long enabledCount() {
        return users.stream().filter(UserView::enabled).count();
    }
}
