package io.arscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.job.ExitCode;
import io.arscope.metrics.MetricsTables;
import io.arscope.testing.TestSpark;

/**
 * A history in USD, EUR and GBP, from the generator through ingest (the shipped currencies mapping) to metrics in
 * USD, by the commands a user runs. Every month's credit sales, gross ending AR, on-account balance and net ending
 * AR are worked out again here in plain Java from the generated CSV files and rates file: flows at the rate of their
 * own date, balances (open invoices and on-account items) at the month-end's, each item rounded half up to the cent.
 */
@Tag("integration")
class CurrenciesEndToEndTest {

    @TempDir
    static Path dir;
    private static ArscopeTest.Run ingest;
    private static ArscopeTest.Run metrics;

    @BeforeAll
    static void pipeline() {
        ArscopeTest.Run generate = ArscopeTest.run("generate", "--output", dir.resolve("gen").toString(),
                "--invoices", "300", "--months", "6", "--currencies", "USD,EUR,GBP", "--on-account-share", "0.1",
                "--seed", "7");
        assertEquals(ExitCode.OK, generate.code(), generate.err());
        Path mapping = Path.of(System.getProperty("arscope.repo.dir"),
                "data-samples/mappings/arscope-generator-currencies.yaml");
        ingest = ArscopeTest.run("ingest", "--input", dir.resolve("gen").toString(), "--mapping", mapping.toString(),
                "--output", dir.resolve("ingest").toString(), "--master", "local[2]");
        metrics = ArscopeTest.run("metrics", "--input", dir.resolve("ingest").toString(), "--output",
                dir.resolve("metrics").toString(), "--reporting-currency", "USD", "--master", "local[2]");
    }

