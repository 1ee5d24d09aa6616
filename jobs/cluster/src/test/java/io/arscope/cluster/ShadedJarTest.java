package io.arscope.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
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

    @Test
    void leavesSparkAndScalaToTheCluster() {
        assertNone("org/apache/spark/");
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

    private void assertNone(String prefix, String... suffixes) {
        List<String> found = entries.stream().filter(e -> e.startsWith(prefix))
                .filter(e -> suffixes.length == 0 || List.of(suffixes).stream().anyMatch(e::endsWith))
                .limit(5).toList();
        assertEquals(List.of(), found, "unexpected entries under " + prefix);
    }
}
