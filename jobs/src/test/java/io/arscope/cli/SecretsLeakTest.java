package io.arscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.StringLayout;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.Utils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.arscope.ingest.JdbcConnection;
import io.arscope.pipeline.PipelineRun;
import io.arscope.samples.GeneratorConfig;
import io.arscope.samples.HistoryGenerator;
import io.arscope.testing.TestSpark;
import scala.Tuple2;
import scala.collection.JavaConverters;

/**
 * A distinct secret planted in every place a user can give one (a JDBC URL's password parameter and user-info in
 * each database's form, an input or output given as a URL with user-info, a config file's URL and its keys named
 * like secrets, a malformed config file, an option named like a secret, the password variable) is found in no file
 * the commands write and in nothing they print or log, while the URLs are still recorded, masked.
 */
@Tag("integration")
class SecretsLeakTest {

    private static final GeneratorConfig HISTORY = GeneratorConfig.of(5, 1500, LocalDate.of(2025, 1, 1), 12);
    private static final String DAY = HISTORY.exportDate().toString();

    private static final String URL_PARAMETER = "UrlParameterSecret41";
    private static final String URL_USER_INFO = "UrlUserInfoSecret42";
    private static final String ORACLE = "OracleThinSecret43";
    private static final String SQL_SERVER = "SqlServerSecret44";
    private static final String INPUT_USER_INFO = "InputUserInfoSecret45";
    private static final String OUTPUT_USER_INFO = "OutputUserInfoSecret46";
    private static final String RUN_INPUT_USER_INFO = "RunInputUserInfoSecret47";
    private static final String CONFIG_URL = "ConfigUrlSecret48";
    private static final String CONFIG_PASSWORD_KEY = "ConfigPasswordKeySecret49";
    private static final String CONFIG_TOKEN_KEY = "ConfigTokenKeySecret50";
    private static final String MALFORMED_CONFIG = "MalformedConfigSecret51";
    private static final String OPTION = "OptionSecret52";
    private static final String OPTION_WITH_EQUALS = "OptionWithEqualsSecret53";

    @TempDir
    static Path work;

    private static int closedPort;
    private static final Map<String, Result> RESULTS = new LinkedHashMap<>();
    private static String stdout;
    private static String stderr;
    private static String logs;

    /** What one command line returned and printed. */
    record Result(int exitCode, String out, String err) {
    }

    @BeforeAll
    static void runEveryCommandWithSecrets() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        HistoryGenerator.generate(HISTORY, work.resolve("export"));
        Path fileMapping = Path.of(System.getProperty("arscope.repo.dir"), "data-samples/mappings/arscope-generator.yaml");
        Files.writeString(work.resolve("db.yaml"), """
                description: the ledger in a database nobody listens for
                database: {url: 'jdbc:postgresql://127.0.0.1:%d/erp', user: reader}
                sources:
                  - name: customers
                    table: ar.customers
                    key: [customer_no]
                    produces:
                      customers:
                        fields: {customer_id: customer_no, name: name}
                """.formatted(closedPort));
        Files.writeString(work.resolve("url.yaml"), "run:\n  jdbc-url: 'jdbc:postgresql://127.0.0.1:" + closedPort
                + "/erp?password=" + CONFIG_URL + "'\n");
        Files.writeString(work.resolve("keys.yaml"), "ingest:\n  password: " + CONFIG_PASSWORD_KEY
                + "\n  access-token: '" + CONFIG_TOKEN_KEY + "'\n");
        Files.writeString(work.resolve("malformed.yaml"), "ingest:\n  password: " + MALFORMED_CONFIG + ": [\n");
        String db = work.resolve("db.yaml").toString();
        String host = "127.0.0.1:" + closedPort;

