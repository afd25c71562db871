package org.dealerpanel.ocr.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import org.dealerpanel.ocr.OcrConfig;
import org.dealerpanel.ocr.OcrEngineKind;
import org.dealerpanel.ocr.OcrLine;
import org.dealerpanel.ocr.OcrResult;
import org.dealerpanel.ocr.OcrService;

/**
 * Benchmark: generates N ad images (fixed seed), runs the OCR service and the plain {@code tesseract} CLI
 * ({@code tesseract img stdout -l chi_sim}, default settings) on the same images with the same parallelism, and
 * prints term recall / precision (exact and normalised), contact-id recall and images per second.
 *
 * <p>Options: {@code --n 160 --seed 20240601 --workers <cores> --out target/ocr-bench --no-cli --tess-only -v}
 */
public final class OcrBenchmark {

    public static void main(String[] args) throws Exception {
        int n = 160, workers = Runtime.getRuntime().availableProcessors();
        long seed = 20240601L;
        Path out = Path.of("target/ocr-bench");
        boolean cli = true, tessOnly = false, verbose = false, page = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--n" -> n = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--workers" -> workers = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--no-cli" -> cli = false;
                case "--tess-only" -> tessOnly = true;
                case "--no-page" -> page = false;
                case "-v" -> verbose = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.printf("OCR benchmark: %d images, seed %d, %d workers, OMP_THREAD_LIMIT=%s%n", n, seed, workers, System.getenv("OMP_THREAD_LIMIT"));
        Path imgDir = out.resolve("images-" + seed);
        List<AdImageGenerator.Sample> samples = new AdImageGenerator(seed).generate(imgDir, n);
        long withTerms = samples.stream().filter(s -> !s.terms().isEmpty()).count();
        System.out.printf("generated %d images in %s (%d with coded terms, %d without)%n%n", n, imgDir, withTerms, n - withTerms);

        Map<String, Row> rows = new LinkedHashMap<>();
        try (PrintWriter detail = new PrintWriter(Files.newBufferedWriter(out.resolve("details.tsv"), StandardCharsets.UTF_8))) {
            detail.println("engine\timage\tlayout\tfont\tpx\trot\tq\terrors\ttext");
            OcrConfig cfg = OcrConfig.defaults().withWorkers(workers);
            if (!tessOnly) {
                try (OcrService svc = new OcrService(cfg)) {
                    svc.recognise(samples.get(0).file()); // warm-up (loads models, JIT)
                    Timed<OcrResult> r = run(samples, workers, svc::recognise);
                    rows.put("OcrService: Tesseract+PP-OCR, per-line choice (result.text)", Row.of(samples, r, OcrResult::text, detail, "combined", verbose));
                    rows.put("  of which the Tesseract line readings alone", Row.of(samples, r, x -> x.textBy(OcrEngineKind.TESSERACT), detail, "tess-lines", false));
                    rows.put("  of which the PP-OCR line readings alone", Row.of(samples, r, x -> x.textBy(OcrEngineKind.PPOCR), detail, "ppocr", false));
                    rows.put("  union of both readings (result.allReadings)", Row.of(samples, r, OcrResult::allReadings, detail, "union", false));
                    if (verbose) dumpLines(samples, r);
                }
            }
            if (page) try (OcrService svc = new OcrService(cfg.withPpOcr(false))) {
                svc.recognise(samples.get(0).file());
                Timed<OcrResult> r = run(samples, workers, svc::recognise);
                rows.put("OcrService: Tesseract only (page mode, PSM 11 1x+2x, PSM 6 2x)", Row.of(samples, r, OcrResult::text, detail, "tess-page", false));
            }
            if (cli) {
                Timed<String> r = run(samples, workers, OcrBenchmark::cli);
                rows.put("tesseract CLI -l chi_sim (defaults)", Row.of(samples, r, x -> x, detail, "cli", false));
            }
        }
        System.out.println();
        System.out.printf("%-66s %7s %7s %7s %7s %7s %7s %7s %8s %8s %10s%n", "engine (" + n + " images, " + workers + " parallel)", "recallM", "precM",
                "+conf", "confFP", "recall", "prec", "recallN", "precN", "contact", "img/s", "cpu ms/img");
        for (Map.Entry<String, Row> e : rows.entrySet()) {
            Row r = e.getValue();
            System.out.printf(Locale.ROOT, "%-66s %7.3f %7.3f %7d %7d %7.3f %7.3f %7.3f %7.3f %8.3f %8s %10s%n", e.getKey(), r.matcher.recall(), r.matcher.precision(),
                    r.matcher.confusionOnly, r.matcher.confusionFalse, r.exact.recall(), r.exact.precision(),
                    r.norm.recall(), r.norm.precision(), r.norm.contactRecall(), r.ips > 0 ? String.format(Locale.ROOT, "%.2f", r.ips) : "",
                    r.cpuMs > 0 ? String.format(Locale.ROOT, "%.0f", r.cpuMs) : "");
        }
        Row service = rows.get("OcrService: Tesseract+PP-OCR, per-line choice (result.text)");
        Row plain = rows.get("tesseract CLI -l chi_sim (defaults)");
        if (service != null && plain != null && plain.ips > 0) {
            double ratio = service.ips / plain.ips;
            boolean met = ratio >= 3 && service.matcher.recall() >= 0.95;
            System.out.printf(Locale.ROOT, "%nROW OCR, %d ads, %d parallel | %.2f img/s, recall %.3f, %.0f CPU ms/img | tesseract CLI: %.2f img/s, recall %.3f, %.0f CPU ms/img"
                            + " | %.2f x (CPU %.2f x) | >= 3 x the CLI at recall >= 0.95: %s%n", n, workers, service.ips, service.matcher.recall(), service.cpuMs,
                    plain.ips, plain.matcher.recall(), plain.cpuMs, ratio, plain.cpuMs / service.cpuMs, met ? "met" : "MISSED");
        }
        System.out.println();
        System.out.println("recallM/precM: the product's TermMatcher (org.dealerpanel.lexicon) over the generated terms, EXACT matches (headline);");
        System.out.println("+conf: printed terms missed but found as OCR_CONFUSION; confFP: OCR_CONFUSION hits of terms not printed;");
        System.out.println("recall/prec: exact term string in OCR text (whitespace removed); recallN/precN: after NFKC + traditional->simplified;");
        System.out.println("cpu ms/img: CPU time (this JVM, or the CLI processes' own CPU) per image - steadier than img/s on a shared machine;");
        System.out.println("contact: contact-id recall (normalised); img/s: wall-clock throughput. Per-image details: " + out.resolve("details.tsv"));
        for (Map.Entry<String, Row> e : rows.entrySet()) {
            if (e.getKey().startsWith("OcrService: Tesseract+PP")) {
                System.out.println("misses (matcher): " + e.getValue().matcher.misses);
                System.out.println("  of which found as OCR confusions: " + e.getValue().matcher.confusions);
                System.out.println("false hits (matcher): " + e.getValue().matcher.falseHits);
            }
        }
        System.exit(0);
    }

