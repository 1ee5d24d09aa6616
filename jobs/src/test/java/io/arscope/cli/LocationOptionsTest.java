package io.arscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every option naming a folder or file a job reads or writes is made absolute when parsed, so that a manifest names
 * the same place whatever folder the command was started in. {@code run} makes its own absolute when it starts
 * ({@code SampleRunOutputsTest} checks its run.json); {@code generate} writes no manifest.
 */
class LocationOptionsTest {

    private static final Set<String> LOCATIONS = Set.of("--input", "--output", "--metrics", "--scores",
            "--previous-scores", "--forecast", "--worklist", "--alerts", "--model", "--mapping", "--actions-log",
            "--lake", "--collectors");

    @Test
    void everyLocationOptionOfEveryCommandButRunIsMadeAbsolute() {
        List<String> relative = new ArrayList<>();
        int checked = 0;
        for (CommandLine command : commands(new CommandLine(new Arscope()))) {
            if (Set.of("run", "generate").contains(command.getCommandName())) {
                continue;
            }
            for (OptionSpec option : command.getCommandSpec().options()) {
                if (!LOCATIONS.contains(option.longestName())) {
                    continue;
                }
                checked++;
                Object parsed = option.converters().length == 0 ? "rel/x"
                        : convert(option.converters()[0], "rel/x");
                String expected = Path.of("rel/x").toAbsolutePath().normalize().toString();
                if (!expected.equals(parsed.toString())) {
                    relative.add(command.getCommandName() + " " + option.longestName());
                }
            }
        }
        assertEquals(List.of(), relative);
        assertEquals(true, checked >= 25, checked + " options checked");
    }

    @Test
    void aUrlIsKeptAsGiven() throws Exception {
        assertEquals("s3a://bucket/ar", new SharedOptions.AbsoluteLocation().convert("s3a://bucket/ar"));
    }

    private static Object convert(CommandLine.ITypeConverter<?> converter, String value) {
        try {
            return converter.convert(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<CommandLine> commands(CommandLine root) {
        List<CommandLine> all = new ArrayList<>();
        for (CommandLine sub : root.getSubcommands().values()) {
            if (!all.contains(sub)) {
                all.add(sub);
                all.addAll(commands(sub));
            }
        }
        return all;
    }
}
