package io.arscope.worklist;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import io.arscope.run.EmlMessage;
import io.arscope.run.FileNames;
import io.arscope.run.OutputFiles;
import io.arscope.run.ParquetFooters;

/**
 * The reminder drafts of a worklist: for each customer on today's collection list whose next action is a written
 * dunning step (channel email or letter), a message from that step's template, written as
 * {@code drafts/<collector>/<customer id>.eml} for a person to complete and send. Arscope never sends mail.
 */
public final class ReminderDrafts {

    /** The folder of the drafts in a worklist's output. */
    public static final String FOLDER = "drafts";

    private ReminderDrafts() {
    }

    /** The worklist's line for {@code count} drafts written. */
    public static String written(Drafted drafted) {
        String line = String.format("reminder drafts: %,d in %s/", drafted.count(), FOLDER);
        if (drafted.held() > 0) {
            line += String.format("; none for %,d customer%s whose last-resort step says to check first (a recent "
                    + "payment, a dispute or a promise: see the next action)", drafted.held(),
                    drafted.held() == 1 ? "" : "s");
        }
        return drafted.unnamed().isEmpty() ? line : line + "; signed with their ids, as the collectors file does not "
                + "name them: " + String.join(", ", drafted.unnamed());
    }

    /**
     * What {@link #write} wrote: how many drafts; how many customers on today's list with a written step got none
     * because their step says to check first ({@link EscalationCheck}): a final demand to a customer who paid last
     * week, ready to send, is what the check is there to stop; and which collectors with drafts the collectors file
     * does not name (none without a file), so the run says who signs with an id.
     */
    public record Drafted(int count, int held, List<String> unnamed) {
    }

    /**
     * The worklist's line when its amounts are converted to {@code currency}: drafts only for the customers billed
     * in it alone, and how many customers on the lists got none for being billed in another.
     */
    public static String writtenWhenConverted(Drafted drafted, String currency, long billedOtherwise) {
        String line = written(drafted) + ", for the customers billed only in " + currency;
        return billedOtherwise == 0 ? line : line + String.format("; none for the %,d customer%s billed in other "
                + "currencies, whose amounts on the lists are converted to %s, while a reminder states what the "
                + "customer owes in its invoices' currencies", billedOtherwise, billedOtherwise == 1 ? "" : "s",
                currency);
    }

    /**
     * Writes the drafts of the worklist written in {@code output}, replacing any there. Its tables are read with
     * every column they have, so a promise or plan instalment column there reaches the drafts
     * ({@link ReminderDraft#of}).
     *
     * @return the number of drafts written, and the collectors who sign them with their ids
     */
    public static Drafted write(SparkSession spark, String output, LocalDate day, DunningStrategy strategy,
            DraftTemplates templates) throws IOException {
        return write(spark, spark.read().parquet(WorklistTables.CUSTOMERS.path(output)),
                ParquetFooters.read(spark, WorklistTables.INVOICES.path(output)), output, day, strategy, templates);
    }

    /**
     * As {@link #write(SparkSession, String, LocalDate, DunningStrategy, DraftTemplates)}, for the customers of
     * {@code only} ({@code customer_id}) alone: those whose converted amounts are the amounts as billed.
     */
    public static Drafted writeFor(SparkSession spark, Dataset<Row> only, String output, LocalDate day,
            DunningStrategy strategy, DraftTemplates templates) throws IOException {
        return write(spark, spark.read().parquet(WorklistTables.CUSTOMERS.path(output)).join(only,
                        WorklistTables.CUSTOMER_ID.name(), "left_semi"),
                ParquetFooters.read(spark, WorklistTables.INVOICES.path(output)).join(only,
                        WorklistTables.CUSTOMER_ID.name(), "left_semi"), output, day, strategy, templates);
    }

    /** Writes the drafts of a worklist's customer and invoice rows into {@code output}, replacing any there. */
    static Drafted write(SparkSession spark, Dataset<Row> customers, Dataset<Row> invoices, String output, LocalDate day,
            DunningStrategy strategy, DraftTemplates templates) throws IOException {
        String folder = OutputFiles.child(output, FOLDER);
        WorklistJob.replaceFolder(spark, folder);
        Map<String, String> collectorFiles = FileNames.of(customers.select(WorklistTables.COLLECTOR.col()).distinct()
                .collectAsList().stream().map(r -> r.getString(0)).toList());
        int written = 0;
        int held = 0;
        List<String> signing = new java.util.ArrayList<>();
        for (Iterator<CollectorQueue> queues = CollectorQueue.read(customers, invoices); queues.hasNext();) {
            CollectorQueue queue = queues.next();
            Queued queued = drafts(queue, day, strategy);
            List<ReminderDraft> drafts = queued.drafts();
            held += queued.held();
            // A customer without a collector gets the team's signature, not an id.
            if (!drafts.isEmpty() && !Worklist.UNASSIGNED.equals(queue.collector())) {
                signing.add(queue.collector());
            }
            Map<String, String> customerFiles = FileNames.of(drafts.stream().map(ReminderDraft::customerId).toList());
            String collectorFolder = OutputFiles.child(folder, collectorFiles.get(queue.collector()));
            for (ReminderDraft draft : drafts) {
                DraftTemplates.Text text = templates.render(draft);
                OutputFiles.write(spark, OutputFiles.child(collectorFolder, customerFiles.get(draft.customerId())
                        + ".eml"), out -> out.write(EmlMessage.of(draft.addressee(),
                                day.atStartOfDay(ZoneOffset.UTC), text.subject(), text.body())));
                written++;
            }
        }
        return new Drafted(written, held, templates.collectors().unnamed(signing));
    }

    /** One queue's drafts, and the customers held back from one by {@link EscalationCheck}. */
    record Queued(List<ReminderDraft> drafts, int held) {
    }

    /**
     * The drafts of one collector's queue: a customer of the collection queue that is on today's list and whose
     * next action is a written step gets one ({@link ReminderDraft#of}: worded by the most severe written step
     * among the invoices it asks for, of all its rows, a row per currency), in the queue's rank order; unless a row
     * of it says to check before its step, which the collector does first.
     */
    static Queued drafts(CollectorQueue queue, LocalDate day, DunningStrategy strategy) {
        Map<String, List<CollectorQueue.Customer>> byCustomer = new LinkedHashMap<>();
        for (CollectorQueue.Customer c : queue.customers()) {
            Row row = c.row();
            boolean today = Boolean.TRUE.equals(WorklistTables.IN_TODAY.of(row));
            if (Worklist.COLLECT.equals(WorklistTables.QUEUE.of(row)) && today
                    && strategy.step(WorklistTables.ACTION_CODE.of(row)).filter(DunningStrategy.Step::written)
                            .isPresent()) {
                byCustomer.computeIfAbsent(WorklistTables.CUSTOMER_ID.of(row), k -> new ArrayList<>()).add(c);
            }
        }
        List<ReminderDraft> drafts = new ArrayList<>();
        int held = 0;
        for (List<CollectorQueue.Customer> rows : byCustomer.values()) {
            if (rows.stream().anyMatch(c -> EscalationCheck.holds(WorklistTables.NEXT_ACTION.of(c.row())))) {
                held++;
                continue;
            }
            ReminderDraft.of(strategy, day, rows).ifPresent(drafts::add);
        }
        return new Queued(drafts, held);
    }
}
