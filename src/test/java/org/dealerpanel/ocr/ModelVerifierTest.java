package org.dealerpanel.ocr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import org.dealerpanel.ocr.engine.ModelIntegrityException;
import org.dealerpanel.ocr.engine.ModelVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelVerifierTest {

    static final Path MODELS = Path.of("ocr-models");

    private static Path copyModels(Path dir) throws Exception {
        for (String f : List.of("SHA256SUMS", "chi_sim.traineddata", "chi_tra.traineddata", "eng.traineddata")) {
            Files.copy(MODELS.resolve(f), dir.resolve(f));
        }
        return dir;
    }

    @Test
    void shippedModelsVerify() {
        Path p = ModelVerifier.verify(MODELS, List.of("chi_sim", "chi_tra", "eng"));
        assertTrue(p.isAbsolute());
        assertTrue(Files.isRegularFile(p.resolve("chi_sim.traineddata")));
    }

    @Test
    void tamperedFileIsRejected(@TempDir Path dir) throws Exception {
        copyModels(dir);
        Files.write(dir.resolve("chi_sim.traineddata"), new byte[] {42}, StandardOpenOption.APPEND);
        ModelIntegrityException e = assertThrows(ModelIntegrityException.class, () -> ModelVerifier.verify(dir, List.of("chi_sim")));
        assertTrue(e.getMessage().contains("SHA-256 mismatch"), e.getMessage());
        assertTrue(e.getMessage().contains("chi_sim.traineddata"), e.getMessage());
    }

    @Test
    void tamperedModelStopsTheServiceFromStarting(@TempDir Path dir) throws Exception {
        copyModels(dir);
        byte[] b = Files.readAllBytes(dir.resolve("eng.traineddata"));
        b[b.length / 2] ^= 1;
        Files.write(dir.resolve("eng.traineddata"), b);
        OcrConfig cfg = new OcrConfig(dir, "chi_sim", 1, false, 1);
        assertThrows(ModelIntegrityException.class, () -> new OcrService(cfg).close());
    }

    @Test
    void missingFileOrSumsAreRejected(@TempDir Path dir) throws Exception {
        assertThrows(ModelIntegrityException.class, () -> ModelVerifier.verify(dir, List.of("chi_sim")));
        copyModels(dir);
        Files.delete(dir.resolve("chi_tra.traineddata"));
        ModelIntegrityException e = assertThrows(ModelIntegrityException.class, () -> ModelVerifier.verify(dir, List.of("chi_sim")));
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void requiredLanguageMustBeListed(@TempDir Path dir) throws Exception {
        copyModels(dir);
        ModelIntegrityException e = assertThrows(ModelIntegrityException.class, () -> ModelVerifier.verify(dir, List.of("jpn")));
        assertTrue(e.getMessage().contains("jpn.traineddata"));
        assertEquals(dir.toAbsolutePath().normalize(), ModelVerifier.verify(dir, List.of("chi_sim")));
    }
}
