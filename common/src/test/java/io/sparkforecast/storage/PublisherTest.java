package io.sparkforecast.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The publication protocol on the local file system, halted after each of its steps. */
class PublisherTest {
    @TempDir
    Path dir;

    private final Configuration conf = new Configuration();

    @AfterEach
    void noCrashLeftArmed() {
        System.clearProperty(Publisher.CRASH_AFTER_PROPERTY);
    }

    private Publisher publisher() {
        return new Publisher(new Storage(conf));
    }

    /** A two-file output: replaced by swapping directories. */
    private void publish(String target, String content) {
        Storage storage = new Storage(conf);
        publisher().replace(target, staging -> {
            storage.writeAtomically(staging + "/data.txt", content);
            storage.writeAtomically(staging + "/more.txt", content);
        });
    }

    private String read(Path target) throws IOException {
        return Files.readString(target.resolve("data.txt"));
    }

    private List<String> everything() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.map(p -> dir.relativize(p).toString()).filter(p -> !p.isEmpty()).sorted()
                    .collect(Collectors.toList());
        }
    }

    @ParameterizedTest
    @EnumSource(Publisher.Step.class)
    void aPublicationHaltedAfterAnyStepLeavesOldOrNewAndTheNextRunCleansUp(Publisher.Step step) throws IOException {
        conf.setLong(Publisher.ABANDON_AFTER_KEY, 0);
        Path target = dir.resolve("out/report");
        publish(target.toString(), "old");

        System.setProperty(Publisher.CRASH_AFTER_PROPERTY, step.name());
        assertThrows(Publisher.SimulatedCrash.class, () -> publish(target.toString(), "new"));
        System.clearProperty(Publisher.CRASH_AFTER_PROPERTY);

        switch (step) {
            case STAGED -> assertEquals("old", read(target));
            case OLD_SET_ASIDE -> {
                assertFalse(Files.exists(target), "between the two renames the target is absent");
                publisher().recover(target.toString());
                assertEquals("new", read(target), "recovery completes the publication");
            }
            case NEW_IN_PLACE -> assertEquals("new", read(target));
            default -> throw new IllegalStateException();
        }
        assertTrue(everything().stream().noneMatch(p -> p.startsWith("out/report/") && !p.endsWith("data.txt")
                && !p.endsWith("more.txt") && !p.endsWith(".crc")), "staging is never inside the target: " + everything());

        publish(target.toString(), "next");
        assertEquals("next", read(target));
        assertEquals(List.of("out", "out/report", "out/report/data.txt", "out/report/more.txt"), everything());
    }

    @Test
    void aOneFileOutputIsReplacedByOneRenameOverTheOldFile() throws IOException {
        Storage storage = new Storage(conf);
        Path partition = dir.resolve("table/run_date=2024-01-01");
        try (Publisher.Publication first = publisher().replacePartition(dir.resolve("table").toString(),
                "run_date=2024-01-01")) {
            storage.writeAtomically(first.staging() + "/part-1.parquet", "old");
            first.commit();
        }
        System.setProperty(Publisher.CRASH_AFTER_PROPERTY, Publisher.Step.OLD_SET_ASIDE.name());
        try (Publisher.Publication second = publisher().replacePartition(dir.resolve("table").toString(),
                "run_date=2024-01-01")) {
            storage.writeAtomically(second.staging() + "/part-2.parquet", "new");
            second.commit(); // never sets the old partition aside, so the crash point is not reached
        }
        assertEquals(List.of("part-1.parquet"), Files.list(partition).map(p -> p.getFileName().toString())
                .filter(n -> !n.startsWith(".")).toList());
        assertEquals("new", Files.readString(partition.resolve("part-1.parquet")));
        assertFalse(Files.exists(dir.resolve(".publishing")));
    }

    @Test
    void aYoungUnfinishedAttemptIsLeftToItsOwnerAndAnOldOneRemoved() throws IOException {
        Path target = dir.resolve("out/prepared");
        publish(target.toString(), "old");
        Publisher.Publication concurrent = publisher().replace(target.toString());
        new Storage(conf).writeAtomically(concurrent.staging() + "/data.txt", "concurrent");

        publish(target.toString(), "mine");
        assertTrue(Files.exists(Path.of(concurrent.staging().replace("file:", ""))), "another run's staging is kept");
        assertEquals("concurrent", read(Path.of(concurrent.commit().replace("file:", ""))));

        Publisher.Publication abandoned = publisher().replace(target.toString());
        new Storage(conf).writeAtomically(abandoned.staging() + "/data.txt", "abandoned");
        conf.setLong(Publisher.ABANDON_AFTER_KEY, 0);
        publish(target.toString(), "after");
        assertEquals("after", read(target));
        assertFalse(Files.exists(dir.resolve("out/.publishing")), "abandoned staging removed: " + everything());
    }

    @Test
    void aFailedWriterLeavesThePreviousOutputAndNoStaging() throws IOException {
        Path target = dir.resolve("out/report");
        publish(target.toString(), "old");
        assertThrows(IllegalStateException.class, () -> publisher().replace(target.toString(), staging -> {
            new Storage(conf).writeAtomically(staging + "/data.txt", "half");
            throw new IllegalStateException("writer failed");
        }));
        assertEquals("old", read(target));
        assertFalse(Files.exists(dir.resolve("out/.publishing")));
    }

    @Test
    void createRefusesAnExistingTarget() throws IOException {
        Path target = dir.resolve("models/m/v1");
        Files.createDirectories(target);
        Publisher.Publication publication = publisher().create(target.toString());
        assertThrows(IllegalStateException.class, publication::commit);
        publication.close();
        assertFalse(Files.exists(dir.resolve("models/m/.publishing")));
    }
}
