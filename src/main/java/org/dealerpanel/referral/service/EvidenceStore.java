package org.dealerpanel.referral.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Evidentiary copies, kept apart from the working files: {@code <evidence-dir>/referrals/<id>/bundle.zip}, where
 * evidence-dir defaults to {@code ${tracker.data-dir}/evidence} (images, the working copies, live in
 * {@code ${tracker.data-dir}/images}). A bundle is staged in a hidden directory beside it, forced to disk, made
 * read-only and renamed into place atomically: a reader sees the whole bundle or none.
 */
@ApplicationScoped
public class EvidenceStore {
    @ConfigProperty(name = "tracker.data-dir")
    Path dataDir;
    @ConfigProperty(name = "tracker.referrals.evidence-dir")
    Optional<Path> evidenceDir;

    public Path root() {
        return evidenceDir.orElse(dataDir.resolve("evidence"));
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path referralDir(long id) {
        return root().resolve("referrals").resolve(Long.toString(id));
    }

    public Path bundle(long id) {
        return referralDir(id).resolve("bundle.zip");
    }

    /** A fresh staging directory for building referral {@code id}'s bundle. */
    public Path stage(long id) throws IOException {
        Path dir = referralDir(id);
        Files.createDirectories(dir);
        return Files.createTempDirectory(dir, ".build-");
    }

    /** Moves the finished zip into place: fsync, read-only (r--r--r--), atomic rename. */
    public Path commit(long id, Path zip) throws IOException {
        try (FileChannel channel = FileChannel.open(zip, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        try {
            Files.setPosixFilePermissions(zip, PosixFilePermissions.fromString("r--r--r--"));
        } catch (UnsupportedOperationException notPosix) {
            // a file system without POSIX permissions: the plain read-only flag, and say so if even that fails
            if (!zip.toFile().setReadOnly()) {
                throw new IOException("could not make the evidence bundle read-only: " + zip);
            }
        }
        Path target = bundle(id);
        Files.move(zip, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel dir = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException ignored) {
            // not every file system lets a directory be synced
        }
        return target;
    }

    public static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException ignored) {
            // a stray staging directory is harmless; it is never served
        }
    }
}
