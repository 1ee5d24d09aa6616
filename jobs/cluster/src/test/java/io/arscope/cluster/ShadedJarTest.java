package io.arscope.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The jar for spark-submit holds the jobs and every library they need that Spark does not ship, and nothing
 * of Spark or Scala, whose versions must be the cluster's.
 */
class ShadedJarTest {

    private static List<String> entries;
    private static String mainClass;

    @BeforeAll
    static void readJar() throws IOException {
        try (JarFile jar = new JarFile(System.getProperty("arscope.cluster.jar"))) {
            entries = jar.stream().map(ZipEntry::getName).toList();
            mainClass = jar.getManifest().getMainAttributes().getValue("Main-Class");
        }
    }

    /**
     * Delta Lake, which the jobs carry for the lake of daily loads, puts its classes in Spark's packages
     * ({@code org/apache/spark/sql/delta/}, a few in catalyst's); none of them may be one of Spark's own.
     */
    @Test
    void leavesSparkAndScalaToTheCluster() throws IOException {
        Set<String> spark = new HashSet<>();
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(Path.of(System.getProperty("arscope.spark.home"),
                "jars"), "*.jar")) {
            for (Path jar : jars) {
                try (JarFile file = new JarFile(jar.toFile())) {
                    file.stream().map(ZipEntry::getName).filter(e -> e.endsWith(".class")).forEach(spark::add);
                }
            }
        }
        assertTrue(spark.contains("org/apache/spark/sql/SparkSession.class"), "Spark's jars not found");
        assertEquals(List.of(), entries.stream().filter(spark::contains).limit(5).toList(),
                "classes of Spark's own jars");
        assertTrue(entries.contains("org/apache/spark/sql/delta/DeltaLog.class"), "Delta missing");
        assertNoClassesBut("org/apache/spark/", "org/apache/spark/sql/delta/", "org/apache/spark/sql/catalyst/",
                "org/apache/spark/sql/execution/streaming/IncrementalExecutionShims",
                "org/apache/spark/sql/util/ScalaExtensions");
        assertNone("scala/");
        assertNone("com/fasterxml/jackson/databind/");
        assertNone("org/apache/commons/math3/");
    }

    @Test
    void holdsTheJobsAndTheirLibraries() {
        assertEquals("io.arscope.cli.Arscope", mainClass);
        for (String entry : List.of("io/arscope/cli/Arscope.class", "io/arscope/model/", "io/arscope/samples/",
                "picocli/CommandLine.class", "org/yaml/snakeyaml/", "com/fasterxml/jackson/dataformat/yaml/",
                "org/tribuo/Model.class", "org/tribuo/classification/xgboost/", "ml/dmlc/xgboost4j/java/Booster.class",
                "lib/linux/x86_64/libxgboost4j.so")) {
            assertTrue(entries.stream().anyMatch(e -> e.startsWith(entry)), entry + " missing");
        }
    }

    /** Tribuo's model files need protobuf 3; relocated, a cluster's older protobuf cannot shadow it. */
    @Test
    void relocatesProtobuf() {
        assertNone("com/google/protobuf/");
        assertTrue(entries.contains("io/arscope/shaded/com/google/protobuf/Message.class"));
    }

    @Test
    void carriesNoSignatureOfTheMergedJars() {
        assertNone("META-INF/", ".SF", ".DSA", ".RSA");
    }

    /** No class under {@code prefix} but under the {@code allowed} prefixes. */
    private void assertNoClassesBut(String prefix, String... allowed) {
        List<String> found = entries.stream().filter(e -> e.startsWith(prefix) && e.endsWith(".class"))
                .filter(e -> List.of(allowed).stream().noneMatch(e::startsWith)).limit(5).toList();
        assertEquals(List.of(), found, "unexpected entries under " + prefix);
    }

    private void assertNone(String prefix, String... suffixes) {
        List<String> found = entries.stream().filter(e -> e.startsWith(prefix))
                .filter(e -> suffixes.length == 0 || List.of(suffixes).stream().anyMatch(e::endsWith))
                .limit(5).toList();
        assertEquals(List.of(), found, "unexpected entries under " + prefix);
    }
}
