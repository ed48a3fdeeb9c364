package io.sparkforecast.input;

/** Series values as classes for classification: whole numbers 0 .. classes - 1. */
public final class ClassValues {
    private ClassValues() {
    }

    /** The class a value stands for; anything else is an error naming the value (the loader rejects such rows). */
    public static int classOf(double value, int classes) {
        if (value != Math.rint(value) || value < 0 || value >= classes) {
            throw new IllegalArgumentException("value " + value + " is not a class 0.." + (classes - 1));
        }
        return (int) value;
    }
}
