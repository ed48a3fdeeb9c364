package io.sparkforecast.ops;

import java.util.List;

/**
 * A job of the command line (generate, prepare, train, tune, evaluate, score), built from its
 * SparkSession and resolved configuration: its dry run checks the inputs and says what a run
 * would do; its run does it and returns what the job summary reports.
 */
public interface Job<R extends JobResult> {
    /** The checks of a run without its work: one line per thing it would read, build or write. */
    List<String> dryRun();

    R run();
}
