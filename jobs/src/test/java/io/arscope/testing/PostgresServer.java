package io.arscope.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server for tests: a new cluster in a folder under {@code target/} (or the temporary
 * folder, when the postgres user could not reach {@code target/}), listening only on a free port of 127.0.0.1
 * with password authentication, and stopped by {@link #close} (or, if a test run is cut short, by a shutdown
 * hook). It runs the server binaries of the Debian package ({@code /usr/lib/postgresql/N/bin},
 * the newest N) or of the folder in {@code ARSCOPE_PG_BIN}. PostgreSQL refuses to run as root, so a root JVM runs
 * them as the {@code postgres} user. When no server can be started it throws, saying why: the database ingest
 * must be exercised wherever the tests run, never skipped.
 */
public final class PostgresServer implements AutoCloseable {

    /** The cluster's superuser, the one the tests connect as. */
    public static final String USER = "arscope";

    private static final long TIMEOUT_SECONDS = 120;

    private final Path bin;
    private final Path base;
    private final boolean asPostgresUser;
    private final int port;
    private final Thread stopOnExit;

    private PostgresServer(Path bin, Path base, boolean asPostgresUser, int port) {
        this.bin = bin;
        this.base = base;
        this.asPostgresUser = asPostgresUser;
        this.port = port;
        this.stopOnExit = new Thread(this::stop, "postgres-stop");
    }

    /**
     * Creates and starts a cluster under {@code parent}; its superuser {@link #USER} has {@code password}.
     * {@code log_statement=all}, so that a test can see the queries the server ran in {@link #log()}.
     */
    public static PostgresServer start(Path parent, String password) throws IOException, InterruptedException {
        Path bin = binaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path home = Files.createDirectories(parent).toAbsolutePath();
        if (root && !reachableByOthers(home)) {
            // A checkout under /root, say: the postgres user could not reach a cluster there.
            home = Path.of(System.getProperty("java.io.tmpdir"));
        }
        Path base = Files.createTempDirectory(home, "postgres-");
        PostgresServer server = new PostgresServer(bin, base, root, freePort());
        Path passwordFile = base.resolve("pwfile");
        Files.writeString(passwordFile, password);
        Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
        if (root) {
            UserPrincipal postgres = base.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName("postgres");
            Files.setOwner(base, postgres);
            Files.setOwner(passwordFile, postgres);
        }
        try {
            server.run("initdb", "-D", server.data().toString(), "-U", USER, "--auth=scram-sha-256",
                    "--pwfile=" + passwordFile, "--encoding=UTF8", "--locale=C", "--no-sync");
        } finally {
            Files.deleteIfExists(passwordFile);
        }
        // No Unix socket: its path length limit and default folder depend on the machine; TCP is what JDBC uses.
        String settings = "-p " + server.port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=''"
                + " -c fsync=off -c shared_buffers=16MB -c max_connections=20 -c log_statement=all";
        Runtime.getRuntime().addShutdownHook(server.stopOnExit);
        try {
            server.run("pg_ctl", "-D", server.data().toString(), "-l", server.serverLog().toString(), "-o", settings,
                    "-w", "-t", String.valueOf(TIMEOUT_SECONDS), "start");
        } catch (IOException | InterruptedException e) {
            try {
                server.close();
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        return server;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** The server's log so far. */
    public String log() throws IOException {
        return Files.readString(serverLog());
    }

    /** Stops the server (fast: open sessions are ended) and deletes its files. */
    @Override
    public void close() throws IOException {
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or will run: it stops the server.
            return;
        }
        stop();
        try (Stream<Path> files = Files.walk(base)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private void stop() {
        try {
            run("pg_ctl", "-D", data().toString(), "-m", "fast", "-w", "stop");
        } catch (IOException | InterruptedException e) {
            System.err.println("could not stop the test PostgreSQL server in " + base + ": " + e.getMessage());
        }
    }

    private Path data() {
        return base.resolve("data");
    }

    private Path serverLog() {
        return base.resolve("server.log");
    }

    private void run(String program, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (asPostgresUser) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(args));
        Path output = Files.createTempFile(base.getParent(), program + "-", ".out");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                    .start();
            boolean finished = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!finished) {
                process.destroyForcibly();
            }
            if (!finished || process.exitValue() != 0) {
                String log = Files.exists(serverLog()) ? "\nserver log:\n" + Files.readString(serverLog()) : "";
                throw new IOException(program + (finished ? " failed (exit " + process.exitValue() + ")"
                        : " did not finish in " + TIMEOUT_SECONDS + " s") + " for the test PostgreSQL server in "
                        + base + ":\n" + Files.readString(output) + log);
            }
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static Path binaries() {
        String configured = System.getenv("ARSCOPE_PG_BIN");
        if (configured != null) {
            Path bin = Path.of(configured);
            if (!Files.isExecutable(bin.resolve("initdb"))) {
                throw new IllegalStateException("ARSCOPE_PG_BIN=" + configured + " holds no initdb");
            }
            return bin;
        }
        Path debian = Path.of("/usr/lib/postgresql");
        try (Stream<Path> versions = Files.isDirectory(debian) ? Files.list(debian) : Stream.empty()) {
            return versions.filter(v -> v.getFileName().toString().matches("\\d+"))
                    .filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
                    .max(Comparator.comparingInt(v -> Integer.parseInt(v.getFileName().toString())))
                    .map(v -> v.resolve("bin"))
                    .orElseThrow(() -> new IllegalStateException("no PostgreSQL server found: the database ingest "
                            + "tests need initdb and pg_ctl in /usr/lib/postgresql/<version>/bin (Debian package "
                            + "'postgresql', which .ci/run installs) or in the folder named by ARSCOPE_PG_BIN"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + debian + ": " + e.getMessage(), e);
        }
    }

    private static boolean reachableByOthers(Path dir) throws IOException {
        for (Path p = dir; p != null; p = p.getParent()) {
            if (!Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                return false;
            }
        }
        return true;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