    /** A CSV file of the generator as rows of cells; only a row's last cell (free text) may hold a comma. */
    private static List<String[]> csv(String file, int columns) throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve("gen").resolve(file));
        return lines.subList(1, lines.size()).stream().filter(l -> !l.isEmpty()).map(l -> l.split(",", columns))
                .toList();
    }

    /** An open item's amount in USD on {@code day}: at the currency's latest rate on or before it, to the cent. */
    private static BigDecimal usd(BigDecimal amount, String currency, LocalDate day,
            Map<String, TreeMap<LocalDate, BigDecimal>> rates) {
        BigDecimal rate = currency.equals("USD") ? BigDecimal.ONE : rates.get(currency).floorEntry(day).getValue();
        return amount.multiply(rate).setScale(2, RoundingMode.HALF_UP);
    }

    /** One month as worked out here: credit sales, gross ending AR, on account and net ending AR. */
    record Month(String period, BigDecimal sales, BigDecimal endingAr, BigDecimal onAccount, BigDecimal net) {
    }

    private static List<Month> expectedMonths() throws IOException {
        Map<String, TreeMap<LocalDate, BigDecimal>> rates = new HashMap<>();
        for (String[] r : csv("exchange_rates.csv", 3)) {
            rates.computeIfAbsent(r[1], c -> new TreeMap<>()).put(LocalDate.parse(r[0]), new BigDecimal(r[2]));
        }
        List<String[]> invoices = csv("invoices.csv", 9);
        Map<String, Set<String>> billedIn = new HashMap<>();
        Map<String, String> currencyOf = new HashMap<>();
        for (String[] i : invoices) {
            billedIn.computeIfAbsent(i[1], c -> new TreeSet<>()).add(i[5]);
            currencyOf.put(i[0], i[5]);
        }
        // Reductions of each invoice (payments, credit memos, write-offs) and the on-account items, by date.
        Map<String, List<Object[]>> reductions = new HashMap<>();
        List<Object[]> onAccount = new ArrayList<>();
        List<String[]> items = new ArrayList<>();
        for (String[] p : csv("payments.csv", 6)) {
            items.add(new String[] {p[1], p[2], p[3], p[4]});
        }
        for (String[] a : csv("adjustments.csv", 7)) {
            items.add(new String[] {a[1], a[2], a[3], a[4]});
        }
        for (String[] item : items) {
            Object[] event = {LocalDate.parse(item[2]), new BigDecimal(item[3])};
            if (item[0].isEmpty()) {
                Set<String> own = billedIn.get(item[1]);
                assertEquals(1, own.size(), "customer " + item[1] + " is billed in " + own);
                onAccount.add(new Object[] {event[0], event[1], own.iterator().next()});
            } else {
                reductions.computeIfAbsent(item[0], k -> new ArrayList<>()).add(event);
            }
        }
        LocalDate latest = items.stream().map(i -> LocalDate.parse(i[2])).max(LocalDate::compareTo).orElseThrow();
        for (String[] i : invoices) {
            latest = LocalDate.parse(i[2]).isAfter(latest) ? LocalDate.parse(i[2]) : latest;
        }
        YearMonth last = latest.equals(YearMonth.from(latest).atEndOfMonth()) ? YearMonth.from(latest)
                : YearMonth.from(latest).minusMonths(1);
        YearMonth first = invoices.stream().map(i -> YearMonth.from(LocalDate.parse(i[2]))).min(YearMonth::compareTo)
                .orElseThrow();

        List<Month> months = new ArrayList<>();
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            LocalDate end = m.atEndOfMonth();
            BigDecimal sales = BigDecimal.ZERO.setScale(2);
            BigDecimal gross = BigDecimal.ZERO.setScale(2);
            for (String[] i : invoices) {
                LocalDate issued = LocalDate.parse(i[2]);
                BigDecimal amount = new BigDecimal(i[4]);
                if (YearMonth.from(issued).equals(m)) {
                    sales = sales.add(usd(amount, i[5], issued, rates));
                }
                if (issued.isAfter(end)) {
                    continue;
                }
                BigDecimal open = amount;
                BigDecimal valued = usd(amount, i[5], end, rates);
                for (Object[] r : reductions.getOrDefault(i[0], List.of())) {
                    if (!((LocalDate) r[0]).isAfter(end)) {
                        open = open.subtract((BigDecimal) r[1]);
                        valued = valued.subtract(usd((BigDecimal) r[1], i[5], end, rates));
                    }
                }
                if (open.signum() > 0) {
                    gross = gross.add(valued);
                }
            }
            BigDecimal credit = BigDecimal.ZERO.setScale(2);
            for (Object[] item : onAccount) {
                if (!((LocalDate) item[0]).isAfter(end)) {
                    credit = credit.add(usd((BigDecimal) item[1], (String) item[2], end, rates));
                }
            }
            months.add(new Month(m.toString(), sales, gross, credit, gross.subtract(credit)));
        }
        return months;
    }

    @Test
    void monthlyFiguresInUsdEqualThoseWorkedOutFromTheFiles() throws IOException {
        assertEquals(ExitCode.OK, ingest.code(), ingest.err());
        assertEquals(ExitCode.OK, metrics.code(), metrics.err());
        SparkSession spark = TestSpark.session();
        List<Row> rows = MetricsTables.PERIOD_METRICS.read(spark, dir.resolve("metrics").toString())
                .filter("dimension = 'total' and period_type = 'month'").orderBy("period").collectAsList();
        List<Month> actual = rows.stream().map(r -> new Month(MetricsTables.PERIOD.of(r),
                MetricsTables.CREDIT_SALES.of(r), MetricsTables.ENDING_AR.of(r), MetricsTables.ON_ACCOUNT.of(r),
                MetricsTables.NET_ENDING_AR.of(r))).toList();
        List<Month> expected = expectedMonths();
        assertEquals(expected.stream().map(Month::toString).collect(Collectors.joining("\n")),
                actual.stream().map(Month::toString).collect(Collectors.joining("\n")));
        assertEquals(Set.of("USD"), rows.stream().map(MetricsTables.CURRENCY::of).collect(Collectors.toSet()));
        // The history is in three currencies and has cash on account: the figures test conversion, not a no-op.
        assertTrue(expected.stream().anyMatch(m -> m.onAccount().signum() > 0), expected.toString());
    }

    @Test
    void withoutAReportingCurrencyMetricsRefusesNamingTheCurrencies() {
        ArscopeTest.Run refused = ArscopeTest.run("metrics", "--input", dir.resolve("ingest").toString(), "--output",
                dir.resolve("refused").toString(), "--master", "local[2]");
        assertEquals(ExitCode.INPUT, refused.code(), refused.err());
        assertTrue(refused.err().contains("the invoices are in 3 currencies [EUR, GBP, USD]; name the one to report "
                + "in with --reporting-currency"), refused.err());
    }
}
