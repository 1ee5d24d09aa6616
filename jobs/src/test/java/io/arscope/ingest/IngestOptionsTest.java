package io.arscope.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class IngestOptionsTest {

    private static IngestOptions withLake(String lake) {
        return new IngestOptions("in", Path.of("m.yaml"), "out", LocalDate.of(2026, 10, 31), 0.05, null, null,
                ValueBounds.DEFAULT, null, lake);
    }

    @Test
    void aLakeLocationCarryingCredentialsIsRefusedWithoutRepeatingThem() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> withLake("s3a://AKIAEXAMPLE:s3cr3t@bucket/lake"));
        assertEquals("the lake's location carries credentials; remove them and give them to Hadoop's configuration "
                + "(core-site.xml or spark.hadoop.* settings) instead", refused.getMessage());
        assertEquals("s3a://bucket/lake", withLake("s3a://bucket/lake").lake());
    }
}
