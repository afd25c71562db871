package org.dealerpanel.packaged;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * One instance of the packaged service ({@code target/quarkus-app/quarkus-run.jar}, built by the package phase) in a JVM
 * of its own, as an operator would run it: configured by environment variables, its output in
 * {@code target/packaged/<name>.log}. Used by the tests that need real processes: several instances on one database,
 * {@code kill -9}, PostgreSQL stopped under a running instance.
 */
final class PackagedInstance implements AutoCloseable {
    static final String ADMIN_PASSWORD = "packaged-admin-password";
    static final Path BASE = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    static final Path JAR = BASE.resolve("target/quarkus-app/quarkus-run.jar");
    static final Path WORK = BASE.resolve("target/packaged");

    final String name;
    final int port;
    final Process process;
    final Path log;
    final long startedAt = System.nanoTime();

    private PackagedInstance(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** Starts the jar with the database settings of this machine plus {@code env}; does not wait for it. */
    static PackagedInstance start(String name, String jdbcUrl, Map<String, String> env) throws IOException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: these tests run after the package phase (mvn verify)");
        }
        Files.createDirectories(WORK);
        int port = freePort();
        Path log = WORK.resolve(name + ".log");
        String java = ProcessHandle.current().info().command().orElse("java");
        // a small heap; C1 only and the serial collector: two JVMs start side by side on two cores (a test of what
        // happens, not of speed)
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Djava.io.tmpdir=" + WORK.resolve(name + "-tmp"), "-jar", JAR.toString()));
        Files.createDirectories(WORK.resolve(name + "-tmp"));
        ProcessBuilder pb = new ProcessBuilder(command).directory(BASE.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> e = pb.environment();
        e.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        e.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl);
        e.put("QUARKUS_DATASOURCE_USERNAME", dbUser());
        e.put("QUARKUS_DATASOURCE_PASSWORD", dbPassword());
        e.put("TRACKER_ADMIN_PASSWORD", ADMIN_PASSWORD);
        e.put("TRACKER_DEMO_DATA", "false");
        e.put("OMP_THREAD_LIMIT", "1");
        e.put("TRACKER_RESCAN_WORKERS", "1");
        e.putAll(env);
        return new PackagedInstance(name, port, pb.start(), log);
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    long pid() {
        return process.pid();
    }

    RequestSpecification admin() {
        return given().baseUri(base()).auth().preemptive().basic("admin", ADMIN_PASSWORD).contentType(ContentType.JSON);
    }

    RequestSpecification anonymous() {
        return given().baseUri(base());
    }

    /** Waits until /q/health/ready answers 200; the seconds it took since the start. */
    double awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + tail(60));
            }
            try {
                if (anonymous().get("/q/health/ready").statusCode() == 200) {
                    return (System.nanoTime() - startedAt) / 1e9;
                }
            } catch (Exception notListeningYet) {
                // connection refused until the HTTP server is up
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " not ready after " + timeout + ":\n" + tail(60));
    }

    /** kill -9: no shutdown hook runs, leases stay behind. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** The last lines of the instance's output (for failure messages). */
    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        }
    }

    // ---- the machine's database settings (bin/provision writes them to var/env, bin/test exports them) ----

    static String dbUser() {
        return env("QUARKUS_DATASOURCE_USERNAME", "tracker");
    }

    static String dbPassword() {
        String pw = System.getenv("QUARKUS_DATASOURCE_PASSWORD");
        if (pw != null && !pw.isBlank()) {
            return pw;
        }
        try {
            return Files.readString(BASE.resolve("var/db-password")).strip();
        } catch (IOException e) {
            throw new IllegalStateException("no database password: set QUARKUS_DATASOURCE_PASSWORD (bin/test does)", e);
        }
    }

    static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    static Connection connect(String jdbcUrl) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", dbUser());
        p.setProperty("password", dbPassword());
        p.setProperty("connectTimeout", "3");
        return DriverManager.getConnection(jdbcUrl, p);
    }

    /** Empties the database (its public schema) before a run; the instances' Flyway builds it again. */
    static void resetDatabase(String jdbcUrl) throws SQLException {
        try (Connection c = connect(jdbcUrl); Statement s = c.createStatement()) {
            s.execute("drop schema if exists public cascade");
            s.execute("create schema public");
        }
    }

    /** Deletes a directory tree (the instances' data directory of an earlier run). */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    /**
     * One run of these tests at a time on this machine (they share the cluster database and the outage cluster): an
     * exclusive lock on a file in /tmp, held until closed.
     */
    static AutoCloseable machineLock() throws IOException {
        FileChannel channel = FileChannel.open(Path.of(System.getProperty("java.io.tmpdir"), "dealer-panel-packaged-tests.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.lock();
        return () -> {
            lock.release();
            channel.close();
        };
    }

    static Map<String, String> env(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }
}
