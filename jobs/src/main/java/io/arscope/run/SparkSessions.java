package io.arscope.run;

import java.util.Map;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark session every job runs in. Under spark-submit the master and resources come from the submit
 * command; run from the command line without one, the job runs embedded in local mode on all cores, with no
 * service to start.
 */
public final class SparkSessions {

    private SparkSessions() {
    }

    /**
     * A session for one command: stopped on close only if the command started it, so that a command run inside
     * a process that already has a session (a test suite, a notebook, an orchestrator) leaves it running.
     */
    public record Scoped(SparkSession session, boolean owned) implements AutoCloseable {
        @Override
        public void close() {
            if (owned) {
                session.stop();
            }
        }
    }

    /** {@link #create} wrapped as a {@link Scoped} session. */
    public static Scoped open(String appName, String master) {
        if (SparkSession.getDefaultSession().isDefined()) {
            // Taken as it is: a builder would only warn that its settings cannot apply to a running session.
            return new Scoped(SparkSession.getDefaultSession().get(), false);
        }
        return new Scoped(create(appName, master), true);
    }

    /**
     * @param appName shown in Spark's logs and UI
     * @param master  a Spark master URL to force, or null to keep spark-submit's (local[*] when there is none)
     */
    public static SparkSession create(String appName, String master) {
        SparkConf conf = new SparkConf().setAppName(appName);
        if (master != null) {
            conf.setMaster(checkedMaster(master));
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        if (conf.get("spark.master").startsWith("local")) {
            LOCAL_SETTINGS.forEach(conf::setIfMissing);
            conf.setIfMissing("spark.sql.shuffle.partitions", "16");
        }
        return configure(SparkSession.builder().config(conf)).getOrCreate();
    }

    /**
     * {@code master} when it is one of the master URLs Spark reads; else a usage error (exit 2), which Spark would
     * raise as an unexpected failure (exit 1, and a scheduler's retry) after logging its stack trace.
     */
    static String checkedMaster(String master) {
        if (!MASTER.matcher(master).matches()) {
            throw new IllegalArgumentException("--master '" + master + "' is not a Spark master URL: local, local[4], "
                    + "local[*], spark://host:7077, yarn, k8s://https://host:443 or mesos://host:5050");
        }
        return master;
    }

    private static final java.util.regex.Pattern MASTER = java.util.regex.Pattern.compile(
            "local|local\\[(\\*|[1-9][0-9]*)(, *[0-9]+)?]|local-cluster\\[[0-9]+, *[0-9]+, *[0-9]+]"
                    + "|yarn|(spark|k8s|mesos)://\\S+");

    /**
     * Settings for a session embedded in one process, where no one opens Spark's UI. Spark still describes every
     * query's plan for the UI when it starts and again each time adaptive execution re-plans it; in the default
     * "formatted" mode that description, and its redaction, took a third of a small run's driver time. The simple
     * mode keeps a description (in event logs, for one who enables them) at a fraction of the cost. A month-partitioned
     * table of three years has 36 folders, and above 32 Spark lists folders in a job of one task per folder: on one
     * machine the listing is quicker done in place (a sample run ran 33 such jobs). Delta rebuilds a table's state
     * from its log in 50 tasks by default, each a few milliseconds of work for a lake's logs on one machine. Local
     * files are written through {@link InProcessLocalFileSystem}, which sets their permissions without a process per
     * file.
     */
    public static final Map<String, String> LOCAL_SETTINGS = Map.of(
            "spark.ui.enabled", "false",
            "spark.driver.host", "127.0.0.1",
            "spark.sql.ui.explainMode", "simple",
            "spark.sql.sources.parallelPartitionDiscovery.threshold", "1024",
            "spark.databricks.delta.snapshotPartitions", "2",
            "spark.hadoop.fs.file.impl", InProcessLocalFileSystem.class.getName());

    /**
     * Settings Arscope's code relies on, whoever builds the session (tests included). Dates are calendar days:
     * the session time zone is UTC so that no zone shifts them. Spark redacts the settings, URLs and key-values that
     * {@link Secrets} redacts from its UI, event logs and explain output. ANSI mode makes an overflow, a cast that
     * loses a value or a division by zero an error instead of a null, so that no figure is silently missing; where a
     * null is the right answer the code says so itself. Delta's extension and catalog let a session merge into
     * and time-travel the lake of incremental loads; a session that reads no lake never touches them. Delta answers
     * a MIN or MAX from its file statistics with {@code java.sql.Date} values whatever the session's date API,
     * which breaks code reading {@code LocalDate}: the tables are read instead. A lake's tables keep their log
     * for a century: Delta's default of 30 days would drop the older versions that reproduce older runs.
     */
    public static final Map<String, String> SETTINGS = Map.ofEntries(
            Map.entry("spark.sql.session.timeZone", "UTC"),
            Map.entry("spark.sql.datetime.java8API.enabled", "true"),
            Map.entry("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS"),
            Map.entry("spark.sql.sources.partitionOverwriteMode", "static"),
            Map.entry("spark.redaction.regex", Secrets.SPARK_KEY_REGEX),
            Map.entry("spark.sql.redaction.string.regex", Secrets.SPARK_STRING_REGEX),
            Map.entry("spark.sql.ansi.enabled", "true"),
            Map.entry("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension"),
            Map.entry("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog"),
            Map.entry("spark.databricks.delta.optimizeMetadataQuery.enabled", "false"),
            Map.entry("spark.databricks.delta.properties.defaults.logRetentionDuration", "interval 36500 days"));

    /** Applies {@link #SETTINGS}. */
    public static SparkSession.Builder configure(SparkSession.Builder builder) {
        SETTINGS.forEach(builder::config);
        return builder;
    }
}
