package io.arscope.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.arscope.run.SparkSessions;

/**
 * Compares two published outputs of {@code arscope run} (or of one command) file by file, to show a change of code
 * left them as they were: every Parquet table has the same schema and the same rows in the same order, every other
 * file the same bytes, and every JSON manifest the same content once what must differ between two runs is taken
 * out (times, durations, versions, run folder names). Model files (Tribuo's binary form carries its creation time)
 * are compared through the model's manifest and the scores made with them.
 *
 * <pre>java ... io.arscope.bench.CompareRuns expected-folder actual-folder</pre>
 *
 * Prints one line per difference and a count; exits 1 when anything differs.
 */
public final class CompareRuns {

    /** Keys whose values differ between any two runs. */
    private static final Set<String> VOLATILE = Set.of("started", "finished", "seconds", "arscope_version",
            "java_version", "spark_version", "jar", "jar_sha256", "classes", "code", "fingerprint", "run", "resumed",
            "created", "trained_at", "trained-at", "spark_master");

    private CompareRuns() {
    }

    public static void main(String[] args) throws IOException {
        Path expected = Path.of(args[0]).toRealPath();
        Path actual = Path.of(args[1]).toRealPath();
        SparkSession spark = SparkSessions.create("compare-runs", "local[2]");
        List<String> differences = new ArrayList<>();
        Set<Path> tables = new TreeSet<>();
        Set<Path> files = new TreeSet<>();
        collect(expected, tables, files);
        Set<Path> actualTables = new TreeSet<>();
        Set<Path> actualFiles = new TreeSet<>();
        collect(actual, actualTables, actualFiles);
        if (!tables.equals(actualTables)) {
            differences.add("tables differ: " + tables + " vs " + actualTables);
        }
        if (!files.equals(actualFiles)) {
            differences.add("files differ: " + files + " vs " + actualFiles);
        }
        int compared = 0;
        for (Path table : tables) {
            if (!actualTables.contains(table)) {
                continue;
            }
            var want = spark.read().parquet(expected.resolve(table).toString());
            var got = spark.read().parquet(actual.resolve(table).toString());
            if (!want.schema().equals(got.schema())) {
                differences.add(table + ": schema " + want.schema().simpleString() + " vs " + got.schema()
                        .simpleString());
                continue;
            }
            // Spark reads a partitioned table's files larger first, in no set order among equal sizes: rows are
            // compared partition by partition, each partition's rows in the order its file holds them.
            List<String> w = byPartition(want);
            List<String> g = byPartition(got);
            if (!w.equals(g)) {
                boolean sameRows = w.stream().sorted().toList().equals(g.stream().sorted().toList());
                differences.add(table + (sameRows ? ": the same rows in another order"
                        : ": rows differ (" + w.size() + " vs " + g.size() + ")"));
            }
            compared++;
        }
        ObjectMapper json = new ObjectMapper();
        for (Path file : files) {
            if (!actualFiles.contains(file)) {
                continue;
            }
            byte[] w = Files.readAllBytes(expected.resolve(file));
            byte[] g = Files.readAllBytes(actual.resolve(file));
            String name = file.getFileName().toString();
            if (name.endsWith(".tribuo")) {
                continue;
            }
            if (name.endsWith(".json")) {
                JsonNode a = stable(json.readTree(new String(w).replace(expected.toString(), "<run>")));
                JsonNode b = stable(json.readTree(new String(g).replace(actual.toString(), "<run>")));
                if (!a.equals(b)) {
                    differences.add(file + ": manifests differ\n  " + shorten(a) + "\n  " + shorten(b));
                }
            } else if (!java.util.Arrays.equals(w, g)) {
                differences.add(file + ": bytes differ");
            }
            compared++;
        }
        differences.forEach(System.out::println);
        System.out.printf("%d tables and %d files compared, %d differences%n", tables.size(), compared
                - tables.size(), differences.size());
        spark.stop();
        System.exit(differences.isEmpty() ? 0 : 1);
    }

    /** Parquet tables (folders holding .parquet files) and other files, relative to the root; Spark's markers left out. */
    private static void collect(Path root, Set<Path> tables, Set<Path> files) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                String name = p.getFileName().toString();
                if (Files.isDirectory(p) || name.startsWith(".") || name.equals("_SUCCESS")
                        || name.equals("_step.json") || p.toString().contains("/logs/")) {
                    continue;
                }
                if (name.endsWith(".parquet")) {
                    Path table = p.getParent();
                    while (table.getFileName().toString().contains("=")) {
                        table = table.getParent();
                    }
                    tables.add(root.relativize(table));
                } else {
                    files.add(root.relativize(p));
                }
            }
        }
    }

    /** The rows in file order, files in partition order (a stable sort keeps each file's own order). */
    private static List<String> byPartition(org.apache.spark.sql.Dataset<Row> table) {
        String file = "_compare_file";
        return table.withColumn(file, org.apache.spark.sql.functions.regexp_extract(
                org.apache.spark.sql.functions.input_file_name(), "(/[^/]+=[^/]+)*/[^/]+$", 0)).collectAsList()
                .stream().sorted(java.util.Comparator.comparing((Row r) -> {
                    String path = r.getAs(file);
                    return path.substring(0, path.lastIndexOf('/'));
                })).map(r -> java.util.stream.IntStream.range(0, r.size() - 1).mapToObj(i -> String.valueOf(r.get(i)))
                        .toList().toString()).toList();
    }

    private static String shorten(JsonNode node) {
        String text = node.toString();
        return text.length() <= 400 ? text : text.substring(0, 400) + "...";
    }

    /** The manifest without the values that differ between any two runs. */
    private static JsonNode stable(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = ((ObjectNode) node).deepCopy();
            if (copy.has("labels_as_of")) {
                // A model's digest covers Tribuo's files, which carry the time they were trained.
                copy.remove("sha256");
            }
            Iterator<Map.Entry<String, JsonNode>> fields = copy.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (VOLATILE.contains(f.getKey())) {
                    fields.remove();
                } else {
                    f.setValue(stable(f.getValue()));
                }
            }
            return copy;
        }
        if (node.isArray()) {
            var copy = node.deepCopy();
            for (int i = 0; i < copy.size(); i++) {
                ((com.fasterxml.jackson.databind.node.ArrayNode) copy).set(i, stable(copy.get(i)));
            }
            return copy;
        }
        return node;
    }
}
