package org.dealerpanel.referral.service;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Image;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfPageEventHelper;
import com.lowagie.text.pdf.PdfWriter;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import jakarta.enterprise.context.ApplicationScoped;
import java.awt.Color;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.dealerpanel.account.PlatformState;
import org.dealerpanel.activity.ActivityStatus;
import org.dealerpanel.activity.service.ActivityView;
import org.dealerpanel.common.ApiException;
import org.dealerpanel.contact.service.LinkView;
import org.dealerpanel.image.service.ImageView;
import org.dealerpanel.lexicon.TermCategory;
import org.dealerpanel.post.service.PostView;
import org.dealerpanel.referral.Referral;
import org.dealerpanel.referral.Tlp;
import org.dealerpanel.term.service.MatchView;
import org.dealerpanel.watchlist.service.AccountView;
import org.dealerpanel.web.i18n.AppMessages;
import org.dealerpanel.web.i18n.ReferralMessages;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.dealerpanel.common.PanelClock;

/**
 * The PDF summary of a referral (OpenPDF), in the referral's language with the texts of the {@code ref} and
 * {@code msg} message bundles: the referral, the dealer, the accounts with their platform states, per account the
 * timeline chart (JFreeChart), status and flag evidence in words, linked accounts, posts and images with matched terms
 * and contact ids. The TLP label is on every page (header and footer). Chinese is drawn with an embedded CJK font
 * (WenQuanYi Zen Hei by default: Debian package fonts-wqy-zenhei); without it the PDF is not made and says why.
 */
@ApplicationScoped
public class ReferralPdf {
    private static final Logger LOG = Logger.getLogger(ReferralPdf.class);
    static final int MAX_IMAGES_PER_ACCOUNT = 12;
    static final int MAX_POSTS_PER_ACCOUNT = 30;

