package org.dealerpanel.security;

import java.util.EnumSet;
import java.util.Set;

/** The roles of the contract. Each role includes the rights of the ones below it. */
public enum Role {
    viewer, investigator, admin;

    public static final String VIEWER = "viewer";
    public static final String INVESTIGATOR = "investigator";
    public static final String ADMIN = "admin";

    /** The roles a user effectively holds: admin implies investigator implies viewer. */
    public static Set<Role> effective(Set<Role> granted) {
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        for (Role role : granted) {
            for (Role r : values()) {
                if (r.ordinal() <= role.ordinal()) {
                    roles.add(r);
                }
            }
        }
        return roles;
    }
}
