package org.dealerpanel.security.service;

import io.quarkus.elytron.security.common.BcryptUtil;

/** bcrypt in modular crypt format. */
public final class PasswordHasher {
    static final int COST = 11;

    private PasswordHasher() {
    }

    public static String hash(String password) {
        return BcryptUtil.bcryptHash(password, COST);
    }

    public static boolean matches(char[] password, String hash) {
        try {
            return hash != null && BcryptUtil.matches(new String(password), hash);
        } catch (RuntimeException malformedHash) {
            return false;
        }
    }
}
