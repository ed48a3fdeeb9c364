package io.sparkforecast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkforecast.cli.JobCommandLine.KeyOption;
import io.sparkforecast.core.ExitCode;
import io.sparkforecast.core.JobFailure;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobCommandLineTest {
    private final JobCommandLine score = new JobCommandLine("score", "Forecast every series.",
            List.of(new KeyOption("run-date", "<date>", "run_date", "logical date")));

    @Test
    void collectsConfigOverridesAndMaster() {
        JobCommandLine.Parsed parsed = score.parse(new String[] {"--config", "conf/a.conf", "--set", "training.epochs=2",
            "--run-date", "2024-01-31", "--set", "window.lookback=5", "--master", "local[2]"});
        JobArguments arguments = assertInstanceOf(JobCommandLine.Run.class, parsed).arguments();

        assertEquals(Path.of("conf/a.conf"), arguments.configFile());
        assertEquals(List.of("training.epochs=2", "run_date=2024-01-31", "window.lookback=5"), arguments.overrides());
        assertEquals("local[2]", arguments.master());
    }

    @Test
    void masterIsOptional() {
        JobCommandLine.Parsed parsed = score.parse(new String[] {"--config", "a.conf"});
        assertNull(assertInstanceOf(JobCommandLine.Run.class, parsed).arguments().master());
    }

    @Test
    void helpListsTheJobsOwnOptionsWithoutExiting() {
        JobCommandLine.Parsed parsed = score.parse(new String[] {"--help"});
        String text = assertInstanceOf(JobCommandLine.Help.class, parsed).text();
        assertTrue(text.contains("Usage: forecast score"), text);
        assertTrue(text.contains("--run-date <date>"), text);
        assertTrue(text.contains("sets run_date"), text);
    }

    @Test
    void unknownOptionsAndMissingConfigAreOneLineUsageErrors() {
        JobFailure unknown = assertThrows(JobFailure.class,
                () -> score.parse(new String[] {"--config", "a.conf", "--epochs", "3"}));
        assertEquals(ExitCode.USAGE, unknown.exitCode());
        assertTrue(unknown.getMessage().contains("--epochs"), unknown.getMessage());
        assertTrue(unknown.getMessage().contains("forecast score --help"), unknown.getMessage());

        JobFailure missing = assertThrows(JobFailure.class, () -> score.parse(new String[] {"--set", "a=b"}));
        assertTrue(missing.getMessage().contains("--config"), missing.getMessage());
        assertEquals(1, missing.getMessage().lines().count());

        JobFailure noValue = assertThrows(JobFailure.class, () -> score.parse(new String[] {"--config"}));
        assertTrue(noValue.getMessage().contains("--config"), noValue.getMessage());
    }
}
