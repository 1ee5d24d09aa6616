package io.arscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.arscope.job.ExitCode;
import io.arscope.testing.TestSpark;
import picocli.CommandLine;

/**
 * Every command, driven into the same three failures, exits with the code {@link ExitCode#of} promises for them
 * and says what is wrong: a missing input is 3, a bad option 2, a bad config, mapping or strategy file 2 (an
 * unknown key or one given twice included). The inputs are empty folders or folders holding only what the checks
 * before Spark look at; no job runs.
 */
class ExitCodesTest {

    @TempDir
    static Path dir;

    private static String empty;
    private static String ingested;
    private static String actionsLog;
    private static String model;
    private static String metrics;
    private static String scores;
    private static String aFile;
    private static String noSuchFolder;
    private static String mapping;
    private static String brokenYaml;
    private static String notAMap;
    private static String badValues;
    private static String noSuchYaml;
    private static String badStrategySection;
    private static String outsideMapping;
    private static String twoSourcesMapping;
    private static String twiceStrategy;
    private static String badTemplates;
    private static String badTemplate;
    private static String badTemplatesSection;
    private static String writtenStrategy;

    /** Unparseable values: each command's option that takes a number, date or choice, and a value it is not. */
    private static final Map<String, List<String>> UNPARSEABLE = Map.of(
            "ingest", List.of("--max-reject-share", "lots"),
            "metrics", List.of("--day-count", "WEEKLY"),
            "train", List.of("--seed", "x"),
            "evaluate", List.of("--from", "2024-13-01"),
            "score", List.of("--as-of", "yesterday"),
            "worklist", List.of("--capacity", "many"),
            "worklist-backtest", List.of("--every-days", "monthly"),
            "forecast", List.of("--weeks", "many"),
            "actions-summary", List.of("--acted-within-days", "a week"),
            "generate", List.of("--customers", "many"));

    @BeforeAll
    static void inputs() throws IOException {
        // Some failures are only found once Spark has started (ingest reads its mapping and export in the job, and
        // the output folder is opened after Spark): the commands reuse the tests' one session.
        TestSpark.session();
        empty = Files.createDirectories(dir.resolve("empty")).toString();
        actionsLog = Files.createDirectories(dir.resolve("actions-log")).toString();
        ingested = dir.resolve("ingested").toString();
        Files.createDirectories(dir.resolve("ingested/canonical/invoices"));
        model = Files.createDirectories(dir.resolve("model")).toString();
        Files.writeString(dir.resolve("model/model.json"), "{}");
        metrics = dir.resolve("metrics").toString();
        Files.createDirectories(dir.resolve("metrics/period_metrics"));
        scores = Files.createDirectories(dir.resolve("scores")).toString();
        Files.writeString(dir.resolve("scores/score-run.json"), "{}");
        aFile = Files.writeString(dir.resolve("a-file"), "not a folder").toString();
        noSuchFolder = dir.resolve("no-such-folder").toString();
        mapping = Path.of("..", "data-samples", "mappings", "arscope-generator.yaml").toString();
        brokenYaml = Files.writeString(dir.resolve("broken.yaml"), "sources: [unclosed\n").toString();
        notAMap = Files.writeString(dir.resolve("not-a-map.yaml"), "- a list\n").toString();
        noSuchYaml = dir.resolve("no-such.yaml").toString();
        StringBuilder sections = new StringBuilder();
        UNPARSEABLE.forEach((command, option) -> sections.append(command).append(":\n  ")
                .append(option.get(0).substring(2)).append(": ").append(option.get(1)).append("\n"));
        badValues = Files.writeString(dir.resolve("bad-values.yaml"), sections).toString();
        badStrategySection = Files.writeString(dir.resolve("bad-strategy.yaml"), "worklist:\n  strategy: "
                + noSuchYaml + "\n").toString();
        for (String command : commands()) {
            Files.writeString(unknownKey(command), command + ":\n  no-such-option: 1\n");
        }
        outsideMapping = Files.writeString(dir.resolve("outside-mapping.yaml"), "sources:\n  - name: c\n"
                + "    file: ../c.csv\n    produces: {customers: {fields: {customer_id: id}}}\n").toString();
        // Two sources reading one file counted each of its rows twice in the reconciliation.
        twoSourcesMapping = Files.writeString(dir.resolve("two-sources.yaml"), "sources:\n"
                + "  - name: c1\n    file: customers.csv\n    produces: {customers: {fields: {customer_id: customer_id}}}\n"
                + "  - name: c2\n    file: customers.csv\n    produces: {customers: {fields: {customer_id: customer_id}}}\n")
                .toString();
        Files.createDirectories(dir.resolve("one-file"));
        Files.writeString(dir.resolve("one-file/customers.csv"), "customer_id\nC1\n");
        twiceStrategy = Files.writeString(dir.resolve("twice-strategy.yaml"), "steps:\n  - code: a\n    action: A\n"
                + "    code: b\n").toString();
        badTemplates = Files.createDirectories(dir.resolve("templates/en")).getParent().toString();
        badTemplate = Files.writeString(dir.resolve("templates/en/polite_reminder.txt"), "Subject: {{nosuch}}\n\nb\n")
                .toString();
        badTemplatesSection = Files.writeString(dir.resolve("bad-templates.yaml"), "worklist:\n  draft-templates: "
                + badTemplates + "\n").toString();
        writtenStrategy = Files.writeString(dir.resolve("written-strategy.yaml"), "steps:\n  - code: nudge\n"
                + "    action: Email\n    channel: email\n").toString();
    }

