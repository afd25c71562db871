package org.dealerpanel.post.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dealerpanel.account.service.AccountService;
import org.dealerpanel.audit.service.AuditService;
import org.dealerpanel.common.ApiException;
import org.dealerpanel.common.FieldError;
import org.dealerpanel.common.Page;
import org.dealerpanel.contact.service.ContactService;
import org.dealerpanel.lexicon.contact.ContactExtractor;
import org.dealerpanel.lexicon.matching.TermMatch;
import org.dealerpanel.post.Post;
import org.dealerpanel.term.service.ActiveLexicon;
import org.dealerpanel.term.service.TermMatchStore;
import org.dealerpanel.common.PanelClock;

/**
 * Posts of an account. Creating one runs the active lexicon's matcher (of the lexicon version now in the database) and
 * the contact extractor over its text and stores the hits (term_match, with that version) and contact ids
 * (contact_sighting) in the same transaction, where {@link PostTextStored} lets the archive index the text. A second post with an
 * externalId the account already has is refused with 409 (the detail names the existing post), so a crawler
 * re-sending a post cannot double-count it.
 */
@ApplicationScoped
public class PostService {
    public static final int MAX_TEXT = 100_000;
    private static final ContactExtractor EXTRACTOR = new ContactExtractor();

    @Inject
    EntityManager em;
    @Inject
    AccountService accounts;
    @Inject
    AuditService audit;
    @Inject
    ActiveLexicon lexicon;
    @Inject
    TermMatchStore matches;
    @Inject
    ContactService contacts;
    @Inject
    Event<PostTextStored> stored;

    public record NewPost(Instant postedAt, String text, String externalId) {
    }

    @Transactional
    public PostView create(long accountId, NewPost input) {
        accounts.find(accountId);
        List<FieldError> errors = new ArrayList<>();
        if (input.postedAt() == null) {
            errors.add(FieldError.field("postedAt", "is required: an ISO-8601 instant such as 2016-03-01T08:00:00Z"));
        } else if (input.postedAt().isAfter(Instant.now().plusSeconds(86_400))) {
            errors.add(FieldError.field("postedAt", "is in the future"));
        }
        if (input.text() != null && input.text().length() > MAX_TEXT) {
            errors.add(FieldError.field("text", "is longer than " + MAX_TEXT + " characters"));
        }
        String externalId = input.externalId() == null || input.externalId().isBlank() ? null : input.externalId().strip();
        if (externalId != null && externalId.length() > 200) {
            errors.add(FieldError.field("externalId", "is longer than 200 characters"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("the post is not valid", errors);
        }
        if (externalId != null) {
            Post existing = Post.<Post>find("accountId = ?1 and externalId = ?2", accountId, externalId).firstResult();
            if (existing != null) {
                throw ApiException.conflict("account " + accountId + " has a post with externalId '" + externalId
                        + "' already: post " + existing.id);
            }
        }
        Post post = new Post();
        post.accountId = accountId;
        post.postedAt = input.postedAt();
        post.externalId = externalId;
        post.text = input.text();
        post.createdBy = audit.currentActor();
        post.persistAndFlush();
        int found = 0;
        if (post.text != null && !post.text.isBlank()) {
            ActiveLexicon.Snapshot lex = lexicon.fresh();
            List<TermMatch> hits = lex.matcher().match(post.text);
            matches.recordForPost(post.id, hits, lex.version());
            contacts.recordForPost(accountId, post.id, EXTRACTOR.extract(post.text));
            found = hits.size();
            stored.fire(new PostTextStored(post.id, accountId, post.postedAt, post.text, lex.version()));
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("accountId", accountId);
        detail.put("externalId", externalId);
        detail.put("matches", found);
        audit.record("post.create", "post", post.id, detail);
        em.flush();
        em.refresh(post);
        return view(post);
    }

    @Transactional
    public PostView get(long id) {
        return view(find(id));
    }

    @Transactional
    public Post find(long id) {
        Post post = Post.findById(id);
        if (post == null) {
            throw ApiException.notFound("post " + id);
        }
        return post;
    }

    @Transactional
    public Page<PostView> list(long accountId, LocalDate from, LocalDate to, int page, int size) {
        accounts.find(accountId);
        StringBuilder where = new StringBuilder("accountId = :account");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("account", accountId);
        if (from != null) {
            where.append(" and postedAt >= :from");
            params.put("from", PanelClock.startOf(from));
        }
        if (to != null) {
            where.append(" and postedAt < :to");
            params.put("to", PanelClock.startOf(to.plusDays(1)));
        }
        var query = Post.<Post>find(where + " order by postedAt desc, id desc", params);
        long total = query.count();
        return new Page<>(query.page(page, size).list().stream().map(this::view).toList(), total);
    }

    private PostView view(Post p) {
        @SuppressWarnings("unchecked")
        List<String> images = em.createNativeQuery("select distinct sha256 from image_link where post_id = ?1 order by sha256")
                .setParameter(1, p.id).getResultList();
        return new PostView(p.id, p.accountId, p.postedAt, p.externalId, p.text, p.createdBy, p.createdAt,
                matches.ofPost(p.id), contacts.ofPost(p.id), images);
    }
}
