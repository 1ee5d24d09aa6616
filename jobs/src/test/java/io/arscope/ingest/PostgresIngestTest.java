package io.arscope.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.cli.Arscope;
import io.arscope.job.ExitCode;
import io.arscope.job.JobContext;
import io.arscope.model.CanonicalTable;
import io.arscope.testing.PostgresServer;
import io.arscope.testing.TestSpark;

/**
 * Ingest from a real PostgreSQL server, started for this class: a small receivables set with bad rows of every
 * kind is read in partitioned JDBC queries and must give exactly the accepted rows, rejects and reconciliation
 * that the same data gives as CSV files, with the rejected rows named by table and row number in key order.
 */
@Tag("integration")
class PostgresIngestTest {

    private static final LocalDate AS_OF = LocalDate.of(2025, 6, 30);
    private static final String[] CUSTOMER_COLUMNS = {"customer_no", "name", "region", "credit_limit", "terms_days",
            "since"};
    private static final String[][] CUSTOMERS = {
            {"C1", "Acme", "North", "5000.00", "30", "1.2.2020"},
            {"C2", "Bolt", "South", "10000.00", "45", "15.6.2021"},
            {"C3", "Cyan", "North", "-5.00", "30", "1.1.2022"},
            {"C4", "Dune", "West", null, null, "31.2.2023"},
            {"C5", "Echo", null, "0.00", "60", null}};
    private static final String[] INVOICE_COLUMNS = {"id", "invoice_no", "customer_no", "issued", "due", "amount",
            "currency", "channel"};
    private static final String[][] INVOICES = {
            {"1", "INV-001", "C1", "2025-01-10", "2025-02-09", "1200.00", "USD", "EDI"},
            {"2", "INV-002", "C1", "2025-02-01", "2025-03-03", "350.50", "usd", "Post"},
            {"3", "INV-003", "C2", "2025-02-15", "2025-04-01", "9999.99", "EUR", null},
            {"4", "INV-004", "C2", "2025-03-01", "2025-02-01", "100.00", "USD", "EDI"},
            {"5", "INV-005", "C2", "2025-03-05", "2025-04-04", "12.345", "USD", "EDI"},
            {"6", "INV-001", "C2", "2025-03-06", "2025-04-05", "50.00", "USD", "EDI"},
            {"7", "INV-007", "C9", "2025-03-07", "2025-04-06", "75.00", "USD", "EDI"},
            {"8", "INV-008", null, "2025-03-08", "2025-04-07", "80.00", "USD", "EDI"},
            {"9", "INV-009", "C5", "2025-04-01", "2025-05-01", "400.00", "USD", "Fax"},
            {"10", "INV-010", "C5", "2025-05-20", "2025-07-19", "2500.00", "GBP", "Post"},
            {"11", "INV-011", "C1", "2025-07-02", "2025-08-01", "10.00", "USD", "EDI"}};
    private static final String[] PAYMENT_COLUMNS = {"id", "invoice_no", "paid_at", "amount", "method"};
    private static final String[][] PAYMENTS = {
            {"1", "INV-001", "2025-02-05 10:00:00", "1200.00", "wire"},
            {"2", "INV-002", "2025-03-01 23:30:00", "200.00", "ach"},
            {"3", "INV-002", "2025-03-20 08:00:00", "150.50", "ach"},
            {"4", "INV-003", "2025-03-31 12:00:00", "0.00", "wire"},
            {"5", "INV-005", "2025-04-01 09:00:00", "12.00", "wire"},
            {"6", "INV-404", "2025-04-02 09:00:00", "10.00", "wire"},
            {"7", "INV-003", "2025-01-01 09:00:00", "100.00", "card"},
            {"8", "INV-010", "2025-07-15 09:00:00", "100.00", "wire"},
            {"9", "INV-003", "2025-05-02 00:00:00", "5000.00", "card"}};

    @TempDir
    static Path dir;
    private static SparkSession spark;
    private static PostgresServer server;
    private static String password;
    private static IngestJob.Outcome fromDatabase;
    private static IngestJob.Outcome fromCsv;