    /** A config file whose section for {@code command} holds a key that is no option of it. */
    private static Path unknownKey(String command) {
        return dir.resolve("unknown-key-" + command + ".yaml");
    }

    /** A command line, what it must print (on the error stream, or on the output for a step of arscope run). */
    record Case(List<String> args, String message, boolean printedOnOut) {
        String command() {
            return args.get(0);
        }

        @Override
        public String toString() {
            return String.join(" ", args).replace(dir.toString(), "<tmp>");
        }
    }

    private static Case fails(String message, String... args) {
        return new Case(List.of(args), message, false);
    }

    /**
     * Arguments each command accepts, with inputs the checks before Spark let through, so that the one thing a
     * case changes is the only thing wrong.
     */
    private static List<String> valid(String command) {
        String out = dir.resolve("out").resolve(command).toString();
        return List.of(switch (command) {
            case "ingest" -> new String[] {"--input", empty, "--mapping", mapping, "--output", out};
            case "metrics", "forecast" -> new String[] {"--input", ingested, "--output", out};
            case "train" -> new String[] {"--input", ingested, "--model", out};
            case "evaluate" -> new String[] {"--input", ingested, "--model", model};
            case "score", "worklist" -> new String[] {"--input", ingested, "--model", model, "--output", out};
            case "worklist-backtest" -> new String[] {"--input", ingested, "--model", model, "--from", "2024-01-01",
                "--to", "2024-06-01", "--output", out};
            case "report" -> new String[] {"--metrics", metrics, "--output", out};
            case "alerts" -> new String[] {"--input", ingested, "--metrics", metrics, "--scores", scores, "--output",
                out};
            case "actions-summary" -> new String[] {"--input", ingested, "--actions-log", actionsLog, "--output", out};
            case "generate" -> new String[] {"--output", out, "--invoices", "100", "--months", "3"};
            case "run" -> new String[] {"--as-of", "2024-06-30", "--root", out, "--input", empty, "--mapping",
                mapping};
            default -> throw new IllegalArgumentException(command);
        });
    }

    /** {@code command}, its valid arguments and {@code more}. */
    private static String[] plus(String command, String... more) {
        return Stream.of(List.of(command), valid(command), List.of(more)).flatMap(List::stream)
                .toArray(String[]::new);
    }

    /** {@code command} and its valid arguments, with {@code option}'s value replaced, or the option added. */
    private static String[] with(String command, String option, String value) {
        List<String> args = new ArrayList<>(valid(command));
        int at = args.indexOf(option);
        if (at >= 0) {
            args.set(at + 1, value);
        } else {
            args.addAll(List.of(option, value));
        }
        args.add(0, command);
        return args.toArray(String[]::new);
    }

    private static String ingestFirst(String folder) {
        return folder + " holds no canonical/invoices; run arscope ingest first";
    }

    private static String trainFirst(String folder) {
        return folder + " holds no model.json; run arscope train first";
    }

