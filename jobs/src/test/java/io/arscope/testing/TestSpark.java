package io.arscope.testing;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import com.holdenkarau.spark.testing.JavaDataFrameSuiteBase;

import io.arscope.run.SparkSessions;

/**
 * The one Spark session all tests in a JVM share (Spark allows one context per JVM, and the first costs
 * seconds), set up as the jobs set theirs up, with spark-testing-base's DataFrame assertions on it.
 */
public final class TestSpark {

    private static JavaDataFrameSuiteBase base;

    private TestSpark() {
    }

    public static synchronized SparkSession session() {
        if (base == null) {
            JavaDataFrameSuiteBase suite = new JavaDataFrameSuiteBase() {
                @Override
                public SparkConf conf() {
                    SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("arscope-tests")
                            .set("spark.sql.shuffle.partitions", "4");
                    SparkSessions.LOCAL_SETTINGS.forEach(conf::set);
                    SparkSessions.SETTINGS.forEach(conf::set);
                    // Tests run thousands of distinct queries on a few dozen rows each: compiling each query's
                    // generated Java took a quarter of the fast tier's CPU (Janino, in a JFR profile), more than
                    // running it. Interpreted, the same expressions give the same values; the commands a test
                    // starts in a JVM of its own (ArscopeJvm) and the cluster test keep Spark's code generation, as
                    // do tests run with -Dspark.sql.codegen.wholeStage=true -Dspark.sql.codegen.factoryMode=FALLBACK
                    // in their JVM (-Dtest.jvm.flags= for the fast tier).
                    conf.setIfMissing("spark.sql.codegen.wholeStage", "false");
                    conf.setIfMissing("spark.sql.codegen.factoryMode", "NO_CODEGEN");
                    return conf;
                }

                @Override
                public boolean enableHiveSupport() {
                    return false;
                }
            };
            suite.runBefore();
            base = suite;
        }
        return base.spark();
    }

    /** Same schema and same rows in the same order; throws AssertionError showing the differences. */
    public static void assertDataFrameEquals(Dataset<Row> expected, Dataset<Row> actual) {
        session();
        base.assertDataFrameEquals(expected, actual, base.assertDataFrameEquals$default$3());
    }
}
