package org.dealerpanel.referral;

/** Who receives a referral: an enforcement agency (police, customs, forestry bureau …) or the platform itself. */
public enum RecipientKind {
    AGENCY, PLATFORM
}
