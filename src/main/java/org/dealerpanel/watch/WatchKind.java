package org.dealerpanel.watch;

/** What a user can watch: one account, a dealer (all its accounts), a cohort (all its members), a lexicon term. */
public enum WatchKind {
    ACCOUNT, DEALER, COHORT, TERM
}
