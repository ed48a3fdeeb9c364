package io.sparkforecast.config;

import java.util.Locale;

/** network.lstm: which LSTM layer implementation trains and scores. */
public enum LstmImplementation {
    /** DL4J's LSTM layer. */
    STOCK,
    /** The product's FastLstm (same maths, fewer copies). */
    FAST;

    /** The value as written in configs and logs. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return code();
    }
}
