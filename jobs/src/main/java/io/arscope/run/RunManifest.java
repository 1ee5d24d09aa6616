package io.arscope.run;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

import org.apache.spark.sql.SparkSession;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.arscope.job.InputException;

/**
 * The provenance of one job run, written as JSON beside its outputs: which job and Arscope version, when, with
 * which options and inputs (with counts), what it wrote, and how it ended. A reader of any output can tell how it
 * was made, the way a Tribuo model carries its provenance. Each job declares its options, inputs and outputs as
 * records beside its output tables; a consumer reads another job's manifest back as the same records
 * ({@link #read}). Every text in it is written redacted ({@link Secrets}): a URL given as an input keeps no password.
 * Its status is one of the words every manifest shares (io.arscope.job.JobOutcome.Status: complete,
 * complete_with_warnings, too_many_rejects, stale_input), with the exit code the job ended with beside it; its paths
 * are absolute.
 *
 * @param <O> the job's options
 * @param <I> what it read, with counts
 * @param <R> what it wrote, with counts
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"job", "arscope_version", "java_version", "spark_version", "started", "options", "inputs",
    "outputs", "status", "exit_code", "note", "finished", "seconds"})
public record RunManifest<O, I, R>(String job, String arscopeVersion, String javaVersion, String sparkVersion,
        String started, O options, I inputs, R outputs, String status, int exitCode,
        @JsonInclude(JsonInclude.Include.NON_NULL) String note, String finished, double seconds) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .registerModule(Secrets.json());

    /**
     * The manifest of a run of {@code job} that started at {@code started} and ends now.
     *
     * @param inputs   what it read, with rows
     * @param outputs  what it wrote, with rows
     * @param status   how it ended, in the words all manifests share
     * @param exitCode the exit code its command ends with
     */
    public static <O, I, R> RunManifest<O, I, R> finished(String job, Instant started, O options, I inputs,
            R outputs, String status, int exitCode, String note) {
        Instant finished = Instant.now();
        return new RunManifest<>(job, version(), System.getProperty("java.version"),
                org.apache.spark.package$.MODULE$.SPARK_VERSION(), started.toString(), options, inputs, outputs,
                status, exitCode, note, finished.toString(), Duration.between(started, finished).toMillis() / 1000.0);
    }

    /** A manifest read back from its JSON, as the records its job declares. */
    public static <O, I, R> RunManifest<O, I, R> read(String json, TypeReference<RunManifest<O, I, R>> type)
            throws IOException {
        return JSON.readValue(json, type);
    }

    /**
     * What the manifest at {@code manifest} records its job wrote; null when there is none (an output from before
     * manifests recorded it) or it records nothing.
     *
     * @throws InputException when the manifest is there but cannot be read
     */
    public static <R> R outputsIfRecorded(SparkSession spark, String manifest, String job,
            TypeReference<RunManifest<Map<String, Object>, Map<String, Object>, R>> type) throws InputException {
        RunManifest<Map<String, Object>, Map<String, Object>, R> run = readIfThere(spark, manifest, job, type);
        return run == null ? null : run.outputs();
    }

    /**
     * The manifest at {@code manifest}; null when there is none (an output from before manifests were written).
     *
     * @throws InputException when the manifest is there but cannot be read
     */
    public static <O, I, R> RunManifest<O, I, R> readIfThere(SparkSession spark, String manifest, String job,
            TypeReference<RunManifest<O, I, R>> type) throws InputException {
        try {
            return read(OutputFiles.readText(spark, manifest), type);
        } catch (FileNotFoundException e) {
            return null;
        } catch (IOException e) {
            throw new InputException("cannot read the " + job + " run's manifest " + manifest + ": " + e.getMessage());
        }
    }

    public static String version() {
        String v = RunManifest.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this) + "\n";
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
