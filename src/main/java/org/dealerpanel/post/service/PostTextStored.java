package org.dealerpanel.post.service;

import java.time.Instant;

/**
 * CDI event fired in the transaction that stored a post with a text: {@code lexiconVersion} is the version of the
 * matcher its matches were found with. The archive (search, re-match after lexicon changes) observes it.
 */
public record PostTextStored(long postId, long accountId, Instant postedAt, String text, int lexiconVersion) {
}
