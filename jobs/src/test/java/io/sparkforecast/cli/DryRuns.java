package io.sparkforecast.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkforecast.core.ExitCode;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs command lines of the forecast CLI one after another in this JVM, each with --dry-run; each
 * argument is one command line as a JSON array. Prints each run's output, then its exit code on a
 * line of its own ({@link #EXIT}); one JVM pays Java's and Spark's start once for all of them.
 */
final class DryRuns {
    static final String EXIT = "dry run exit code: ";

    private DryRuns() {
    }

    public static void main(String[] commands) throws Exception {
        for (String command : commands) {
            List<String> args = new ArrayList<>();
            for (JsonNode arg : new ObjectMapper().readTree(command)) {
                args.add(arg.asText());
            }
            args.add("--dry-run");
            ExitCode code = ForecastCli.run(args.toArray(String[]::new), System.out, System.out);
            System.out.println(EXIT + code.code());
        }
    }
}
