package org.dealerpanel.lexicon.contact;

import java.util.Locale;

/** Kinds of contact ids; {@link #wireName()} is the contract's spelling. */
public enum ContactKind {
    WECHAT,
    QQ,
    PHONE,
    URL;

    /** {@code wechat}, {@code qq}, {@code phone} or {@code url}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
