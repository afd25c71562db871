package org.dealerpanel.term.service;

/**
 * CDI event fired inside a transaction that changed the lexicon: {@code version} is the lexicon version the change
 * made (see {@link LexiconVersions}). The matcher is rebuilt after it commits; the archive schedules a re-match of
 * the stored texts in the same transaction.
 */
public record LexiconChanged(long termId, int version) {
}
