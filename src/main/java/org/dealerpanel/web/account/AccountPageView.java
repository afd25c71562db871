package org.dealerpanel.web.account;

import java.text.DecimalFormat;
import java.time.LocalDate;
import java.util.List;
import org.dealerpanel.account.PlatformState;
import org.dealerpanel.account.service.DealerService.DealerView;
import org.dealerpanel.activity.service.ActivityView.FlagView;
import org.dealerpanel.contact.service.LinkView;
import org.dealerpanel.image.service.ImageView;
import org.dealerpanel.lexicon.TermCategory;
import org.dealerpanel.observation.service.ObservationService.ObservationView;
import org.dealerpanel.post.service.PostView;
import org.dealerpanel.watchlist.service.AccountDetailService.ObservedRange;
import org.dealerpanel.watchlist.service.AccountView;
import org.dealerpanel.watchlist.service.WatchlistRow;

/**
 * What the account page shows. {@code statusSince} is the account's status "since" only when the snapshot history
 * shows the status beginning (null when it merely says the history begins there).
 */
public record AccountPageView(AccountView account, LocalDate asOf, LocalDate statusSince, Evidence.StatusEvidence statusEvidence,
                              List<Evidence.FlagEvidence> flagEvidence, DealerView dealer,
                              List<WatchlistRow> dealerOthers, List<LinkView> links, Window window,
                              String chartJson, List<Timeline.Mark> marks, List<GalleryItem> gallery, long imageTotal, List<PostItem> posts,
                              long postTotal, int postPage, List<ObservationView> latestObservations,
                              AccountForms forms, String notice, ObservationView noticeObservation) {
    public static final int POSTS_PER_PAGE = 20;

    /** The timeline's window, how much of it was observed, and links to the usual windows. */
    public record Window(LocalDate from, LocalDate to, int days, long observed, ObservedRange range,
                         String last90, String last365, String all) {
    }

    /** An image of the gallery with its OCR text cut into plain and matched pieces. */
    public record GalleryItem(ImageView image, List<Highlight.Segment> text, LocalDate postedOn, String src) {
        public String shortSha() {
            return image.sha256().substring(0, 12);
        }

        public boolean done() {
            return "DONE".equals(image.status());
        }

        public boolean failed() {
            return "FAILED".equals(image.status());
        }
    }

    /** A post with its text cut into plain and matched pieces. */
    public record PostItem(PostView post, List<Highlight.Segment> text) {
        public String postedAt() {
            return org.dealerpanel.common.PanelClock.localTime(post.postedAt());
        }
    }

    /** The day the status began, if the snapshot history shows it begin after its first day; else null. */
    public static LocalDate knownSince(LocalDate since, LocalDate firstSnapshot) {
        return since != null && firstSnapshot != null && since.isAfter(firstSnapshot) ? since : null;
    }

    public PlatformState[] states() {
        return PlatformState.values();
    }

    public boolean isState(PlatformState s) {
        return s.name().equals(forms.state);
    }

    public String ratio(FlagView flag) {
        Object ratio = flag.evidence() == null ? null : flag.evidence().get("ratio");
        if (ratio instanceof Number n && Double.isFinite(n.doubleValue())) {
            return new DecimalFormat("0.0#").format(n.doubleValue());
        }
        return null;
    }

    /** The category of a stored match (null if unknown), for its translated name. */
    public TermCategory category(String name) {
        try {
            return name == null ? null : TermCategory.valueOf(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public String pct(double confidence) {
        return Math.round(confidence * 100) + "%";
    }

    public long postPages() {
        return Math.max(1, (postTotal + POSTS_PER_PAGE - 1) / POSTS_PER_PAGE);
    }

    public int postPageNumber() {
        return postPage + 1;
    }

    public boolean hasOlderPosts() {
        return (long) (postPage + 1) * POSTS_PER_PAGE < postTotal;
    }

    public boolean hasNewerPosts() {
        return postPage > 0;
    }

    public String postsLink(int delta) {
        return "/accounts/" + account.id() + "?from=" + window.from() + "&to=" + window.to() + "&posts="
                + (postPage + delta) + "#posts";
    }

    public boolean hasDealer() {
        return dealer != null;
    }
}