        TestSpark.session();
        PrintStream systemOut = System.out;
        PrintStream systemErr = System.err;
        ByteArrayOutputStream capturedOut = new ByteArrayOutputStream();
        ByteArrayOutputStream capturedErr = new ByteArrayOutputStream();
        StringWriter capturedLogs = new StringWriter();
        try (LogCapture capture = new LogCapture(capturedLogs)) {
            System.setOut(new PrintStream(capturedOut, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(capturedErr, true, StandardCharsets.UTF_8));
            run("full run", "run", "--as-of", DAY, "--root", work.resolve("full").toString(), "--input",
                    work.resolve("export").toString(), "--mapping", fileMapping.toString(), "--jdbc-url",
                    "jdbc:postgresql://" + host + "/erp?user=reader");
            run("run, files", "run", "--as-of", DAY, "--root", work.resolve("run-files").toString(), "--input",
                    work.resolve("export").toString(), "--mapping", fileMapping.toString(), "--jdbc-url",
                    "jdbc:postgresql://" + host + "/erp?user=reader&password=" + URL_PARAMETER);
            run("run, user-info", "run", "--as-of", DAY, "--root", work.resolve("user-info").toString(),
                    "--mapping", db, "--jdbc-url", "jdbc:postgresql://reader:" + URL_USER_INFO + "@" + host + "/erp");
            run("run, input url", "run", "--as-of", DAY, "--root", work.resolve("input-url").toString(), "--input",
                    "ftp://reader:" + RUN_INPUT_USER_INFO + "@" + host + "/export", "--mapping",
                    fileMapping.toString(), "--skip", "metrics,train,score,alerts,worklist,forecast,report");
            run("run, config url", "run", "--as-of", DAY, "--root", work.resolve("config-url").toString(),
                    "--mapping", db, "--config", work.resolve("url.yaml").toString());
            run("ingest, files", "ingest", "--input", work.resolve("export").toString(), "--mapping",
                    fileMapping.toString(), "--output", work.resolve("files").toString(), "--jdbc-url",
                    "jdbc:postgresql://" + host + "/erp?user=reader&password=" + URL_PARAMETER);
            run("ingest, oracle", "ingest", "--mapping", db, "--output", work.resolve("oracle").toString(),
                    "--jdbc-url", "jdbc:oracle:thin:reader/" + ORACLE + "@" + host + ":ERP");
            run("ingest, sql server", "ingest", "--mapping", db, "--output", work.resolve("sqlserver").toString(),
                    "--jdbc-url", "jdbc:sqlserver://" + host + ";databaseName=erp;user=reader;password=" + SQL_SERVER);
            run("ingest, environment password", "ingest", "--mapping", db, "--output",
                    work.resolve("environment").toString());
            run("ingest, config keys", "ingest", "--mapping", db, "--output", work.resolve("config-keys").toString(),
                    "--config", work.resolve("keys.yaml").toString());
            run("ingest, malformed config", "ingest", "--mapping", db, "--output",
                    work.resolve("malformed").toString(), "--config", work.resolve("malformed.yaml").toString());
            run("ingest, secret options", "ingest", "--mapping", db, "--output", work.resolve("options").toString(),
                    "--password", OPTION, "--api-key=" + OPTION_WITH_EQUALS);
            run("metrics, input url", "metrics", "--input", "ftp://reader:" + INPUT_USER_INFO + "@" + host + "/x",
                    "--output", work.resolve("metrics-input").toString());
            run("metrics, output url", "metrics", "--input", work.resolve("full").resolve(DAY).resolve("ingest")
                    .toString(), "--output", "ftp://reader:" + OUTPUT_USER_INFO + "@" + host + "/metrics");
        } finally {
            System.setOut(systemOut);
            System.setErr(systemErr);
        }
        stdout = capturedOut.toString(StandardCharsets.UTF_8);
        stderr = capturedErr.toString(StandardCharsets.UTF_8);
        logs = capturedLogs.toString();
    }

    private static void run(String name, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Arscope.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        RESULTS.put(name, new Result(code, out.toString(), err.toString()));
    }

    /** Every planted secret, the database password the build sets among them. */
    private static List<String> secrets() {
        String password = System.getenv(JdbcConnection.PASSWORD_ENV);
        assertNotNull(password, "the build sets " + JdbcConnection.PASSWORD_ENV + " for the tests");
        return List.of(URL_PARAMETER, URL_USER_INFO, ORACLE, SQL_SERVER, INPUT_USER_INFO, OUTPUT_USER_INFO,
                RUN_INPUT_USER_INFO, CONFIG_URL, CONFIG_PASSWORD_KEY, CONFIG_TOKEN_KEY, MALFORMED_CONFIG, OPTION,
                OPTION_WITH_EQUALS, password);
    }

    private static List<String> leaks(String where, String text) {
        return secrets().stream().filter(text::contains).map(s -> s + " in " + where).toList();
    }

