package org.dealerpanel.watch;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;
import org.dealerpanel.account.PlatformState;
import org.dealerpanel.activity.ActivityStatus;
import org.dealerpanel.activity.FlagType;
import org.dealerpanel.lexicon.TermCategory;

/**
 * One change in a digest, with links to its evidence ({@code url}: the post, the image or the account page;
 * {@code accountUrl}, {@code linkedUrl}). Only the fields of its {@link ItemKind} are set; paths are relative to the
 * service (the mail and the webhook make them absolute when {@code tracker.public-url} is set).
 *
 * @param via the watches of the user that brought the item (an account can be watched directly, through its dealer
 *            and through a cohort at once)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DigestItem(
        ItemKind kind,
        Long accountId, String platform, String handle,
        FlagType flag, String metric, LocalDate flagSince, Double ratio,
        ActivityStatus statusFrom, ActivityStatus statusTo,
        PlatformState platformStateFrom, PlatformState platformStateTo, LocalDate platformStateSince, String changedBy,
        Long linkedAccountId, String linkedPlatform, String linkedHandle, List<LinkEvidence> evidence,
        Long termId, String term, TermCategory category, Long postId, String sha256, Integer hits, Integer more,
        List<Via> via,
        String url, String accountUrl, String linkedUrl) {

    /** A piece of evidence of a new link: a shared contact id ({@code CONTACT}) or an identical image ({@code IMAGE}). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LinkEvidence(String type, String contactKind, String value, String sha256, String url) {
        @com.fasterxml.jackson.annotation.JsonIgnore
        public boolean isContact() {
            return "CONTACT".equals(type);
        }
    }

    /** A watch that brought the item. */
    public record Via(WatchKind kind, long targetId, String label) {
    }

    /** The watches that brought the item other than a watch of its own account (term items are the term's own). */
    public List<Via> indirectVia() {
        if (via == null || "terms".equals(kind.group())) {
            return List.of();
        }
        return via.stream().filter(v -> !(v.kind() == WatchKind.ACCOUNT && accountId != null && v.targetId() == accountId))
                .toList();
    }

    /** Whether to say which watches brought the item. */
    public boolean showVia() {
        return !indirectVia().isEmpty();
    }

    public String group() {
        return kind.group();
    }

    /** "platform / handle" of the item's account. */
    public String accountLabel() {
        return platform == null ? String.valueOf(accountId) : platform + " / " + handle;
    }

    public String linkedLabel() {
        return linkedPlatform == null ? String.valueOf(linkedAccountId) : linkedPlatform + " / " + linkedHandle;
    }

    /** Fills the many optional fields of an item by name. */
    public static final class Builder {
        private final ItemKind kind;
        private Long accountId;
        private String platform;
        private String handle;
        private FlagType flag;
        private String metric;
        private LocalDate flagSince;
        private Double ratio;
        private ActivityStatus statusFrom;
        private ActivityStatus statusTo;
        private PlatformState platformStateFrom;
        private PlatformState platformStateTo;
        private LocalDate platformStateSince;
        private String changedBy;
        private Long linkedAccountId;
        private String linkedPlatform;
        private String linkedHandle;
        private List<LinkEvidence> evidence;
        private Long termId;
        private String term;
        private TermCategory category;
        private Long postId;
        private String sha256;
        private Integer hits;
        private Integer more;
        private List<Via> via;
        private String url;
        private String accountUrl;
        private String linkedUrl;

        Builder(ItemKind kind) {
            this.kind = kind;
        }

        public static Builder of(ItemKind kind) {
            return new Builder(kind);
        }

        public Builder account(long id, String platform, String handle) {
            this.accountId = id;
            this.platform = platform;
            this.handle = handle;
            this.accountUrl = "/accounts/" + id;
            return this;
        }

        public Builder flag(FlagType type, String metric, LocalDate since, Double ratio) {
            this.flag = type;
            this.metric = metric;
            this.flagSince = since;
            this.ratio = ratio;
            return this;
        }

        public Builder status(ActivityStatus from, ActivityStatus to) {
            this.statusFrom = from;
            this.statusTo = to;
            return this;
        }

        public Builder platformState(PlatformState from, PlatformState to, LocalDate since, String changedBy) {
            this.platformStateFrom = from;
            this.platformStateTo = to;
            this.platformStateSince = since;
            this.changedBy = changedBy;
            return this;
        }

        public Builder linked(long id, String platform, String handle, List<LinkEvidence> evidence) {
            this.linkedAccountId = id;
            this.linkedPlatform = platform;
            this.linkedHandle = handle;
            this.evidence = evidence;
            this.linkedUrl = "/accounts/" + id;
            return this;
        }

        public Builder term(long id, String term, TermCategory category) {
            this.termId = id;
            this.term = term;
            this.category = category;
            return this;
        }

        public Builder match(Long postId, String sha256, int hits) {
            this.postId = postId;
            this.sha256 = sha256;
            this.hits = hits;
            return this;
        }

        public Builder more(int more) {
            this.more = more;
            return this;
        }

        public Builder via(List<Via> via) {
            this.via = via;
            return this;
        }

        public Builder url(String url) {
            this.url = url;
            return this;
        }

        public DigestItem build() {
            return new DigestItem(kind, accountId, platform, handle, flag, metric, flagSince, ratio, statusFrom, statusTo,
                    platformStateFrom, platformStateTo, platformStateSince, changedBy, linkedAccountId, linkedPlatform,
                    linkedHandle, evidence, termId, term, category, postId, sha256, hits, more, via, url, accountUrl,
                    linkedUrl);
        }
    }
}
