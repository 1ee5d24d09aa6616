package io.arscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/**
 * The cron script and the Airflow DAG in notebooks-docs/scheduling call the arscope command line; every call must
 * still parse (command and option names, required options, dates), so that the examples do not rot when options
 * change. Placeholders become sample values: dates a date, folders and variables a path.
 */
class SchedulingExamplesTest {

    private static final Path DIR = Path.of("..", "notebooks-docs", "scheduling");

    @Test
    void cronScriptCallsParse() throws Exception {
        String script = Files.readString(DIR.resolve("arscope-daily.sh")).replace("\\\n", " ");
        List<List<String>> calls = new ArrayList<>();
        for (String line : script.lines().toList()) {
            int at = line.indexOf("/jobs/arscope\" ");
            if (at >= 0 && !line.startsWith("#")) {
                calls.add(Arrays.stream(line.substring(at + "/jobs/arscope\" ".length()).trim().split("\\s+"))
                        .map(SchedulingExamplesTest::sample).toList());
            }
        }
        assertEquals(List.of("run"), calls.stream().map(c -> c.get(0)).toList());
        calls.forEach(SchedulingExamplesTest::parses);
    }

    @Test
    void airflowTasksParse() throws Exception {
        String dag = Files.readString(DIR.resolve("arscope_dag.py"));
        Matcher command = Pattern.compile("\"command\": (.*?)},\\n\\s*\\)", Pattern.DOTALL).matcher(dag);
        Pattern part = Pattern.compile("ARSCOPE|ROOT|\"([^\"]*)\"");
        List<String> commands = new ArrayList<>();
        while (command.find()) {
            StringBuilder text = new StringBuilder();
            Matcher p = part.matcher(command.group(1));
            while (p.find()) {
                text.append(p.group(1) != null ? p.group(1) : p.group().equals("ROOT") ? "/ar" : "");
            }
            List<String> args = Arrays.stream(text.toString().replaceAll("\\{\\{ (ds|macros[^}]*) }}", "2026-01-31")
                    .replaceAll("\\{\\{[^}]*}}", "/x").trim().split("\\s+")).toList();
            parses(args);
            commands.add(args.get(0));
        }
        assertEquals(List.of("run", "train"), commands);
    }

    private static String sample(String word) {
        String w = word.replace("\"", "");
        return w.equals("$d") ? "2026-01-31" : w.replaceAll("\\$[A-Za-z_]+", "/x");
    }

    private static void parses(List<String> args) {
        try {
            new CommandLine(new Arscope()).parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new AssertionError("arscope " + String.join(" ", args) + ": " + e.getMessage(), e);
        }
    }
}
