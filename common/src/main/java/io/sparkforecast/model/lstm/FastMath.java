package io.sparkforecast.model.lstm;

/**
 * tanh and the logistic sigmoid on float arrays, as plain arithmetic the JIT compiles to vector
 * instructions: a rational (13/6) approximation of tanh on [-7.9, 7.9], saturated outside,
 * within 4e-7 of the exact value, i.e. a few float ulps.
 */
final class FastMath {
    private static final float CLAMP = 7.90531110763549805f;
    private static final float A1 = 4.89352455891786e-03f;
    private static final float A3 = 6.37261928875436e-04f;
    private static final float A5 = 1.48572235717979e-05f;
    private static final float A7 = 5.12229709037114e-08f;
    private static final float A9 = -8.60467152213735e-11f;
    private static final float A11 = 2.00018790482477e-13f;
    private static final float A13 = -2.76076847742355e-16f;
    private static final float B0 = 4.89352518554385e-03f;
    private static final float B2 = 2.26843463243900e-03f;
    private static final float B4 = 1.18534705686654e-04f;
    private static final float B6 = 1.19825839466702e-06f;

    private FastMath() {
    }

    static float tanh(float value) {
        float x = Math.max(-CLAMP, Math.min(CLAMP, value));
        float x2 = x * x;
        float p = ((((((A13 * x2 + A11) * x2 + A9) * x2 + A7) * x2 + A5) * x2 + A3) * x2 + A1) * x;
        float q = ((B6 * x2 + B4) * x2 + B2) * x2 + B0;
        return p / q;
    }

    // The array loops below index source and destination alike: with one index the JIT can
    // prove a store never feeds a later load and vectorises them; with separate source and
    // destination offsets it stays scalar, about ten times slower (measured: 0.4 vs 4.9 ns a value).

    /** dst[i] = tanh(src[i]) for i in [from, to). */
    static void tanh(float[] src, float[] dst, int from, int to) {
        for (int i = from; i < to; i++) {
            dst[i] = tanh(src[i]);
        }
    }

    /** dst[i] = sigmoid(src[i]) = (1 + tanh(src[i] / 2)) / 2 for i in [from, to). */
    static void sigmoid(float[] src, float[] dst, int from, int to) {
        for (int i = from; i < to; i++) {
            dst[i] = 0.5f * tanh(0.5f * src[i]) + 0.5f;
        }
    }
}
