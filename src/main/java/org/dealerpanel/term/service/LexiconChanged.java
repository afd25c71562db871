package org.dealerpanel.term.service;

/** CDI event fired inside a transaction that changed the lexicon; the matcher is rebuilt after it commits. */
public record LexiconChanged(long termId) {
}
