package org.dealerpanel.referral.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.dealerpanel.account.PlatformState;
import org.dealerpanel.referral.RecipientKind;
import org.dealerpanel.referral.ReferralState;

/**
 * A referral as the API shows it. {@code bundle} is null while DRAFT; from SUBMITTED on it names the stored bundle's
 * SHA-256 and size (the same bytes are served on every download).
 */
public record ReferralView(long id, String title, String agency, RecipientKind recipientKind, String summary, String tlp,
                           String language, Long dealerId, String dealerName, List<Long> accountIds,
                           List<ReferredAccount> accounts, ReferralState state, LocalDate referredOn, String outcome,
                           String createdBy, Instant createdAt, Instant updatedAt, String submittedBy,
                           Instant submittedAt, String acknowledgedBy, Instant acknowledgedAt, String closedBy,
                           Instant closedAt, Bundle bundle, String lexiconVersion) {

    public record ReferredAccount(long id, String platform, String handle, String displayName,
                                  PlatformState platformState, LocalDate platformStateSince, Long dealerId) {
    }

    /** The stored evidence bundle: SHA-256 and size of bundle.zip, SHA-256 of its manifest.json, where to get it. */
    public record Bundle(String sha256, long size, String manifestSha256, String href) {
    }

    public boolean draft() {
        return state == ReferralState.DRAFT;
    }
}
