package org.dealerpanel.ocr.bench;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Generates synthetic social-media ad images (fixed seed) with Chinese captions, prices and contact ids,
 * with and without coded wildlife terms, in the hard variants seen in real ads.
 * Fonts come from Debian packages: fonts-wqy-zenhei, fonts-wqy-microhei, fonts-arphic-uming, fonts-arphic-ukai.
 */
public final class AdImageGenerator {

    public enum Layout { CAPTION_BELOW, CAPTION_ABOVE, OUTLINED_OVER_PHOTO, BANNER_OVER_PHOTO, GRADIENT_TEXT, SMALL_TEXT }

    /** Font family names (system-installed) keyed by style label. */
    public static final String[][] FONTS = {
            {"Hei-zenhei", "WenQuanYi Zen Hei"},
            {"Hei-microhei", "WenQuanYi Micro Hei"},
            {"Ming-uming", "AR PL UMing CN"},
            {"Kai-ukai", "AR PL UKai CN"}};

    /** One generated image and its ground truth. */
    public record Sample(String id, Path file, List<String> lines, Set<String> terms, Set<String> contacts,
                         Layout layout, String font, int fontPx, double rotationDeg, int jpegQuality) {
        public String printedText() { return String.join("\n", lines); }
    }

    private static final String[] TERM_TEMPLATES = {
            "精品%s手镯 诚信出售", "老%s摆件 包真", "%s吊坠 有证书", "收藏级%s 原料", "正宗%s 一手货源",
            "%s雕刻 手把件", "祖传%s 私聊", "%s念珠 特价", "纯天然%s 现货", "%s工艺品 量大从优"};
    private static final String[] NEUTRAL_CAPTIONS = {
            "明前龙井茶叶 新茶上市", "苹果手机壳 防摔硅胶", "新鲜水果 产地直发", "纯棉连衣裙 夏季新款",
            "野生蜂蜜 农家自产", "牛角梳 按摩头皮", "象棋 实木大号", "和田玉手镯 支持验货",
            "羊角面包 早餐必备", "虎皮青椒 家常菜", "沉香手串 老料", "菩提子念珠 包邮",
            "檀木梳子 送礼佳品", "琥珀蜜蜡 吊坠", "黄花梨摆件 收藏", "红木茶盘 整块"};
    private static final String[] EXTRA_LINES = {"全国包邮", "假一赔十", "诚信经营", "欢迎咨询", "货到付款", "当天发货"};
    private static final String[] WECHAT_PREFIX = {"微信: ", "VX: ", "V信 ", "wx: ", "微信号："};
    private static final String[] QQ_PREFIX = {"QQ ", "QQ: ", "扣扣 "};
    private static final String[] PHONE_PREFIX = {"手机 ", "电话: ", "手机："};
    private static final String[] PRICE_FMT = {"价格: ¥%d", "特价 %d元", "￥%d 包邮", "售价%d元/件"};

    private final Random rnd;
    private final List<BenchTerms.Term> terms = BenchTerms.TERMS;

    public AdImageGenerator(long seed) {
        this.rnd = new Random(seed);
        checkFonts();
    }

    public static void checkFonts() {
        Set<String> installed = Set.of(GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames(Locale.ROOT));
        for (String[] f : FONTS) {
            if (!installed.contains(f[1])) {
                throw new IllegalStateException("Font '" + f[1] + "' is not installed (apt-get install fonts-wqy-zenhei fonts-wqy-microhei fonts-arphic-uming fonts-arphic-ukai)");
            }
        }
    }

    /** Generates {@code count} samples into {@code dir}; about a quarter have no coded term. */
    public List<Sample> generate(Path dir, int count) throws IOException {
        Files.createDirectories(dir);
        List<Sample> out = new ArrayList<>();
        Layout[] layouts = Layout.values();
        for (int i = 0; i < count; i++) {
            // cycle deterministically through layouts and fonts so every combination appears
            Layout layout = layouts[i % layouts.length];
            String[] font = FONTS[(i / layouts.length) % FONTS.length];
            boolean withTerm = rnd.nextDouble() >= 0.25;
            out.add(generateOne(dir, String.format("ad-%03d", i), layout, font, withTerm));
        }
        return out;
    }

