package io.sparkforecast.ops;

import java.util.function.Supplier;
import org.slf4j.Logger;

/** Runs a job's stages and logs one line per stage with its duration (at INFO from one second). */
public final class Stages {
    private final Logger log;
    private final String job;

    public Stages(Logger log, String job) {
        this.log = log;
        this.job = job;
    }

    public <T> T time(String stage, Supplier<T> work) {
        long started = System.nanoTime();
        T result = work.get();
        double seconds = (System.nanoTime() - started) / 1e9;
        // Stages that take a second or more are what a user waits for; the rest only at DEBUG.
        if (seconds >= 1.0) {
            log.info("{}: stage '{}' took {} s", job, stage, String.format("%.1f", seconds));
        } else {
            log.debug("{}: stage '{}' took {} s", job, stage, String.format("%.1f", seconds));
        }
        return result;
    }

    public void time(String stage, Runnable work) {
        time(stage, () -> {
            work.run();
            return null;
        });
    }
}
