package org.dealerpanel.referral.service;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.dealerpanel.account.service.DealerService.DealerView;
import org.dealerpanel.activity.service.ActivityView;
import org.dealerpanel.audit.service.AuditService.AuditView;
import org.dealerpanel.contact.service.LinkView;
import org.dealerpanel.image.service.ImageView;
import org.dealerpanel.observation.service.ObservationService.ObservationView;
import org.dealerpanel.post.service.PostView;
import org.dealerpanel.referral.Referral;
import org.dealerpanel.watchlist.service.AccountView;

/** Everything a bundle is made of, collected in one transaction at submit. */
public record Evidence(Referral referral, LocalDate referredOn, DealerView dealer, List<AccountEvidence> accounts,
                       Lexicon lexicon, List<AuditView> audit, Instant builtAt, String builtBy, String service,
                       String serviceVersion) {

    /** One referred account: its panel data, activity (status and flags with evidence), counts, posts, images, links. */
    public record AccountEvidence(AccountView account, ActivityView activity, List<ObservationView> observations,
                                  List<PostView> posts, List<AccountImage> images, List<LinkView> links) {
        public String dir() {
            return "accounts/" + account.id();
        }
    }

    /** An image seen on the account ({@code seen}: this account's sightings), and where its verified copy was staged. */
    public record AccountImage(ImageView image, List<ImageView.Link> seen, String bundlePath, Path staged) {
    }

    /** The active lexicon when the bundle was built. */
    public record Lexicon(long activeTerms, long maxTermId, LocalDate latestAddedOn, String sha256, String version) {
        public Map<String, Object> asMap() {
            return Map.of("activeTerms", activeTerms, "maxTermId", maxTermId,
                    "latestAddedOn", latestAddedOn == null ? "" : latestAddedOn.toString(), "sha256", sha256, "version", version);
        }
    }
}