    private static void dumpLines(List<AdImageGenerator.Sample> samples, Timed<OcrResult> r) {
        for (int i = 0; i < samples.size(); i++) {
            System.out.println(samples.get(i).id() + " " + samples.get(i).layout() + " " + samples.get(i).font() + " truth=" + samples.get(i).printedText().replace('\n', '|'));
            for (OcrLine l : r.results.get(i).lines()) {
                System.out.printf(Locale.ROOT, "   %-9s %.2f %s   | alt: %s%n", l.engine(), l.confidence(), l.text(),
                        l.alternatives().stream().map(a -> a.engine() + " " + String.format(Locale.ROOT, "%.2f", a.confidence()) + " " + a.text()).toList());
            }
        }
    }

    record Timed<T>(List<T> results, double seconds, double cpuSeconds) {}

    /** CPU time of this JVM plus its finished child processes (the CLI runs), in seconds. */
    static double cpuSeconds() {
        double jvm = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
        return jvm + childCpuSeconds();
    }

    /** cutime + cstime of /proc/self/stat: CPU of waited-for child processes (Linux; 0 elsewhere). */
    static double childCpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[13]) + Long.parseLong(f[14])) / 100.0; // fields 16, 17; USER_HZ = 100
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    static <T> Timed<T> run(List<AdImageGenerator.Sample> samples, int workers, Function<Path, T> f) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            long t0 = System.nanoTime();
            double c0 = cpuSeconds();
            List<Future<T>> fs = new ArrayList<>();
            for (AdImageGenerator.Sample s : samples) fs.add(pool.submit(() -> f.apply(s.file())));
            List<T> res = new ArrayList<>();
            for (Future<T> fu : fs) res.add(fu.get());
            return new Timed<>(res, (System.nanoTime() - t0) / 1e9, cpuSeconds() - c0);
        } finally {
            pool.shutdownNow();
        }
    }

    static String cli(Path img) {
        try {
            Process p = new ProcessBuilder("tesseract", img.toString(), "stdout", "-l", "chi_sim")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return s;
        } catch (IOException e) {
            throw new RuntimeException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeException(e);
        }
    }

    static final class Row {
        Scorer.Counts exact, norm;
        MatcherScorer matcher = new MatcherScorer();
        double ips, cpuMs;

        static <T> Row of(List<AdImageGenerator.Sample> samples, Timed<T> r, Function<T, String> text, PrintWriter detail, String tag, boolean timed) {
            Scorer se = new Scorer(false), sn = new Scorer(true);
            Row row = new Row();
            for (int i = 0; i < samples.size(); i++) {
                AdImageGenerator.Sample s = samples.get(i);
                String t = text.apply(r.results().get(i));
                se.score(s, t);
                row.matcher.score(s, t);
                String err = sn.score(s, t);
                detail.printf(Locale.ROOT, "%s\t%s\t%s\t%s\t%d\t%.1f\t%d\t%s\t%s%n", tag, s.id(), s.layout(), s.font(), s.fontPx(), s.rotationDeg(),
                        s.jpegQuality(), err.strip(), t.replace("\n", " | "));
            }
            row.exact = se.counts;
            row.norm = sn.counts;
            boolean timedRow = tag.equals("combined") || tag.equals("tess-page") || tag.equals("cli");
            row.ips = timedRow ? samples.size() / r.seconds() : 0;
            row.cpuMs = timedRow ? r.cpuSeconds() * 1000 / samples.size() : 0;
            return row;
        }
    }
}
