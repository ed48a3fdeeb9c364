package io.sparkforecast.data;

import java.time.LocalDateTime;

/**
 * A window of one series ending at grid step {@code endStep}: its raw values (oldest first),
 * the extra feature columns over the same steps, where its grid is anchored, and its scalers.
 */
public record SeriesWindow(double[] values, double[][] extras, LocalDateTime anchor, long endStep,
                           SeriesScalers scalers) {
}
