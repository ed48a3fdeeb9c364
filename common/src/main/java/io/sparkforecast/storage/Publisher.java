package io.sparkforecast.storage;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way every output is published (prepared data, model versions, table partitions,
 * reports, tuning results). A publication is written into a staging directory, marked complete,
 * then swapped in for the target by two renames:
 * <pre>
 *   attempt/writing  --(writer done)-->  attempt/ready
 *   target           --(set aside)--->   attempt/old
 *   attempt/ready    --(move in)----->   target
 * </pre>
 * Where both the old and the new output are a single data file (most table partitions), the
 * new file is instead renamed over the old one: one atomic step, no absent target.
 * Staging lives beside the directory readers open ({@code <parent>/.publishing/<name>/...}), so
 * no glob over that directory ({@code table/*}{@code /*.parquet}, {@code table/**}), and no Spark
 * partition discovery, ever reaches it. A run interrupted at any point leaves the target old or
 * new, except between the two renames, where the target is absent until {@link #recover} (called
 * by every publish of it and by the jobs that read it) moves the complete new output in. Leftover
 * staging of abandoned attempts is removed by the next publish once older than
 * {@value #ABANDON_AFTER_KEY} seconds (default six hours), so a concurrent run's staging is
 * never taken from under it.
 *
 * <p>Renames are atomic on local file systems and HDFS. On object stores (S3A, GCS) a directory
 * rename is a copy and a delete, so readers can see a partial target while it runs; use a
 * table format with atomic commits there (see the README).
 */
public final class Publisher {
    /** Hadoop configuration key: age in seconds after which an unfinished attempt counts as abandoned. */
    public static final String ABANDON_AFTER_KEY = "sparkforecast.publish.abandon-after-seconds";
    /** System property naming a {@link Step} after which to halt as if killed (crash-point tests). */
    public static final String CRASH_AFTER_PROPERTY = "sparkforecast.publish.crash-after";

    private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);
    private static final String STAGING_DIR = ".publishing";
    private static final String ATTEMPT_PREFIX = "attempt-";
    private static final String WRITING = "writing";
    private static final String READY = "ready";
    private static final String OLD = "old";
    private static final long DEFAULT_ABANDON_AFTER_SECONDS = 6 * 3600;

    /** The steps of a publication, in order (a single-file replacement skips OLD_SET_ASIDE). */
    public enum Step {
        /** The new output is complete in staging. */
        STAGED,
        /** The previous target has been moved into staging. */
        OLD_SET_ASIDE,
        /** The new output is the target. */
        NEW_IN_PLACE
    }

    /** Thrown by a crash point: stands for a kill, so nothing cleans up after it. */
    public static final class SimulatedCrash extends Error {
        SimulatedCrash(String step) {
            super("simulated crash after " + step);
        }
    }

    private final Storage storage;

    public Publisher(Storage storage) {
        this.storage = storage;
    }

    /** Starts replacing (or creating) directory {@code target}; readers open the target itself. */
    public Publication replace(String target) {
        return begin(storage.qualify(target), storage.qualify(target), true);
    }

    /** Starts replacing partition {@code column=value} of the table at {@code table}; readers open the table. */
    public Publication replacePartition(String table, String partition) {
        String root = storage.qualify(table);
        return begin(root + "/" + partition, root, true);
    }

    /** Starts creating directory {@code target}, which must not exist when it is moved in. */
    public Publication create(String target) {
        return begin(storage.qualify(target), storage.qualify(target), false);
    }

    /** Replaces {@code target} with what {@code writer} writes into the staging path it is given. */
    public String replace(String target, Consumer<String> writer) {
        try (Publication publication = replace(target)) {
            writer.accept(publication.staging());
            return publication.commit();
        }
    }

    /**
     * Finishes or removes what interrupted publications left under {@code readerRoot} (a table, or
     * a directory output): moves a complete new output in where the target is missing, restores a
     * set-aside old one, and deletes abandoned staging.
     */
    public void recover(String readerRoot) {
        String root = storage.qualify(readerRoot);
        String area = stagingArea(root);
        if (!storage.exists(area)) {
            return;
        }
        recoverTarget(root, area);
        for (String name : storage.listDirectoryNames(area)) {
            if (!name.startsWith(ATTEMPT_PREFIX)) {
                recoverTarget(root + "/" + name, area + "/" + name);
            }
        }
        storage.deleteIfEmpty(area);
        storage.deleteIfEmpty(new Path(area).getParent().toString());
    }

    /** Recovers every directory output under {@code parent} (e.g. the versions of one model). */
    public void recoverChildren(String parent) {
        String dir = storage.qualify(parent) + "/" + STAGING_DIR;
        for (String name : storage.listDirectoryNames(dir)) {
            recover(storage.qualify(parent) + "/" + name);
        }
    }

    private Publication begin(String target, String readerRoot, boolean replaceExisting) {
        recover(readerRoot);
        String area = stagingArea(readerRoot) + target.substring(readerRoot.length());
        String attempt = area + "/" + ATTEMPT_PREFIX + System.currentTimeMillis() + "-" + UUID.randomUUID();
        storage.mkdirs(attempt);
        return new Publication(target, readerRoot, attempt, replaceExisting);
    }

    private static String stagingArea(String readerRoot) {
        Path root = new Path(readerRoot);
        return new Path(new Path(root.getParent(), STAGING_DIR), root.getName()).toString();
    }

    /** How old a run's leftovers must be before another run takes them as abandoned. */
    public static long abandonAfterMillis(Storage storage) {
        return 1000 * storage.hadoopConf().getLong(ABANDON_AFTER_KEY, DEFAULT_ABANDON_AFTER_SECONDS);
    }

    private void recoverTarget(String target, String area) {
        long abandonAfterMillis = abandonAfterMillis(storage);
        // Newest first: where several interrupted runs left a complete output, the latest one wins.
        List<String> attempts = storage.listDirectoryNames(area).stream().filter(n -> n.startsWith(ATTEMPT_PREFIX))
                .sorted(Comparator.reverseOrder()).toList();
        for (String name : attempts) {
            String attempt = area + "/" + name;
            boolean targetExists = storage.exists(target);
            if (storage.exists(attempt + "/" + READY) && !targetExists) {
                storage.rename(attempt + "/" + READY, target);
                LOG.warn("publish: completed an interrupted publication of {}", target);
                storage.delete(attempt);
            } else if (storage.exists(attempt + "/" + OLD)) {
                if (!targetExists) {
                    storage.rename(attempt + "/" + OLD, target);
                    LOG.warn("publish: restored the previous {} after an interrupted publication", target);
                }
                storage.delete(attempt);
            } else if (System.currentTimeMillis() - startedAt(name) >= abandonAfterMillis) {
                LOG.info("publish: removing abandoned staging {}", attempt);
                storage.delete(attempt);
            }
        }
        storage.deleteIfEmpty(area);
    }

    private static long startedAt(String attemptName) {
        String millis = attemptName.substring(ATTEMPT_PREFIX.length(), attemptName.indexOf('-', ATTEMPT_PREFIX.length()));
        try {
            return Long.parseLong(millis);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void crashPoint(Step step) {
        if (step.name().equals(System.getProperty(CRASH_AFTER_PROPERTY))) {
            throw new SimulatedCrash(step.name());
        }
    }

    /** One publication in progress: write into {@link #staging()}, then {@link #commit()}. */
    public final class Publication implements AutoCloseable {
        private final String target;
        private final String readerRoot;
        private final String attempt;
        private final boolean replaceExisting;
        private boolean finished;
        private boolean keep;

        private Publication(String target, String readerRoot, String attempt, boolean replaceExisting) {
            this.target = target;
            this.readerRoot = readerRoot;
            this.attempt = attempt;
            this.replaceExisting = replaceExisting;
        }

        /** Where to write the new output (does not exist yet; writers create it). */
        public String staging() {
            return attempt + "/" + WRITING;
        }

        /** Leaves the staging in place if this publication is not committed (e.g. rejects to inspect). */
        public void keepStagingOnFailure() {
            keep = true;
        }

        /** Swaps the staged output in for the target; returns the target. */
        public String commit() {
            if (!storage.exists(staging())) {
                storage.mkdirs(staging());
            }
            String ready = attempt + "/" + READY;
            String old = attempt + "/" + OLD;
            storage.rename(staging(), ready);
            crashPointOrFinish(Step.STAGED);
            boolean replacing = storage.exists(target);
            if (replacing && !replaceExisting) {
                throw new IllegalStateException("cannot publish " + target + ": it already exists");
            }
            Optional<String> newFile = replacing ? storage.onlyDataFile(ready) : Optional.empty();
            Optional<String> oldFile = newFile.isPresent() ? storage.onlyDataFile(target) : Optional.empty();
            if (oldFile.isPresent()) {
                // One file for one file (most partitions): a single rename over it, so readers see
                // the old or the new file at every instant.
                storage.replaceFile(newFile.get(), oldFile.get());
                crashPointOrFinish(Step.NEW_IN_PLACE);
                finished = true;
                removeAttempt();
                return target;
            }
            if (replacing) {
                storage.rename(target, old);
                crashPointOrFinish(Step.OLD_SET_ASIDE);
            }
            try {
                storage.rename(ready, target);
            } catch (RuntimeException e) {
                if (replacing) {
                    storage.rename(old, target);
                }
                throw e;
            }
            crashPointOrFinish(Step.NEW_IN_PLACE);
            finished = true;
            removeAttempt();
            return target;
        }

        private void crashPointOrFinish(Step step) {
            try {
                crashPoint(step);
            } catch (SimulatedCrash crash) {
                finished = true;
                keep = true;
                throw crash;
            }
        }

        /** Deletes the attempt, then each staging directory above it that is left empty. */
        private void removeAttempt() {
            storage.delete(attempt);
            storage.deleteIfEmpty(new Path(attempt).getParent().toString());
            storage.deleteIfEmpty(stagingArea(readerRoot));
            storage.deleteIfEmpty(new Path(stagingArea(readerRoot)).getParent().toString());
        }

        /** Removes the staging of an uncommitted publication (unless asked to keep it). */
        @Override
        public void close() {
            if (!finished && !keep) {
                removeAttempt();
            } else if (!finished) {
                LOG.info("publish: kept the staging of {} in {}", target, staging());
            }
        }
    }
}