    public Sample generateOne(Path dir, String id, Layout layout, String[] font, boolean withTerm) throws IOException {
        List<String> lines = new ArrayList<>();
        if (withTerm) {
            BenchTerms.Term t = terms.get(rnd.nextInt(terms.size()));
            String tpl = TERM_TEMPLATES[rnd.nextInt(TERM_TEMPLATES.length)];
            lines.add(String.format(tpl, t.text()));
        } else {
            lines.add(NEUTRAL_CAPTIONS[rnd.nextInt(NEUTRAL_CAPTIONS.length)]);
        }
        if (rnd.nextBoolean()) lines.add(String.format(PRICE_FMT[rnd.nextInt(PRICE_FMT.length)], 50 + rnd.nextInt(9000)));
        else lines.add(EXTRA_LINES[rnd.nextInt(EXTRA_LINES.length)]);
        Set<String> contacts = new LinkedHashSet<>();
        String contact = contactLine(contacts);
        lines.add(contact);

        int fontPx = layout == Layout.SMALL_TEXT ? 20 : 26 + rnd.nextInt(4) * 4;
        double rot = (rnd.nextDouble() * 6 - 3);
        if (rnd.nextInt(4) == 0) rot = 0;
        int q = 40 + rnd.nextInt(41);
        return render(dir, id, lines, contacts, layout, font, fontPx, rot, q);
    }

