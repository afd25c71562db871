package org.dealerpanel.ocr.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Verifies the traineddata files in the models directory against its {@code SHA256SUMS}
 * ({@code sha256sum} format: "hex  filename"). Fails with {@link ModelIntegrityException} naming the file.
 */
public final class ModelVerifier {
    private ModelVerifier() {}

    /**
     * @param dir           directory holding SHA256SUMS and the .traineddata files
     * @param requiredLangs languages that must be listed and present (e.g. "chi_sim")
     * @return the absolute directory, usable as Tesseract's datapath
     */
    public static Path verify(Path dir, List<String> requiredLangs) {
        Path sums = dir.resolve("SHA256SUMS");
        if (!Files.isRegularFile(sums)) {
            throw new ModelIntegrityException("OCR models: " + sums.toAbsolutePath() + " not found (set ocr.models.dir to the ocr-models directory)");
        }
        Map<String, String> expected = parse(sums);
        for (String lang : requiredLangs) {
            if (!expected.containsKey(lang + ".traineddata")) {
                throw new ModelIntegrityException("OCR models: " + lang + ".traineddata is not listed in " + sums.toAbsolutePath());
            }
        }
        for (Map.Entry<String, String> e : expected.entrySet()) {
            Path f = dir.resolve(e.getKey());
            if (!Files.isRegularFile(f)) {
                throw new ModelIntegrityException("OCR models: " + f.toAbsolutePath() + " is missing");
            }
            String actual = sha256(f);
            if (!actual.equalsIgnoreCase(e.getValue())) {
                throw new ModelIntegrityException("OCR models: SHA-256 mismatch for " + f.toAbsolutePath()
                        + ": expected " + e.getValue() + " but found " + actual + " (file altered or replaced)");
            }
        }
        return dir.toAbsolutePath().normalize();
    }

    static Map<String, String> parse(Path sums) {
        Map<String, String> m = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(sums, StandardCharsets.UTF_8)) {
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) continue;
                String[] parts = t.split("\\s+\\*?", 2);
                if (parts.length != 2 || !parts[0].matches("[0-9a-fA-F]{64}")) {
                    throw new ModelIntegrityException("OCR models: malformed line in " + sums + ": " + line);
                }
                m.put(parts[1].strip(), parts[0]);
            }
        } catch (IOException ex) {
            throw new ModelIntegrityException("OCR models: cannot read " + sums + ": " + ex.getMessage());
        }
        return m;
    }

    public static String sha256(Path f) {
        try (InputStream in = Files.newInputStream(f)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) md.update(buf, 0, n);
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException | NoSuchAlgorithmException ex) {
            throw new ModelIntegrityException("OCR models: cannot hash " + f + ": " + ex.getMessage());
        }
    }
}