    @ConfigProperty(name = "tracker.referrals.pdf-font", defaultValue = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")
    String fontFile;
    @ConfigProperty(name = "tracker.referrals.pdf-font-index", defaultValue = "0")
    int fontIndex;

    private volatile java.awt.Font chartFont;

    /** Fails clearly (503) when the CJK font is not there. */
    void checkFont() {
        if (!Files.isReadable(Path.of(fontFile))) {
            throw new ApiException(503, "PDF font missing", "the CJK font " + fontFile + " needed for the PDF summary is"
                    + " missing: install the Debian package fonts-wqy-zenhei (or set TRACKER_REFERRALS_PDF_FONT to a"
                    + " TrueType collection with Chinese glyphs); nothing was submitted", null, null);
        }
    }

    void startupCheck(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent event) {
        if (!Files.isReadable(Path.of(fontFile))) {
            LOG.warnf("the CJK font %s is missing: referrals cannot be submitted until it is installed (fonts-wqy-zenhei)", fontFile);
        }
    }

    private java.awt.Font chartFont() throws IOException {
        if (chartFont == null) {
            try {
                java.awt.Font[] fonts = java.awt.Font.createFonts(new File(fontFile));
                chartFont = fonts[Math.min(fontIndex, fonts.length - 1)];
            } catch (java.awt.FontFormatException e) {
                throw new IOException("cannot read the font " + fontFile, e);
            }
        }
        return chartFont;
    }

    static ReferralMessages messages(String language) {
        return "zh-CN".equals(language) ? MessageBundles.get(ReferralMessages.class, Localized.Literal.of("zh-CN"))
                : MessageBundles.get(ReferralMessages.class);
    }

    static AppMessages appMessages(String language) {
        return "zh-CN".equals(language) ? MessageBundles.get(AppMessages.class, Localized.Literal.of("zh-CN"))
                : MessageBundles.get(AppMessages.class);
    }

    public void render(Evidence e, Path target) throws IOException {
        checkFont();
        Referral r = e.referral();
        ReferralMessages m = messages(r.language);
        AppMessages app = appMessages(r.language);
        BaseFont cjk = BaseFont.createFont(fontFile + "," + fontIndex, BaseFont.IDENTITY_H, BaseFont.EMBEDDED);
        Fonts f = new Fonts(cjk);
        Document doc = new Document(PageSize.A4, 42, 42, 64, 56);
        try (OutputStream out = Files.newOutputStream(target)) {
            PdfWriter writer = PdfWriter.getInstance(doc, out);
            writer.setPageEvent(new TlpPages(r.tlp, m, cjk, r.title));
            doc.addTitle(m.pdf_title(r.id) + ": " + r.title);
            doc.addAuthor(e.builtBy());
            doc.addCreator(e.service() + " " + e.serviceVersion());
            doc.addSubject("TLP:" + r.tlp);
            doc.open();
            doc.add(new Paragraph(m.pdf_title(r.id), f.title));
            doc.add(new Paragraph(r.title, f.h1));
            // the referral
            doc.add(heading(m.pdf_section_referral(), f));
            PdfPTable meta = facts();
            fact(meta, m.field_recipient(), r.agency + " (" + m.kind(r.recipientKind) + ")", f);
            fact(meta, m.field_tlp(), "TLP:" + r.tlp, f);
            fact(meta, m.field_referred_on(), e.referredOn().toString(), f);
            fact(meta, m.field_created(), m.by_at(nz(r.createdBy), r.createdAt == null ? "" : instant(r.createdAt)), f);
            fact(meta, m.field_submitted(), m.by_at(e.builtBy(), instant(e.builtAt())), f);
            fact(meta, m.field_lexicon(), e.lexicon().version(), f);
            fact(meta, m.field_summary(), r.summary, f);
            doc.add(meta);
            // the dealer
            if (e.dealer() != null) {
                doc.add(heading(m.pdf_section_dealer(), f));
                doc.add(new Paragraph(e.dealer().name() + (e.dealer().notes() == null || e.dealer().notes().isBlank()
                        ? "" : " — " + e.dealer().notes()), f.body));
            }
            // the accounts with platform states
            doc.add(heading(m.pdf_section_accounts(), f));
            PdfPTable accounts = new PdfPTable(new float[] {1.1f, 2.2f, 2f, 2.2f, 1.5f, 1.4f});
            accounts.setWidthPercentage(100);
            accounts.setHeaderRows(1);
            for (String h : List.of(m.pdf_col_platform(), m.pdf_col_handle(), m.pdf_col_name(), m.pdf_col_state(),
                    m.pdf_col_status(), m.pdf_col_last_active())) {
                accounts.addCell(headCell(h, f));
            }
            for (Evidence.AccountEvidence a : e.accounts()) {
                AccountView v = a.account();
                accounts.addCell(cell(v.platform(), f));
                accounts.addCell(cell(v.handle(), f));
                accounts.addCell(cell(nz(v.displayName()), f));
                accounts.addCell(cell(app.platform_state(v.platformState())
                        + (v.platformStateSince() == null ? "" : " " + app.common_since(v.platformStateSince())), f));
                accounts.addCell(cell(v.status() == null ? "" : app.status(v.status()), f));
                accounts.addCell(cell(v.lastActive() == null ? "" : v.lastActive().toString(), f));
            }
            doc.add(accounts);
            // each account
            for (Evidence.AccountEvidence a : e.accounts()) {
                doc.newPage();
                account(doc, writer, a, e, m, app, f);
            }
            doc.add(heading("", f));
            doc.add(new Paragraph(m.pdf_built(instant(e.builtAt()), e.builtBy(), e.service() + " " + e.serviceVersion()), f.small));
            doc.add(new Paragraph(m.pdf_lexicon(e.lexicon().version()), f.small));
            doc.add(new Paragraph(m.pdf_bundle_note(), f.small));
            doc.close();
        } catch (DocumentException ex) {
            throw new IOException("could not write the PDF of referral " + r.id, ex);
        }
    }

    private void account(Document doc, PdfWriter writer, Evidence.AccountEvidence a, Evidence e, ReferralMessages m,
                         AppMessages app, Fonts f) throws DocumentException, IOException {
        AccountView v = a.account();
        doc.add(new Paragraph(m.pdf_section_account(v.platform(), v.handle()), f.h1));
        if (v.displayName() != null && !v.displayName().isBlank()) {
            doc.add(new Paragraph(v.displayName(), f.body));
        }
        // status and flags in words
        ActivityView act = a.activity();
        if (act != null) {
            doc.add(new Paragraph(m.pdf_status_line(act.asOf(), app.status(act.status())), f.bold));
            for (String line : statusWords(act, m, app)) {
                doc.add(new Paragraph(line, f.body));
            }
            if (act.flags().isEmpty()) {
                doc.add(new Paragraph(m.pdf_no_flags(), f.body));
            }
            for (ActivityView.FlagView flag : act.flags()) {
                doc.add(new Paragraph(flagWords(flag, m, app), f.body));
            }
        }
        // the timeline chart
        if (a.observations().isEmpty()) {
            doc.add(new Paragraph(m.pdf_no_observations(), f.body));
        } else {
            byte[] png = TimelineChart.png(a.observations(), e.referredOn(), new TimelineChart.Labels(m.pdf_chart_title(),
                    m.pdf_chart_posts(), m.pdf_chart_images(), m.pdf_chart_day(), m.pdf_chart_count(),
                    m.pdf_chart_referral()), chartFont(), 1500, 620);
            Image chart = Image.getInstance(png);
            chart.scaleToFit(doc.getPageSize().getWidth() - doc.leftMargin() - doc.rightMargin(), 230);
            chart.setSpacingBefore(6);
            doc.add(chart);
            doc.add(new Paragraph(m.pdf_observed(a.observations().size(), a.observations().get(0).date(),
                    a.observations().get(a.observations().size() - 1).date()), f.small));
        }
        // linked accounts
        doc.add(heading(m.pdf_section_links(), f));
        if (a.links().isEmpty()) {
            doc.add(new Paragraph(m.pdf_no_links(), f.body));
        }
        for (LinkView link : a.links()) {
            String how = link.evidence().stream().map(ev -> "CONTACT".equals(ev.type())
                    ? m.pdf_link_contact(ev.kind(), ev.value()) : m.pdf_link_image(ev.sha256().substring(0, 12)))
                    .collect(Collectors.joining("; "));
            doc.add(new Paragraph(link.platform() + " / " + link.handle() + (link.displayName() == null ? "" : " (" + link.displayName() + ")")
                    + ": " + how, f.body));
        }
        // posts with terms
        doc.add(heading(m.pdf_section_posts(), f));
        List<PostView> matchedPosts = a.posts().stream().filter(p -> !p.matches().isEmpty()).toList();
        if (matchedPosts.isEmpty()) {
            doc.add(new Paragraph(m.pdf_no_matched_posts(), f.body));
        } else {
            PdfPTable posts = new PdfPTable(new float[] {1.4f, 4.6f, 2.4f, 2f});
            posts.setWidthPercentage(100);
            posts.setHeaderRows(1);
            posts.addCell(headCell(m.col_when(), f));
            posts.addCell(headCell(m.pdf_col_text(), f));
            posts.addCell(headCell(m.pdf_image_terms(), f));
            posts.addCell(headCell(m.pdf_image_contacts(), f));
            for (PostView p : matchedPosts.subList(0, Math.min(MAX_POSTS_PER_ACCOUNT, matchedPosts.size()))) {
                posts.addCell(cell(PanelClock.dayOf(p.postedAt()).toString(), f));
                String text = p.text() == null ? "" : p.text();
                posts.addCell(cell(text.length() > 300 ? text.substring(0, 300) + "…" : text, f));
                posts.addCell(cell(terms(p.matches(), app), f));
                posts.addCell(cell(p.contacts().stream().map(c -> c.kind() + " " + c.value()).collect(Collectors.joining(", ")), f));
            }
            doc.add(posts);
        }
        // images with terms
        doc.add(heading(m.pdf_section_images(), f));
        List<Evidence.AccountImage> matched = a.images().stream().filter(i -> !i.image().matches().isEmpty()).toList();
        if (matched.isEmpty()) {
            doc.add(new Paragraph(m.pdf_no_matched_images(), f.body));
        } else {
            PdfPTable images = new PdfPTable(new float[] {2.2f, 4f});
            images.setWidthPercentage(100);
            for (Evidence.AccountImage img : matched.subList(0, Math.min(MAX_IMAGES_PER_ACCOUNT, matched.size()))) {
                ImageView iv = img.image();
                PdfPCell picture;
                Image thumb = thumbnail(img.staged());
                if (thumb != null) {
                    picture = new PdfPCell(thumb, false);
                } else {
                    picture = cell(m.pdf_image_not_shown(), f);
                }
                picture.setPadding(4);
                images.addCell(picture);
                String postedOn = img.seen().stream().map(ImageView.Link::postedOn).filter(d -> d != null).findFirst()
                        .map(LocalDate::toString).orElse("–");
                Phrase words = new Phrase();
                words.add(new Chunk(m.pdf_image_caption(iv.sha256(), postedOn) + "\n", f.small));
                words.add(new Chunk(m.pdf_image_terms() + ": ", f.bold));
                words.add(new Chunk(terms(iv.matches(), app) + "\n", f.body));
                words.add(new Chunk(m.pdf_image_contacts() + ": ", f.bold));
                words.add(new Chunk(iv.contacts().isEmpty() ? "–" : iv.contacts().stream().map(c -> c.kind() + " " + c.value())
                        .collect(Collectors.joining(", ")), f.body));
                if (iv.text() != null && !iv.text().isBlank()) {
                    String ocr = iv.text().length() > 240 ? iv.text().substring(0, 240) + "…" : iv.text();
                    words.add(new Chunk("\n" + ocr, f.small));
                }
                PdfPCell text = new PdfPCell(words);
                text.setPadding(4);
                images.addCell(text);
            }
            doc.add(images);
            if (matched.size() > MAX_IMAGES_PER_ACCOUNT) {
                doc.add(new Paragraph(m.pdf_more_images(matched.size() - MAX_IMAGES_PER_ACCOUNT), f.small));
            }
        }
    }

    static List<String> statusWords(ActivityView act, ReferralMessages m, AppMessages app) {
        List<String> lines = new ArrayList<>();
        Map<String, Object> ev = act.evidence() == null ? Map.of() : act.evidence();
        Object state = ev.get("platformState");
        if (state != null && !"LIVE".equals(state.toString())) {
            PlatformState ps = PlatformState.valueOf(state.toString());
            LocalDate since = date(ev.get("platformStateSince"));
            lines.add(m.pdf_status_platform(app.platform_state(ps), since));
        }
        if (act.lastActive() == null) {
            lines.add(m.pdf_status_never());
        } else if (act.status() == ActivityStatus.ACTIVE) {
            lines.add(m.pdf_status_active(act.lastActive()));
        } else {
            Integer observed = ev.get("observedDaysAfterLastActive") instanceof Number n ? n.intValue() : null;
            Object coverage = ev.get("coverage");
            String pct = coverage instanceof Number c ? String.format(Locale.ROOT, "%.0f", c.doubleValue() * 100) : "–";
            lines.add(m.pdf_status_silent(act.lastActive(), act.silentDays(), observed, pct));
        }
        return lines;
    }

    @SuppressWarnings("unchecked")
    static String flagWords(ActivityView.FlagView flag, ReferralMessages m, AppMessages app) {
        Map<String, Object> ev = flag.evidence() == null ? Map.of() : flag.evidence();
        if (flag.type() == org.dealerpanel.activity.FlagType.REACTIVATED) {
            return app.flag(flag.type()) + ": " + m.pdf_flag_reactivated(date(ev.get("reactivatedOn")) != null
                    ? date(ev.get("reactivatedOn")) : flag.since(), num(ev.get("silentDays"), 0), str(ev.get("lastActiveBefore")));
        }
        Map<String, Object> recent = ev.get("recent") instanceof Map<?, ?> x ? (Map<String, Object>) x : Map.of();
        Map<String, Object> base = ev.get("baseline") instanceof Map<?, ?> x ? (Map<String, Object>) x : Map.of();
        List<Object> ci = ev.get("ratioCi95") instanceof List<?> l ? (List<Object>) l : List.of();
        return m.pdf_flag_step(app.flag(flag.type()), app.metric(flag.metric()), flag.since(), num(recent.get("rate"), 2),
                num(recent.get("observedDays"), 0), num(base.get("rate"), 2), num(base.get("observedDays"), 0),
                num(ev.get("ratio"), 2), ci.size() > 0 ? num(ci.get(0), 2) : "–", ci.size() > 1 ? num(ci.get(1), 2) : "–",
                p(ev.get("pValue")));
    }

    private static String terms(List<MatchView> matches, AppMessages app) {
        return matches.stream().map(x -> x.term() + " (" + category(x.category(), app) + ")").distinct()
                .collect(Collectors.joining(", "));
    }

    private static String category(String c, AppMessages app) {
        try {
            return app.category(TermCategory.valueOf(c));
        } catch (IllegalArgumentException e) {
            return c;
        }
    }

    private static Image thumbnail(Path file) {
        try {
            Image image = Image.getInstance(Files.readAllBytes(file));
            image.scaleToFit(150, 150);
            return image;
        } catch (Exception notShown) {
            return null; // e.g. WebP: the original is in the bundle
        }
    }

    // ------------------------------------------------------------------ layout helpers

    private static final class Fonts {
        final Font title;
        final Font h1;
        final Font h2;
        final Font body;
        final Font bold;
        final Font small;
        final Font head;

        Fonts(BaseFont cjk) {
            title = new Font(cjk, 11, Font.NORMAL, new Color(0x55, 0x55, 0x55));
            h1 = new Font(cjk, 16, Font.BOLD);
            h2 = new Font(cjk, 12, Font.BOLD, new Color(0x1F, 0x3A, 0x5F));
            body = new Font(cjk, 9);
            bold = new Font(cjk, 9, Font.BOLD);
            small = new Font(cjk, 7.5f, Font.NORMAL, new Color(0x44, 0x44, 0x44));
            head = new Font(cjk, 8.5f, Font.BOLD, Color.WHITE);
        }
    }

    private static Paragraph heading(String text, Fonts f) {
        Paragraph p = new Paragraph(text, f.h2);
        p.setSpacingBefore(10);
        p.setSpacingAfter(4);
        return p;
    }

    private static PdfPTable facts() {
        PdfPTable t = new PdfPTable(new float[] {1.3f, 4f});
        t.setWidthPercentage(100);
        return t;
    }

    private static void fact(PdfPTable t, String label, String value, Fonts f) {
        PdfPCell l = new PdfPCell(new Phrase(label, f.bold));
        l.setBorder(Rectangle.BOTTOM);
        l.setBorderColor(new Color(0xDD, 0xDD, 0xDD));
        l.setPadding(3);
        t.addCell(l);
        PdfPCell v = new PdfPCell(new Phrase(value == null ? "" : value, f.body));
        v.setBorder(Rectangle.BOTTOM);
        v.setBorderColor(new Color(0xDD, 0xDD, 0xDD));
        v.setPadding(3);
        t.addCell(v);
    }

    private static PdfPCell headCell(String text, Fonts f) {
        PdfPCell c = new PdfPCell(new Phrase(text, f.head));
        c.setBackgroundColor(new Color(0x1F, 0x3A, 0x5F));
        c.setPadding(3);
        return c;
    }

    private static PdfPCell cell(String text, Fonts f) {
        PdfPCell c = new PdfPCell(new Phrase(text == null ? "" : text, f.body));
        c.setPadding(3);
        c.setBorderColor(new Color(0xCC, 0xCC, 0xCC));
        return c;
    }

    private static String instant(java.time.Instant at) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC).format(at);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String str(Object o) {
        return o == null ? "–" : o.toString();
    }

