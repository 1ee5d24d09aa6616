package io.arscope.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import com.fasterxml.jackson.core.type.TypeReference;

import io.arscope.risk.ModelDirectory;
import io.arscope.risk.ModelGate;
import io.arscope.risk.ScoreTables;
import io.arscope.risk.ModelMetadata;
import io.arscope.run.RunManifest;

/**
 * The provenance of a pipeline run's inputs: the export's files with their sizes and SHA-256 (on a cluster's file
 * system, sizes, times of change and checksums), the mapping and config files, the code and the model. Its digest
 * tells whether an unfinished run can be resumed: only when nothing it was started from has changed, which a
 * database source cannot show.
 */
final class RunInputs {

    /** What the run reads. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Inputs(@JsonInclude(JsonInclude.Include.ALWAYS) String input, List<FileDigest> files, String mapping,
            String mappingSha256, String config, String configSha256, String jdbcUrl, String jdbcUser,
            Double maxRejectShare, Model model) {

        /**
         * Whether a run from these inputs can be told unchanged by its fingerprint: not one reading a database, whose
         * rows may change unseen, nor an export whose files could not be listed.
         */
        boolean fingerprinted() {
            return jdbcUrl == null && (input == null || files != null);
        }

        /** Whether the export read (its location, files, mapping and database) is the same as {@code other}'s. */
        boolean sameExport(Inputs other) {
            return java.util.Objects.equals(input, other.input) && java.util.Objects.equals(files, other.files)
                    && java.util.Objects.equals(mappingSha256, other.mappingSha256)
                    && java.util.Objects.equals(jdbcUrl, other.jdbcUrl);
        }