    @BeforeAll
    static void loadTheSameDataIntoPostgresAndCsvAndIngestBoth() throws Exception {
        password = System.getenv(JdbcConnection.PASSWORD_ENV);
        assertNotNull(password, JdbcConnection.PASSWORD_ENV + " must be set for this test (the build sets it)");
        server = PostgresServer.start(Path.of("target"), password);
        try (Connection db = DriverManager.getConnection(server.jdbcUrl("postgres"), PostgresServer.USER, password);
                Statement ddl = db.createStatement()) {
            ddl.execute("CREATE TABLE ar_customers (customer_no varchar(20) PRIMARY KEY, name text, region text, "
                    + "credit_limit numeric(14,2), terms_days integer, since text)");
            ddl.execute("CREATE TABLE ar_invoices (id integer PRIMARY KEY, invoice_no text, customer_no text, "
                    + "issued date, due date, amount numeric, currency char(3), channel text)");
            ddl.execute("CREATE TABLE ar_payments (id integer PRIMARY KEY, invoice_no text, paid_at timestamp, "
                    + "amount numeric(14,2), method text)");
            // Inserted out of key order, as a real table's physical order is: row numbers must not depend on it.
            insert(db, "ar_customers", "?, ?, ?, ?::numeric, ?::integer, ?", CUSTOMERS);
            insert(db, "ar_invoices", "?::integer, ?, ?, ?::date, ?::date, ?::numeric, ?, ?", INVOICES);
            insert(db, "ar_payments", "?::integer, ?, ?::timestamp, ?::numeric, ?", PAYMENTS);
        }
        Path csv = Files.createDirectories(dir.resolve("csv"));
        writeCsv(csv.resolve("customers.csv"), CUSTOMER_COLUMNS, CUSTOMERS);
        writeCsv(csv.resolve("invoices.csv"), INVOICE_COLUMNS, INVOICES);
        writeCsv(csv.resolve("payments.csv"), PAYMENT_COLUMNS, PAYMENTS);
        Files.writeString(dir.resolve("db.yaml"), mapping(true));
        Files.writeString(dir.resolve("csv.yaml"), mapping(false));

        spark = TestSpark.session();
        fromDatabase = IngestJob.write(JobContext.of(spark, new IngestOptions(null, dir.resolve("db.yaml"),
                dir.resolve("out-db").toString(), AS_OF, 1.0, server.jdbcUrl("postgres"), PostgresServer.USER,
                ValueBounds.DEFAULT)));
        fromCsv = IngestJob.write(JobContext.of(spark, new IngestOptions(csv.toString(), dir.resolve("csv.yaml"),
                dir.resolve("out-csv").toString(), AS_OF, 1.0)));
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    /** The same mapping for both origins; only where rows come from, and how they are sliced, differs. */
    private static String mapping(boolean database) {
        String customers = database ? "table: public.ar_customers\n    key: [customer_no]" : "file: customers.csv";
        String invoices = database
                ? "table: public.ar_invoices\n    key: [id]\n    fetchSize: 2\n    partitioning: {column: id, partitions: 3}"
                : "file: invoices.csv";
        String payments = database
                ? "query: SELECT id, invoice_no, paid_at, amount, method FROM ar_payments\n    key: [id]\n"
                        + "    partitioning: {column: id, partitions: 4, lowerBound: 1, upperBound: 12}"
                : "file: payments.csv";
        return """
                description: receivables in PostgreSQL (or the same as CSV)
                # The oddities among these rows are rejects here, as every rule's reject is what this test follows.
                quality: {DUE_BEFORE_ISSUE: reject, BEFORE_INVOICE: reject, DATED_AFTER_AS_OF: reject}
                sources:
                  - name: customers
                    %s
                    dateFormats: [d.M.yyyy]
                    produces:
                      customers:
                        fields: {customer_id: customer_no, name: name, region: region, credit_limit: credit_limit,
                                 terms_days: terms_days, customer_since: since}
                  - name: invoices
                    %s
                    produces:
                      invoices:
                        fields:
                          invoice_id: invoice_no
                          customer_id: customer_no
                          invoice_date: issued
                          due_date: due
                          amount: amount
                          currency: currency
                          billing_channel: {column: channel, values: {EDI: electronic, Post: paper}}
                  - name: payments
                    %s
                    produces:
                      payments:
                        fields:
                          payment_id: {column: id, prefix: 'PAY-'}
                          invoice_id: invoice_no
                          payment_date: {column: paid_at, dateFormats: ['yyyy-MM-dd HH:mm:ss']}
                          amount: amount
                          method: method
                """.formatted(customers, invoices, payments);
    }

    @Test
    void everySourceReconcilesWithTheExpectedCounts() {
        assertEquals(Map.of(
                "db:public.ar_customers", List.of(5L, 3L, 2L),
                "db:public.ar_invoices", List.of(11L, 4L, 7L),
                "db:payments", List.of(9L, 4L, 5L)), counts(fromDatabase));
        assertEquals(Map.of(
                "customers.csv", List.of(5L, 3L, 2L),
                "invoices.csv", List.of(11L, 4L, 7L),
                "payments.csv", List.of(9L, 4L, 5L)), counts(fromCsv));
        assertTrue(fromDatabase.passed());
        assertEquals(Map.of(CanonicalTable.CUSTOMERS, 3L, CanonicalTable.INVOICES, 4L, CanonicalTable.PAYMENTS, 4L,
                CanonicalTable.ADJUSTMENTS, 0L, CanonicalTable.DISPUTES, 0L, CanonicalTable.EXCHANGE_RATES, 0L,
                CanonicalTable.CONTACTS, 0L, CanonicalTable.PROMISES, 0L, CanonicalTable.PLAN_INSTALMENTS, 0L),
                fromDatabase.records());
    }

    @Test
    void eachRejectedRowIsNamedByTableRowNumberAndKeyWithItsReason() {
        List<String> rejects = spark.read().parquet(dir.resolve("out-db/rejects").toString())
                .orderBy(MappedRows.SOURCE_FILE, MappedRows.LINE).collectAsList().stream()
                .map(r -> String.join(" ", r.getString(0), String.valueOf(r.getLong(1)), r.getString(2),
                        r.getString(3), r.getString(4), r.getString(5)))
                .toList();
        assertEquals(List.of(
                "db:payments 4 payments PAY-4 amount NON_POSITIVE_AMOUNT",
                "db:payments 5 payments PAY-5 invoice_id REJECTED_INVOICE",
                "db:payments 6 payments PAY-6 invoice_id UNKNOWN_INVOICE",
                "db:payments 7 payments PAY-7 payment_date BEFORE_INVOICE",
                "db:payments 8 payments PAY-8 payment_date DATED_AFTER_AS_OF",
                "db:public.ar_customers 3 customers C3 credit_limit NON_POSITIVE_AMOUNT",
                "db:public.ar_customers 4 customers C4 customer_since BAD_DATE",
                "db:public.ar_invoices 4 invoices INV-004 due_date DUE_BEFORE_ISSUE",
                "db:public.ar_invoices 5 invoices INV-005 amount BAD_AMOUNT",
                "db:public.ar_invoices 6 invoices INV-001 invoice_id DUPLICATE_ID",
                "db:public.ar_invoices 7 invoices INV-007 customer_id UNKNOWN_CUSTOMER",
                "db:public.ar_invoices 8 invoices INV-008 customer_id MISSING_FIELD",
                "db:public.ar_invoices 9 invoices INV-009 billing_channel BAD_VALUE",
                "db:public.ar_invoices 11 invoices INV-011 invoice_date DATED_AFTER_AS_OF"), rejects);

        Dataset<Row> all = spark.read().parquet(dir.resolve("out-db/rejects").toString());
        assertEquals("duplicate invoice_id INV-001; first at db:public.ar_invoices:1",
                all.filter("reason_code = 'DUPLICATE_ID'").first().getAs("reason"));
        // A DATE column needs no format, so ISO is tried after the text column's own.
        assertEquals("customer_since '31.2.2023' is not a date in [d.M.yyyy, yyyy-MM-dd] (column since)",
                all.filter("reason_code = 'BAD_DATE'").first().getAs("reason"));
        Row amount = all.filter("reason_code = 'BAD_AMOUNT'").first();
        assertEquals("amount '12.345' has more than 2 decimal places", amount.getAs("reason"));
        // The row as read, key first, with the DATE columns as ISO text and the NUMERIC as written.
        assertEquals("{\"id\":\"5\",\"invoice_no\":\"INV-005\",\"customer_no\":\"C2\",\"issued\":\"2025-03-05\","
                + "\"due\":\"2025-04-04\",\"amount\":\"12.345\",\"currency\":\"USD\",\"channel\":\"EDI\"}",
                amount.getAs(MappedRows.RAW));
    }

    @Test
    void theDatabaseGivesTheCanonicalRowsAndRejectsThatTheSameDataGivesAsCsv() {
        for (CanonicalTable table : CanonicalTable.values()) {
            TestSpark.assertDataFrameEquals(canonical("out-csv", table), canonical("out-db", table));
        }
        // A CSV line number counts the header; a database row number does not.
        assertEquals(rejectKeys("out-csv", 1), rejectKeys("out-db", 0));
    }

    @Test
    void acceptedRowsAreTypedDatesAndDecimals() {
        Dataset<Row> invoices = canonical("out-db", CanonicalTable.INVOICES).drop(CanonicalTable.MONTH_PARTITION);
        assertEquals(0, invoices.filter(CanonicalTable.QUALITY_FLAGS + " is not null").count());
        invoices = invoices.drop(CanonicalTable.QUALITY_FLAGS);
        StructType nullable = DataTypes.createStructType(Arrays.stream(CanonicalTable.INVOICES.schema().fields())
                .map(f -> DataTypes.createStructField(f.name(), f.dataType(), true)).toList());
        TestSpark.assertDataFrameEquals(spark.createDataFrame(List.of(
                RowFactory.create("INV-001", "C1", LocalDate.of(2025, 1, 10), LocalDate.of(2025, 2, 9),
                        new BigDecimal("1200.00"), "USD", null, 30, "electronic"),
                RowFactory.create("INV-002", "C1", LocalDate.of(2025, 2, 1), LocalDate.of(2025, 3, 3),
                        new BigDecimal("350.50"), "USD", null, 30, "paper"),
                RowFactory.create("INV-003", "C2", LocalDate.of(2025, 2, 15), LocalDate.of(2025, 4, 1),
                        new BigDecimal("9999.99"), "EUR", null, 45, null),
                RowFactory.create("INV-010", "C5", LocalDate.of(2025, 5, 20), LocalDate.of(2025, 7, 19),
                        new BigDecimal("2500.00"), "GBP", null, 60, "paper")), nullable), invoices);
        Dataset<Row> payments = canonical("out-db", CanonicalTable.PAYMENTS);
        assertEquals("decimal(18,2)", payments.schema().apply("amount").dataType().simpleString());
        assertEquals("date", payments.schema().apply("payment_date").dataType().simpleString());
        // 23:30 stays on its own day: timestamps are read without a time zone to shift them.
        assertEquals(List.of("PAY-1 C1 2025-02-05 1200.00", "PAY-2 C1 2025-03-01 200.00",
                "PAY-3 C1 2025-03-20 150.50", "PAY-9 C2 2025-05-02 5000.00"), payments.collectAsList().stream()
                .map(r -> r.getAs("payment_id") + " " + r.getAs("customer_id") + " " + r.getAs("payment_date") + " "
                        + ((BigDecimal) r.getAs("amount")).toPlainString())
                .toList());
    }

    @Test
    void tablesAreReadInTheConfiguredNumberOfRangeQueries() throws Exception {
        String log = server.log();
        // Bounds found by MIN/MAX (1 and 11) in 3 slices; given bounds 1 and 12 in 4 slices.
        assertEquals(List.of("\"id\" < 5 or \"id\" is null", "\"id\" >= 5 AND \"id\" < 8", "\"id\" >= 8"),
                slices(log, "FROM public.ar_invoices  WHERE "));
        assertTrue(log.contains("SELECT MIN(\"id\") AS lo, MAX(\"id\") AS hi FROM public.ar_invoices"), log);
        List<String> paymentSlices = slices(log, "arscope_query  WHERE ");
        assertEquals(4, paymentSlices.size(), paymentSlices.toString());
    }

    @Test
    void thePasswordIsInNoOutputWhileTheUrlAndUserAreRecorded() throws Exception {
        Path out = dir.resolve("out-db");
        try (Stream<Path> files = Files.walk(out)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertFalse(bytes.contains(password), file + " holds the password");
            }
        }
        String manifest = Files.readString(out.resolve(IngestTables.MANIFEST));
        assertTrue(manifest.contains("\"database_url\" : \"" + server.jdbcUrl("postgres") + "\""), manifest);
        assertTrue(manifest.contains("\"database_user\" : \"arscope\""), manifest);
    }