    // generate has no input: it only writes, so it has no missing-input case.
    static Stream<Case> missingInputs() {
        return Stream.of(
                fails("input folder " + noSuchFolder + " does not exist", with("ingest", "--input", noSuchFolder)),
                fails(ingestFirst(empty), with("metrics", "--input", empty)),
                fails(ingestFirst(noSuchFolder), with("train", "--input", noSuchFolder)),
                fails(trainFirst(empty), with("evaluate", "--model", empty)),
                fails(ingestFirst(empty), with("score", "--input", empty)),
                fails(trainFirst(empty), with("score", "--model", empty)),
                fails(empty + " holds no scores; run arscope score first", "worklist", "--input", ingested,
                        "--scores", empty, "--output", dir.resolve("out/worklist").toString()),
                fails(trainFirst(noSuchFolder), with("worklist", "--model", noSuchFolder)),
                fails(ingestFirst(empty), with("worklist-backtest", "--input", empty)),
                fails(ingestFirst(noSuchFolder), with("forecast", "--input", noSuchFolder)),
                fails(empty + " holds no period_metrics; run arscope metrics first", with("report", "--metrics",
                        empty)),
                fails(empty + " holds no worklist-customers; run arscope worklist first", with("report",
                        "--worklist", empty)),
                fails(ingestFirst(empty), with("actions-summary", "--input", empty)),
                fails(empty + " holds no score-run.json; run arscope score first", with("alerts", "--previous-scores",
                        empty)),
                fails(empty + " holds no alerts; run arscope alerts first", with("report", "--alerts", empty)),
                fails(empty + " holds no alerts; run arscope alerts first", with("worklist", "--alerts", empty)),
                fails(noSuchFolder + " is no actions log; run arscope worklist with --actions-log (or arscope run, "
                        + "which keeps it at <root>/actions-log) first", with("actions-summary", "--actions-log",
                        noSuchFolder)),
                fails(actionsLog + " holds no run yet; run arscope worklist with --actions-log (or arscope run) first",
                        plus("actions-summary")),
                fails("input folder " + noSuchFolder + " does not exist", with("run", "--input", noSuchFolder)),
                fails("input " + aFile + " is not a folder", with("run", "--input", aFile)),
                fails(trainFirst(empty), with("run", "--model", empty)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("missingInputs")
    void aMissingInputExitsWithThree(Case c) {
        assertFails(ExitCode.INPUT, c);
    }

    static Stream<Case> badOptions() {
        List<Case> cases = new ArrayList<>();
        for (String command : commands()) {
            cases.add(fails("Unknown option: '--no-such-option'", plus(command, "--no-such-option")));
        }
        UNPARSEABLE.forEach((command, option) -> cases.add(fails("Invalid value for option '" + option.get(0)
                + "'", with(command, option.get(0), option.get(1)))));
        cases.add(fails("Invalid value for option '--as-of'", with("run", "--as-of", "2024-02-30")));
        // Report's options are all folders and text, which any value parses as: an option without its value.
        cases.add(fails("Missing required parameter for option '--title'", plus("report", "--title")));
        // The same refusal wherever the output is a file; evaluate writes nothing.
        Map.of("ingest", "--output", "metrics", "--output", "train", "--model", "score", "--output", "worklist",
                "--output", "worklist-backtest", "--output", "forecast", "--output", "report", "--output",
                "generate", "--output", "actions-summary", "--output").forEach((command, output) -> cases.add(
                        fails("output " + aFile + " is a file, not a folder", with(command, output, aFile))));
        cases.add(fails("root " + aFile + " is a file, not a folder", with("run", "--root", aFile)));
        cases.add(fails("output " + aFile + " is a file, not a folder", with("alerts", "--output", aFile)));
        cases.add(fails("Invalid value for option '--days-late-jump'", with("alerts", "--days-late-jump", "many")));
        cases.add(fails("--days-late-jump 0: must be 1 day or more", with("alerts", "--days-late-jump", "0")));
        // Values that parse but that the job refuses.
        cases.add(fails("max reject share must be between 0 and 1, was 2.0", with("ingest", "--max-reject-share",
                "2")));
        cases.add(fails("aging bucket bounds must be positive and increasing", with("metrics", "--buckets",
                "60,30")));
        cases.add(fails("give either a model (score here) or the scores of a score run", with("worklist",
                "--scores", dir.resolve("scores").toString())));
        cases.add(fails("weeks and sales weeks must be positive", with("forecast", "--weeks", "0")));
        cases.add(fails("the days to act on a recommendation must be 0 or more, and the days of cash after it 1 or "
                + "more; were 7 and 0", with("actions-summary", "--cash-within-days", "0")));
        cases.add(fails("--run-id names a run in the actions log: give --actions-log too", plus("worklist",
                "--run-id", "r1")));
        cases.add(fails("run id '../r1' cannot name a folder of the actions log", plus("worklist", "--actions-log",
                actionsLog, "--run-id", "../r1")));
        cases.add(fails("draft language 'de' is not one of [en, fr]", with("worklist", "--draft-language", "de")));
        cases.add(fails("no step 'nosuch'; the steps are [ingest, metrics, train, score, alerts, worklist, forecast, "
                + "report]",
                with("run", "--skip", "nosuch")));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badOptions")
    void aBadOptionExitsWithTwo(Case c) {
        assertFails(ExitCode.USAGE, c);
    }

    static Stream<Case> badConfigsAndMappings() {
        List<Case> cases = new ArrayList<>();
        for (String command : commands()) {
            cases.add(fails("cannot use config file " + notAMap + ": config file " + notAMap
                    + " must hold a map with a section per subcommand", with(command, "--config", notAMap)));
            cases.add(fails("cannot use config file " + brokenYaml + ": ", with(command, "--config", brokenYaml)));
            cases.add(fails("cannot use config file " + noSuchYaml + ": ", with(command, "--config", noSuchYaml)));
            cases.add(fails("cannot use config file " + unknownKey(command) + ": unknown key 'no-such-option' in "
                    + "section '" + command + "'; expected one of [", with(command, "--config",
                            unknownKey(command).toString())));
        }
        // Report's section can only hold text; arscope run checks the sections of its steps before it starts.
        UNPARSEABLE.forEach((command, option) -> cases.add(fails("Invalid value for option '" + option.get(0)
                + "'", with(command, "--config", badValues))));
        cases.add(fails("config file section 'ingest': Invalid value for option '--max-reject-share'",
                with("run", "--config", badValues)));
        cases.add(fails("cannot read dunning strategy " + noSuchYaml, with("run", "--config", badStrategySection)));
        String unknownField = badTemplate + ": unknown placeholder {{nosuch}}; the fields are [customer_name";
        cases.add(fails(unknownField, with("worklist", "--draft-templates", badTemplates)));
        cases.add(fails(unknownField, with("run", "--config", badTemplatesSection)));
        cases.add(fails("dunning step 'nudge' is a written contact but has no en reminder template", with("worklist",
                "--strategy", writtenStrategy)));

        cases.add(fails("cannot read mapping file " + noSuchYaml, with("ingest", "--mapping", noSuchYaml)));
        cases.add(fails("mapping " + brokenYaml + " is not valid", with("ingest", "--mapping", brokenYaml)));
        cases.add(fails("mapping file " + noSuchYaml + " not found", with("run", "--mapping", noSuchYaml)));
        // arscope run reads the mapping in its ingest step and prints the step's failure with its log's last lines.
        cases.add(new Case(List.of(with("run", "--mapping", brokenYaml)), "mapping " + brokenYaml + " is not valid",
                false));
        String outside = "- source 'c': file '../c.csv' leaves the input folder";
        cases.add(fails("mapping " + outsideMapping + " has 1 problem(s):\n  " + outside, with("ingest", "--mapping",
                outsideMapping)));
        String[] twoSources = with("ingest", "--mapping", twoSourcesMapping);
        twoSources[List.of(twoSources).indexOf("--input") + 1] = dir.resolve("one-file").toString();
        cases.add(fails("mapping " + twoSourcesMapping + ": sources 'c1' and 'c2' both read customers.csv; give one "
                + "source whose produces names each table, with when to choose its rows", twoSources));
        // The step's errors are printed on stderr, indented, with the lines they continue on.
        cases.add(new Case(List.of(with("run", "--mapping", outsideMapping)), outside, false));
        for (String command : List.of("worklist", "worklist-backtest")) {
            cases.add(fails("cannot read dunning strategy " + twiceStrategy + ": key 'code' is given twice in one "
                    + "map (line 4)", with(command, "--strategy", twiceStrategy)));
            cases.add(fails("cannot read dunning strategy " + noSuchYaml, with(command, "--strategy", noSuchYaml)));
            cases.add(fails("cannot read dunning strategy " + brokenYaml, with(command, "--strategy", brokenYaml)));
            cases.add(fails(notAMap + ": a dunning strategy needs a non-empty list 'steps'", with(command,
                    "--strategy", notAMap)));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badConfigsAndMappings")
    void aBadConfigOrMappingExitsWithTwo(Case c) {
        assertFails(ExitCode.USAGE, c);
    }

    /** A new command, or a case dropped by mistake, shows here rather than as a failure nobody tested. */
    @Test
    void everyCommandIsDrivenIntoEachFailure() {
        Set<String> all = commands();
        Set<String> withInput = new TreeSet<>(all);
        withInput.remove("generate");
        assertEquals(withInput, commandsOf(missingInputs()));
        assertEquals(all, commandsOf(badOptions()));
        assertEquals(all, commandsOf(badConfigsAndMappings()));
        assertEquals(Set.of("ingest", "metrics", "train", "evaluate", "score", "worklist", "worklist-backtest",
                "actions-summary", "forecast", "alerts", "report", "generate", "run"), all);
    }

    private static Set<String> commands() {
        Set<String> names = new TreeSet<>(new CommandLine(new Arscope()).getSubcommands().keySet());
        names.remove("help");
        return names;
    }

    private static Set<String> commandsOf(Stream<Case> cases) {
        return cases.map(Case::command).collect(Collectors.toCollection(TreeSet::new));
    }

    private static void assertFails(int code, Case c) {
        ArscopeTest.Run r = ArscopeTest.run(c.args().toArray(String[]::new));
        String printed = c.printedOnOut() ? r.out() : r.err();
        assertEquals(code, r.code(), () -> "exit code; out: " + r.out() + "\nerr: " + r.err());
        assertTrue(printed.contains(c.message()), () -> "expected '" + c.message() + "' in: " + printed);
    }
}
