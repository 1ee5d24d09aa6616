package io.arscope.run;

import java.util.List;
import java.util.function.LongSupplier;

import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;

import scala.collection.JavaConverters;

/** Passes what Spark's scheduler reports (jobs, stages, finished tasks and their metrics) to a {@link ProgressState}. */
final class ProgressListener extends SparkListener {
    private static final String JOB_DESCRIPTION = "spark.job.description";

    private final ProgressState state;
    private final LongSupplier clock;

    ProgressListener(ProgressState state, LongSupplier clock) {
        this.state = state;
        this.clock = clock;
    }

    @Override
    public void onJobStart(SparkListenerJobStart jobStart) {
        List<Integer> stages = JavaConverters.seqAsJavaList(jobStart.stageInfos()).stream().map(StageInfo::stageId)
                .toList();
        String description = jobStart.properties() == null ? null
                : jobStart.properties().getProperty(JOB_DESCRIPTION);
        state.jobStarted(stages, description);
    }

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted submitted) {
        StageInfo stage = submitted.stageInfo();
        state.stageSubmitted(stage.stageId(), stage.name(), stage.numTasks(), clock.getAsLong());
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
        TaskMetrics metrics = taskEnd.taskMetrics();
        boolean succeeded = taskEnd.taskInfo() != null && taskEnd.taskInfo().successful() && metrics != null;
        state.taskEnded(taskEnd.stageId(), succeeded, succeeded ? metrics.inputMetrics().recordsRead() : 0,
                succeeded ? metrics.outputMetrics().recordsWritten() : 0);
    }

    @Override
    public void onStageCompleted(SparkListenerStageCompleted completed) {
        state.stageCompleted(completed.stageInfo().stageId());
    }
}