    @Test
    void aRefusedLoginIsAnInputErrorThatNamesTheDatabaseButNotThePassword() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int code = printedBy(printed, () -> Arscope.execute("ingest", "--mapping", dir.resolve("db.yaml").toString(),
                "--output", dir.resolve("out-refused").toString(), "--jdbc-url", server.jdbcUrl("postgres"),
                "--jdbc-user", "nobody", "--master", "local[2]"));
        String console = printed.toString(StandardCharsets.UTF_8);
        assertEquals(ExitCode.INPUT, code, console);
        assertTrue(console.contains("cannot read from " + server.jdbcUrl("postgres") + " as nobody"), console);
        assertTrue(console.contains("password authentication failed"), console);
        assertFalse(console.contains(password));
    }

    /** Runs a command with System.out and System.err captured together. */
    private static int printedBy(ByteArrayOutputStream sink, IntSupplier command) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        PrintStream capture = new PrintStream(sink, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try {
            return command.getAsInt();
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private static Map<String, List<Long>> counts(IngestJob.Outcome outcome) {
        Map<String, List<Long>> counts = new TreeMap<>();
        for (Reconciliation.FileCounts f : outcome.reconciliation().files()) {
            counts.put(f.file(), List.of(f.read(), f.accepted(), f.rejected()));
        }
        return counts;
    }

    private static Dataset<Row> canonical(String run, CanonicalTable table) {
        return spark.read().parquet(dir.resolve(run).resolve(IngestTables.CANONICAL_DIR).resolve(table.tableName())
                .toString()).orderBy(table.keyFields().toArray(String[]::new)[0],
                        table.keyFields().stream().skip(1).toArray(String[]::new));
    }

    /** Rejects without their origin's name: line (less the header lines), table, record, field, reason code. */
    private static List<String> rejectKeys(String run, int headerLines) {
        return spark.read().parquet(dir.resolve(run).resolve(IngestTables.REJECTS).toString()).collectAsList()
                .stream().map(r -> (r.getLong(1) - headerLines) + " " + r.getString(2) + " " + r.getString(3) + " "
                        + r.getString(4) + " " + r.getString(5))
                .sorted().toList();
    }

    /** The distinct WHERE clauses of the queries the server logged after {@code marker}. */
    private static List<String> slices(String log, String marker) {
        Matcher m = Pattern.compile(Pattern.quote(marker) + "(.*)$", Pattern.MULTILINE).matcher(log);
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group(1).strip());
        }
        return found.stream().distinct().sorted().collect(Collectors.toList());
    }

    private static void insert(Connection db, String table, String placeholders, String[][] rows) throws Exception {
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO " + table + " VALUES (" + placeholders
                + ")")) {
            for (int i = rows.length - 1; i >= 0; i--) {
                for (int c = 0; c < rows[i].length; c++) {
                    if (rows[i][c] == null) {
                        insert.setNull(c + 1, Types.VARCHAR);
                    } else {
                        insert.setString(c + 1, rows[i][c]);
                    }
                }
                insert.executeUpdate();
            }
        }
    }

    private static void writeCsv(Path file, String[] columns, String[][] rows) throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add(String.join(",", columns));
        for (String[] row : rows) {
            lines.add(Arrays.stream(row).map(v -> v == null ? "" : v).collect(Collectors.joining(",")));
        }
        Files.write(file, lines);
    }
}
