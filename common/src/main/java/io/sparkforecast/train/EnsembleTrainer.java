package io.sparkforecast.train;

import io.sparkforecast.config.ForecastConfig.TrainingSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Trains the members of network.ensemble on the same exported batches, each with its own seed
 * (initial weights and batch order) and its own early stopping; a member's checkpoints live in
 * their own directory, so a resumed run skips the members already done.
 * <p>A member that trains in this JVM (one worker on embedded Spark) keeps one core busy, so as
 * many members run at once as Spark has local cores (on two cores and eight small benchmark
 * tables, six members' train stages took 58 s against 72 s one after another: in short runs the
 * JIT compiler wants a core too). Each member runs wholly on one thread, whose ND4J random
 * generator (dropout masks) its network's initialisation seeds, so every member's network is
 * bit for bit the one it gets when the members train one after another. Members trained by
 * parameter averaging already use every worker and run one after another.
 */
final class EnsembleTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(EnsembleTrainer.class);
    /** The MDC key the log pattern prints, so that concurrent members' lines can be told apart. */
    static final String MEMBER_KEY = "member";

    /** The trained networks in seed order, and how each training went. */
    record Members(List<DistributedTrainer.Outcome> outcomes, List<Long> seeds) {
        DistributedTrainer.Outcome first() {
            return outcomes.get(0);
        }

        List<MultiLayerNetwork> networks() {
            return outcomes.stream().map(DistributedTrainer.Outcome::network).toList();
        }
    }

    private final JavaSparkContext sc;
    private final TrainingSpec training;
    private final int count;

    EnsembleTrainer(JavaSparkContext sc, TrainingSpec training, int count) {
        this.sc = sc;
        this.training = training;
        this.count = count;
    }

    /**
     * @param network     a member's network for its training settings (its seed)
     * @param checkpoints where a single network's checkpoints live; a member's are under {@code member(i)}
     * @param fingerprint the prepared data's and settings' (see TrainingFingerprint)
     */
    Members train(Function<TrainingSpec, MultiLayerConfiguration> network, ExportedBatches train,
                  ExportedBatches validation, CheckpointStore checkpoints, String fingerprint) {
        return train(new Setup(network, checkpoints, fingerprint), train, validation, concurrentMembers(train));
    }

    /** What every member shares: how its network is built, the checkpoints' root, the fingerprint. */
    record Setup(Function<TrainingSpec, MultiLayerConfiguration> network, CheckpointStore checkpoints,
                  String fingerprint) {
    }

    /** @param concurrent members trained at once (1: one after another) */
    Members train(Setup setup, ExportedBatches train, ExportedBatches validation, int concurrent) {
        List<TrainingSpec> specs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            specs.add(training.withSeed(training.seed() + i));
        }
        if (count > 1 && concurrent > 1) {
            LOG.info("training {} ensemble members, {} at a time (one core each)", count, concurrent);
        }
        List<DistributedTrainer.Outcome> outcomes = concurrent <= 1
                ? oneAfterAnother(specs, train, validation, setup)
                : concurrently(specs, train, validation, setup, concurrent);
        return new Members(outcomes, specs.stream().map(TrainingSpec::seed).toList());
    }

    /** Local cores, when each member trains on one of them in this JVM; else 1. */
    int concurrentMembers(ExportedBatches train) {
        if (count == 1 || !new DistributedTrainer(sc, training).trainsInThisJvm(train)) {
            return 1;
        }
        return Math.min(count, sc.defaultParallelism());
    }

    private List<DistributedTrainer.Outcome> oneAfterAnother(List<TrainingSpec> specs, ExportedBatches train,
                                                             ExportedBatches validation, Setup setup) {
        List<DistributedTrainer.Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            outcomes.add(trainMember(i, specs.get(i), train, validation, setup));
        }
        return outcomes;
    }

    private List<DistributedTrainer.Outcome> concurrently(List<TrainingSpec> specs, ExportedBatches train,
                                                          ExportedBatches validation, Setup setup, int threads) {
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "ensemble-member-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        List<Future<DistributedTrainer.Outcome>> futures = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            int index = i;
            futures.add(pool.submit(() -> trainMember(index, specs.get(index), train, validation, setup)));
        }
        pool.shutdown();
        return results(futures, pool);
    }

    /**
     * Every member's outcome in order. After a failure the members not started yet are cancelled
     * and those running are waited for (they read the batch files the caller removes next), then
     * the first failure is thrown as it was thrown.
     */
    private static List<DistributedTrainer.Outcome> results(List<Future<DistributedTrainer.Outcome>> futures,
                                                            ExecutorService pool) {
        List<DistributedTrainer.Outcome> outcomes = new ArrayList<>();
        try {
            for (Future<DistributedTrainer.Outcome> future : futures) {
                outcomes.add(future.get());
            }
            return outcomes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pool.shutdownNow();
            throw new IllegalStateException("interrupted while ensemble members trained", e);
        } catch (ExecutionException e) {
            futures.forEach(future -> future.cancel(false));
            awaitRunning(pool);
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    private static void awaitRunning(ExecutorService pool) {
        try {
            pool.awaitTermination(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private DistributedTrainer.Outcome trainMember(int index, TrainingSpec spec, ExportedBatches train,
                                                   ExportedBatches validation, Setup setup) {
        if (count == 1) {
            return new DistributedTrainer(sc, spec).train(setup.network().apply(spec), train, validation,
                    setup.checkpoints(), setup.fingerprint());
        }
        MDC.put(MEMBER_KEY, "member " + (index + 1) + "/" + count + ": ");
        try {
            LOG.info("training with seed {}", spec.seed());
            return new DistributedTrainer(sc, spec).train(setup.network().apply(spec), train, validation,
                    setup.checkpoints().member(index + 1), setup.fingerprint() + "/member-" + spec.seed());
        } finally {
            MDC.remove(MEMBER_KEY);
        }
    }
}