        /** These inputs with the export {@code ingest} read: a run that keeps a published ingest reads no other. */
        Inputs withExportOf(Inputs ingest) {
            return new Inputs(ingest.input, ingest.files, ingest.mapping, ingest.mappingSha256, config, configSha256,
                    ingest.jdbcUrl, ingest.jdbcUser, ingest.maxRejectShare, model);
        }
    }

    /**
     * One file read, by its path under the folder it was found in: a local file with its SHA-256; a file on a
     * cluster's file system (an {@code --input} URI) with its time of last change and the checksum the file system
     * keeps, where it keeps one, since reading every byte of an export on S3 twice to digest it would cost what
     * ingest costs.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record FileDigest(String file, long bytes, String sha256, String modified, String checksum) {

        static FileDigest local(String file, long bytes, String sha256) {
            return new FileDigest(file, bytes, sha256, null, null);
        }
    }

    /** The code that runs: Arscope's version, and the jar it was loaded from with its digest, or its classes. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Code(String arscopeVersion, String jar, String jarSha256, String classes) {
    }

    /**
     * A model directory: its path as given, the directory a link there led to when the run started (null when the
     * path is no link), its digest over all files, and what its model.json says it was trained on.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Model(String path, String resolvedPath, String sha256, String labelsAsOf, String chosen,
            String trainingDataSha256, String trainedByArscope) {

        /** The directory the run reads: the link's target as it was when the run started, else the path given. */
        Path directory() {
            return Path.of(resolvedPath != null ? resolvedPath : path);
        }
    }

    private RunInputs() {
    }

    /**
     * @param hadoop the configuration a cluster's file system is reached with, for an {@code --input} URI
     */
    static Inputs describe(PipelineOptions o, org.apache.hadoop.conf.Configuration hadoop) throws IOException {
        List<FileDigest> files = o.input() == null ? null
                : o.input().contains("://") ? remoteFilesIfListed(o.input(), hadoop) : files(Path.of(o.input()));
        return new Inputs(o.input(), files, o.mapping().toString(), RunManifest.sha256(o.mapping()),
                o.config() == null ? null : o.config().toString(),
                o.config() == null ? null : RunManifest.sha256(o.config()), o.jdbcUrl(), o.jdbcUser(),
                o.maxRejectShare(), o.model() == null ? null : model(o.model()));
    }

    static Code code() throws IOException {
        java.security.CodeSource origin = RunManifest.class.getProtectionDomain().getCodeSource();
        Path source;
        try {
            source = origin == null ? null : Path.of(origin.getLocation().toURI());
        } catch (java.net.URISyntaxException | IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            // Loaded from somewhere that is not a local file (a nested jar, a remote class loader): no digest.
            source = null;
        }
        if (source != null && Files.isRegularFile(source)) {
            return new Code(RunManifest.version(), source.getFileName().toString(), RunManifest.sha256(source), null);
        }
        return new Code(RunManifest.version(), null, null, String.valueOf(source));
    }

    /**
     * The model directory at {@code given}, described as it is now. A link is followed once, here
     * ({@link ModelDirectory#followed}): the run records where it led and scores with that directory, so the record
     * still names the model after the link moves on.
     */
    static Model model(Path given) throws IOException {
        Path dir = ModelDirectory.followed(given);
        String resolved = dir.equals(given.toAbsolutePath().normalize()) ? null : dir.toString();
        StringBuilder digests = new StringBuilder();
        for (FileDigest f : files(dir)) {
            digests.append(f.file()).append(' ').append(f.sha256()).append('\n');
        }
        String sha256 = RunManifest.sha256(digests.toString());
        if (!Files.isRegularFile(dir.resolve(ModelDirectory.METADATA))) {
            return new Model(given.toString(), resolved, sha256, null, null, null, null);
        }
        ModelMetadata t = ModelDirectory.metadata(dir);
        return new Model(given.toString(), resolved, sha256, t.labelsAsOf(), t.chosen(), t.trainingDataSha256(),
                t.arscopeVersion());
    }

    /**
     * The model gate's decision as the score step at {@code scoreFolder} recorded it, or null when it recorded none
     * (a stand-in job in a test).
     */
    static ModelGate gate(Path scoreFolder) throws IOException {
        Path manifest = scoreFolder.resolve(ScoreTables.MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            return null;
        }
        RunManifest<Map<String, Object>, Map<String, Long>, ScoreTables.RunOutputs> score = RunManifest.read(
                Files.readString(manifest), new TypeReference<>() { });
        return score.outputs().gate();
    }

    /** The files under a folder, in path order; a folder given as a link (a published output) is followed. */
    private static List<FileDigest> files(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException(folder + " is not a folder");
        }
        Path real = folder.toRealPath();
        List<Path> paths;
        try (Stream<Path> tree = Files.walk(real)) {
            paths = tree.filter(Files::isRegularFile).sorted().toList();
        }
        List<FileDigest> files = new ArrayList<>();
        for (Path p : paths) {
            files.add(FileDigest.local(real.relativize(p).toString(), Files.size(p), RunManifest.sha256(p)));
        }
        return files;
    }

    /**
     * The files under {@code uri}, or null when its file system cannot list them now (a host down, a path not there):
     * ingest then says why in its own words and exit code, and the run, which nothing fingerprints, is not resumed.
     */
    private static List<FileDigest> remoteFilesIfListed(String uri, org.apache.hadoop.conf.Configuration hadoop) {
        try {
            return remoteFiles(uri, hadoop);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The files under {@code uri} on its file system, by path under it, as the file system describes them. */
    private static List<FileDigest> remoteFiles(String uri, org.apache.hadoop.conf.Configuration hadoop)
            throws IOException {
        org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(uri);
        org.apache.hadoop.fs.FileSystem fs = root.getFileSystem(hadoop);
        String prefix = fs.makeQualified(root).toUri().getPath().replaceAll("/+$", "") + "/";
        List<FileDigest> files = new ArrayList<>();
        org.apache.hadoop.fs.RemoteIterator<org.apache.hadoop.fs.LocatedFileStatus> listed = fs.listFiles(root, true);
        while (listed.hasNext()) {
            org.apache.hadoop.fs.LocatedFileStatus f = listed.next();
            String path = f.getPath().toUri().getPath();
            org.apache.hadoop.fs.FileChecksum checksum = fs.getFileChecksum(f.getPath());
            files.add(new FileDigest(path.startsWith(prefix) ? path.substring(prefix.length()) : path, f.getLen(),
                    null, java.time.Instant.ofEpochMilli(f.getModificationTime()).toString(),
                    checksum == null ? null : checksum.toString()));
        }
        files.sort(java.util.Comparator.comparing(FileDigest::file));
        return files;
    }
}
