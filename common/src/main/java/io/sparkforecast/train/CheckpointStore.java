package io.sparkforecast.train;

import io.sparkforecast.model.NetworkBytes;
import io.sparkforecast.storage.Json;
import io.sparkforecast.storage.Storage;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Per-epoch training checkpoints of one model name: the network with its updater state, the
 * best network so far (early stopping) and the training state. Each is written under a
 * staging name and renamed to {@code epoch-NNNNN} when complete, so a half-written checkpoint
 * is never picked up; older checkpoints are removed once a newer one is complete.
 */
public final class CheckpointStore {
    private static final String NETWORK = "network.zip";
    private static final String BEST = "best.zip";
    private static final String STATE = "state.json";
    private static final String PREFIX = "epoch-";

    private final Storage storage;
    private final String root;

    public CheckpointStore(Storage storage, String root) {
        this.storage = storage;
        this.root = root;
    }

    /** A restored checkpoint: the network to continue, the best network so far, the state. */
    public record Checkpoint(String location, MultiLayerNetwork network, MultiLayerNetwork best, TrainingState state) {
    }

    public String root() {
        return root;
    }

    /** The checkpoints of one ensemble member (1-based), in their own directory under this one. */
    public CheckpointStore member(int member) {
        return new CheckpointStore(storage, root + "/member-" + member);
    }

    public void save(MultiLayerNetwork network, MultiLayerNetwork best, TrainingState state) {
        String name = String.format("%s%05d", PREFIX, state.epoch());
        String staging = root + "/_staging-" + name + "-" + UUID.randomUUID();
        storage.mkdirs(staging);
        storage.writeAtomically(staging + "/" + NETWORK, NetworkBytes.of(network));
        if (best != null) {
            storage.writeAtomically(staging + "/" + BEST, NetworkBytes.of(best));
        }
        storage.writeAtomically(staging + "/" + STATE, Json.write(state));
        String target = root + "/" + name;
        storage.delete(target);
        storage.rename(staging, target);
        for (String older : complete()) {
            if (!older.equals(name)) {
                storage.delete(root + "/" + older);
            }
        }
    }

    /** The latest complete checkpoint, if any. */
    public Optional<Checkpoint> latest() {
        List<String> names = complete();
        if (names.isEmpty()) {
            return Optional.empty();
        }
        String dir = root + "/" + names.get(names.size() - 1);
        TrainingState state = Json.read(storage.readString(dir + "/" + STATE), TrainingState.class);
        MultiLayerNetwork best = storage.exists(dir + "/" + BEST) ? NetworkBytes.restore(storage.readBytes(dir + "/" + BEST), true) : null;
        return Optional.of(new Checkpoint(dir, NetworkBytes.restore(storage.readBytes(dir + "/" + NETWORK), true), best, state));
    }

    /** Removes every checkpoint (a fresh start, or training finished). */
    public void clear() {
        storage.delete(root);
    }

    private List<String> complete() {
        return storage.listDirectoryNames(root).stream()
                .filter(name -> name.startsWith(PREFIX))
                .filter(name -> storage.exists(root + "/" + name + "/" + STATE))
                .sorted(Comparator.naturalOrder())
                .toList();
    }
}
