package org.dealerpanel.web.digest;

import io.quarkus.qute.TemplateData;
import org.dealerpanel.watch.WatchKind;

/** What a watch button shows: the target and, when the signed-in user watches it, the watch's id. */
@TemplateData
public record WatchButton(WatchKind kind, long targetId, Long watchId) {
    public boolean watching() {
        return watchId != null;
    }

    /** e.g. {@code watch-account-12}. */
    public String domId() {
        return "watch-" + kind.name().toLowerCase() + "-" + targetId;
    }
}
