package org.dealerpanel.post.service;

import java.time.Instant;
import java.util.List;
import org.dealerpanel.contact.service.ContactView;
import org.dealerpanel.term.service.MatchView;

/** A post with the terms found in its text, the contact ids in it and the images linked to it. */
public record PostView(long id, long accountId, Instant postedAt, String externalId, String text, String createdBy,
                       Instant createdAt, List<MatchView> matches, List<ContactView> contacts, List<String> images) {
}
