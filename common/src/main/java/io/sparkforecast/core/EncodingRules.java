package io.sparkforecast.core;

/**
 * The rules that bind a window's encoding settings, stated once: for the encoder (which refuses
 * a combination outright) and for the config (which names the keys to change).
 */
public final class EncodingRules {
    private EncodingRules() {
    }

    /** Relative scaling divides by the window's first value: undifferenced values of a forecasting task only. */
    public static boolean scalingTakes(ValueScaling scaling, int differenceLag, boolean classifies) {
        if (scaling == ValueScaling.RELATIVE && (differenceLag > 0 || classifies)) {
            return false;
        }
        return !(scaling.perWindow() && classifies);
    }

    /** A baseline is corrected in window units: it needs a per-window scaling. */
    public static boolean baselineTakes(ValueScaling scaling) {
        return scaling.perWindow();
    }

    /**
     * A stateful network walks each series step by step: MinMax-scaled forecasting inputs as time
     * steps, at least a lookback of them.
     */
    public static boolean statefulTakes(ValueScaling scaling, boolean classifies, WindowLayout layout,
                                        int stateHistory, int lookback) {
        return scaling == ValueScaling.MINMAX && !classifies && layout == WindowLayout.TIME_STEPS
                && stateHistory >= lookback;
    }
}