    /** Renders the given caption lines with explicit variation parameters (used by tests and {@link #generateOne}). */
    public Sample render(Path dir, String id, List<String> lines, Set<String> contacts, Layout layout, String[] font,
                         int fontPx, double rot, int q) throws IOException {
        Files.createDirectories(dir);
        int w = 560 + rnd.nextInt(5) * 60;
        int h = 420 + rnd.nextInt(4) * 60;
        Font f = new Font(font[1], Font.PLAIN, fontPx);
        if (f.canDisplayUpTo(String.join("", lines)) != -1) {
            throw new IllegalStateException("font " + font[1] + " cannot display " + lines);
        }

        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        int lineH = (int) Math.round(fontPx * 1.45);
        int blockH = lineH * lines.size() + fontPx / 2;
        switch (layout) {
            case CAPTION_BELOW -> {
                int photoH = h - blockH - 20;
                drawPhoto(g, 0, 0, w, photoH);
                g.setColor(plainBg());
                g.fillRect(0, photoH, w, h - photoH);
                drawLines(g, lines, f, darkInk(), null, 20 + rnd.nextInt(30), photoH + 10 + fontPx, lineH, rot);
            }
            case CAPTION_ABOVE -> {
                g.setColor(plainBg());
                g.fillRect(0, 0, w, blockH + 20);
                drawPhoto(g, 0, blockH + 20, w, h - blockH - 20);
                drawLines(g, lines, f, darkInk(), null, 20 + rnd.nextInt(30), 10 + fontPx, lineH, rot);
            }
            case OUTLINED_OVER_PHOTO -> {
                drawPhoto(g, 0, 0, w, h);
                int y0 = rnd.nextBoolean() ? 30 + fontPx : h - blockH - 10 + fontPx / 2;
                drawLines(g, lines, f, Color.WHITE, Color.BLACK, 20 + rnd.nextInt(30), y0, lineH, rot);
            }
            case BANNER_OVER_PHOTO -> {
                drawPhoto(g, 0, 0, w, h);
                int y = h - blockH - 20 - rnd.nextInt(40);
                g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.6f));
                g.setColor(new Color(rnd.nextInt(60), rnd.nextInt(60), rnd.nextInt(60)));
                g.fillRect(0, y, w, blockH + 10);
                g.setComposite(AlphaComposite.SrcOver);
                Color ink = rnd.nextBoolean() ? Color.WHITE : new Color(255, 220 + rnd.nextInt(36), 80 + rnd.nextInt(100));
                drawLines(g, lines, f, ink, null, 20 + rnd.nextInt(30), y + fontPx + 4, lineH, rot);
            }
            case GRADIENT_TEXT -> {
                Color a = randomColor(120, 255), b = randomColor(120, 255);
                g.setPaint(new GradientPaint(0, 0, a, w, h, b));
                g.fillRect(0, 0, w, h);
                noise(img, 18);
                drawLines(g, lines, f, darkInk(), null, 20 + rnd.nextInt(40), 40 + rnd.nextInt(h - blockH - 60) + fontPx, lineH, rot);
            }
            case SMALL_TEXT -> {
                int photoH = h - blockH - 10;
                drawPhoto(g, 0, 0, w, photoH);
                if (rnd.nextBoolean()) {
                    g.setColor(plainBg());
                    g.fillRect(0, photoH, w, h - photoH);
                    drawLines(g, lines, f, darkInk(), null, 15 + rnd.nextInt(30), photoH + 6 + fontPx, lineH, rot);
                } else {
                    Color a = randomColor(180, 255), b = randomColor(150, 230);
                    g.setPaint(new GradientPaint(0, photoH, a, w, h, b));
                    g.fillRect(0, photoH, w, h - photoH);
                    drawLines(g, lines, f, darkInk(), null, 15 + rnd.nextInt(30), photoH + 6 + fontPx, lineH, rot);
                }
            }
        }
        g.dispose();

        Path file = dir.resolve(id + ".jpg");
        writeJpeg(img, file, q / 100f);
        Set<String> truth = termsIn(String.join("\n", lines));
        return new Sample(id, file, List.copyOf(lines), truth, java.util.Collections.unmodifiableSet(new LinkedHashSet<>(contacts)), layout, font[0], fontPx, rot, q);
    }

    /** Ground truth = every bench term that occurs in the printed text (so 猛犸象牙 also counts 象牙). */
    public static Set<String> termsIn(String printed) {
        String flat = printed.replaceAll("\\s+", "");
        Set<String> found = new LinkedHashSet<>();
        for (String t : BenchTerms.strings()) if (flat.contains(t)) found.add(t);
        return found;
    }

    private String contactLine(Set<String> contacts) {
        switch (rnd.nextInt(3)) {
            case 0 -> {
                String letters = "abcdefghjkmnpqrstuvwxyz";
                StringBuilder sb = new StringBuilder();
                int n = 3 + rnd.nextInt(4);
                for (int i = 0; i < n; i++) sb.append(letters.charAt(rnd.nextInt(letters.length())));
                if (rnd.nextBoolean()) sb.append('_');
                sb.append(100 + rnd.nextInt(9900));
                contacts.add(sb.toString());
                return WECHAT_PREFIX[rnd.nextInt(WECHAT_PREFIX.length)] + sb;
            }
            case 1 -> {
                String qq = String.valueOf(10000000L + (long) (rnd.nextDouble() * 3_000_000_000L));
                contacts.add(qq);
                return QQ_PREFIX[rnd.nextInt(QQ_PREFIX.length)] + qq;
            }
            default -> {
                String[] pre = {"138", "139", "135", "186", "177", "150", "159"};
                StringBuilder sb = new StringBuilder(pre[rnd.nextInt(pre.length)]);
                for (int i = 0; i < 8; i++) sb.append(rnd.nextInt(10));
                contacts.add(sb.toString());
                return PHONE_PREFIX[rnd.nextInt(PHONE_PREFIX.length)] + sb;
            }
        }
    }

    private void drawLines(Graphics2D g, List<String> lines, Font f, Color ink, Color outline, int x, int y0,
                           int lineH, double rotDeg) {
        AffineTransform saved = g.getTransform();
        g.rotate(Math.toRadians(rotDeg), x + 150, y0 + lineH);
        FontRenderContext frc = g.getFontRenderContext();
        for (int i = 0; i < lines.size(); i++) {
            int y = y0 + i * lineH;
            if (outline != null) {
                TextLayout tl = new TextLayout(lines.get(i), f, frc);
                Shape s = tl.getOutline(AffineTransform.getTranslateInstance(x, y));
                g.setStroke(new BasicStroke(Math.max(2f, f.getSize() / 9f), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                g.setColor(outline);
                g.draw(s);
                g.setColor(ink);
                g.fill(s);
            } else {
                g.setFont(f);
                g.setColor(ink);
                g.drawString(lines.get(i), x, y);
            }
        }
        g.setTransform(saved);
    }

    /** A synthetic product 'photo': gradient, blobs, stripes, texture and noise. */
    private void drawPhoto(Graphics2D g, int x, int y, int w, int h) {
        if (h <= 0) return;
        g.setPaint(new GradientPaint(x, y, randomColor(30, 220), x + w, y + h, randomColor(30, 220)));
        g.fillRect(x, y, w, h);
        java.awt.Shape clip = g.getClip();
        g.setClip(x, y, w, h);
        int blobs = 8 + rnd.nextInt(20);
        for (int i = 0; i < blobs; i++) {
            g.setColor(new Color(rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(256), 90 + rnd.nextInt(160)));
            int bw = 20 + rnd.nextInt(w / 2), bh = 20 + rnd.nextInt(h / 2);
            int bx = x + rnd.nextInt(w) - bw / 2, by = y + rnd.nextInt(h) - bh / 2;
            if (rnd.nextBoolean()) g.fillOval(bx, by, bw, bh);
            else g.fillRoundRect(bx, by, bw, bh, 20, 20);
        }
        // busy texture: thin random strokes (twigs, fabric, packaging edges)
        int strokes = rnd.nextInt(120);
        g.setStroke(new BasicStroke(1 + rnd.nextInt(2)));
        for (int i = 0; i < strokes; i++) {
            g.setColor(new Color(rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(256), 120));
            int sx = x + rnd.nextInt(w), sy = y + rnd.nextInt(h);
            g.drawLine(sx, sy, sx + rnd.nextInt(60) - 30, sy + rnd.nextInt(60) - 30);
        }
        g.setClip(clip);
    }

    private void noise(BufferedImage img, int amp) {
        for (int yy = 0; yy < img.getHeight(); yy++) {
            for (int xx = 0; xx < img.getWidth(); xx++) {
                int rgb = img.getRGB(xx, yy);
                int d = rnd.nextInt(2 * amp + 1) - amp;
                int r = clamp(((rgb >> 16) & 255) + d), gg = clamp(((rgb >> 8) & 255) + d), b = clamp((rgb & 255) + d);
                img.setRGB(xx, yy, (r << 16) | (gg << 8) | b);
            }
        }
    }

    private static int clamp(int v) { return v < 0 ? 0 : Math.min(255, v); }

    private Color plainBg() {
        return switch (rnd.nextInt(3)) {
            case 0 -> Color.WHITE;
            case 1 -> new Color(245 + rnd.nextInt(11), 235 + rnd.nextInt(21), 200 + rnd.nextInt(56));
            default -> new Color(225 + rnd.nextInt(31), 225 + rnd.nextInt(31), 225 + rnd.nextInt(31));
        };
    }

    private Color darkInk() {
        return switch (rnd.nextInt(3)) {
            case 0 -> Color.BLACK;
            case 1 -> new Color(150 + rnd.nextInt(60), rnd.nextInt(30), rnd.nextInt(30));
            default -> new Color(rnd.nextInt(60), rnd.nextInt(60), 60 + rnd.nextInt(80));
        };
    }

    private Color randomColor(int lo, int hi) {
        return new Color(lo + rnd.nextInt(hi - lo), lo + rnd.nextInt(hi - lo), lo + rnd.nextInt(hi - lo));
    }

    static void writeJpeg(BufferedImage img, Path file, float quality) throws IOException {
        Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("jpeg");
        ImageWriter w = it.next();
        ImageWriteParam p = w.getDefaultWriteParam();
        p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        p.setCompressionQuality(quality);
        try (OutputStream os = Files.newOutputStream(file); ImageOutputStream ios = ImageIO.createImageOutputStream(os)) {
            w.setOutput(ios);
            w.write(null, new IIOImage(img, null, null), p);
        } finally {
            w.dispose();
        }
    }

    /** Writes a quick preview set: {@code java ... AdImageGenerator <dir> [count] [seed]}. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/ocr-bench/images");
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 12;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 20240601L;
        for (Sample s : new AdImageGenerator(seed).generate(dir, n)) {
            System.out.println(s.id() + " " + s.layout() + " " + s.font() + " " + s.fontPx() + "px rot=" + String.format("%.1f", s.rotationDeg())
                    + " q=" + s.jpegQuality() + " terms=" + s.terms() + " contacts=" + s.contacts() + " | " + s.printedText().replace('\n', '|'));
        }
    }
}