    private static LocalDate date(Object o) {
        if (o instanceof LocalDate d) {
            return d;
        }
        if (o == null) {
            return null;
        }
        try {
            return LocalDate.parse(o.toString());
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String num(Object o, int decimals) {
        if (!(o instanceof Number n)) {
            return "–";
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", n.doubleValue());
    }

    private static String p(Object o) {
        if (!(o instanceof Number n)) {
            return "–";
        }
        double v = n.doubleValue();
        return v < 0.0001 ? "< 0.0001" : String.format(Locale.ROOT, "%.4f", v);
    }

    /** The TLP label in the header and footer of every page, white/colour on black as TLP 2.0 asks. */
    private static final class TlpPages extends PdfPageEventHelper {
        private final String tlp;
        private final ReferralMessages m;
        private final Font label;
        private final Font footer;
        private final String title;

        TlpPages(String tlp, ReferralMessages m, BaseFont cjk, String title) {
            this.tlp = tlp;
            this.m = m;
            int[] rgb = Tlp.colour(tlp);
            BaseFont helvetica;
            try {
                helvetica = BaseFont.createFont(BaseFont.HELVETICA_BOLD, BaseFont.WINANSI, BaseFont.NOT_EMBEDDED);
            } catch (DocumentException | IOException e) {
                throw new IllegalStateException(e);
            }
            this.label = new Font(helvetica, 10, Font.NORMAL, new Color(rgb[0], rgb[1], rgb[2]));
            this.footer = new Font(cjk, 8, Font.NORMAL, new Color(0x33, 0x33, 0x33));
            this.title = title.length() > 70 ? title.substring(0, 70) + "…" : title;
        }

        @Override
        public void onEndPage(PdfWriter writer, Document document) {
            PdfContentByte cb = writer.getDirectContent();
            Rectangle page = document.getPageSize();
            String text = "TLP:" + tlp;
            float width = label.getBaseFont().getWidthPoint(text, 10) + 12;
            float right = page.getRight() - document.rightMargin();
            for (float y : new float[] {page.getTop() - 40, page.getBottom() + 22}) {
                cb.saveState();
                cb.setColorFill(Color.BLACK);
                cb.rectangle(right - width, y - 4, width, 16);
                cb.fill();
                cb.restoreState();
                ColumnText.showTextAligned(cb, Element.ALIGN_RIGHT, new Phrase(text, label), right - 6, y, 0);
            }
            ColumnText.showTextAligned(cb, Element.ALIGN_LEFT, new Phrase(title, footer), document.leftMargin(),
                    page.getTop() - 40, 0);
            ColumnText.showTextAligned(cb, Element.ALIGN_LEFT, new Phrase(m.pdf_footer(tlp, writer.getPageNumber()), footer),
                    document.leftMargin(), page.getBottom() + 22, 0);
        }
    }
}
