package io.sparkforecast.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sparkforecast.storage.Storage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportDirectoryTest {
    @TempDir
    Path dir;

    private static List<String> names(Path path) throws IOException {
        try (Stream<Path> files = Files.list(path)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".crc")).sorted().toList();
        }
    }

    @Test
    void aRerunReplacesTheWholeDirectoryAndLeavesNoStaging() throws IOException {
        Storage storage = new Storage(new Configuration());
        String report = dir.resolve("m/v1").toString();
        ReportDirectory.replace(storage, report, Map.of("r.html", new byte[] {1}, "old.png", new byte[] {2}));
        ReportDirectory.replace(storage, report, Map.of("r.html", new byte[] {3}, "new.png", new byte[] {4}));

        assertEquals(List.of("new.png", "r.html"), names(Path.of(report)));
        assertEquals(3, Files.readAllBytes(Path.of(report, "r.html"))[0]);
        assertEquals(List.of("v1"), names(dir.resolve("m")));
    }
}
