package org.dealerpanel.referral.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.dealerpanel.account.service.DealerService;
import org.dealerpanel.activity.service.ActivityService;
import org.dealerpanel.activity.service.ActivityView;
import org.dealerpanel.audit.service.AuditService;
import org.dealerpanel.audit.service.AuditService.AuditView;
import org.dealerpanel.common.Page;
import org.dealerpanel.contact.service.ContactView;
import org.dealerpanel.contact.service.LinkService;
import org.dealerpanel.image.service.ImageService;
import org.dealerpanel.image.service.ImageStore;
import org.dealerpanel.image.service.ImageView;
import org.dealerpanel.observation.service.ObservationService;
import org.dealerpanel.observation.service.ObservationService.ObservationView;
import org.dealerpanel.post.service.PostService;
import org.dealerpanel.post.service.PostView;
import org.dealerpanel.referral.Referral;
import org.dealerpanel.term.service.MatchView;
import org.dealerpanel.watchlist.service.AccountView;
import org.dealerpanel.watchlist.service.WatchlistService;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Builds a referral's evidence bundle once, at submit. Every file is staged and hashed, the images are copied from the
 * content-addressed store while being re-hashed (a mismatch stops the build: {@link EvidenceIntegrityException}), and
 * the zip is written with a fixed entry order and every entry stamped with the submit instant, then stored read-only
 * ({@link EvidenceStore}). Layout:
 * <pre>
 * manifest.json            every other file (path, sha256, size), the referral, accounts, lexicon version, build
 * VERIFY.txt               how to verify the bundle with sha256sum, unzip, grep and sed
 * SHA256SUMS               sha256sum -c format: every file except itself and manifest.json
 * summary.pdf              the PDF summary in the referral's language
 * collection-record.csv    each item: what, when collected, by whom, account/platform, type, format, sha256
 * audit.csv                the audit entries about the referral, its dealer, accounts, posts and images (hash chain)
 * accounts/ID/account.json the account, its activity status and flags with their evidence, its linked accounts
 * accounts/ID/observations.csv  daily posts and images (unobserved days have no row)
 * accounts/ID/posts.csv    posts with their text, SHA-256 of the text, matched terms, contact ids
 * images/SHA256.EXT        the original images, byte for byte (file name = their SHA-256)
 * images/SHA256.json       OCR status, matches, contact ids, where each image was seen
 * images/SHA256.ocr.txt    the OCR text (images whose OCR is done)
 * </pre>
 */
@ApplicationScoped
public class BundleBuilder {
    public static final String FORMAT = "dealer-panel-referral-bundle/1";
    private static final int PAGE = 1000;

    @Inject
    EntityManager em;
    @Inject
    WatchlistService watchlist;
    @Inject
    ActivityService activity;
    @Inject
    ObservationService observations;
    @Inject
    PostService posts;
    @Inject
    ImageService images;
    @Inject
    ImageStore imageStore;
    @Inject
    LinkService links;
    @Inject
    DealerService dealers;
    @Inject
    AuditService audit;
    @Inject
    EvidenceStore store;
    @Inject
    ReferralPdf pdf;
    @Inject
    ObjectMapper json;
    @ConfigProperty(name = "quarkus.application.name")
    String service;
    @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown")
    String version;

    public record Built(String sha256, long size, String manifestSha256, String lexiconVersion, int files, int images) {
    }

