package io.sparkforecast.input;

import java.io.Serializable;

/**
 * The series values a model can take, checked when the series table is read.
 *
 * @param classes 0 for any finite value; else the values must be the classes 0 .. classes - 1
 * @param nonZero true when values are divided by (window scaling)
 */
public record AcceptedValues(int classes, boolean nonZero) implements Serializable {
    public static final AcceptedValues ANY = new AcceptedValues(0, false);
}
