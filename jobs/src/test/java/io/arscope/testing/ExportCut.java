package io.arscope.testing;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.arscope.model.CanonicalTable;

/**
 * A generated export (the generator's CSV layout) cut as an ERP's scheduled extract delivers it: a first day's
 * export of everything known by {@code day1}, then a second day's of only the rows new or changed since. A row is
 * known on the day it and every invoice it names exist; a customer on its first invoice's day if that is earlier
 * than its {@code customer_since}; a dispute resolved after the first day is exported open on it and again,
 * resolved, on the second. A table the export has no file of has none in either day. Files are read and written a
 * line at a time, so a history of millions of invoices cuts in little memory (a date per invoice id).
 *
 * @param day1Rows               rows per table in the first day's export
 * @param deltaRows              rows per table in the second day's
 * @param resolvedIds            disputes exported open on the first day and resolved on the second
 * @param paymentsOfDay1Invoices payments in the second day's export of invoices exported on the first
 */
public record ExportCut(Map<String, Integer> day1Rows, Map<String, Integer> deltaRows, List<String> resolvedIds,
        int paymentsOfDay1Invoices) {

    /** Each table's column that dates a row. */
    private static final Map<String, String> DATE_COLUMN = new LinkedHashMap<>();

    static {
        DATE_COLUMN.put("customers", "customer_since");
        DATE_COLUMN.put("invoices", "invoice_date");
        DATE_COLUMN.put("payments", "payment_date");
        DATE_COLUMN.put("adjustments", "adjustment_date");
        DATE_COLUMN.put("disputes", "opened_date");
        DATE_COLUMN.put("contacts", "contact_date");
        DATE_COLUMN.put("promises", "promised_on");
        DATE_COLUMN.put("plan_instalments", "agreed_on");
    }

    public int day1(CanonicalTable table) {
        return day1Rows.get(table.tableName());
    }

    public int delta(CanonicalTable table) {
        return deltaRows.get(table.tableName());
    }

    /** Cuts the export in folder {@code export} into {@code day1Dir} and {@code deltaDir}. */
    public static ExportCut of(Path export, LocalDate day1, Path day1Dir, Path deltaDir) throws IOException {
        Map<String, Integer> invoiceDays = new HashMap<>();
        Map<String, Integer> firstInvoiceDay = new HashMap<>();
        try (BufferedReader in = Files.newBufferedReader(export.resolve("invoices.csv"))) {
            List<String> names = List.of(in.readLine().split(",", -1));
            int id = names.indexOf("invoice_id");
            int customer = names.indexOf("customer_id");
            int date = names.indexOf("invoice_date");
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isEmpty()) {
                    String[] cells = cells(line, names.size());
                    int day = (int) LocalDate.parse(cells[date]).toEpochDay();
                    invoiceDays.put(cells[id], day);
                    firstInvoiceDay.merge(cells[customer], day, Math::min);
                }
            }
        }
        int cut = (int) day1.toEpochDay();
        Map<String, Integer> day1Rows = new TreeMap<>();
        Map<String, Integer> deltaRows = new TreeMap<>();
        List<String> resolved = new ArrayList<>();
        int paymentsOfDay1Invoices = 0;
        Files.createDirectories(day1Dir);
        Files.createDirectories(deltaDir);
        for (Map.Entry<String, String> table : DATE_COLUMN.entrySet()) {
            String file = table.getKey() + ".csv";
            if (!Files.exists(export.resolve(file))) {
                continue;
            }
            int first = 0;
            int delta = 0;
            try (BufferedReader in = Files.newBufferedReader(export.resolve(file));
                    BufferedWriter out1 = Files.newBufferedWriter(day1Dir.resolve(file));
                    BufferedWriter out2 = Files.newBufferedWriter(deltaDir.resolve(file))) {
                String header = in.readLine();
                List<String> names = List.of(header.split(",", -1));
                int date = names.indexOf(table.getValue());
                int customer = names.indexOf("customer_id");
                int invoice = names.indexOf("invoice_id");
                int invoiceList = names.indexOf("invoice_ids");
                int resolvedDate = names.indexOf("resolved_date");
                int disputeId = names.indexOf("dispute_id");
                boolean customers = table.getKey().equals("customers");
                boolean payments = table.getKey().equals("payments");
                write(out1, header);
                write(out2, header);
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.isEmpty()) {
                        continue;
                    }
                    String[] cells = cells(line, names.size());
                    int known = (int) LocalDate.parse(cells[date]).toEpochDay();
                    if (customers && firstInvoiceDay.containsKey(cells[customer])) {
                        known = Math.min(known, firstInvoiceDay.get(cells[customer]));
                    }
                    String named = invoiceList >= 0 ? cells[invoiceList] : invoice >= 0 ? cells[invoice] : "";
                    for (String id : named.isEmpty() ? new String[0]
                            : named.split(CanonicalTable.INVOICE_ID_SEPARATOR)) {
                        known = Math.max(known, invoiceDays.getOrDefault(id, Integer.MIN_VALUE));
                    }
                    if (known > cut) {
                        write(out2, line);
                        delta++;
                        if (payments && !cells[invoice].isEmpty() && invoiceDays.containsKey(cells[invoice])
                                && invoiceDays.get(cells[invoice]) <= cut) {
                            paymentsOfDay1Invoices++;
                        }
                    } else if (resolvedDate >= 0 && !cells[resolvedDate].isEmpty()
                            && LocalDate.parse(cells[resolvedDate]).toEpochDay() > cut) {
                        cells[resolvedDate] = "";
                        write(out1, String.join(",", cells));
                        write(out2, line);
                        first++;
                        delta++;
                        resolved.add(cells[disputeId]);
                    } else {
                        write(out1, line);
                        first++;
                    }
                }
            }
            day1Rows.put(table.getKey(), first);
            deltaRows.put(table.getKey(), delta);
        }
        return new ExportCut(day1Rows, deltaRows, resolved, paymentsOfDay1Invoices);
    }

    /** The cells of a line of the generator's files, which quote nothing. */
    private static String[] cells(String line, int columns) {
        String[] cells = line.split(",", -1);
        if (cells.length != columns) {
            throw new IllegalArgumentException("not a generator line of " + columns + " cells: " + line);
        }
        return cells;
    }

    private static void write(BufferedWriter out, String line) throws IOException {
        out.write(line);
        out.newLine();
    }
}
