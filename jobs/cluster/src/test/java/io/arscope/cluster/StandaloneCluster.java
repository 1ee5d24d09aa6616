package io.arscope.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A Spark standalone master and workers on 127.0.0.1, each its own JVM started from a SPARK_HOME folder of
 * Maven-resolved jars, on free ports. {@link #close} stops the workers, then the master, and kills whatever
 * they started that outlives them, so that a failing test leaves nothing running.
 */
final class StandaloneCluster implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    /** Master and workers only keep book; the executors they launch get their own heap. */
    private static final String DAEMON_HEAP = "512m";

    private final SparkHome home;
    private final Path folder;
    private final int port;
    private final int webUiPort;
    private final List<Process> workers = new ArrayList<>();
    private final List<Path> workDirs = new ArrayList<>();
    private Process master;

    private StandaloneCluster(SparkHome home, Path folder) throws IOException {
        this.home = home;
        this.folder = folder;
        this.port = freePort();
        this.webUiPort = freePort();
    }

    /** Starts a master and {@code workers} one-core workers of {@code workerMemory}; returns once all registered. */
    static StandaloneCluster start(SparkHome home, Path folder, int workers, String workerMemory)
            throws IOException, InterruptedException {
        StandaloneCluster cluster = new StandaloneCluster(home, folder);
        try {
            cluster.master = home.start(folder.resolve("master.log"), DAEMON_HEAP,
                    "org.apache.spark.deploy.master.Master", List.of("--host", "127.0.0.1",
                            "--port", String.valueOf(cluster.port), "--webui-port", String.valueOf(cluster.webUiPort)));
            for (int i = 0; i < workers; i++) {
                Path workDir = Files.createDirectories(folder.resolve("worker-" + i));
                cluster.workDirs.add(workDir);
                cluster.workers.add(home.start(folder.resolve("worker-" + i + ".log"), DAEMON_HEAP,
                        "org.apache.spark.deploy.worker.Worker", List.of("--host", "127.0.0.1",
                                "--webui-port", String.valueOf(freePort()), "--cores", "1", "--memory", workerMemory,
                                "--work-dir", workDir.toString(), cluster.url())));
            }
            cluster.awaitAliveWorkers(workers);
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    String url() {
        return "spark://127.0.0.1:" + port;
    }

    /** Each worker's work folder: one app-* folder per application, one numbered folder per executor in it. */
    List<Path> workDirs() {
        return List.copyOf(workDirs);
    }

    /** The master's state as its web UI serves it (workers, running and completed applications). */
    JsonNode state() throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webUiPort + "/json/"))
                        .timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper().readTree(response.body());
    }

    private void awaitAliveWorkers(int expected) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        String last = "master not answering";
        while (Instant.now().isBefore(deadline)) {
            if (!master.isAlive()) {
                throw new IllegalStateException("the master exited; see " + folder.resolve("master.log"));
            }
            try {
                JsonNode state = state();
                if (state.path("aliveworkers").asInt() >= expected) {
                    return;
                }
                last = state.path("aliveworkers").asInt() + " of " + expected + " workers registered";
            } catch (IOException e) {
                // the web UI is not up yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("cluster not ready after " + START_TIMEOUT + ": " + last + "; logs in "
                + folder);
    }

    @Override
    public void close() {
        // Executors are the workers' children: note them first, as they are reparented once a worker is gone.
        List<ProcessHandle> started = new ArrayList<>();
        for (Process worker : workers) {
            worker.descendants().forEach(started::add);
        }
        workers.forEach(StandaloneCluster::stop);
        if (master != null) {
            stop(master);
        }
        started.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /** SIGTERM, so that the JVM runs Spark's shutdown hooks; SIGKILL if it does not end in time. */
    static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * A SPARK_HOME folder (jars/ and conf/, no scripts) and the JVM that runs Spark's classes from it with the
     * environment Spark's scripts would set, the flags Spark needs on Java 17 and the tests' JVM flags.
     */
    record SparkHome(Path path, List<String> jvmFlags) {

        /** Starts {@code mainClass} from Spark's jars with the heap {@code maxHeap}, its output to {@code log}. */
        Process start(Path log, String maxHeap, String mainClass, List<String> args) throws IOException {
            List<String> command = new ArrayList<>(List.of(java(), "-Xmx" + maxHeap));
            command.addAll(jvmFlags);
            command.addAll(List.of("-cp", path.resolve("conf") + ":" + path.resolve("jars") + "/*", mainClass));
            command.addAll(args);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(environment());
            return builder.start();
        }

        /**
         * Without SPARK_SCALA_VERSION a worker looks for a source build and every executor fails; without
         * SPARK_LOCAL_IP the JVMs advertise the external interface.
         */
        Map<String, String> environment() {
            return Map.of("SPARK_HOME", path.toString(), "SPARK_SCALA_VERSION", "2.12",
                    "SPARK_LOCAL_IP", "127.0.0.1", "JAVA_HOME", System.getProperty("java.home"));
        }

        /** The JVM running the tests: the one the build pinned, not whatever java is first on the PATH. */
        static String java() {
            return Path.of(System.getProperty("java.home"), "bin", "java").toString();
        }

        static SparkHome fromSystemProperties() {
            Path path = Path.of(System.getProperty("arscope.spark.home"));
            if (!Files.isDirectory(path.resolve("jars"))) {
                throw new UncheckedIOException(new IOException(path + "/jars is missing: run through mvn verify"));
            }
            List<String> flags = new ArrayList<>(List.of(System.getProperty("arscope.spark.jvm.flags").trim()
                    .split("\\s+")));
            flags.addAll(testJvmFlags());
            return new SparkHome(path, flags);
        }

        /** The root pom's {@code test.jvm.flags}, for the short-lived JVMs the test starts; none when empty. */
        static List<String> testJvmFlags() {
            String flags = System.getProperty("arscope.test.jvm.flags", "").trim();
            return flags.isEmpty() ? List.of() : List.of(flags.split("\\s+"));
        }
    }
}
