package org.dealerpanel.common;

/** Looks through an exception's causes (bounded, in case of a cycle). */
public final class Causes {
    private Causes() {
    }

    /** The first throwable of the given type in the cause chain of {@code e} (itself included), or null. */
    public static <T extends Throwable> T find(Throwable e, Class<T> type) {
        int depth = 0;
        for (Throwable t = e; t != null && depth < 20; t = t.getCause(), depth++) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
