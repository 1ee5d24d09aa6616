package io.arscope.alerts;

import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Alert rows as one line each, every column in order separated by " | ", for exact comparison. */
final class AlertRows {

    private AlertRows() {
    }

    static List<String> shown(Dataset<Row> alerts) {
        return AlertsTables.ALERTS.conform(alerts).orderBy(AlertsTables.order()).collectAsList().stream()
                .map(AlertRows::shown).toList();
    }

    static String shown(Row r) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < r.length(); i++) {
            line.append(i == 0 ? "" : " | ").append(r.get(i) instanceof java.math.BigDecimal b ? b.toPlainString()
                    : String.valueOf(r.get(i)));
        }
        return line.toString();
    }
}
