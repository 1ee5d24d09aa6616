package io.arscope.testing;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.GenericRow;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;

import io.arscope.ledger.ExchangeRates;
import io.arscope.ledger.ReceivablesLedger;
import io.arscope.model.CanonicalTable;

/** Hand-made canonical tables for metric tests, written where an ingest run would write them. */
public final class LedgerBuilder {
    private final Map<CanonicalTable, List<Row>> rows = new EnumMap<>(CanonicalTable.class);
    private int seq;

    public LedgerBuilder() {
        for (CanonicalTable t : CanonicalTable.values()) {
            rows.put(t, new ArrayList<>());
        }
    }

    public static LocalDate d(String iso) {
        return LocalDate.parse(iso);
    }

    public LedgerBuilder customer(String id, String segment) {
        return customer(id, segment, "ann");
    }

    /** A customer whose account {@code collector} owns. */
    public LedgerBuilder customer(String id, String segment, String collector) {
        rows.get(CanonicalTable.CUSTOMERS).add(RowFactory.create(id, "Customer " + id, "US", "North America", segment,
                null, 30, collector, d("2020-01-01")));
        return this;
    }

    public LedgerBuilder invoice(String id, String customer, String issued, String due, String amount) {
        return invoice(id, customer, issued, due, amount, "USD");
    }

    public LedgerBuilder invoice(String id, String customer, String issued, String due, String amount,
            String currency) {
        rows.get(CanonicalTable.INVOICES).add(RowFactory.create(id, customer, d(issued), d(due), new BigDecimal(amount)
                .setScale(2), currency, "Goods", null, "electronic"));
        return this;
    }

    /** One unit of {@code currency} is worth {@code rate} of the reporting currency from {@code date} on. */
    public LedgerBuilder rate(String date, String currency, String rate) {
        rows.get(CanonicalTable.EXCHANGE_RATES).add(RowFactory.create(d(date), currency, new BigDecimal(rate)
                .setScale(10)));
        return this;
    }

    /** A payment with no currency of its own, as a canonical folder from before the column holds it. */
    public LedgerBuilder payment(String invoice, String customer, String date, String amount) {
        return payment(invoice, customer, date, amount, null);
    }

    /** A payment in {@code currency}, as ingest fills it. */
    public LedgerBuilder payment(String invoice, String customer, String date, String amount, String currency) {
        rows.get(CanonicalTable.PAYMENTS).add(RowFactory.create("P" + (++seq), invoice, customer, d(date),
                new BigDecimal(amount).setScale(2), "wire", currency));
        return this;
    }

    /** An adjustment with no currency of its own, as a canonical folder from before the column holds it. */
    public LedgerBuilder adjustment(String invoice, String customer, String date, String amount, String kind) {
        return adjustment(invoice, customer, date, amount, kind, null);
    }

    /** An adjustment in {@code currency}, as ingest fills it. */
    public LedgerBuilder adjustment(String invoice, String customer, String date, String amount, String kind,
            String currency) {
        rows.get(CanonicalTable.ADJUSTMENTS).add(RowFactory.create("A" + (++seq), invoice, customer, d(date),
                new BigDecimal(amount).setScale(2), kind, null, currency));
        return this;
    }

    public LedgerBuilder dispute(String invoice, String opened, String resolved) {
        rows.get(CanonicalTable.DISPUTES).add(RowFactory.create("D" + (++seq), invoice, d(opened),
                resolved == null ? null : d(resolved), "pricing"));
        return this;
    }

    /** A contact with {@code customer}, about {@code invoice} (null for the balance), by ann. */
    public LedgerBuilder contact(String id, String customer, String invoice, String date, String channel,
            String outcome) {
        rows.get(CanonicalTable.CONTACTS).add(RowFactory.create(id, customer, invoice, d(date), channel, outcome,
                "ann"));
        return this;
    }

    /** A promise by {@code customer} for {@code invoiceIds} (";"-separated, null for the balance), in any currency. */
    public LedgerBuilder promise(String id, String customer, String invoiceIds, String made, String promised,
            String amount) {
        return promise(id, customer, invoiceIds, made, promised, amount, null);
    }

    /** A promise in {@code currency}: only payments in it count. */
    public LedgerBuilder promise(String id, String customer, String invoiceIds, String made, String promised,
            String amount, String currency) {
        rows.get(CanonicalTable.PROMISES).add(RowFactory.create(id, customer, invoiceIds, d(made), d(promised),
                new BigDecimal(amount).setScale(2), currency, "ann"));
        return this;
    }

    /** Instalment {@code n} of plan {@code plan} with {@code customer} for its whole balance, in any currency. */
    public LedgerBuilder instalment(String plan, int n, String customer, String agreed, String due, String amount) {
        rows.get(CanonicalTable.PLAN_INSTALMENTS).add(RowFactory.create(plan, n, customer, null, d(agreed), d(due),
                new BigDecimal(amount).setScale(2), null));
        return this;
    }

    /** The ledger's tables as frames in memory, for a function of a ledger that needs no files. */
    public ReceivablesLedger ledger(SparkSession spark) {
        return new ReceivablesLedger(frame(spark, CanonicalTable.CUSTOMERS), frame(spark, CanonicalTable.INVOICES),
                frame(spark, CanonicalTable.PAYMENTS), frame(spark, CanonicalTable.ADJUSTMENTS),
                frame(spark, CanonicalTable.DISPUTES));
    }

    /** The exchange rates given. */
    public ExchangeRates rates() {
        return ExchangeRates.of(rows.get(CanonicalTable.EXCHANGE_RATES).stream()
                .map(r -> (Row) new GenericRowWithSchema(((GenericRow) r).values(), CanonicalTable.EXCHANGE_RATES
                        .schema())).toList());
    }

    private Dataset<Row> frame(SparkSession spark, CanonicalTable table) {
        return spark.createDataFrame(rows.get(table), table.schema());
    }

    /** Writes canonical/<table> under {@code dir}, as Parquet. */
    public Path write(SparkSession spark, Path dir) {
        for (CanonicalTable t : CanonicalTable.values()) {
            spark.createDataFrame(rows.get(t), t.schema()).coalesce(1).write().mode(SaveMode.Overwrite)
                    .parquet(dir.resolve("canonical").resolve(t.tableName()).toString());
        }
        return dir;
    }
}
