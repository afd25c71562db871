package org.dealerpanel.collection;

/** Where an account's effective cadence comes from. */
public enum CadenceSource {
    /** the account's own plan */
    ACCOUNT,
    /** the shortest cadence among its cohorts that have one */
    COHORT,
    /** neither: every day */
    DEFAULT
}
