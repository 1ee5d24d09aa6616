package io.arscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.job.ExitCode;
import io.arscope.testing.TestSpark;

/**
 * Configuration is read strictly, on the command line as a scheduler runs it: a config file's unknown section or
 * key, a key given twice, and a mapping's unknown key, duplicate key or file outside --input all end the command
 * with exit 2 and one message naming the file, the key and the nearest valid one, before anything is read.
 */
class StrictConfigurationTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void spark() {
        // The mapping is read by the ingest job once Spark is up: the commands reuse the tests' session.
        TestSpark.session();
    }

    /** {@code arscope generate} with a config file holding {@code yaml}: it reads only the file, then writes. */
    private static ArscopeTest.Run generateWith(String name, String yaml) throws Exception {
        Path config = Files.writeString(dir.resolve(name), yaml);
        return ArscopeTest.run("generate", "--config", config.toString(), "--output", dir.resolve("out-" + name)
                .toString(), "--invoices", "100", "--months", "3");
    }

    /** {@code arscope generate} with the config file {@code yaml} is refused before it writes, for {@code reason}. */
    private static void configRefused(String name, String yaml, String reason) throws Exception {
        refused("arscope: cannot use config file " + dir.resolve(name) + ": " + reason, generateWith(name, yaml));
    }

    private static void refused(String expected, ArscopeTest.Run r) {
        assertEquals(ExitCode.USAGE, r.code(), r.err());
        assertEquals("", r.out());
        assertEquals(expected + System.lineSeparator(), r.err());
    }

    @Test
    void anUnknownSectionIsRefusedWithTheNearestCommand() throws Exception {
        configRefused("section.yaml", "ingst:\n  any-date: true\n",
                "unknown section 'ingst' (sections are named as the commands); did you mean 'ingest'?");
        configRefused("far-section.yaml", "spark:\n  master: local\n",
                "unknown section 'spark' (sections are named as the commands); expected one of [actions-summary, "
                + "alerts, evaluate, forecast, generate, ingest, metrics, report, run, score, train, worklist, "
                + "worklist-backtest]");
    }

    @Test
    void anUnknownKeyIsRefusedWithTheNearestOptionOfItsCommand() throws Exception {
        // Before: max_reject_share was ignored and ingest kept its default, 0.05.
        configRefused("key.yaml", "ingest:\n  max_reject_share: 0.5\n",
                "unknown key 'max_reject_share' in section 'ingest'; did you mean 'max-reject-share'?");
        // Nothing near: the section's keys, which are its command's long options; --config itself is none.
        configRefused("config-key.yaml", "ingest:\n  config: other.yaml\n",
                "unknown key 'config' in section 'ingest'; expected one of [any-date, as-of, earliest-date, "
                + "input, jdbc-url, jdbc-user, lake, latest-date, mapping, master, max-data-age, max-reject-share, "
                + "output, progress]");
        // arscope run refuses it the same way before it takes the lock or starts Spark.
        Path config = Files.writeString(dir.resolve("run-key.yaml"), "worklist:\n  capacty: 10\n");
        refused("arscope: cannot use config file " + config + ": unknown key 'capacty' in section 'worklist'; did "
                + "you mean 'capacity'?", ArscopeTest.run("run", "--config", config.toString(), "--as-of",
                        "2024-06-30", "--root", dir.resolve("root").toString(), "--mapping", "no-such.yaml"));
        assertFalse(Files.exists(dir.resolve("root")));
    }

    @Test
    void aKeyGivenTwiceIsRefusedWithItsLine() throws Exception {
        // Before: the last seed won.
        configRefused("twice.yaml", "generate:\n  seed: 1\n  seed: 2\n",
                "key 'seed' is given twice in one map (line 3); give each key once");
        configRefused("section-twice.yaml", "generate:\n  seed: 1\ngenerate:\n  start: 2024-01-01\n",
                "key 'generate' is given twice in one map (line 3); give each key once");
    }

    @Test
    void aKeyWithoutOneValueIsRefused() throws Exception {
        // Before: an empty value kept the default, and a list read as the empty text.
        configRefused("empty.yaml", "ingest:\n  max-reject-share:\n",
                "key 'max-reject-share' in section 'ingest' has no value; give one or remove the key");
        configRefused("list.yaml", "metrics:\n  dimensions: [segment, region]\n", "key 'dimensions' in section "
                + "'metrics' must have one value as on the command line (several are written a,b), not "
                + "[\"segment\",\"region\"]");
        configRefused("scalar.yaml", "ingest: 0.02\n",
                "section 'ingest' must map option names to values, not be number 0.02");
    }

    @Test
    void aFileWithEveryCommandsSectionLoads() throws Exception {
        ArscopeTest.Run r = generateWith("full.yaml", """
                run: {max-reject-share: 0.1, skip: 'forecast,report'}
                ingest: {any-date: true, max-reject-share: 0.02}
                metrics: {buckets: '30,60,90,120', day-count: THIRTY}
                train: {grace-days: 5, seed: 7}
                evaluate: {from: 2024-01-01}
                score: {as-of: 2024-06-30}
                worklist: {capacity: 30, dispute-capacity: 5}
                worklist-backtest: {every-days: 15}
                forecast: {weeks: 8}
                report: {title: Receivables}
                generate: {seed: 3}
                """);
        assertEquals(ExitCode.OK, r.code(), r.err());
        // 100 invoices / 15 is under the floor of 20 customers.
        assertEquals(21, Files.readAllLines(dir.resolve("out-full.yaml/customers.csv")).size());
    }

    /** An ingest of an empty export folder with the mapping {@code yaml}. */
    private static ArscopeTest.Run ingestWith(String name, String yaml) throws Exception {
        Path mapping = Files.writeString(dir.resolve(name), yaml);
        Path input = Files.createDirectories(dir.resolve("export"));
        return ArscopeTest.run("ingest", "--input", input.toString(), "--mapping", mapping.toString(), "--output",
                dir.resolve("ingested-" + name).toString(), "--master", "local[1]");
    }

    private static String customers(String fileLine) {
        return "sources:\n  - name: customers\n" + fileLine
                + "    produces:\n      customers:\n        fields: {customer_id: id, name: name}\n";
    }

    @Test
    void aMappingKeyGivenTwiceIsRefused() throws Exception {
        // Before: the last file won.
        refused("arscope ingest: mapping " + dir.resolve("twice-mapping.yaml") + " is not valid: key 'file' is "
                + "given twice in one map (line 4); give each key once",
                ingestWith("twice-mapping.yaml", customers("    file: old.csv\n    file: customers.csv\n")));
    }

    @Test
    void anUnknownMappingKeyIsRefusedWithTheNearestAndWhereItIs() throws Exception {
        refused("arscope ingest: mapping " + dir.resolve("typo-mapping.yaml") + " is not valid: unknown key 'fle' "
                + "at sources > entry 1; did you mean 'file'?",
                ingestWith("typo-mapping.yaml", customers("    fle: customers.csv\n")));
        // Refused before Spark starts: no output folder, not even an empty version of it, is left behind.
        assertFalse(Files.exists(dir.resolve("ingested-typo-mapping.yaml")));
        refused("arscope ingest: mapping " + dir.resolve("field-typo.yaml") + " is not valid: unknown key 'colum' "
                + "at sources > entry 1 > produces > customers > fields > name; did you mean 'column'?",
                ingestWith("field-typo.yaml", "sources:\n  - name: customers\n    file: customers.csv\n"
                        + "    produces:\n      customers:\n        fields: {customer_id: id, name: {colum: name}}\n"));
    }

    @Test
    void aMappingFileOutsideTheInputFolderIsRefused() throws Exception {
        // Before: ../outside.csv was read, and /etc/passwd's first line was printed as the file's header.
        String outside = "arscope ingest: mapping " + dir.resolve("outside.yaml") + " has 1 problem(s):\n"
                + "  - source 'customers': file '../outside.csv' leaves the input folder; give a path inside it "
                + "(--input)";
        refused(outside.replace("\n", System.lineSeparator()), ingestWith("outside.yaml",
                customers("    file: ../outside.csv\n")));
        String absolute = "arscope ingest: mapping " + dir.resolve("absolute.yaml") + " has 1 problem(s):\n"
                + "  - source 'customers': file '/etc/passwd' is an absolute path; give it relative to the input "
                + "folder (--input)";
        refused(absolute.replace("\n", System.lineSeparator()), ingestWith("absolute.yaml",
                customers("    file: /etc/passwd\n")));
    }

    @Test
    void aGlobAlternativeOutsideTheInputFolderIsRefusedOnceExpanded() throws Exception {
        Files.writeString(dir.resolve("outside.csv"), "id,name\nK1,Outside\n");
        refused("arscope ingest: mapping " + dir.resolve("glob.yaml") + ", source 'customers': file "
                + "'{none.csv,../outside.csv}' matches file:" + dir.resolve("outside.csv") + ", outside the input "
                + "folder " + dir.resolve("export"), ingestWith("glob.yaml",
                        customers("    file: '{none.csv,../outside.csv}'\n")));
    }
}
