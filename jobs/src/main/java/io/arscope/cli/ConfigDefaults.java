package io.arscope.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.arscope.job.ClosestName;
import io.arscope.job.StrictYaml;
import io.arscope.job.UsageException;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Option defaults from a YAML config file: a section per subcommand, keys named as the long options without
 * dashes ({@code ingest: {input: ..., max-reject-share: 0.02}}). Options given on the command line win. The file
 * is checked whole when loaded, before any command runs: a section that is no command, a key that is no option
 * of its command, a key given twice or without a single value is refused, so that a misspelt setting never
 * silently leaves its default in force.
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

    /**
     * Reads and checks a config file against the options of {@code arscope}'s subcommands; any failure is a usage
     * error whose message names the file.
     */
    static ConfigDefaults load(Path file, CommandLine arscope) throws UsageException {
        try {
            return read(file, arscope);
        } catch (IOException | UsageException e) {
            throw new UsageException("cannot use config file " + file + ": " + UsageException.reason(e));
        }
    }

    private static ConfigDefaults read(Path file, CommandLine arscope) throws IOException, UsageException {
        JsonNode root;
        try {
            root = StrictYaml.tree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw new UsageException(StrictYaml.problem(e));
        }
        if (root == null || !root.isObject()) {
            throw new IOException("config file " + file + " must hold a map with a section per subcommand");
        }
        Map<String, Set<String>> keys = keysBySection(arscope);
        for (Iterator<Map.Entry<String, JsonNode>> sections = root.fields(); sections.hasNext();) {
            Map.Entry<String, JsonNode> section = sections.next();
            String name = section.getKey();
            if (!keys.containsKey(name)) {
                throw new UsageException("unknown section '" + name + "' (sections are named as the commands); "
                        + ClosestName.hint(name, keys.keySet()));
            }
            check(name, section.getValue(), keys.get(name));
        }
        return new ConfigDefaults(root, null);
    }

    private static void check(String section, JsonNode values, Set<String> keys) throws UsageException {
        if (values.isNull()) {
            return;
        }
        if (!values.isObject()) {
            throw new UsageException("section '" + section + "' must map option names to values, not be "
                    + values.getNodeType().toString().toLowerCase(java.util.Locale.ROOT) + " " + values);
        }
        for (Iterator<Map.Entry<String, JsonNode>> entries = values.fields(); entries.hasNext();) {
            Map.Entry<String, JsonNode> entry = entries.next();
            String key = entry.getKey();
            if (!keys.contains(key)) {
                throw new UsageException(StrictYaml.unknownKey(key, " in section '" + section + "'", keys));
            }
            if (entry.getValue().isNull()) {
                throw new UsageException("key '" + key + "' in section '" + section + "' has no value; give one "
                        + "or remove the key");
            }
            if (entry.getValue().isContainerNode()) {
                throw new UsageException("key '" + key + "' in section '" + section + "' must have one value as on "
                        + "the command line (several are written a,b), not " + entry.getValue());
            }
        }
    }

    /**
     * Each subcommand's name with its long options, without dashes: the keys its section may hold. Help, version
     * and {@code --config} itself are no defaults.
     */
    private static Map<String, Set<String>> keysBySection(CommandLine arscope) {
        Map<String, Set<String>> keys = new TreeMap<>();
        arscope.getSubcommands().forEach((name, command) -> {
            if (!command.getCommandSpec().helpCommand()) {
                keys.put(name, command.getCommandSpec().options().stream()
                        .filter(o -> !o.usageHelp() && !o.versionHelp())
                        .map(ConfigDefaults::key)
                        .filter(k -> !k.equals("config"))
                        .collect(Collectors.toCollection(java.util.TreeSet::new)));
            }
        });
        return keys;
    }

    private static String key(OptionSpec option) {
        return option.longestName().replaceFirst("^-+", "");
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
        JsonNode value = values.get(key(option));
        return value == null || value.isNull() ? null : value.asText();
    }
}
