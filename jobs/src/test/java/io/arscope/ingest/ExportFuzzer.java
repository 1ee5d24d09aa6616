package io.arscope.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.arscope.model.CanonicalTable;
import io.arscope.model.FieldType;

/**
 * Damages a clean generated export at random, the same way for the same seed: bytes (invalid UTF-8, NUL, byte
 * order marks), quotes (unbalanced, embedded), fields (dropped, extra, emptied, swapped), encodings (Latin-1
 * bytes in a UTF-8 file), magnitudes (1E999999999, 9e15, 40-digit numbers, ...), dates (0001-01-01, 9999-12-31,
 * 30 February, other formats), lines (split, doubled, dropped, blank, cut short, 64 KB long) and, rarely,
 * the header or the whole file. Each case's ids carry a prefix of their own, so that many cases can be ingested
 * together without one case's ids meeting another's.
 */
final class ExportFuzzer {

    /** The files of the generator's export, in the order its mapping reads them. */
    static final List<String> FILES = List.of("customers.csv", "invoices.csv", "payments.csv", "adjustments.csv",
            "disputes.csv", "contacts.csv", "promises.csv", "plan_instalments.csv");

    private static final List<String> MAGNITUDES = List.of("1E999999999", "1E10000000", "9e15", "-9e15", "-0",
            "1e-400", "1E-999999999", "1234567890123456789012345678901234567890",
            "12345678901234567890123456789012345678901", "999999999999.99", "1000000000000", "0", "-5", "12.345",
            "NaN", "Infinity", "0x1F", "1,000.00", "+12.50", ".5", "5.", "1e100", "4E1000", "\u0661\u0662",
            "9".repeat(5000), "0E999999999", "2147483648", "-2147483649");
    private static final List<String> DATES = List.of("0001-01-01", "9999-12-31", "2023-02-30", "31/12/2024",
            "20240131", "2024-1-5", "1899-12-31", "1900-01-01", "2099-12-31", "2100-01-01", "+10000-01-01",
            "-0001-01-01", "45231", "1709769600", "0000-00-00", "00000000", "2024-02-29", "1582-10-04", "2024-13-01");
    private static final List<byte[]> INVALID_UTF8 = List.of(bytes(0xFF), bytes(0xC3), bytes(0xC0, 0x80),
            bytes(0xED, 0xA0, 0x80), bytes(0xE2, 0x82), bytes(0x80), bytes(0xF8, 0x88, 0x80, 0x80, 0x80));
    private static final List<String> VALID_UNICODE = List.of("é", "€", "\uD83D\uDE00", "e\u0301", "\u200B", "ß");
    private static final byte[] BYTE_ORDER_MARK = bytes(0xEF, 0xBB, 0xBF);

    /** One damaged export: its files' bytes by name, and what was done to them, for a failure's message. */
    record Case(long seed, String prefix, Map<String, byte[]> files, List<String> damage) {
        @Override
        public String toString() {
            return "seed " + seed + " (" + prefix + "): " + String.join("; ", damage);
        }
    }

    private enum Kind {
        BYTES, QUOTES, FIELDS, ENCODING, MAGNITUDE, DATE, LINES, HEADER
    }

    private final Map<String, List<String>> clean = new LinkedHashMap<>();

    /** @param cleanDir an export as the generator writes it */
    ExportFuzzer(Path cleanDir) throws IOException {
        for (String file : FILES) {
            clean.put(file, Files.readAllLines(cleanDir.resolve(file), StandardCharsets.UTF_8));
        }
    }

