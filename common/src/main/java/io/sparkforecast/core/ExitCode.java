package io.sparkforecast.core;

/** Process exit codes of the forecast command line; documented in the README. */
public enum ExitCode {
    SUCCESS(0),
    /** A bug or an environment failure (Spark, file system): the log has the stack trace. */
    RUNTIME_FAILURE(1),
    /** Bad command line or configuration: unknown option, bad value, missing file. */
    USAGE(2),
    /** The input data cannot be used: wrong schema, nothing usable left. */
    INVALID_INPUT(3),
    /** No usable model: none published, unknown version, or a corrupt artifact. */
    MODEL_UNAVAILABLE(4);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
