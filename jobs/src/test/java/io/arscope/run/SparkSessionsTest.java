package io.arscope.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * {@code --master bogus} ended with exit 1 after Spark's stack trace ("Could not parse Master URL"), so a scheduler
 * retried what could never run; it is a usage error, said before Spark starts.
 */
class SparkSessionsTest {

    @Test
    void theMasterUrlsSparkReadsPassAndOthersAreUsageErrors() {
        for (String master : List.of("local", "local[*]", "local[2]", "local[4, 3]", "local-cluster[2, 1, 1024]",
                "spark://host:7077", "spark://a:7077,b:7077", "yarn", "k8s://https://host:443", "mesos://host:5050")) {
            assertEquals(master, SparkSessions.checkedMaster(master));
        }
        for (String master : List.of("bogus", "local[0]", "local[two]", "spark:/host", "yarn-cluster", "")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SparkSessions.checkedMaster(master), master);
            assertEquals("--master '" + master + "' is not a Spark master URL: local, local[4], local[*], "
                    + "spark://host:7077, yarn, k8s://https://host:443 or mesos://host:5050", e.getMessage());
        }
    }
}
