package org.dealerpanel.watch;

/**
 * What a digest item reports: a trend flag that appeared or cleared, a status change, a platform-state change (with
 * the status change it caused, if any), another account newly linked by a shared contact id or an identical image,
 * new matches of a watched term (and how many more there were beyond those listed).
 */
public enum ItemKind {
    FLAG_NEW, FLAG_CLEARED, STATUS, PLATFORM_STATE, LINK_NEW, TERM_MATCH, TERM_MORE;

    /** The group an item is shown under on the page and in the mail. */
    public String group() {
        return switch (this) {
            case FLAG_NEW, FLAG_CLEARED -> "flags";
            case STATUS -> "status";
            case PLATFORM_STATE -> "platform";
            case LINK_NEW -> "links";
            case TERM_MATCH, TERM_MORE -> "terms";
        };
    }
}
