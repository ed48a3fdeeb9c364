package io.sparkforecast.core;

import java.util.Arrays;

/**
 * The values of a window in ascending order (as {@link Arrays#sort(double[])} orders them),
 * kept up to date while the window slides: when a window is the previous one moved on by one
 * value, one value leaves the sorted copy and one enters it, instead of sorting the whole
 * window again (robust scaling sorted every 30-value window of prepare: a tenth of its sample
 * writing). Any other window is sorted in full. Holds state: one instance per sequence of
 * windows, in one thread.
 */
public final class SlidingSort {
    private double[] previous = new double[0];
    private double[] sorted = new double[0];

    /** The window's values sorted; the array is this object's, valid until the next call. */
    public double[] sort(double[] window) {
        if (window.length == previous.length && window.length > 0 && movedOnByOne(window)) {
            replace(previous[0], window[window.length - 1]);
            System.arraycopy(window, 0, previous, 0, window.length);
        } else {
            previous = window.clone();
            sorted = window.clone();
            Arrays.sort(sorted);
        }
        return sorted;
    }

    /** True when window[i] is previous[i + 1] for every i but the last (as the sort compares them). */
    private boolean movedOnByOne(double[] window) {
        for (int i = 0; i + 1 < window.length; i++) {
            if (Double.compare(window[i], previous[i + 1]) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Takes one copy of {@code leaving} out of the sorted values and puts {@code entering} in its place in order. */
    private void replace(double leaving, double entering) {
        int at = Arrays.binarySearch(sorted, leaving);
        int n = sorted.length;
        // Shift the values between the freed slot and the new value's place by one towards the slot.
        while (at + 1 < n && Double.compare(sorted[at + 1], entering) < 0) {
            sorted[at] = sorted[at + 1];
            at++;
        }
        while (at > 0 && Double.compare(sorted[at - 1], entering) > 0) {
            sorted[at] = sorted[at - 1];
            at--;
        }
        sorted[at] = entering;
    }
}