    /** One staged file of the bundle. */
    record Staged(String path, Path file, String sha256, long size) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Built build(Referral r, List<Long> accountIds, String actor, Instant at, LocalDate referredOn) {
        Path stage;
        try {
            stage = store.stage(r.id);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the staging directory of referral " + r.id, e);
        }
        try {
            Map<String, Staged> files = new TreeMap<>();
            Evidence evidence = collect(r, accountIds, actor, at, referredOn, stage, files);
            ObjectWriter pretty = json.writerWithDefaultPrettyPrinter();
            // per account: the account with activity and links, observations, posts
            for (Evidence.AccountEvidence a : evidence.accounts()) {
                Map<String, Object> accountJson = new LinkedHashMap<>();
                accountJson.put("account", a.account());
                accountJson.put("activity", a.activity());
                accountJson.put("links", a.links());
                stage(stage, files, a.dir() + "/account.json", pretty.writeValueAsBytes(accountJson));
                stage(stage, files, a.dir() + "/observations.csv", observationsCsv(a.observations()));
                stage(stage, files, a.dir() + "/posts.csv", postsCsv(a.posts()));
            }
            // per image: OCR text and a JSON record of its OCR, matches, contacts and sightings
            Set<String> written = new LinkedHashSet<>();
            for (Evidence.AccountEvidence a : evidence.accounts()) {
                for (Evidence.AccountImage img : a.images()) {
                    ImageView v = img.image();
                    if (!written.add(v.sha256())) {
                        continue;
                    }
                    Map<String, Object> record = new LinkedHashMap<>();
                    record.put("sha256", v.sha256());
                    record.put("file", img.bundlePath());
                    record.put("mediaType", v.mediaType());
                    record.put("byteSize", v.byteSize());
                    record.put("width", v.width());
                    record.put("height", v.height());
                    record.put("ocrStatus", v.status());
                    record.put("ocrFinishedAt", v.ocrFinishedAt());
                    record.put("failureReason", v.failureReason());
                    record.put("text", v.text());
                    record.put("matches", v.matches());
                    record.put("contacts", v.contacts());
                    record.put("seen", v.links());
                    record.put("ocr", v.ocr());
                    stage(stage, files, "images/" + v.sha256() + ".json", pretty.writeValueAsBytes(record));
                    if (v.text() != null) {
                        stage(stage, files, "images/" + v.sha256() + ".ocr.txt", v.text().getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
            stage(stage, files, "audit.csv", auditCsv(evidence.audit()));
            Path pdfFile = stage.resolve("summary.pdf");
            pdf.render(evidence, pdfFile);
            files.put("summary.pdf", hashed("summary.pdf", pdfFile));
            stage(stage, files, "collection-record.csv", collectionRecord(evidence, files));
            stage(stage, files, "VERIFY.txt", VerifyText.render(evidence).getBytes(StandardCharsets.UTF_8));
            stage(stage, files, "SHA256SUMS", sha256sums(files));
            byte[] manifest = manifest(evidence, files);
            Staged manifestFile = stage(stage, new TreeMap<>(), "manifest.json", manifest);
            // the zip: a fixed order, every entry stamped with the submit instant (UTC)
            List<Staged> order = new ArrayList<>();
            order.add(manifestFile);
            for (String first : List.of("VERIFY.txt", "SHA256SUMS", "summary.pdf", "collection-record.csv", "audit.csv")) {
                order.add(files.get(first));
            }
            for (Evidence.AccountEvidence a : evidence.accounts()) {
                for (String name : List.of("account.json", "observations.csv", "posts.csv")) {
                    order.add(files.get(a.dir() + "/" + name));
                }
            }
            files.keySet().stream().filter(p -> p.startsWith("images/")).sorted().forEach(p -> order.add(files.get(p)));
            if (order.size() != files.size() + 1 || order.contains(null)) {
                throw new IllegalStateException("bundle order misses files: " + order.size() + " of " + (files.size() + 1));
            }
            Path zip = stage.resolve("bundle.zip.tmp");
            LocalDateTime stamp = LocalDateTime.ofInstant(at, ZoneOffset.UTC);
            try (ZipOutputStream out = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(zip), 1 << 16))) {
                for (Staged s : order) {
                    ZipEntry entry = new ZipEntry(s.path());
                    entry.setTimeLocal(stamp);
                    out.putNextEntry(entry);
                    Files.copy(s.file(), out);
                    out.closeEntry();
                }
            }
            String zipSha = ImageStore.sha256(zip);
            long zipSize = Files.size(zip);
            store.commit(r.id, zip);
            int imageCount = (int) files.keySet().stream().filter(p -> p.startsWith("images/")
                    && !p.endsWith(".json") && !p.endsWith(".ocr.txt")).count();
            return new Built(zipSha, zipSize, manifestFile.sha256(), evidence.lexicon().version(), order.size(), imageCount);
        } catch (IOException e) {
            throw new UncheckedIOException("could not build the bundle of referral " + r.id, e);
        } finally {
            EvidenceStore.deleteTree(stage);
        }
    }

    // ------------------------------------------------------------------ collecting

    private Evidence collect(Referral r, List<Long> accountIds, String actor, Instant at, LocalDate referredOn,
                             Path stage, Map<String, Staged> files) throws IOException {
        Map<Long, ActivityView> activities = activity.forAccounts(accountIds, ActivityService.yesterday());
        List<Evidence.AccountEvidence> accounts = new ArrayList<>();
        Map<String, Evidence.AccountImage> staged = new LinkedHashMap<>();
        List<String> postIds = new ArrayList<>();
        for (Long id : accountIds) {
            AccountView account = watchlist.get(id);
            List<ObservationView> obs = observations.list(id, null, null);
            List<PostView> postList = new ArrayList<>();
            for (int page = 0; ; page++) {
                Page<PostView> p = posts.list(id, null, null, page, PAGE);
                postList.addAll(p.items());
                if (p.items().size() < PAGE) {
                    break;
                }
            }
            postList.sort((a, b) -> a.postedAt().equals(b.postedAt()) ? Long.compare(a.id(), b.id()) : a.postedAt().compareTo(b.postedAt()));
            postList.forEach(p -> postIds.add(String.valueOf(p.id())));
            List<Evidence.AccountImage> imgs = new ArrayList<>();
            for (String sha : imagesOf(id)) {
                Evidence.AccountImage known = staged.get(sha);
                ImageView view = known != null ? known.image() : images.get(sha);
                List<ImageView.Link> seen = view.links().stream().filter(l -> l.accountId() == id).toList();
                if (known == null) {
                    String path = "images/" + sha + "." + extension(view.mediaType());
                    Path copy = copyVerified(sha, stage, path, files);
                    known = new Evidence.AccountImage(view, seen, path, copy);
                    staged.put(sha, known);
                }
                imgs.add(new Evidence.AccountImage(view, seen, known.bundlePath(), known.staged()));
            }
            accounts.add(new Evidence.AccountEvidence(account, activities.get(id), obs, postList, imgs, links.links(id)));
        }
        DealerService.DealerView dealer = r.dealerId == null ? null : dealers.get(r.dealerId);
        return new Evidence(r, referredOn, dealer, accounts, lexicon(),
                auditAbout(r, accountIds, postIds, staged.keySet()), at, actor, service, version);
    }

    @SuppressWarnings("unchecked")
    private List<String> imagesOf(long accountId) {
        return em.createNativeQuery("select sha256 from image_link where account_id = ?1 group by sha256 order by min(id)")
                .setParameter(1, accountId).getResultList();
    }

    /** Copies a stored image into the staging area, hashing as it goes; a missing or changed file stops the build. */
    private Path copyVerified(String sha, Path stage, String path, Map<String, Staged> files) throws IOException {
        Path source = imageStore.path(sha);
        String name = store.dataDir().relativize(source).toString();
        if (!Files.isRegularFile(source)) {
            throw new EvidenceIntegrityException(name, sha, null);
        }
        Path target = stage.resolve(path);
        Files.createDirectories(target.getParent());
        MessageDigest digest = sha256();
        long size;
        try (InputStream in = Files.newInputStream(source);
             OutputStream out = new DigestOutputStream(Files.newOutputStream(target), digest)) {
            size = in.transferTo(out);
        }
        String found = HexFormat.of().formatHex(digest.digest());
        if (!found.equals(sha)) {
            throw new EvidenceIntegrityException(name, sha, found);
        }
        files.put(path, new Staged(path, target, found, size));
        return target;
    }

    private List<AuditView> auditAbout(Referral r, List<Long> accountIds, List<String> postIds, Set<String> imageShas) {
        StringBuilder where = new StringBuilder("(entity_type = 'referral' and entity_id = :rid)"
                + " or (entity_type = 'account' and entity_id = any(:accounts))"
                + " or (detail ->> 'accountId') = any(:accounts)");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("rid", String.valueOf(r.id));
        params.put("accounts", accountIds.stream().map(String::valueOf).toArray(String[]::new));
        if (!postIds.isEmpty()) {
            where.append(" or (entity_type = 'post' and entity_id = any(:posts))");
            params.put("posts", postIds.toArray(String[]::new));
        }
        if (!imageShas.isEmpty()) {
            where.append(" or (entity_type = 'image' and entity_id = any(:images))");
            params.put("images", imageShas.toArray(String[]::new));
        }
        if (r.dealerId != null) {
            where.append(" or (entity_type = 'dealer' and entity_id = :dealer)");
            params.put("dealer", String.valueOf(r.dealerId));
        }
        return audit.where(where.toString(), params);
    }

    /** The active lexicon: how many terms, the highest id, the latest day added, a SHA-256 over (id, form, category). */
    Evidence.Lexicon lexicon() {
        Object[] row = (Object[]) em.createNativeQuery("select count(*), coalesce(max(id), 0), max(added_on),"
                + " encode(sha256(convert_to(coalesce(string_agg(id || E'\\t' || normalised || E'\\t' || category, E'\\n' order by id), ''), 'UTF8')), 'hex')"
                + " from term where active").getSingleResult();
        long count = ((Number) row[0]).longValue();
        long maxId = ((Number) row[1]).longValue();
        LocalDate added = row[2] == null ? null : row[2] instanceof LocalDate d ? d : ((java.sql.Date) row[2]).toLocalDate();
        String sha = (String) row[3];
        return new Evidence.Lexicon(count, maxId, added, sha, count + " terms, max id " + maxId + ", sha256 " + sha.substring(0, 16));
    }

    // ------------------------------------------------------------------ files

    private Staged stage(Path stage, Map<String, Staged> files, String path, byte[] bytes) throws IOException {
        Path target = stage.resolve(path);
        Files.createDirectories(target.getParent());
        Files.write(target, bytes);
        Staged s = new Staged(path, target, HexFormat.of().formatHex(sha256().digest(bytes)), bytes.length);
        files.put(path, s);
        return s;
    }

    private static Staged hashed(String path, Path file) throws IOException {
        return new Staged(path, file, ImageStore.sha256(file), Files.size(file));
    }

    private static byte[] observationsCsv(List<ObservationView> rows) throws IOException {
        return csv(List.of("date", "posts", "images", "source", "recordedBy", "recordedAt"), p -> {
            for (ObservationView o : rows) {
                p.printRecord(o.date(), o.posts(), o.images(), o.source(), o.recordedBy(), o.recordedAt());
            }
        });
    }

    private static byte[] postsCsv(List<PostView> rows) throws IOException {
        return csv(List.of("postId", "postedAt", "externalId", "text", "textSha256", "terms", "categories", "contacts",
                "images", "createdBy", "createdAt"), p -> {
            for (PostView post : rows) {
                p.printRecord(post.id(), post.postedAt(), post.externalId(), post.text(),
                        post.text() == null ? null : sha256Hex(post.text()),
                        post.matches().stream().map(MatchView::term).distinct().collect(Collectors.joining(";")),
                        post.matches().stream().map(MatchView::category).distinct().collect(Collectors.joining(";")),
                        post.contacts().stream().map(c -> c.kind() + ":" + c.value()).collect(Collectors.joining(";")),
                        String.join(";", post.images()), post.createdBy(), post.createdAt());
            }
        });
    }

    private byte[] auditCsv(List<AuditView> rows) throws IOException {
        return csv(List.of("id", "at", "actor", "action", "entityType", "entityId", "detail", "prevHash", "hash"), p -> {
            for (AuditView a : rows) {
                p.printRecord(a.id(), a.at(), a.actor(), a.action(), a.entity(), a.entityId(),
                        a.detail() == null ? null : json.writeValueAsString(a.detail()), a.prevHash(), a.hash());
            }
        });
    }

    /** Each item: what, where in the bundle, type, format, SHA-256, size, when and by whom collected, from which account. */
    private byte[] collectionRecord(Evidence e, Map<String, Staged> files) throws IOException {
        return csv(List.of("item", "path", "type", "format", "sha256", "size", "collectedAt", "collectedBy",
                "accountId", "platform", "handle", "source", "note"), p -> {
            String built = e.builtAt().toString();
            String by = e.builtBy() + " (" + e.service() + " " + e.serviceVersion() + ")";
            Staged pdfFile = files.get("summary.pdf");
            p.printRecord("PDF summary of the referral", "summary.pdf", "REPORT", "application/pdf", pdfFile.sha256(),
                    pdfFile.size(), built, by, null, null, null, "generated at submit", "language " + e.referral().language);
            Staged auditFile = files.get("audit.csv");
            p.printRecord("audit entries about the referral, its dealer, accounts, posts and images", "audit.csv",
                    "AUDIT_EXTRACT", "text/csv", auditFile.sha256(), auditFile.size(), built, by, null, null, null,
                    "audit_entry (hash-chained)", e.audit().size() + " entries");
            Set<String> ocrDone = new LinkedHashSet<>();
            for (Evidence.AccountEvidence a : e.accounts()) {
                AccountView acc = a.account();
                Staged obs = files.get(a.dir() + "/observations.csv");
                String recorders = a.observations().stream().map(ObservationView::recordedBy).distinct().sorted()
                        .collect(Collectors.joining(";"));
                String sources = a.observations().stream().map(ObservationView::source).filter(s -> s != null && !s.isBlank())
                        .distinct().sorted().collect(Collectors.joining(";"));
                Instant lastRecorded = a.observations().stream().map(ObservationView::recordedAt).filter(x -> x != null)
                        .max(Instant::compareTo).orElse(null);
                p.printRecord("daily observations (posts, images per day)", obs.path(), "OBSERVATIONS", "text/csv",
                        obs.sha256(), obs.size(), lastRecorded, recorders, acc.id(), acc.platform(), acc.handle(), sources,
                        a.observations().isEmpty() ? "no observed day" : a.observations().size() + " observed days, "
                                + a.observations().get(0).date() + " to " + a.observations().get(a.observations().size() - 1).date());
                Staged account = files.get(a.dir() + "/account.json");
                p.printRecord("account record, activity status and flags with evidence, linked accounts", account.path(),
                        "ACCOUNT_RECORD", "application/json", account.sha256(), account.size(), built, by, acc.id(),
                        acc.platform(), acc.handle(), "panel", null);
                for (PostView post : a.posts()) {
                    byte[] text = post.text() == null ? new byte[0] : post.text().getBytes(StandardCharsets.UTF_8);
                    p.printRecord("post " + post.id(), a.dir() + "/posts.csv#postId=" + post.id(), "POST",
                            "text/plain; charset=UTF-8", HexFormat.of().formatHex(sha256().digest(text)), text.length,
                            post.createdAt(), post.createdBy(), acc.id(), acc.platform(), acc.handle(),
                            post.externalId() == null ? null : "externalId " + post.externalId(), "posted at " + post.postedAt());
                }
                for (Evidence.AccountImage img : a.images()) {
                    ImageView v = img.image();
                    for (ImageView.Link seen : img.seen()) {
                        p.printRecord("image", img.bundlePath(), "IMAGE", v.mediaType(), v.sha256(), v.byteSize(),
                                seen.uploadedAt(), seen.uploadedBy(), acc.id(), acc.platform(), acc.handle(), "upload",
                                (seen.postId() == null ? "" : "post " + seen.postId() + "; ")
                                        + (seen.postedOn() == null ? "" : "posted on " + seen.postedOn() + "; ")
                                        + v.width() + "x" + v.height());
                    }
                    if (ocrDone.add(v.sha256())) {
                        Staged ocr = files.get("images/" + v.sha256() + ".ocr.txt");
                        if (ocr != null) {
                            p.printRecord("OCR text of image " + v.sha256().substring(0, 12), ocr.path(), "OCR_TEXT",
                                    "text/plain; charset=UTF-8", ocr.sha256(), ocr.size(), v.ocrFinishedAt(),
                                    "system (OCR)", null, null, null, "image " + v.sha256(), v.matches().size() + " term matches, "
                                            + v.contacts().size() + " contact ids");
                        }
                        Staged rec = files.get("images/" + v.sha256() + ".json");
                        p.printRecord("OCR, matches and sightings of image " + v.sha256().substring(0, 12), rec.path(),
                                "IMAGE_RECORD", "application/json", rec.sha256(), rec.size(), built, by, null, null, null,
                                "image " + v.sha256(), "OCR status " + v.status());
                    }
                }
            }
        });
    }

    private static byte[] sha256sums(Map<String, Staged> files) {
        StringBuilder sb = new StringBuilder();
        for (Staged s : files.values()) {
            sb.append(s.sha256()).append("  ").append(s.path()).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * manifest.json: metadata first (pretty JSON), then {@code files} with one entry per line, in the form
     * {@code {"path": "...", "sha256": "...", "size": N}} so that VERIFY.txt can check it with grep and sed.
     */
    private byte[] manifest(Evidence e, Map<String, Staged> files) throws IOException {
        ObjectNode m = json.createObjectNode();
        m.put("format", FORMAT);
        Referral r = e.referral();
        ObjectNode ref = m.putObject("referral");
        ref.put("id", r.id);
        ref.put("title", r.title);
        ref.put("recipient", r.agency);
        ref.put("recipientKind", r.recipientKind.name());
        ref.put("tlp", r.tlp);
        ref.put("language", r.language);
        ref.put("summary", r.summary);
        ref.put("referredOn", e.referredOn().toString());
        ref.put("createdBy", r.createdBy);
        ref.put("createdAt", r.createdAt == null ? null : r.createdAt.toString());
        ref.put("submittedBy", e.builtBy());
        ref.put("submittedAt", e.builtAt().toString());
        if (e.dealer() != null) {
            ObjectNode d = ref.putObject("dealer");
            d.put("id", e.dealer().id());
            d.put("name", e.dealer().name());
        } else {
            ref.putNull("dealer");
        }
        ArrayNode accounts = m.putArray("accounts");
        for (Evidence.AccountEvidence a : e.accounts()) {
            AccountView v = a.account();
            ObjectNode n = accounts.addObject();
            n.put("id", v.id());
            n.put("platform", v.platform());
            n.put("handle", v.handle());
            n.put("displayName", v.displayName());
            n.put("platformState", v.platformState().name());
            n.put("platformStateSince", v.platformStateSince() == null ? null : v.platformStateSince().toString());
            n.put("status", v.status() == null ? null : v.status().name());
            n.put("lastActive", v.lastActive() == null ? null : v.lastActive().toString());
            n.put("dir", a.dir());
            n.put("observedDays", a.observations().size());
            n.put("posts", a.posts().size());
            n.put("images", a.images().size());
        }
        ObjectNode lex = m.putObject("lexicon");
        lex.put("version", e.lexicon().version());
        lex.put("activeTerms", e.lexicon().activeTerms());
        lex.put("maxTermId", e.lexicon().maxTermId());
        lex.put("latestAddedOn", e.lexicon().latestAddedOn() == null ? null : e.lexicon().latestAddedOn().toString());
        lex.put("sha256", e.lexicon().sha256());
        lex.put("sha256Of", "the active terms' id TAB normalised form TAB category, one per line in id order, UTF-8");
        ObjectNode built = m.putObject("built");
        built.put("at", e.builtAt().toString());
        built.put("by", e.builtBy());
        built.put("service", e.service());
        built.put("serviceVersion", e.serviceVersion());
        built.put("entryTimestamps", LocalDateTime.ofInstant(e.builtAt(), ZoneOffset.UTC) + " (UTC, every zip entry)");
        m.put("checksums", "SHA256SUMS lists every file except itself and manifest.json; this manifest lists every"
                + " file except itself. The SHA-256 of the zip and of this manifest are recorded by the tracker.");
        String head = json.writerWithDefaultPrettyPrinter().writeValueAsString(m).stripTrailing();
        StringBuilder sb = new StringBuilder(head.substring(0, head.length() - 1).stripTrailing());
        sb.append(",\n  \"files\" : [\n");
        int i = 0;
        for (Staged s : files.values()) {
            sb.append("    {\"path\": ").append(json.writeValueAsString(s.path())).append(", \"sha256\": \"")
                    .append(s.sha256()).append("\", \"size\": ").append(s.size()).append('}')
                    .append(++i < files.size() ? ",\n" : "\n");
        }
        sb.append("  ]\n}\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    interface Rows {
        void print(CSVPrinter printer) throws IOException;
    }

    private static byte[] csv(List<String> header, Rows rows) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (BufferedWriter w = new BufferedWriter(new java.io.OutputStreamWriter(bytes, StandardCharsets.UTF_8));
             CSVPrinter p = CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).get().print(w)) {
            rows.print(p);
        }
        return bytes.toByteArray();
    }

    static String extension(String mediaType) {
        return switch (mediaType == null ? "" : mediaType) {
            case "image/png" -> "png";
            case "image/jpeg" -> "jpg";
            case "image/gif" -> "gif";
            case "image/webp" -> "webp";
            default -> "bin";
        };
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    static List<ContactView> contacts(ImageView v) {
        return v.contacts();
    }
}
