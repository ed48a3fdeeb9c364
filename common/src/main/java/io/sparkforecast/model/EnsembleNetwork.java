package io.sparkforecast.model;

import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Several trained networks of one shape as ONE network whose output is the mean of theirs, so
 * that score, evaluate, intervals and rnnTimeStep run an ensemble exactly as a single network.
 * Each LSTM layer of the wide network holds the members' units side by side (member m's units
 * at m * units + j of every gate block); its input and recurrent weights are block-diagonal, so
 * a member's units see only the inputs and states they saw in training (the first layer's inputs
 * are shared). The output layer takes each member's weights divided by the member count and the
 * mean of their biases: a linear output is then the members' mean (for a classifier, the softmax
 * of the mean logits).
 */
public final class EnsembleNetwork {
    private static final int GATES = 4;
    private static final String INPUT_WEIGHTS = "W";
    private static final String RECURRENT_WEIGHTS = "RW";
    private static final String BIAS = "b";

    private EnsembleNetwork() {
    }

    /**
     * @param members trained networks of one shape: LSTM layers, then the output layer
     * @param wide    the same network with every LSTM layer members.size() times as wide
     */
    public static MultiLayerNetwork merge(List<MultiLayerNetwork> members, MultiLayerConfiguration wide) {
        if (members.size() == 1) {
            return members.get(0);
        }
        MultiLayerNetwork merged = new MultiLayerNetwork(wide);
        merged.init();
        merged.params().assign(0); // what no member fills stays zero: the blocks between members
        int count = members.size();
        int layers = members.get(0).getnLayers();
        for (int layer = 0; layer < layers; layer++) {
            boolean output = layer == layers - 1;
            for (int m = 0; m < count; m++) {
                MultiLayerNetwork member = members.get(m);
                if (output) {
                    placeOutput(member, merged, layer, m, count);
                } else {
                    placeLstm(member, merged, layer, m);
                }
            }
        }
        return merged;
    }

    /** Member m's LSTM weights into its block of the wide layer. */
    private static void placeLstm(MultiLayerNetwork member, MultiLayerNetwork merged, int layer, int m) {
        INDArray recurrent = member.getParam(layer + "_" + RECURRENT_WEIGHTS);
        int units = (int) recurrent.size(0);
        int wideUnits = (int) merged.getParam(layer + "_" + RECURRENT_WEIGHTS).size(0);
        // The first layer's inputs are the window, shared; a later layer's are the previous wide layer's units.
        INDArray input = member.getParam(layer + "_" + INPUT_WEIGHTS);
        int inputRowOffset = layer == 0 ? 0 : m * (int) input.size(0);
        copyGateBlocks(input, merged.getParam(layer + "_" + INPUT_WEIGHTS), inputRowOffset, m, units, wideUnits);
        copyGateBlocks(recurrent, merged.getParam(layer + "_" + RECURRENT_WEIGHTS), m * units, m, units, wideUnits);
        INDArray bias = member.getParam(layer + "_" + BIAS);
        INDArray wideBias = merged.getParam(layer + "_" + BIAS);
        for (int gate = 0; gate < GATES; gate++) {
            for (int j = 0; j < units; j++) {
                wideBias.putScalar(gate * wideUnits + m * units + j, bias.getDouble(gate * units + j));
            }
        }
    }

    private static void copyGateBlocks(INDArray from, INDArray to, int rowOffset, int m, int units, int wideUnits) {
        for (int row = 0; row < from.size(0); row++) {
            for (int gate = 0; gate < GATES; gate++) {
                for (int j = 0; j < units; j++) {
                    to.putScalar(rowOffset + row, gate * wideUnits + m * units + j,
                            from.getDouble(row, gate * units + j));
                }
            }
        }
    }

    /** Member m's output weights, divided by the member count, into its rows; its bias share added. */
    private static void placeOutput(MultiLayerNetwork member, MultiLayerNetwork merged, int layer, int m, int count) {
        INDArray weights = member.getParam(layer + "_" + INPUT_WEIGHTS);
        INDArray wideWeights = merged.getParam(layer + "_" + INPUT_WEIGHTS);
        int rows = (int) weights.size(0);
        for (int row = 0; row < rows; row++) {
            for (int col = 0; col < weights.size(1); col++) {
                wideWeights.putScalar(m * rows + row, col, weights.getDouble(row, col) / count);
            }
        }
        merged.getParam(layer + "_" + BIAS).addi(member.getParam(layer + "_" + BIAS).div(count));
    }
}
