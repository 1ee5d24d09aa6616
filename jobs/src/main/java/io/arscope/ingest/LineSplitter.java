package io.arscope.ingest;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits one CSV line into fields: the delimiter separates, double quotes enclose fields that hold the
 * delimiter, and a doubled quote inside quotes is a quote. A record that spans several lines (a quoted line
 * break) is not supported and comes back as malformed rather than misread.
 */
final class LineSplitter implements Serializable {
    private final char delimiter;

    LineSplitter(char delimiter) {
        this.delimiter = delimiter;
    }

    /** The fields of the line, or null when its quotes do not balance. */
    List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == delimiter) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
            i++;
        }
        if (quoted) {
            return null;
        }
        fields.add(field.toString());
        return fields;
    }
}
