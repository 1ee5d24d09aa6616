package io.arscope.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The provenance of one job run, written as JSON beside its outputs: which job and Arscope version, when, with
 * which options and inputs (with counts), what it wrote, and how it ended. A reader of any output can tell how
 * it was made, the way a Tribuo model carries its provenance.
 */
public final class RunManifest {
    private final Map<String, Object> root = new LinkedHashMap<>();
    private final Map<String, Object> options = new LinkedHashMap<>();
    private final Map<String, Object> inputs = new LinkedHashMap<>();
    private final Map<String, Object> outputs = new LinkedHashMap<>();
    private final Instant started;

    public RunManifest(String job, Instant started) {
        this.started = started;
        root.put("job", job);
        root.put("arscope_version", version());
        root.put("java_version", System.getProperty("java.version"));
        root.put("spark_version", org.apache.spark.package$.MODULE$.SPARK_VERSION());
        root.put("started", started.toString());
        root.put("options", options);
        root.put("inputs", inputs);
        root.put("outputs", outputs);
    }

    public static String version() {
        String v = RunManifest.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    public void option(String name, Object value) {
        options.put(name, value);
    }

    public void input(String name, Object counts) {
        inputs.put(name, counts);
    }

    public void output(String name, Object counts) {
        outputs.put(name, counts);
    }

    public void status(String status) {
        root.put("status", status);
    }

    public void note(String note) {
        root.put("note", note);
    }

    public RunManifest finish() {
        Instant finished = Instant.now();
        root.put("finished", finished.toString());
        root.put("seconds", Duration.between(started, finished).toMillis() / 1000.0);
        return this;
    }

    public String toJson() {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("manifest is not serialisable", e);
        }
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
