package org.dealerpanel.referral;

/** DRAFT → SUBMITTED → ACKNOWLEDGED → CLOSED; CLOSED may also follow SUBMITTED directly (no acknowledgement came). */
public enum ReferralState {
    DRAFT, SUBMITTED, ACKNOWLEDGED, CLOSED;

    public boolean frozen() {
        return this != DRAFT;
    }
}