    @Test
    void noFileWrittenHoldsASecret() throws IOException {
        List<String> found = new ArrayList<>();
        int files = 0;
        try (Stream<Path> tree = Files.walk(work)) {
            for (Path file : (Iterable<Path>) tree.filter(Files::isRegularFile)::iterator) {
                if (file.getFileName().toString().endsWith(".yaml")) {
                    continue; // the config files the secrets were planted in
                }
                files++;
                // Byte for byte: Parquet and other binary files are searched as well.
                found.addAll(leaks(work.relativize(file).toString(),
                        new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)));
            }
        }
        assertEquals(List.of(), found);
        assertTrue(files > 200, "searched " + files + " files");
    }

    @Test
    void nothingPrintedOrLoggedHoldsASecret() {
        List<String> found = new ArrayList<>();
        RESULTS.forEach((name, r) -> {
            found.addAll(leaks(name + " (out)", r.out()));
            found.addAll(leaks(name + " (err)", r.err()));
        });
        found.addAll(leaks("System.out", stdout));
        found.addAll(leaks("System.err", stderr));
        found.addAll(leaks("the log", logs));
        assertEquals(List.of(), found);
        assertTrue(logs.length() > 10_000, "the log was captured at INFO: " + logs.length() + " characters");
    }

    @Test
    void theRunManifestRecordsTheUrlsMasked() throws IOException {
        assertEquals(0, RESULTS.get("full run").exitCode(), RESULTS.get("full run").err());
        assertEquals("complete", manifest("full").path("status").asText());

        // A mapping of files does not use the URL, but the run refuses its password as ingest does, before it
        // takes its lock or makes a run folder, from the command line or its config.
        String refused = "arscope run: the JDBC URL carries a password; remove it and set "
                + JdbcConnection.PASSWORD_ENV + " in the environment instead\n";
        for (String name : List.of("run, files", "run, user-info", "run, config url")) {
            assertEquals(2, RESULTS.get(name).exitCode(), name);
            assertEquals(refused, RESULTS.get(name).err(), name);
        }
        for (String root : List.of("run-files", "user-info", "config-url")) {
            assertFalse(Files.exists(work.resolve(root)), root);
        }

        assertNotEquals(0, RESULTS.get("run, input url").exitCode());
        assertEquals("ftp://reader:***@127.0.0.1:" + closedPort + "/export",
                manifest("input-url").path("inputs").path("input").asText());
    }

    @Test
    void messagesNameTheUrlMaskedAndRefuseAPasswordInIt() {
        String refused = "arscope ingest: the JDBC URL carries a password; remove it and set "
                + JdbcConnection.PASSWORD_ENV + " in the environment instead\n";
        // A mapping of files does not use the URL, but the secret is on the command line all the same.
        for (String name : List.of("ingest, oracle", "ingest, sql server", "ingest, files")) {
            assertEquals(new Result(2, "", refused), RESULTS.get(name), name);
        }
        Result environment = RESULTS.get("ingest, environment password");
        assertEquals(3, environment.exitCode());
        assertTrue(environment.err().startsWith("arscope ingest: db:ar.customers: cannot read from jdbc:postgresql://"
                + "127.0.0.1:" + closedPort + "/erp as reader: Connection to 127.0.0.1:" + closedPort + " refused."),
                environment.err());
        Result options = RESULTS.get("ingest, secret options");
        assertEquals(2, options.exitCode());
        assertTrue(options.err().startsWith("arscope: Unknown options: '--password', '***', '--api-key=***'\n"),
                options.err());
        assertEquals(2, RESULTS.get("ingest, malformed config").exitCode());
        assertTrue(logs.contains("ftp://reader:***@127.0.0.1:" + closedPort + "/x"), "Spark logs the input masked");
    }

    @Test
    void sparkRedactsTheSameSettingsAndUrls() {
        SparkSession spark = TestSpark.session();
        SparkConf conf = spark.sparkContext().getConf();
        List<Tuple2<String, String>> settings = List.of(new Tuple2<>("spark.hadoop.fs.s3a.secret.key", "s3-secret"),
                new Tuple2<>("spark.hadoop.fs.azure.account.key.acct.dfs.core.windows.net", "azure-secret"),
                new Tuple2<>("spark.app.name", "arscope-tests"));
        assertEquals(List.of(new Tuple2<>("spark.hadoop.fs.s3a.secret.key", "*********(redacted)"),
                new Tuple2<>("spark.hadoop.fs.azure.account.key.acct.dfs.core.windows.net", "*********(redacted)"),
                new Tuple2<>("spark.app.name", "arscope-tests")),
                JavaConverters.seqAsJavaList(Utils.redact(conf, JavaConverters.asScalaBuffer(settings).toSeq())));
        assertEquals("jdbc:postgresql://*********(redacted)db/erp?user=reader&*********(redacted)",
                Utils.redact(spark.sessionState().conf().stringRedactionPattern(),
                        "jdbc:postgresql://reader:s1@db/erp?user=reader&password=s2"));
    }

    private static JsonNode manifest(String root) throws IOException {
        try (Stream<Path> runs = Files.list(work.resolve(root).resolve(".runs").resolve(DAY))) {
            Path run = runs.filter(Files::isDirectory).findFirst().orElseThrow();
            return new ObjectMapper().readTree(run.resolve(PipelineRun.MANIFEST).toFile());
        }
    }

    /**
     * Everything logged at INFO and above while it is open, through the layout the console uses, so that what is
     * captured is what a user would see; the console meanwhile shows warnings only, as it does outside the test.
     */
    private static final class LogCapture implements AutoCloseable {
        private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
        private final LoggerConfig root = context.getConfiguration().getRootLogger();
        private final Appender console = context.getConfiguration().getAppender("console");
        private final Level level = root.getLevel();
        private final WriterAppender captured;

        LogCapture(StringWriter target) {
            captured = WriterAppender.createAppender((StringLayout) console.getLayout(), null, target, "captured",
                    false, true);
            captured.start();
            root.removeAppender(console.getName());
            root.addAppender(console, Level.WARN, null);
            root.addAppender(captured, Level.INFO, null);
            root.setLevel(Level.INFO);
            context.updateLoggers();
        }

        @Override
        public void close() {
            root.removeAppender(captured.getName());
            root.removeAppender(console.getName());
            root.addAppender(console, null, null);
            root.setLevel(level);
            context.updateLoggers();
            captured.stop();
        }
    }
}