    /** The export as it came, each file ending in a line break. */
    Map<String, byte[]> clean() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        clean.forEach((file, lines) -> files.put(file, join(lines.stream()
                .map(l -> l.getBytes(StandardCharsets.UTF_8)).toList(), "\n", true)));
        return files;
    }

    /** The export damaged in one to four ways drawn from {@code seed}; its ids start with {@code prefix}. */
    Case damage(long seed, String prefix) {
        Random random = new Random(seed);
        Map<String, List<String>> text = new LinkedHashMap<>();
        clean.forEach((file, lines) -> text.put(file, withPrefixedIds(file, lines, prefix)));
        List<Kind> kinds = new ArrayList<>();
        int count = 1 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            // The header is damaged rarely: a case whose file cannot be read at all exercises little else.
            kinds.add(random.nextInt(40) == 0 ? Kind.HEADER : Kind.values()[random.nextInt(Kind.values().length - 1)]);
        }
        List<String> damage = new ArrayList<>();
        // Text first, then bytes: a field is found by its commas before any byte has made the line unreadable.
        List<Runnable> byteDamage = new ArrayList<>();
        Map<String, List<byte[]>> bytes = new LinkedHashMap<>();
        for (Kind kind : kinds) {
            // Rows are damaged in files that have rows; only header damage may meet a file another left bare.
            List<String> withRows = FILES.stream().filter(f -> text.get(f).size() > 1).toList();
            String file = kind == Kind.HEADER || withRows.isEmpty() ? FILES.get(random.nextInt(FILES.size()))
                    : withRows.get(random.nextInt(withRows.size()));
            List<String> lines = text.get(file);
            if (lines.isEmpty()) {
                damage.add(file + " left as it is (emptied already)");
                continue;
            }
            int line = lines.size() < 2 ? 0 : 1 + random.nextInt(lines.size() - 1);
            String where = file + ":" + (line + 1) + " ";
            switch (kind) {
                case MAGNITUDE -> damage.add(where + setField(file, lines, line, random,
                        List.of(FieldType.MONEY, FieldType.DAYS), MAGNITUDES));
                case DATE -> damage.add(where + setField(file, lines, line, random, List.of(FieldType.DATE), DATES));
                case FIELDS -> damage.add(where + fields(lines, line, random));
                case QUOTES -> damage.add(where + quotes(lines, line, random));
                case LINES -> damage.add(where + lines(lines, line, random));
                case ENCODING -> {
                    boolean valid = random.nextBoolean();
                    if (valid) {
                        String c = VALID_UNICODE.get(random.nextInt(VALID_UNICODE.size()));
                        lines.set(line, insert(lines.get(line), random, c));
                        damage.add(where + "valid UTF-8 " + escaped(c));
                    } else {
                        int latin1 = new int[] {0xE9, 0xEB, 0xFC, 0xF1, 0xA3}[random.nextInt(5)];
                        damage.add(where + String.format("Latin-1 byte %02X", latin1));
                        byteDamage.add(() -> insertBytes(bytes.get(file), line, random, bytes(latin1)));
                    }
                }
                case BYTES -> {
                    int what = random.nextInt(3);
                    byte[] inserted = what == 0 ? INVALID_UTF8.get(random.nextInt(INVALID_UTF8.size()))
                            : what == 1 ? bytes(0) : BYTE_ORDER_MARK;
                    boolean atStart = what == 2 && random.nextBoolean();
                    damage.add(where + "bytes " + hex(inserted) + (atStart ? " opening the line" : ""));
                    byteDamage.add(() -> {
                        List<byte[]> fileBytes = bytes.get(file);
                        if (atStart && !fileBytes.isEmpty()) {
                            int at = Math.min(line, fileBytes.size() - 1);
                            fileBytes.set(at, concat(inserted, fileBytes.get(at)));
                        } else {
                            insertBytes(fileBytes, line, random, inserted);
                        }
                    });
                }
                case HEADER -> damage.add(file + ":1 " + header(text, file, random, byteDamage, bytes));
            }
        }
        text.forEach((file, lines) -> bytes.put(file, new ArrayList<>(lines.stream()
                .map(l -> l.getBytes(StandardCharsets.UTF_8)).toList())));
        byteDamage.forEach(Runnable::run);
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String file : FILES) {
            int ending = random.nextInt(20);
            String newline = ending == 0 ? "\r" : ending < 4 ? "\r\n" : "\n";
            boolean trailing = random.nextInt(10) != 0;
            files.put(file, join(bytes.get(file), newline, trailing));
        }
        return new Case(seed, prefix, files, damage);
    }

    private static List<String> withPrefixedIds(String file, List<String> lines, String prefix) {
        List<String> out = new ArrayList<>();
        List<String> header = List.of(lines.get(0).split(",", -1));
        out.add(lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",", -1);
            for (int i = 0; i < fields.length; i++) {
                if (header.get(i).endsWith("_id") && !fields[i].isEmpty()) {
                    fields[i] = prefix + fields[i];
                } else if (header.get(i).endsWith("_ids") && !fields[i].isEmpty()) {
                    // A list of invoice ids: each of them is an id of the case.
                    fields[i] = java.util.Arrays.stream(fields[i].split(CanonicalTable.INVOICE_ID_SEPARATOR, -1))
                            .map(id -> prefix + id).collect(java.util.stream.Collectors.joining(
                                    CanonicalTable.INVOICE_ID_SEPARATOR));
                }
            }
            out.add(String.join(",", fields));
        }
        return out;
    }

    /** Sets a field of one of {@code types} to one of {@code values}; says what it did. */
    private static String setField(String file, List<String> lines, int line, Random random, List<FieldType> types,
            List<String> values) {
        CanonicalTable table = CanonicalTable.byName(file.replace(".csv", ""));
        List<String> header = List.of(lines.get(0).split(",", -1));
        List<Integer> columns = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            // A header damaged already may name no canonical field.
            if (table.field(header.get(i)).map(f -> types.contains(f.type())).orElse(false)) {
                columns.add(i);
            }
        }
        if (columns.isEmpty() || line == 0) {
            return "nothing (no such field)";
        }
        int column = columns.get(random.nextInt(columns.size()));
        String value = values.get(random.nextInt(values.size()));
        String[] fields = lines.get(line).split(",", -1);
        if (column < fields.length) {
            fields[column] = value;
        }
        lines.set(line, String.join(",", fields));
        return header.get(column) + "=" + (value.length() > 40 ? value.substring(0, 10) + "...(" + value.length()
                + " characters)" : escaped(value));
    }

    private static String fields(List<String> lines, int line, Random random) {
        List<String> fields = new ArrayList<>(List.of(lines.get(line).split(",", -1)));
        int a = random.nextInt(fields.size());
        int b = random.nextInt(fields.size());
        String done;
        switch (random.nextInt(4)) {
            case 0 -> {
                fields.remove(a);
                done = "field " + a + " dropped";
            }
            case 1 -> {
                fields.add(a, "extra");
                done = "extra field at " + a;
            }
            case 2 -> {
                fields.set(a, "");
                done = "field " + a + " emptied";
            }
            default -> {
                String first = fields.get(a);
                fields.set(a, fields.get(b));
                fields.set(b, first);
                done = "fields " + a + " and " + b + " swapped";
            }
        }
        lines.set(line, String.join(",", fields));
        return done;
    }

    private static String quotes(List<String> lines, int line, Random random) {
        String[] fields = lines.get(line).split(",", -1);
        int a = random.nextInt(fields.length);
        String done;
        switch (random.nextInt(4)) {
            case 0 -> {
                lines.set(line, insert(lines.get(line), random, "\""));
                return "a lone quote";
            }
            case 1 -> {
                fields[a] = "\"" + fields[a] + "\"\"x\"";
                done = "field " + a + " quoted with an embedded quote";
            }
            case 2 -> {
                fields[a] = "\"" + fields[a] + ",x\"";
                done = "field " + a + " quoted with a comma inside";
            }
            default -> {
                fields[a] = "\"" + fields[a] + "\"tail";
                done = "field " + a + " quoted, then text after the quote";
            }
        }
        lines.set(line, String.join(",", fields));
        return done;
    }

    private static String lines(List<String> lines, int line, Random random) {
        switch (random.nextInt(8)) {
            case 0 -> {
                lines.set(line, insert(lines.get(line), random, "\r"));
                return "a carriage return inside";
            }
            case 1 -> {
                lines.set(line, insert(lines.get(line), random, "\n"));
                return "a line feed inside";
            }
            case 2 -> {
                lines.add(line, random.nextBoolean() ? "" : " \t ");
                return "a blank line before";
            }
            case 3 -> {
                lines.add(line, lines.get(line));
                return "the line doubled";
            }
            case 4 -> {
                if (line > 0) {
                    lines.remove(line);
                }
                return "the line dropped";
            }
            case 5 -> {
                String l = lines.get(line);
                lines.set(line, l.substring(0, random.nextInt(l.length() + 1)));
                return "the line cut short";
            }
            case 6 -> {
                lines.set(line, lines.get(line) + "x".repeat(1 << 16));
                return "64 KB appended";
            }
            default -> {
                lines.set(line, insert(lines.get(line), random, ","));
                return "a comma inside";
            }
        }
    }

    private static String header(Map<String, List<String>> text, String file, Random random,
            List<Runnable> byteDamage, Map<String, List<byte[]>> bytes) {
        List<String> lines = text.get(file);
        switch (random.nextInt(6)) {
            case 0 -> {
                lines.set(0, lines.get(0).replaceFirst("_id", "_ID"));
                return "a column renamed";
            }
            case 1 -> {
                lines.set(0, "\"" + lines.get(0));
                return "an unbalanced quote in the header";
            }
            case 2 -> {
                byteDamage.add(() -> {
                    if (!bytes.get(file).isEmpty()) {
                        bytes.get(file).set(0, concat(BYTE_ORDER_MARK, bytes.get(file).get(0)));
                    }
                });
                return "a byte order mark opening the file";
            }
            case 3 -> {
                byteDamage.add(() -> insertBytes(bytes.get(file), 0, random, bytes(0xFF)));
                return "byte FF in the header";
            }
            case 4 -> {
                lines.subList(1, lines.size()).clear();
                return "only the header left";
            }
            default -> {
                lines.clear();
                return "the file emptied";
            }
        }
    }

    private static String insert(String line, Random random, String what) {
        int at = random.nextInt(line.length() + 1);
        return line.substring(0, at) + what + line.substring(at);
    }

    /** Inserts {@code what} at a random place of a line (the last, if lines were dropped since it was drawn). */
    private static void insertBytes(List<byte[]> lines, int line, Random random, byte[] what) {
        if (lines.isEmpty()) {
            return;
        }
        int index = Math.min(line, lines.size() - 1);
        byte[] l = lines.get(index);
        int at = random.nextInt(l.length + 1);
        byte[] out = new byte[l.length + what.length];
        System.arraycopy(l, 0, out, 0, at);
        System.arraycopy(what, 0, out, at, what.length);
        System.arraycopy(l, at, out, at + what.length, l.length - at);
        lines.set(index, out);
    }

    private static byte[] join(List<byte[]> lines, String newline, boolean trailing) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < lines.size(); i++) {
            out.writeBytes(lines.get(i));
            if (trailing || i < lines.size() - 1) {
                out.writeBytes(newline.getBytes(StandardCharsets.US_ASCII));
            }
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static String hex(byte[] bytes) {
        StringBuilder s = new StringBuilder();
        for (byte b : bytes) {
            s.append(String.format("%02X", b & 0xFF));
        }
        return s.toString();
    }

    private static String escaped(String text) {
        StringBuilder s = new StringBuilder();
        text.chars().forEach(c -> s.append(c < 0x20 || c > 0x7E ? String.format("\\u%04X", c)
                : String.valueOf((char) c)));
        return s.toString();
    }
}
