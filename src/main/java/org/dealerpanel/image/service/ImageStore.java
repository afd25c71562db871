package org.dealerpanel.image.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Content-addressed image files under {@code tracker.data-dir}: {@code images/ab/cd/<sha256>}. A file is written
 * to a temporary name in the same directory tree, forced to disk, then renamed with ATOMIC_MOVE, so a reader never
 * sees half a file and a crash leaves at most a stray {@code .incoming-*} temp file. The same bytes map to the
 * same path and are written once.
 */
@ApplicationScoped
public class ImageStore {
    public static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    @ConfigProperty(name = "tracker.data-dir")
    Path dataDir;

    public Path root() {
        return dataDir.resolve("images");
    }

    public Path path(String sha256) {
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a sha256: " + sha256);
        }
        return root().resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256);
    }

    /** Stores {@code source} as {@code sha256} unless an identical file is there already; true if written. */
    public boolean store(Path source, String sha256) throws IOException {
        Path target = path(sha256);
        long size = Files.size(source);
        if (Files.isRegularFile(target) && Files.size(target) == size) {
            return false;
        }
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), ".incoming-", ".tmp");
        try {
            Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
