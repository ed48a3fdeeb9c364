package io.sparkforecast.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import io.sparkforecast.config.ForecastConfig.NetworkSpec;
import io.sparkforecast.config.LstmImplementation;
import io.sparkforecast.core.WindowLayout;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class EnsembleNetworkTest {
    private static final int INPUTS = 2;
    private static final int LOOKBACK = 5;
    private static final int HORIZON = 3;

    @Test
    void theMergedNetworkOutputsTheMeanOfItsMembersWithEitherLstm() {
        for (LstmImplementation lstm : LstmImplementation.values()) {
            NetworkSpec spec = spec(lstm, false, 3);
            List<MultiLayerNetwork> members = members(spec);
            MultiLayerNetwork merged = EnsembleNetwork.merge(members, create(spec.ensembleWide()));

            INDArray windows = Nd4j.rand(DataType.FLOAT, 4, INPUTS, LOOKBACK);
            INDArray mean = Nd4j.zeros(DataType.FLOAT, 4, HORIZON);
            members.forEach(member -> mean.addi(member.output(windows).div(members.size())));
            INDArray output = merged.output(windows);

            assertArrayEquals(new long[] {4, HORIZON}, output.shape());
            assertArrayEquals(mean.toFloatMatrix()[2], output.toFloatMatrix()[2], 1e-5f, lstm.code());
            assertEquals(0, mean.sub(output).amaxNumber().doubleValue(), 1e-5, lstm.code());
        }
    }

    @Test
    void theSummaryCountsTheParametersTheMembersTrained() {
        NetworkSpec spec = spec(LstmImplementation.FAST, false, 3);
        List<MultiLayerNetwork> members = members(spec);
        MultiLayerNetwork merged = EnsembleNetwork.merge(members, create(spec.ensembleWide()));

        ModelSummary summary = ModelSummary.ofEnsemble(merged, members.get(0), 3, INPUTS, LOOKBACK, spec);

        assertEquals(merged.numParams(), summary.parameters());
        assertEquals("(batch, 12)", summary.layers().get(1).outputShape(), "4 units of each of 3 members");
        String trained = String.format("%,d trained parameters", 3 * members.get(0).numParams());
        assertTrue(summary.format().contains("An ensemble of 3 networks") && summary.format().contains(trained),
                summary.format());
        assertTrue(summary.format().lines().allMatch(line -> line.length() <= 72), summary.format());
    }

    @Test
    void aStatefulEnsembleStepsLikeItsMembers() {
        NetworkSpec spec = spec(LstmImplementation.FAST, true, 2);
        List<MultiLayerNetwork> members = members(spec);
        MultiLayerNetwork merged = EnsembleNetwork.merge(members, create(spec.ensembleWide()));

        INDArray sequence = Nd4j.rand(DataType.FLOAT, 1, INPUTS, 7);
        INDArray mean = Nd4j.zeros(DataType.FLOAT, 1, HORIZON);
        for (MultiLayerNetwork member : members) {
            INDArray last = null;
            for (int t = 0; t < 7; t++) {
                last = member.rnnTimeStep(sequence.get(all(), all(), point(t)).reshape(1, INPUTS, 1));
            }
            mean.addi(last.reshape(1, HORIZON).div(members.size()));
        }
        INDArray last = null;
        for (int t = 0; t < 7; t++) {
            last = merged.rnnTimeStep(sequence.get(all(), all(), point(t)).reshape(1, INPUTS, 1));
        }
        assertArrayEquals(mean.toFloatVector(), last.reshape(1, HORIZON).toFloatVector(), 1e-5f);
    }

    @Test
    void oneMemberIsPublishedAsItIs() {
        NetworkSpec spec = spec(LstmImplementation.FAST, false, 1);
        List<MultiLayerNetwork> members = members(spec);
        assertSame(members.get(0), EnsembleNetwork.merge(members, create(spec.ensembleWide())));
    }

    private static NetworkSpec spec(LstmImplementation lstm, boolean stateful, int ensemble) {
        return new NetworkSpec(List.of(3, 4), 0.0, 1.0, lstm, WindowLayout.TIME_STEPS, stateful, 10, ensemble);
    }

    /** Members with different random weights and biases (the output layer's too). */
    private static List<MultiLayerNetwork> members(NetworkSpec spec) {
        List<MultiLayerNetwork> members = new ArrayList<>();
        for (int m = 0; m < spec.ensemble(); m++) {
            MultiLayerNetwork member = new MultiLayerNetwork(NetworkFactory.create(spec, TestNetworks.training(1)
                    .withSeed(11 + m), INPUTS, LOOKBACK, HORIZON));
            member.init();
            Nd4j.getRandom().setSeed(100 + m);
            member.params().assign(Nd4j.rand(DataType.FLOAT, member.params().shape()).subi(0.5));
            members.add(member);
        }
        return members;
    }

    private static MultiLayerConfiguration create(NetworkSpec spec) {
        return NetworkFactory.create(spec, TestNetworks.training(1), INPUTS, LOOKBACK, HORIZON);
    }
}
