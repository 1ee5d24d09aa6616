package io.arscope.risk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * How the model's probabilities of paying late were spread over the invoices open at the end of the day it was
 * trained as of, scored as a score run on that day scores them, written beside the model as {@value #FILE}: the
 * reference a later run's scores are compared with for drift (the population stability index of the alerts), so that
 * like is compared with like. A reference of the validation invoices on their issue dates (models trained before
 * 2026-12-06, and a day with nothing open) made the first run after training report a significant shift: an open
 * book holds the long-overdue invoices, whose risk is high, that issue dates never do. The bins are the reference's
 * deciles, so each holds about a tenth of it; tied deciles merge.
 *
 * @param invoices the invoices scored
 * @param edges    upper bounds of every bin but the last, ascending: a probability p falls in the first bin whose
 *                 edge is at least p, or in the last bin when it exceeds them all
 * @param shares   the share of the invoices in each bin, one more than the edges
 * @param openOn   the day whose open invoices were scored; null for a reference of the validation invoices
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ScoreReference(long invoices, List<Double> edges, List<Double> shares,
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        String openOn) {

    public static final String FILE = "score-reference.json";
    /** The bins the reference is cut into, at most: deciles. */
    static final int BINS = 10;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The reference of {@code probabilities}, each as the scores store it ({@link ScoreTables#probability}). */
    public static ScoreReference of(double[] probabilities, String openOn) {
        double[] sorted = Arrays.stream(probabilities).map(ScoreTables::probability).sorted().toArray();
        List<Double> edges = new ArrayList<>();
        for (int i = 1; i < BINS; i++) {
            double edge = sorted[(int) Math.ceil((double) i * sorted.length / BINS) - 1];
            if ((edges.isEmpty() || edge > edges.get(edges.size() - 1)) && edge < sorted[sorted.length - 1]) {
                edges.add(edge);
            }
        }
        long[] counts = counts(edges, sorted);
        List<Double> shares = Arrays.stream(counts).mapToObj(c -> (double) c / sorted.length).toList();
        return new ScoreReference(sorted.length, edges, shares, openOn);
    }

    /** How many of {@code probabilities} fall in each bin of {@code edges}. */
    public static long[] counts(List<Double> edges, double[] probabilities) {
        long[] counts = new long[edges.size() + 1];
        for (double p : probabilities) {
            int bin = 0;
            while (bin < edges.size() && p > edges.get(bin)) {
                bin++;
            }
            counts[bin]++;
        }
        return counts;
    }

    /**
     * The reference of the model's probabilities of the invoices open at the end of {@code day} ({@code open}: rows
     * of {@link RiskFeatures#SCHEMA}, as {@link RiskFeatures#openOn} gives them); of its validation window when
     * nothing was open.
     */
    static ScoreReference of(org.apache.spark.sql.SparkSession spark, RiskTrainer.Result result,
            org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> open, java.time.LocalDate day) {
        double[] scored = RiskScoring.score(spark, open, result.model(), null)
                .select(ScoreTables.PROBABILITY_LATE.col()).collectAsList().stream()
                .mapToDouble(r -> r.getDouble(0)).toArray();
        return scored.length > 0 ? of(scored, day.toString())
                : of(result.model().probabilities(result.validation().features()), null);
    }

    /** Writes {@code reference} into the model directory. */
    static void write(Path dir, ScoreReference reference) throws IOException {
        Files.writeString(dir.resolve(FILE), JSON.writeValueAsString(reference));
    }

    /** The reference a model directory holds; empty for one trained before references were written. */
    public static Optional<ScoreReference> read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        return Files.isRegularFile(file) ? Optional.of(JSON.readValue(file.toFile(), ScoreReference.class))
                : Optional.empty();
    }
}
