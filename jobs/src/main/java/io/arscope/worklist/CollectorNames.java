package io.arscope.worklist;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.univocity.parsers.common.TextParsingException;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;

import io.arscope.job.UsageException;
import io.arscope.run.EmlMessage;

/**
 * Who the collectors are, for the reminder drafts they sign: a collector's name, e-mail address and phone number by
 * the id the data names it with (an ERP's login such as {@code ana.ruiz}), read from a CSV file given with
 * {@code --collectors}. The receivables data itself holds only the id, and a customer should not receive a letter
 * signed "ana.ruiz". A collector the file does not name signs with its id, as without the file. The collectors'
 * pages, summaries and the team page show the name beside the id; the CSVs and tables keep the id alone.
 *
 * <p>The file has a header naming the columns {@code collector} and {@code name} (both required in every row) and,
 * optionally, {@code email} and {@code phone}; other columns are refused, as a misspelt one would otherwise be
 * ignored. Anything wrong is refused before the run starts, naming the file, the line and the column.
 */
public final class CollectorNames {

    /** The column of the id the data names the collector with. */
    static final String COLLECTOR = "collector";
    static final String NAME = "name";
    static final String EMAIL = "email";
    static final String PHONE = "phone";
    private static final List<String> COLUMNS = List.of(COLLECTOR, NAME, EMAIL, PHONE);
    /** An address a mail program can send to: no spaces, one @, a dot in the domain. */
    private static final Pattern ADDRESS = Pattern.compile("[^\\s@]+@[^\\s@]+\\.[^\\s@]+");

    /** No file: every collector signs with its id. */
    public static final CollectorNames NONE = new CollectorNames(null, Map.of());

    /** How a collector signs: a name, and an address and a phone number when the file gives them (else empty). */
    public record Signature(String name, String email, String phone) {
    }

    private final String file;
    private final Map<String, Signature> byCollector;

    private CollectorNames(String file, Map<String, Signature> byCollector) {
        this.file = file;
        this.byCollector = byCollector;
    }

    /**
     * Reads the collectors file: UTF-8 CSV with a header.
     *
     * @throws UsageException naming the file, and the line and column of what is wrong
     */
    public static CollectorNames read(Path file) throws UsageException {
        String text;
        try {
            text = Utf8Text.of(Files.readAllBytes(file));
        } catch (CharacterCodingException e) {
            throw new UsageException("collectors file " + file + " is not UTF-8 text");
        } catch (IOException e) {
            throw new UsageException("cannot read collectors file " + file + ": " + UsageException.reason(e));
        }
        List<String[]> rows;
        try {
            rows = parser().parseAll(new StringReader(text));
        } catch (TextParsingException e) {
            throw new UsageException("collectors file " + file + ": line " + (e.getLineIndex() + 1)
                    + " cannot be read as CSV");
        }
        if (rows.isEmpty() || blank(rows.get(0))) {
            throw new UsageException("collectors file " + file + " is empty: its first line names the columns "
                    + COLUMNS);
        }
        List<String> header = new ArrayList<>();
        for (String h : rows.get(0)) {
            String column = h == null ? "" : h.strip().toLowerCase(Locale.ROOT);
            if (!COLUMNS.contains(column)) {
                throw new UsageException("collectors file " + file + ", line 1: unknown column '" + oneLine(h)
                        + "' (the columns are " + COLUMNS + ")");
            }
            if (header.contains(column)) {
                throw new UsageException("collectors file " + file + ", line 1: column '" + column + "' twice");
            }
            header.add(column);
        }
        for (String required : List.of(COLLECTOR, NAME)) {
            if (!header.contains(required)) {
                throw new UsageException("collectors file " + file + ", line 1: no column '" + required + "'");
            }
        }
        Map<String, Signature> byCollector = new TreeMap<>();
        for (int i = 1; i < rows.size(); i++) {
            String[] row = rows.get(i);
            // Each record is one line (a break inside a field is refused below), so its index is its line.
            int line = i + 1;
            if (blank(row)) {
                continue;
            }
            if (Arrays.stream(row).anyMatch(v -> v != null && (v.contains("\n") || v.contains("\r")))) {
                throw new UsageException("collectors file " + file + ", line " + line + ": a field holds a line "
                        + "break");
            }
            if (row.length > header.size()) {
                throw new UsageException("collectors file " + file + ", line " + line + ": " + row.length
                        + " fields, but the header names " + header.size() + " columns");
            }
            String collector = value(row, header, COLLECTOR);
            String where = "collectors file " + file + ", line " + line;
            if (collector.isEmpty()) {
                throw new UsageException(where + ": column 'collector' is empty");
            }
            String name = value(row, header, NAME);
            if (name.isEmpty()) {
                throw new UsageException(where + ": column 'name' is empty for collector '" + collector + "'");
            }
            String email = value(row, header, EMAIL);
            if (!email.isEmpty() && !ADDRESS.matcher(email).matches()) {
                throw new UsageException(where + ": column 'email' is not an e-mail address: '" + email + "'");
            }
            if (byCollector.put(collector, new Signature(name, email, value(row, header, PHONE))) != null) {
                throw new UsageException(where + ": collector '" + collector + "' is named twice");
            }
        }
        return new CollectorNames(file.toString(), Collections.unmodifiableMap(byCollector));
    }

    /** The signature of a collector the file names; empty for one it does not, or without a file. */
    public Optional<Signature> of(String collector) {
        return Optional.ofNullable(byCollector.get(collector));
    }

    /**
     * How pages and summaries title a collector: the name with the id the data and the files key on, "Ana Ruiz
     * (ana.ruiz)"; the id alone for a collector the file does not name.
     */
    public String shown(String collector) {
        Signature s = byCollector.get(collector);
        return s == null ? collector : s.name() + " (" + collector + ")";
    }

    /** The collectors of {@code collectors} the file does not name, sorted; none without a file. */
    public List<String> unnamed(Collection<String> collectors) {
        if (file == null) {
            return List.of();
        }
        return new ArrayList<>(new TreeSet<>(collectors.stream().filter(c -> !byCollector.containsKey(c)).toList()));
    }

    /** The file read, or null for none. */
    public String file() {
        return file;
    }

    /** How many collectors the file names. */
    public int size() {
        return byCollector.size();
    }

    /** Whether a record holds nothing: a blank line. */
    private static boolean blank(String[] row) {
        return Arrays.stream(row).allMatch(v -> v == null || v.isBlank());
    }

    /** A cell as one line of plain text, stripped; empty when missing. */
    private static String value(String[] row, List<String> header, String column) {
        int at = header.indexOf(column);
        return at < 0 || at >= row.length || row[at] == null ? "" : oneLine(row[at]).strip();
    }

    private static String oneLine(String text) {
        return text == null ? "" : EmlMessage.oneLine(text);
    }

    private static CsvParser parser() {
        CsvParserSettings settings = new CsvParserSettings();
        settings.getFormat().setLineSeparator("\n");
        settings.setLineSeparatorDetectionEnabled(true);
        settings.setSkipEmptyLines(false);
        settings.setIgnoreLeadingWhitespaces(false);
        settings.setIgnoreTrailingWhitespaces(false);
        settings.setMaxCharsPerColumn(4096);
        settings.setErrorContentLength(0);
        return new CsvParser(settings);
    }
}
