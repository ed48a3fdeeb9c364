package io.sparkforecast.core;

/**
 * An expected failure caused by the user's input, configuration or environment. The command
 * line prints its message as one line (no stack trace) and exits with its code.
 */
public final class JobFailure extends RuntimeException {
    private final ExitCode exitCode;

    private JobFailure(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public static JobFailure usage(String format, Object... args) {
        return new JobFailure(ExitCode.USAGE, String.format(format, args), null);
    }

    public static JobFailure invalidInput(String format, Object... args) {
        return new JobFailure(ExitCode.INVALID_INPUT, String.format(format, args), null);
    }

    public static JobFailure modelUnavailable(String format, Object... args) {
        return new JobFailure(ExitCode.MODEL_UNAVAILABLE, String.format(format, args), null);
    }

    public static JobFailure modelUnavailable(Throwable cause, String format, Object... args) {
        return new JobFailure(ExitCode.MODEL_UNAVAILABLE, String.format(format, args), cause);
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
