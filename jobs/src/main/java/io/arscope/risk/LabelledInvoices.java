package io.arscope.risk;

import static org.apache.spark.sql.functions.col;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Invoices with known outcomes, oldest first, on the driver for Tribuo: each with its features as of its invoice
 * date, whether it was paid late and how many days. Split by time, never at random, so that the model is
 * always tested on invoices newer than everything it learned from.
 */
public record LabelledInvoices(List<String> ids, List<LocalDate> dates, double[] amounts,
        List<Map<String, Double>> features, boolean[] late, double[] daysLate) {

    /** Collects labelled feature rows, ordered by invoice date then id. */
    public static LabelledInvoices collect(Dataset<Row> featureRows) {
        List<Row> rows = RiskFeatures.labelled(featureRows).orderBy(col("invoice_date"), col("invoice_id"))
                .select("invoice_id", "invoice_date", "amount", "features", "late", "days_late").collectAsList();
        List<String> ids = new ArrayList<>(rows.size());
        List<LocalDate> dates = new ArrayList<>(rows.size());
        List<Map<String, Double>> features = new ArrayList<>(rows.size());
        double[] amounts = new double[rows.size()];
        boolean[] late = new boolean[rows.size()];
        double[] daysLate = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            ids.add(r.getString(0));
            dates.add(r.getAs(1));
            amounts[i] = ((BigDecimal) r.get(2)).doubleValue();
            features.add(r.getJavaMap(3));
            late[i] = r.getBoolean(4);
            daysLate[i] = r.isNullAt(5) ? Double.NaN : r.getInt(5);
        }
        return new LabelledInvoices(ids, dates, amounts, features, late, daysLate);
    }

    public int size() {
        return ids.size();
    }

    /** Rows [from, to). */
    public LabelledInvoices slice(int from, int to) {
        return new LabelledInvoices(ids.subList(from, to), dates.subList(from, to),
                java.util.Arrays.copyOfRange(amounts, from, to), features.subList(from, to),
                java.util.Arrays.copyOfRange(late, from, to), java.util.Arrays.copyOfRange(daysLate, from, to));
    }

    /**
     * At most {@code max} rows spread evenly over the whole window, oldest first (row floor(i x size / max) for each
     * i below max): all of them when there are no more than {@code max}.
     */
    public LabelledInvoices evenlySpaced(int max) {
        if (size() <= max) {
            return this;
        }
        List<String> pickedIds = new ArrayList<>(max);
        List<LocalDate> pickedDates = new ArrayList<>(max);
        List<Map<String, Double>> pickedFeatures = new ArrayList<>(max);
        double[] pickedAmounts = new double[max];
        boolean[] pickedLate = new boolean[max];
        double[] pickedDaysLate = new double[max];
        for (int i = 0; i < max; i++) {
            int row = (int) ((long) i * size() / max);
            pickedIds.add(ids.get(row));
            pickedDates.add(dates.get(row));
            pickedFeatures.add(features.get(row));
            pickedAmounts[i] = amounts[row];
            pickedLate[i] = late[row];
            pickedDaysLate[i] = daysLate[row];
        }
        return new LabelledInvoices(pickedIds, pickedDates, pickedAmounts, pickedFeatures, pickedLate,
                pickedDaysLate);
    }

    /** A digest of what the model learned from: ids, dates, amounts and outcomes, in order. */
    public String fingerprint() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (int i = 0; i < size(); i++) {
                sha.update((ids.get(i) + "," + dates.get(i) + "," + amounts[i] + "," + late[i] + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The plain baseline: the customer's share of earlier invoices paid late, else the training late share. */
    public double[] baseline(double fallback) {
        double[] p = new double[size()];
        for (int i = 0; i < p.length; i++) {
            Double share = features.get(i).get("hist_late_share");
            p[i] = share != null ? share : fallback;
        }
        return p;
    }

    public double lateShare() {
        int n = 0;
        for (boolean b : late) {
            n += b ? 1 : 0;
        }
        return size() == 0 ? 0 : (double) n / size();
    }
}
