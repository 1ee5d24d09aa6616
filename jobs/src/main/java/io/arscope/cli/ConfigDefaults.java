package io.arscope.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Option defaults from a YAML config file: a section per subcommand, keys named as the long options without
 * dashes ({@code ingest: {input: ..., max-reject-share: 0.02}}). Options given on the command line win.
 */
final class ConfigDefaults implements CommandLine.IDefaultValueProvider {
    private final JsonNode root;
    private final String section;

    private ConfigDefaults(JsonNode root, String section) {
        this.root = root;
        this.section = section;
    }

    /** Defaults from one section, whatever command asks: how {@code arscope run} gives each step its options. */
    ConfigDefaults section(String name) {
        return new ConfigDefaults(root, name);
    }

    static ConfigDefaults load(Path file) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
        if (root == null || !root.isObject()) {
            throw new IOException("config file " + file + " must hold a map with a section per subcommand");
        }
        return new ConfigDefaults(root, null);
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (!(argSpec instanceof OptionSpec option) || (section == null && argSpec.command() == null)) {
            return null;
        }
        JsonNode values = root.get(section != null ? section : argSpec.command().name());
        if (values == null) {
            return null;
        }
        JsonNode value = values.get(option.longestName().replaceFirst("^-+", ""));
        return value == null || value.isNull() ? null : value.asText();
    }
}
