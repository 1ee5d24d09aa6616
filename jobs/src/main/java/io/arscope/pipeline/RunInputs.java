package io.arscope.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.arscope.run.RunManifest;

/**
 * The provenance of a pipeline run's inputs: the export's files with their sizes and SHA-256, the mapping and
 * config files, the code and the model. Its digest tells whether an unfinished run can be resumed: only when
 * nothing it was started from has changed.
 */
final class RunInputs {

    private RunInputs() {
    }

    static Map<String, Object> describe(PipelineOptions o) throws IOException {
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("input", o.input());
        if (o.input() != null && !o.input().contains("://")) {
            inputs.put("files", files(Path.of(o.input())));
        }
        inputs.put("mapping", o.mapping().toString());
        inputs.put("mapping_sha256", RunManifest.sha256(o.mapping()));
        if (o.config() != null) {
            inputs.put("config", o.config().toString());
            inputs.put("config_sha256", RunManifest.sha256(o.config()));
        }
        if (o.jdbcUrl() != null) {
            inputs.put("jdbc_url", o.jdbcUrl());
        }
        if (o.jdbcUser() != null) {
            inputs.put("jdbc_user", o.jdbcUser());
        }
        if (o.maxRejectShare() != null) {
            inputs.put("max_reject_share", o.maxRejectShare());
        }
        if (o.model() != null) {
            inputs.put("model", model(o.model()));
        }
        return inputs;
    }

    /** The code that runs: Arscope's version and the digest of the jar it was loaded from. */
    static Map<String, Object> code() throws IOException {
        Map<String, Object> code = new LinkedHashMap<>();
        code.put("arscope_version", RunManifest.version());
        java.security.CodeSource origin = RunManifest.class.getProtectionDomain().getCodeSource();
        Path source;
        try {
            source = origin == null ? null : Path.of(origin.getLocation().toURI());
        } catch (java.net.URISyntaxException | IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            // Loaded from somewhere that is not a local file (a nested jar, a remote class loader): no digest.
            source = null;
        }
        if (source != null && Files.isRegularFile(source)) {
            code.put("jar", source.getFileName().toString());
            code.put("jar_sha256", RunManifest.sha256(source));
        } else {
            code.put("classes", String.valueOf(source));
        }
        return code;
    }

    /** A model directory: its digest over all files, and what its model.json says it was trained on. */
    static Map<String, Object> model(Path dir) throws IOException {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("path", dir.toString());
        StringBuilder digests = new StringBuilder();
        for (Map<String, Object> f : files(dir)) {
            digests.append(f.get("file")).append(' ').append(f.get("sha256")).append('\n');
        }
        model.put("sha256", RunManifest.sha256(digests.toString()));
        Path metadata = dir.resolve("model.json");
        if (Files.isRegularFile(metadata)) {
            JsonNode m = new ObjectMapper().readTree(metadata.toFile());
            model.put("labels_as_of", m.path("labels_as_of").asText());
            model.put("chosen", m.path("chosen").asText());
            model.put("training_data_sha256", m.path("training_data_sha256").asText());
            model.put("trained_by_arscope", m.path("arscope_version").asText());
        }
        return model;
    }

    private static List<Map<String, Object>> files(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException(folder + " is not a folder");
        }
        List<Path> paths;
        try (Stream<Path> tree = Files.walk(folder)) {
            paths = tree.filter(Files::isRegularFile).sorted().toList();
        }
        List<Map<String, Object>> files = new ArrayList<>();
        for (Path p : paths) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("file", folder.relativize(p).toString());
            f.put("bytes", Files.size(p));
            f.put("sha256", RunManifest.sha256(p));
            files.add(f);
        }
        return files;
    }
}
